import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { closeRecall, createRecall, getRecall, listRecalls, type RecallView } from '../../app/recalls.js';
import { RECALL_REPORT_FORMATS, recallReport, type RecallReportFormat } from '../../app/reports/recall-report.js';
import { formatQuantity, printJson, renderFields, renderTable, type CliIo } from '../output.js';
import { CliFailure, withApp, type CommandContext } from '../runtime.js';

// BRCGS asks that a mock recall trace every unit within four hours.
const BRCGS_LIMIT_MS = 4 * 3_600_000;

const percent = (ratio: number | null) => (ratio === null ? '—' : `${(ratio * 100).toFixed(1)}%`);

function printRecall(io: CliIo, r: RecallView): void {
  io.out(
    renderFields([
      ['Recall', r.id],
      ['Status', `${r.status}${r.drill ? ' (drill)' : ''}${r.hold ? ', stock on recall hold' : ''}`],
      ['Reason', r.reason],
      ['Opened', r.createdAt],
      ['Closed', r.closedAt ? `${r.closedAt}${r.closeNote ? ` — ${r.closeNote}` : ''}` : null],
      ['Lots recalled', r.lots.map((l) => `${l.sku}/${l.lot}`).join(', ')],
      ['Affected lots', r.counts.affectedLots],
      ['Customers', `${r.counts.customers} (${r.counts.customersNotified} notified, ${r.counts.customersAcknowledged} acknowledged)`],
      ['Shipped / recovered', `${formatQuantity(r.effectiveness.shipped)} / ${formatQuantity(r.effectiveness.recovered)} (effectiveness ${percent(r.effectiveness.ratio)})`],
      ['Every unit accounted for', r.accountedFor ? 'yes' : 'NO — see the mass balance'],
      ['Traced in', `${r.durationMs} ms`],
    ]),
  );
  if (r.customers.length > 0) {
    io.out('Customers');
    io.out(
      renderTable(
        ['Code', 'Name', 'Email', 'Phone', 'Shipped', 'Recovered', 'Notified', 'Acknowledged'],
        r.customers.map((c) => [c.code, c.name, c.email, c.phone, formatQuantity(c.quantity), formatQuantity(c.recovered), c.notifiedAt?.slice(0, 16) ?? '', c.acknowledgedAt?.slice(0, 16) ?? '']),
        { align: ['left', 'left', 'left', 'left', 'right', 'right', 'left', 'left'] },
      ),
    );
  }
  if (r.onHand.length > 0) {
    io.out('Stock on hand');
    io.out(
      renderTable(
        ['SKU', 'Lot', 'Location', 'Quantity', 'Status'],
        r.onHand.map((o) => [o.sku, o.lot, o.location, formatQuantity(o.quantity), o.status]),
        { align: ['left', 'left', 'left', 'right', 'left'] },
      ),
    );
  }
}

export function registerRecall(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  const recall = program.command('recall').description('open, follow and report recalls; run mock recall drills');

  recall
    .command('create')
    .description('recall a lot: names affected lots, customers and stock, and puts the stock on recall hold')
    .argument('<sku>', 'item')
    .argument('<lot>', 'lot code')
    .requiredOption('-r, --reason <text>', 'why (e.g. "Listeria found at Farm B")')
    .option('--no-hold', 'do not put the affected stock on recall hold')
    .option('--json', 'print JSON')
    .action(async (sku: string, lot: string, opts: { reason: string; hold: boolean; json?: boolean }) => {
      const view = await withApp(ctx, async (app) => (await createRecall(app, { lots: [{ sku, lot }], reason: opts.reason, hold: opts.hold })).recall);
      if (opts.json) printJson(io, view);
      else printRecall(io, view);
    });

  recall
    .command('drill')
    .description('mock recall: the whole recall without holding stock, timed, with the mass balance checked')
    .argument('<sku>', 'item')
    .argument('<lot>', 'lot code')
    .option('-r, --reason <text>', 'what the drill is for', 'mock recall drill')
    .option('--json', 'print JSON')
    .action(async (sku: string, lot: string, opts: { reason: string; json?: boolean }) => {
      const started = Date.now();
      const view = await withApp(ctx, async (app) => (await createRecall(app, { lots: [{ sku, lot }], reason: opts.reason, drill: true })).recall);
      const elapsed = Date.now() - started;
      if (opts.json) return printJson(io, { ...view, elapsedMs: elapsed });
      printRecall(io, view);
      io.out(
        `Drill ${view.accountedFor ? 'passed' : 'FAILED'}: ${view.counts.affectedLots} lots and ${view.counts.customers} customers traced in ${elapsed} ms ` +
          `(BRCGS allows 4 hours)${view.accountedFor ? ', every unit accounted for' : ', some units are NOT accounted for'}.`,
      );
      if (!view.accountedFor || elapsed > BRCGS_LIMIT_MS) throw new CliFailure('recall drill: not every unit is accounted for');
    });

  recall
    .command('show')
    .description('a recall with its customers, progress and remaining stock')
    .argument('<id>', 'recall id')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const view = await withApp(ctx, (app) => getRecall(app, id));
      if (opts.json) printJson(io, view);
      else printRecall(io, view);
    });

  recall
    .command('list')
    .description('recalls and drills, newest first')
    .option('--open', 'only open recalls')
    .option('--json', 'print JSON')
    .action(async (opts: { open?: boolean; json?: boolean }) => {
      const page = await withApp(ctx, (app) => listRecalls(app, { status: opts.open ? 'open' : undefined }, { limit: 1000 }));
      if (opts.json) return printJson(io, page.items);
      io.out(
        renderTable(
          ['Id', 'Status', 'Opened', 'Lots', 'Affected', 'Customers', 'Reason'],
          page.items.map((r) => [r.id, `${r.status}${r.drill ? ' (drill)' : ''}`, r.createdAt.slice(0, 16), r.lots.map((l) => `${l.sku}/${l.lot}`).join(', '), r.affectedLots, r.customers, r.reason]),
          { align: ['left', 'left', 'left', 'left', 'right', 'right', 'left'] },
        ),
      );
    });

  recall
    .command('report')
    .description('write the report a regulator asks for')
    .argument('<id>', 'recall id')
    .option('-f, --format <format>', `one of ${RECALL_REPORT_FORMATS.join(', ')}`, 'pdf')
    .option('-o, --output <file>', 'where to write it ("-" for standard output); default recall-<id>.<format>')
    .action(async (id: string, opts: { format: string; output?: string }) => {
      if (!(RECALL_REPORT_FORMATS as readonly string[]).includes(opts.format)) {
        throw new CliFailure(`recall report: --format must be one of ${RECALL_REPORT_FORMATS.join(', ')}`);
      }
      const file = await withApp(ctx, (app) => recallReport(app, id, opts.format as RecallReportFormat));
      if (opts.output === '-') {
        if (typeof file.body !== 'string') throw new CliFailure(`recall report: ${opts.format} is binary; write it to a file with --output`);
        io.out(file.body.replace(/\n$/, ''));
        return;
      }
      const path = opts.output ?? file.filename;
      await writeFile(path, file.body);
      io.out(`wrote ${path}`);
    });

  recall
    .command('close')
    .description('close a recall with a note')
    .argument('<id>', 'recall id')
    .option('-n, --note <text>', 'how it ended')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { note?: string; json?: boolean }) => {
      const view = await withApp(ctx, (app) => closeRecall(app, id, { note: opts.note }));
      if (opts.json) printJson(io, view);
      else printRecall(io, view);
    });
}
