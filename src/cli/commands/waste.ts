import { Option, type Command } from 'commander';
import { WASTE_GROUPINGS, wasteReport, type WasteGrouping } from '../../app/waste.js';
import { formatQuantity, printJson, renderTable } from '../output.js';
import { withApp, type CommandContext } from '../runtime.js';

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(2)}%`);

export function registerWaste(program: Command, ctx: CommandContext): void {
  program
    .command('waste')
    .description('written-off quantity and value, and waste rate = written off / (shipped + written off)')
    .option('--from <YYYY-MM>', 'first month (default: eleven months before --to)')
    .option('--to <YYYY-MM>', 'last month (default: this month)')
    .addOption(new Option('--group-by <grouping>', 'rows per').choices(WASTE_GROUPINGS).default('month'))
    .option('--location <code>', 'one location')
    .option('--sku <sku>', 'one item')
    .option('--json', 'print JSON')
    .action(async (opts: { from?: string; to?: string; groupBy: WasteGrouping; location?: string; sku?: string; json?: boolean }) => {
      const report = await withApp(ctx, (app) => wasteReport(app, opts));
      const { io } = ctx;
      if (opts.json) return printJson(io, report);
      const label = (r: (typeof report.rows)[number]) => r.period ?? (r.sku ? `${r.sku} ${r.itemName ?? ''}`.trim() : (r.reason ?? ''));
      io.out(
        renderTable(
          [opts.groupBy === 'month' ? 'Month' : opts.groupBy === 'item' ? 'Item' : 'Reason', 'Written off', 'Value', 'Shipped', 'Waste rate'],
          [
            ...report.rows.map((r) => [label(r), formatQuantity(r.writtenOff), r.value, formatQuantity(r.shipped), percent(r.wasteRate)]),
            ['total', formatQuantity(report.totals.writtenOff), report.totals.value, formatQuantity(report.totals.shipped), percent(report.totals.wasteRate)],
          ],
          { align: ['left', 'right', 'right', 'right', 'right'] },
        ),
      );
      io.out(`${report.from} to ${report.to}, months in ${report.timeZone}${report.note ? `; ${report.note}` : ''}`);
    });
}
