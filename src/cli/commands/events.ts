import { Option, type Command } from 'commander';
import type { EventView } from '../../app/event-views.js';
import { listEvents } from '../../app/events.js';
import { MAX_LIMIT } from '../../app/paging.js';
import { EVENT_TYPES, type EventType } from '../../domain/ledger.js';
import { formatQuantity, printJson, renderTable } from '../output.js';
import { integerOption, withApp, type CommandContext } from '../runtime.js';

const SHOWN_LINES = 3;

function linesCell(e: EventView): string {
  if (e.lines.length === 0) return e.lot ? `${e.lot.sku}/${e.lot.lot}` : '';
  const shown = e.lines.slice(0, SHOWN_LINES).map((l) => `${l.quantity > 0 ? '+' : ''}${formatQuantity(l.quantity)} ${l.sku}/${l.lot} @${l.location}`);
  if (e.lines.length > SHOWN_LINES) shown.push(`… ${e.lines.length - SHOWN_LINES} more`);
  return shown.join('\n');
}

function detailsCell(e: EventView): string {
  const parts = e.documents.map((d) => `${d.type} ${d.number}`);
  if (e.reason) parts.push(`reason: ${e.reason}`);
  if (e.disposition) parts.push(`disposition: ${e.disposition}`);
  if (e.shipment) parts.push(`shipment ${e.shipment}`);
  if (e.reverses) parts.push(`reverses ${e.reverses}`);
  if (e.reversedBy) parts.push(`reversed by ${e.reversedBy}`);
  return parts.join('\n');
}

export function registerEvents(program: Command, ctx: CommandContext): void {
  program
    .command('events')
    .description('the latest ledger events, newest first')
    .addOption(new Option('--type <type>', 'only events of this type').choices(EVENT_TYPES))
    .option('--sku <sku>', 'only events moving this item')
    .option('--lot <lot>', 'only events moving lots with this code')
    .option('--party <code>', 'only events with this supplier or customer')
    .option('--limit <n>', 'how many events', integerOption(1, MAX_LIMIT), 20)
    .option('--json', 'print JSON')
    .action(async (opts: { type?: EventType; sku?: string; lot?: string; party?: string; limit: number; json?: boolean }) => {
      await withApp(ctx, async (app) => {
        const page = await listEvents(app, { type: opts.type, sku: opts.sku, lot: opts.lot, party: opts.party, order: 'desc' }, { limit: opts.limit });
        if (opts.json) return printJson(ctx.io, page.items);
        if (page.items.length === 0) return ctx.io.out('no events');
        ctx.io.out(
          renderTable(
            ['#', 'Time (UTC)', 'Type', 'Party', 'Location', 'Lines', 'Details'],
            page.items.map((e) => [
              e.seq,
              `${e.time.slice(0, 10)} ${e.time.slice(11, 16)}`,
              e.type,
              e.party,
              e.to ? `${e.location} → ${e.to}` : e.location,
              linesCell(e),
              detailsCell(e),
            ]),
            { align: ['right'], separators: true },
          ),
        );
        ctx.io.out(`${page.items.length} ${page.items.length === 1 ? 'event' : 'events'}${page.nextCursor ? ' (more with --limit)' : ''}`);
      });
    });
}
