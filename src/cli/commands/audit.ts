import type { Command } from 'commander';
import { listAudit } from '../../app/audit.js';
import { MAX_LIMIT } from '../../app/paging.js';
import { printJson, renderTable } from '../output.js';
import { integerOption, withApp, type CommandContext } from '../runtime.js';

const brief = (state: unknown): string => (state === null ? '—' : JSON.stringify(state));

export function registerAudit(program: Command, ctx: CommandContext): void {
  program
    .command('audit')
    .description('the audit trail, newest first: who changed master data, users, tokens, holds and recalls')
    .option('--actor <actor>', 'only this actor, e.g. user:alice, token:<id>, cli:root')
    .option('--entity <entity>', 'only this kind of entity: item, party, location, user, token, lot, recall, …')
    .option('--from <time>', 'from this date or ISO time (inclusive)')
    .option('--to <time>', 'to this date or ISO time (exclusive)')
    .option('--limit <n>', 'at most this many entries (default 100)', integerOption(1, MAX_LIMIT))
    .option('--json', 'print JSON')
    .action(async (opts: { actor?: string; entity?: string; from?: string; to?: string; limit?: number; json?: boolean }) => {
      const page = await withApp(ctx, (app) => listAudit(app, { actor: opts.actor, entity: opts.entity, from: opts.from, to: opts.to, limit: opts.limit }));
      if (opts.json) return printJson(ctx.io, page.items);
      if (page.items.length === 0) return ctx.io.out('no audit entries');
      ctx.io.out(
        renderTable(
          ['#', 'At', 'Actor', 'Address', 'Entity', 'Id', 'Action', 'Before', 'After'],
          page.items.map((e) => [e.seq, e.at, e.actor, e.clientAddress ?? '—', e.entity, e.entityId, e.action, brief(e.before), brief(e.after)]),
        ),
      );
    });
}
