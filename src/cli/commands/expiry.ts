import { Option, type Command } from 'commander';
import { DEFAULT_WITHIN_DAYS, listExpiry } from '../../app/expiry.js';
import { writeOffExpired } from '../../app/write-offs-expired.js';
import { formatQuantity, printJson, renderTable } from '../output.js';
import { integerOption, withApp, type CommandContext } from '../runtime.js';

export function registerExpiry(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  program
    .command('expiry')
    .description('stock reaching its expiry (or sell-by) date, soonest first, expired included')
    .option('--within <days>', 'days ahead', integerOption(0, 100_000), DEFAULT_WITHIN_DAYS)
    .addOption(new Option('--basis <basis>', 'which date').choices(['expiry', 'sellBy']).default('expiry'))
    .option('--location <code>', 'one location')
    .option('--sku <sku>', 'one item')
    .option('--json', 'print JSON')
    .action(async (opts: { within: number; basis: 'expiry' | 'sellBy'; location?: string; sku?: string; json?: boolean }) => {
      const page = await withApp(ctx, (app) =>
        listExpiry(app, { withinDays: opts.within, basis: opts.basis, location: opts.location, sku: opts.sku }, { limit: 1000 }),
      );
      if (opts.json) return printJson(io, page.items);
      if (page.items.length === 0) return io.out(`no stock reaches its ${opts.basis === 'sellBy' ? 'sell-by' : 'expiry'} date within ${opts.within} days`);
      io.out(
        renderTable(
          ['Days left', 'SKU', 'Lot', 'Location', 'Quantity', 'Expiry', 'Sell by', 'Status', 'Value'],
          page.items.map((r) => [r.daysLeft, r.sku, r.lot, r.location, `${formatQuantity(r.quantity)} ${r.uom}`, r.expiryDate, r.sellByDate, r.status, r.value]),
          { align: ['right', 'left', 'left', 'left', 'right', 'left', 'left', 'left', 'right'] },
        ),
      );
    });

  program
    .command('write-off-expired')
    .description('write off all expired stock (one event per location); --dry-run shows what it would do')
    .option('--location <code>', 'only this location')
    .option('--sku <sku>', 'only this item')
    .option('--dry-run', 'record nothing')
    .option('--json', 'print JSON')
    .action(async (opts: { location?: string; sku?: string; dryRun?: boolean; json?: boolean }) => {
      const result = await withApp(ctx, (app) => writeOffExpired(app, { location: opts.location, sku: opts.sku, dryRun: opts.dryRun }));
      if (opts.json) return printJson(io, result);
      if (result.lines.length === 0) return io.out(`no expired stock as of ${result.asOf}`);
      io.out(
        renderTable(
          ['SKU', 'Lot', 'Location', 'Quantity', 'Expired', 'Value'],
          result.lines.map((l) => [l.sku, l.lot, l.location, `${formatQuantity(l.quantity)} ${l.uom}`, l.expiryDate, l.value]),
          { align: ['left', 'left', 'left', 'right', 'left', 'right'] },
        ),
      );
      const verb = result.dryRun ? 'would write off' : `wrote off (${result.events.length} events)`;
      io.out(`${verb} ${result.totals.lines} lots, value ${result.totals.value}${result.totals.valueComplete ? '' : ' (some items have no unit cost)'}`);
      if (result.reserved.length > 0) io.out(`${result.reserved.length} expired lots are still reserved by orders and were left alone`);
    });
}
