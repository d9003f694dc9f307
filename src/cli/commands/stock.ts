import type { Command } from 'commander';
import type { App } from '../../app/context.js';
import { MAX_LIMIT } from '../../app/paging.js';
import { listStock, type StockView } from '../../app/stock.js';
import type { StockFilter } from '../../store/balances.repository.js';
import { formatQuantity, printJson, renderTable } from '../output.js';
import { withApp, type CommandContext } from '../runtime.js';

/** Every page of stock: the CLI shows the whole answer, not the API's first page. */
async function allStock(app: App, filter: StockFilter): Promise<StockView[]> {
  const rows: StockView[] = [];
  let cursor: string | undefined;
  do {
    const page = await listStock(app, filter, { limit: MAX_LIMIT, cursor });
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return rows;
}

export function registerStock(program: Command, ctx: CommandContext): void {
  program
    .command('stock')
    .description('stock on hand per lot and location')
    .option('--sku <sku>', 'only this item')
    .option('--lot <lot>', 'only lots with this code')
    .option('--location <code>', 'only this location')
    .option('--json', 'print JSON')
    .action(async (opts: { sku?: string; lot?: string; location?: string; json?: boolean }) => {
      await withApp(ctx, async (app) => {
        const rows = await allStock(app, { sku: opts.sku, lot: opts.lot, location: opts.location });
        if (opts.json) return printJson(ctx.io, rows);
        if (rows.length === 0) return ctx.io.out('no stock on hand');
        ctx.io.out(
          renderTable(
            ['SKU', 'Lot', 'Location', 'Quantity', 'Expiry', 'Status'],
            rows.map((r) => [r.sku, r.lot, r.location, formatQuantity(r.quantity), r.expiryDate ?? '—', r.status]),
            { align: ['left', 'left', 'left', 'right'] },
          ),
        );
        ctx.io.out(`${rows.length} ${rows.length === 1 ? 'balance' : 'balances'}`);
      });
    });
}
