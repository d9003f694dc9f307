import type { Command } from 'commander';
import { getLot } from '../../app/lots.js';
import { formatQuantity, printJson, renderFields, renderTable } from '../output.js';
import { withApp, type CommandContext } from '../runtime.js';

export function registerLot(program: Command, ctx: CommandContext): void {
  program
    .command('lot')
    .description('one lot: dates, status, stock per location and movement totals')
    .argument('<sku>', 'item')
    .argument('<lot>', 'lot code')
    .option('--json', 'print JSON')
    .action(async (sku: string, code: string, opts: { json?: boolean }) => {
      await withApp(ctx, async (app) => {
        const lot = await getLot(app, sku, code);
        if (opts.json) return printJson(ctx.io, lot);
        const { io } = ctx;
        io.out(
          renderFields([
            ['SKU', lot.sku],
            ['Lot', lot.lot],
            ['Status', lot.holdReason ? `${lot.status} (${lot.holdReason})` : lot.status],
            ['Origin', lot.origin],
            ['Supplier', lot.supplier],
            ['Supplier lot', lot.supplierLot],
            ['Production date', lot.productionDate],
            ['Expiry date', lot.expiryDate],
            ['Sell-by date', lot.sellByDate],
          ]),
        );
        io.out('Stock on hand');
        io.out(
          renderTable(
            ['Location', 'Quantity'],
            [...lot.onHand.map((b) => [b.location, formatQuantity(b.quantity)]), ['total', formatQuantity(lot.totals.onHand)]],
            { align: ['left', 'right'] },
          ),
        );
        io.out('Totals');
        const t = lot.totals;
        io.out(
          renderTable(
            ['Received', 'Produced', 'Consumed', 'Shipped', 'Returned', 'Written off', 'Adjusted', 'On hand'],
            [[t.received, t.produced, t.consumed, t.shipped, t.returned, t.writtenOff, t.adjusted, t.onHand].map(formatQuantity)],
            { align: Array(8).fill('right') },
          ),
        );
      });
    });
}
