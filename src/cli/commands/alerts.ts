import type { Command } from 'commander';
import { evaluateAlerts, listAlerts } from '../../app/alerts.js';
import { formatQuantity, printJson, renderTable } from '../output.js';
import { withApp, type CommandContext } from '../runtime.js';

export function registerAlerts(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  const alerts = program.command('alerts').description('expiry, sell-by and expired-stock alerts');

  alerts
    .command('run')
    .description('raise the alerts due today (each lot and threshold once) and queue their webhooks')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const run = await withApp(ctx, (app) => evaluateAlerts(app));
      if (opts.json) return printJson(io, run);
      if (run.raised.length === 0) return io.out(`no new alerts for ${run.today}`);
      io.out(
        renderTable(
          ['Kind', 'SKU', 'Lot', 'Days left', 'Quantity', 'Date'],
          run.raised.map((a) => [a.kind, a.sku, a.lot, a.daysLeft, `${formatQuantity(a.quantity)} ${a.uom}`, a.date]),
          { align: ['left', 'left', 'left', 'right', 'right', 'left'] },
        ),
      );
      io.out(`${run.raised.length} alerts raised for ${run.today}; ${run.deliveriesQueued} webhook deliveries queued`);
    });

  alerts
    .command('list')
    .description('open alerts, newest first')
    .option('--all', 'acknowledged ones too')
    .option('--json', 'print JSON')
    .action(async (opts: { all?: boolean; json?: boolean }) => {
      const page = await withApp(ctx, (app) => listAlerts(app, { status: opts.all ? undefined : 'open' }, { limit: 1000 }));
      if (opts.json) return printJson(io, page.items);
      if (page.items.length === 0) return io.out('no alerts');
      io.out(
        renderTable(
          ['Raised', 'Kind', 'SKU', 'Lot', 'Days left', 'Quantity', 'Status'],
          page.items.map((a) => [a.raisedAt.slice(0, 10), a.kind, a.sku, a.lot, a.daysLeft, `${formatQuantity(a.quantity)} ${a.uom}`, a.status]),
          { align: ['left', 'left', 'left', 'left', 'right', 'right', 'left'] },
        ),
      );
    });
}
