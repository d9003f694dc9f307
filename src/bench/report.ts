import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { SIZE_CLASSES, type BenchResult } from './run.js';
import type { Latency } from './stats.js';

/**
 * The benchmark's table: absolute figures, the baseline and the ratio, the target and whether it
 * holds — the same rows on the terminal and in docs/benchmarks.md.
 */
export type Row = [measure: string, value: string, baseline: string, ratio: string, target: string, met: string];

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const lat = (l: Latency) => `p50 ${ms(l.p50)} / p95 ${ms(l.p95)} / p99 ${ms(l.p99)} / max ${ms(l.max)} ms`;
const int = (x: number) => Math.round(x).toLocaleString('en-US');
const ratio = (x: number) => (Number.isFinite(x) ? `${x >= 10 ? x.toFixed(0) : x.toFixed(1)}×` : '—');
const check = (ok: boolean) => (ok ? 'yes' : 'NO');

function traceRows(traces: NonNullable<BenchResult['traces']>): Row[] {
  const rows: Row[] = [];
  const traceTarget = { small: 5, medium: 50, hub: 500 } as const;
  for (const t of traces.figures) {
    const target = traceTarget[t.sizeClass];
    rows.push([
      `trace ${t.direction}, ${SIZE_CLASSES[t.sizeClass]} (n=${t.trace.n}, closure ${t.closure.min}–${t.closure.max})`,
      lat(t.trace),
      `in memory ${lat(t.memory)}`,
      `${ratio(t.memoryRatio)} of in-memory`,
      `p99 ≤ ${target} ms; ≤ 20× in-memory`,
      `${check(t.trace.p99 <= target)}; ${check(t.memoryRatio <= 20)}`,
    ]);
    rows.push([
      '  closure alone (the recursive CTE)',
      lat(t.walk),
      `in memory ${lat(t.memory)}`,
      `${ratio(t.walkRatio)} of in-memory`,
      '≤ 20× in-memory',
      check(t.walkRatio <= 20),
    ]);
    rows.push([
      `  per-node walk, same roots (n=${t.perNode.n})`,
      `${t.statements.join(' / ')} statements per trace`,
      `per-node ${lat(t.perNode)}`,
      `${ratio(t.perNodeRatio)} faster`,
      '≥ 20× faster; statements constant',
      `${check(t.perNodeRatio >= 20)}; ${check(t.statements.length === 1)}`,
    ]);
  }
  const statementCounts = new Set(traces.figures.flatMap((t) => t.statements));
  rows.push(['statements per trace, all sizes', [...statementCounts].join(', '), '', '', 'independent of closure size', check(statementCounts.size === 1)]);
  rows.push(['identical closures (trace, its CTE alone, in-memory, per-node)', `${traces.closuresChecked - traces.closureMismatches} of ${traces.closuresChecked}`, '', '', 'all', check(traces.closureMismatches === 0)]);
  return rows;
}

function recallRows(recall: NonNullable<BenchResult['recall']>): Row[] {
  return [
    [`recall drill (forward, up to ${recall.maxLots} lots)`, lat(recall.drill), '', '', '', ''],
    ['recall report JSON', lat(recall.json), '', '', 'p99 ≤ 250 ms (≤10 000 lots)', check(recall.json.p99 <= 250)],
    ['recall report CSV', lat(recall.csv), '', '', '', ''],
  ];
}

function ingestionRows(i: NonNullable<BenchResult['ingestion']>): Row[] {
  const rows: Row[] = [];
  rows.push(['ingestion batched (recordEvents), full database', `${int(i.batchedFull.linesPerSecond)} lines/s, ${int(i.batchedFull.eventsPerSecond)} events/s`, `bare insert ${int(i.bare.linesPerSecond)} lines/s`, `${(i.batchedFull.linesPerSecond / i.bare.linesPerSecond).toFixed(2)}× of bare`, '≥ 50 000 lines/s; ≥ 0.2× bare', `${check(i.batchedFull.linesPerSecond >= 50_000)}; ${check(i.batchedFull.linesPerSecond / i.bare.linesPerSecond >= 0.2)}`]);
  rows.push(['ingestion one event per transaction, full database', `${int(i.oneByOneFull.eventsPerSecond)} events/s, ${int(i.oneByOneFull.linesPerSecond)} lines/s`, '', '', '≥ 5 000 events/s', check(i.oneByOneFull.eventsPerSecond >= 5000)]);
  if (i.batchedEmpty && i.oneByOneEmpty) {
    const b = i.batchedFull.linesPerSecond / i.batchedEmpty.linesPerSecond;
    const o = i.oneByOneFull.eventsPerSecond / i.oneByOneEmpty.eventsPerSecond;
    rows.push(['ingestion batched, empty database', `${int(i.batchedEmpty.linesPerSecond)} lines/s`, '', `full = ${b.toFixed(2)}× empty`, 'full within 20% of empty', check(b >= 0.8)]);
    rows.push(['ingestion one per transaction, empty database', `${int(i.oneByOneEmpty.eventsPerSecond)} events/s`, '', `full = ${o.toFixed(2)}× empty`, 'full within 20% of empty', check(o >= 0.8)]);
  }
  return rows;
}

export function resultRows(r: BenchResult): Row[] {
  const rows: Row[] = [];
  if (r.traces) rows.push(...traceRows(r.traces));
  if (r.recall) rows.push(...recallRows(r.recall));
  if (r.ingestion) rows.push(...ingestionRows(r.ingestion));
  if (r.fefo) rows.push(['FEFO allocation (10-line orders, balance projection)', `${int(r.fefo.linesPerSecond)} lines/s`, `ledger-summed ${int(r.fefo.ledgerSumLinesPerSecond)} lines/s`, `${ratio(r.fefo.linesPerSecond / r.fefo.ledgerSumLinesPerSecond)} faster; picks ${r.fefo.identical ? 'identical' : 'DIFFER'}`, '≥ 10 000 lines/s', check(r.fefo.linesPerSecond >= 10_000 && r.fefo.identical)]);
  if (r.expiry) rows.push(['expiry list (30 days, page of 100)', lat(r.expiry), '', '', 'p99 ≤ 20 ms', check(r.expiry.p99 <= 20)]);
  rows.push(['peak RSS', `${int(r.peakRssBytes / 2 ** 20)} MiB`, '', '', '', '']);
  rows.push(['database size on disk', `${(r.databaseBytes / 2 ** 30).toFixed(2)} GiB`, '', '', '', '']);
  return rows;
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}`;
}

const cell = (s: string) => s.replaceAll('|', '\\|');

export function markdownSection(r: BenchResult, meta: { command: string; engine: string; generate?: string }): string {
  const d = r.dataset;
  return [
    `### ${r.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${d.lots.toLocaleString('en-US')} lots / ${d.lines.toLocaleString('en-US')} movement lines`,
    '',
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${machine()}`,
    `- Engine: ${meta.engine}`,
    // Shared machines make every figure slower; the load says how much else was running.
    `- Load average at the end of the run (1/5/15 min): ${loadavg().map((l) => l.toFixed(1)).join(' / ')}`,
    `- Command: \`${meta.command}\``,
    `- Data: ${d.lots.toLocaleString('en-US')} lots, ${d.events.toLocaleString('en-US')} events, ${d.lines.toLocaleString('en-US')} lines, ${d.links.toLocaleString('en-US')} lot links, ${d.balances.toLocaleString('en-US')} balance rows${meta.generate ? `; ${meta.generate}` : ''}`,
    `- Bench run took ${r.seconds.toFixed(0)} s`,
    '',
    '| Measure | Lotline | Baseline | Ratio | Target | Met |',
    '|---|---|---|---|---|---|',
    ...resultRows(r).map((row) => `| ${row.map(cell).join(' | ')} |`),
    '',
  ].join('\n');
}

/**
 * Puts a run's section into docs/benchmarks.md between markers named by the engine, leaving the
 * rest of the document (the analysis) as it is.
 */
export function writeMarkdown(path: string, key: string, section: string): void {
  const begin = `<!-- bench:${key} -->`;
  const end = `<!-- /bench:${key} -->`;
  const block = `${begin}\n${section}${end}`;
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n\n';
  const from = current.indexOf(begin);
  const to = current.indexOf(end);
  const next = from >= 0 && to > from ? `${current.slice(0, from)}${block}${current.slice(to + end.length)}` : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(path, next);
}
