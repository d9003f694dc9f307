import type { Command } from 'commander';
import { traceLot } from '../../app/trace.js';
import { formatQuantity, printJson, renderTable } from '../output.js';
import { withApp, type CommandContext } from '../runtime.js';
import { traceTree } from '../trace-tree.js';

export function registerTrace(program: Command, ctx: CommandContext): void {
  program
    .command('trace')
    .description('where a lot came from (suppliers) and where it went (customers), as an indented tree')
    .argument('<sku>', 'item')
    .argument('<lot>', 'lot code')
    .option('--backward', 'only where it came from')
    .option('--forward', 'only where it went')
    .option('--json', 'print the trace as JSON (the API shape)')
    .action(async (sku: string, lot: string, opts: { backward?: boolean; forward?: boolean; json?: boolean }) => {
      const direction = opts.backward && !opts.forward ? 'backward' : opts.forward && !opts.backward ? 'forward' : 'both';
      const trace = await withApp(ctx, (app) => traceLot(app, sku, lot, direction));
      const { io } = ctx;
      if (opts.json) return printJson(io, trace);
      if (direction !== 'forward') {
        io.out('Where it came from');
        io.out(traceTree(trace, 'backward').join('\n'));
      }
      if (direction !== 'backward') {
        if (direction === 'both') io.out('');
        io.out('Where it went');
        io.out(traceTree(trace, 'forward').join('\n'));
        if (trace.customers.length > 0) {
          io.out('');
          io.out(
            renderTable(
              ['Customer', 'Name', 'Email', 'Phone', 'Shipped', 'Returned'],
              trace.customers.map((c) => [c.code, c.name, c.email, c.phone, formatQuantity(c.quantity), formatQuantity(c.returned)]),
              { align: ['left', 'left', 'left', 'left', 'right', 'right'] },
            ),
          );
        }
      }
      const balance = trace.massBalance.closes
        ? `mass balance closes for all ${trace.massBalance.lots} lots`
        : `MASS BALANCE DOES NOT CLOSE for ${trace.massBalance.unbalanced.map((u) => `${u.sku}/${u.lot} (${formatQuantity(u.difference)})`).join(', ')}`;
      io.out('');
      io.out(`${trace.lots.length} lots, ${trace.customers.length} customers, ${trace.onHand.length} stock positions; ${balance}`);
    });
}
