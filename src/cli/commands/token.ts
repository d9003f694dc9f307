import { Option, type Command } from 'commander';
import { currentActor, ROLES, type Role } from '../../app/actor.js';
import { createToken, listTokens, revokeToken } from '../../app/tokens.js';
import { printJson, renderTable } from '../output.js';
import { allPages } from '../pages.js';
import { withApp, type CommandContext } from '../runtime.js';

export function registerToken(program: Command, ctx: CommandContext): void {
  const token = program.command('token').description('manage API tokens for integrations');
  token
    .command('create <name>')
    .description('create an API token and print it once (send it as Authorization: Bearer <token>)')
    .addOption(new Option('--role <role>', 'what the token may do').choices(ROLES).makeOptionMandatory())
    .option('--json', 'print JSON')
    .action(async (name: string, opts: { role: Role; json?: boolean }) => {
      const created = await withApp(ctx, (app) => createToken(app, currentActor(), { name, role: opts.role }));
      if (opts.json) return printJson(ctx.io, created);
      ctx.io.out(`created ${created.role} token "${created.name}" (id ${created.id})`);
      ctx.io.out(`token (shown only now): ${created.token}`);
    });
  token
    .command('list')
    .description('list API tokens')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const rows = await withApp(ctx, (app) => allPages((page) => listTokens(app, currentActor(), page)));
      if (opts.json) return printJson(ctx.io, rows);
      if (rows.length === 0) return ctx.io.out('no tokens');
      ctx.io.out(renderTable(['Id', 'Name', 'Role', 'Created by', 'Created', 'Revoked'], rows.map((r) => [r.id, r.name, r.role, r.createdBy ?? '—', r.createdAt, r.revokedAt ?? '—'])));
    });
  token
    .command('revoke <id>')
    .description('revoke an API token at once')
    .action(async (id: string) => {
      await withApp(ctx, (app) => revokeToken(app, currentActor(), id));
      ctx.io.out(`revoked token ${id}`);
    });
}
