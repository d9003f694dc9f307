import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { sql } from 'kysely';
import { fixedClock, openApp, type App } from '../app/context.js';
import { Random } from '../app/demo/random.js';
import { createRecall } from '../app/recalls.js';
import { recallReport } from '../app/reports/recall-report.js';
import { listExpiry } from '../app/expiry.js';
import { allocate, type Candidate } from '../domain/fefo.js';
import { allocateLinesAt, customerPolicy } from '../app/reservations.js';
import { traceOf, traceView } from '../app/trace.js';
import { addDays } from '../domain/dates.js';
import { toMicro } from '../domain/quantity.js';
import type { TraceDirection } from '../domain/trace.js';
import { closureIds } from '../store/trace.repository.js';
import { inReadTransaction } from '../store/transaction.js';
import { DISTRIBUTION_CENTRE } from './catalog.js';
import { closureHash, loadGenealogy, memoryClosure, perNodeClosure, type Genealogy } from './graph.js';
import { bareInsert, ingestBatched, ingestOneByOne, loadMaster, type IngestionFigures } from './ingestion.js';
import { latency, timed, type Latency } from './stats.js';

/** Which traces are grouped together: by the size of the closure, and the hub lots apart. */
export type SizeClass = 'small' | 'medium' | 'hub';
export const SIZE_CLASSES: Record<SizeClass, string> = { small: '≤100 lots', medium: '101–10 000 lots', hub: 'hub lots' };

export interface TraceFigures {
  sizeClass: SizeClass;
  direction: Exclude<TraceDirection, 'both'>;
  closure: { min: number; max: number };
  trace: Latency;
  /** SQL statements per trace: the distinct counts seen (one value when independent of size). */
  statements: number[];
  memory: Latency;
  perNode: Latency;
  /** On the roots the per-node walk ran on: its median time over the trace's. */
  perNodeRatio: number;
  /** Median trace time over the in-memory walk's, on the same roots. */
  memoryRatio: number;
  /** The trace's recursive CTE alone (the closure, nothing fetched about it). */
  walk: Latency;
  /** Median time of the recursive CTE alone over the in-memory walk's. */
  walkRatio: number;
}

/** The parts of a run; `--only` measures some of them (the trace roots are picked for recalls too). */
export const BENCH_PARTS = ['traces', 'recalls', 'fefo', 'expiry', 'ingestion'] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

export interface BenchResult {
  dialect: 'sqlite' | 'postgres';
  dataset: { lots: number; events: number; lines: number; links: number; balances: number };
  /** The figures of the parts measured (all of them unless `--only`). */
  traces?: { figures: TraceFigures[]; closuresChecked: number; closureMismatches: number };
  recall?: { drill: Latency; json: Latency; csv: Latency; maxLots: number };
  ingestion?: { batchedFull: IngestionFigures; oneByOneFull: IngestionFigures; bare: IngestionFigures; batchedEmpty?: IngestionFigures; oneByOneEmpty?: IngestionFigures };
  fefo?: { linesPerSecond: number; ledgerSumLinesPerSecond: number; lines: number; identical: boolean };
  expiry?: Latency;
  peakRssBytes: number;
  databaseBytes: number;
  seconds: number;
}

export interface BenchOptions {
  url: string;
  /** A database with the same master data and no history, to compare ingestion with (omit to skip). */
  emptyUrl?: string;
  /** The parts to measure; all by default. */
  parts?: readonly BenchPart[];
  seed?: number;
  /** Traces measured per size class and direction, and how many of them the per-node walk repeats. */
  samples?: { small: number; medium: number; hub: number; perNode: number };
  recalls?: number;
  ingestionRounds?: { batched: number; oneByOne: number };
  fefoOrders?: number;
  expiryQueries?: number;
  log?: (message: string) => void;
}

interface Root {
  id: number;
  sku: string;
  code: string;
}

/** Counts the statements run through the app's store (set by the `onQuery` hook). */
class Counter {
  n = 0;
}

async function openBenchApp(url: string, counter: Counter): Promise<App> {
  // The business day after the last event: expiry and shelf-life rules see the data as current.
  const probe = await openApp({ databaseUrl: url });
  const last = await probe.store.db.selectFrom('events').select('time').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  await probe.close();
  const today = last ? addDays(last.time.slice(0, 10), 1) : '2026-07-01';
  return openApp({ databaseUrl: url, clock: fixedClock(`${today}T12:00:00Z`), timeZone: 'UTC', store: { onQuery: () => void counter.n++ } });
}

async function datasetCounts(app: App): Promise<BenchResult['dataset']> {
  const { rows } = await sql<Record<string, number>>`select (select count(*) from lots) as lots, (select count(*) from events) as events,
    (select count(*) from event_lines) as lines, (select count(*) from lot_links) as links, (select count(*) from balances) as balances`.execute(app.store.db);
  const r = rows[0]!;
  return { lots: Number(r.lots), events: Number(r.events), lines: Number(r.lines), links: Number(r.links), balances: Number(r.balances) };
}

/** The trace exactly as `traceLot` runs it, keeping the closure's ids to compare with the baselines. */
async function traceOnce(app: App, root: Root, direction: TraceDirection): Promise<number[]> {
  const data = await traceOf(app, { sku: root.sku, lot: root.code }, direction);
  traceView(data, direction, app.today());
  return data.lots.map((l) => l.id);
}

/** Sample roots per size class and direction, sized by the in-memory walk. */
function pickRoots(g: Genealogy, random: Random, samples: NonNullable<BenchOptions['samples']>): Map<string, { ids: number[]; sizes: number[] }> {
  const out = new Map<string, { ids: number[]; sizes: number[] }>();
  const add = (cls: SizeClass, dir: string, id: number, size: number, limit: number) => {
    const key = `${cls}:${dir}`;
    const entry = out.get(key) ?? { ids: [], sizes: [] };
    if (entry.ids.length < limit && !entry.ids.includes(id)) {
      entry.ids.push(id);
      entry.sizes.push(size);
    }
    out.set(key, entry);
  };
  // Hubs: the 0.1 % of lots consumed into the most batches.
  const degree = (id: number) => g.forward.offsets[id + 1]! - g.forward.offsets[id]!;
  const all = Array.from({ length: g.maxLotId }, (_, i) => i + 1);
  const hubCount = Math.max(1, Math.ceil(g.maxLotId / 1000));
  const hubs = all.sort((a, b) => degree(b) - degree(a)).slice(0, hubCount);
  const hubSet = new Set(hubs);
  const seen = new Uint8Array(g.maxLotId + 1);
  for (const id of random.shuffle(hubs).slice(0, samples.hub)) add('hub', 'forward', id, memoryClosure(g, [id], 'forward', seen).length, samples.hub);
  // Everything else by closure size; medium closures are rare, so look at many lots to find them.
  for (let tries = 0; tries < 200_000; tries++) {
    const id = random.int(1, g.maxLotId);
    if (hubSet.has(id)) continue;
    for (const dir of ['backward', 'forward'] as const) {
      const size = memoryClosure(g, [id], dir, seen).length;
      if (size <= 100) add('small', dir, id, size, samples.small);
      else if (size <= 10_000) add('medium', dir, id, size, samples.medium);
    }
    const full = ['small:backward', 'small:forward', 'medium:backward', 'medium:forward'].every((k) => (out.get(k)?.ids.length ?? 0) >= (k.startsWith('small') ? samples.small : samples.medium));
    if (full && tries > 1000) break;
  }
  return out;
}

async function lotsById(app: App, ids: readonly number[]): Promise<Map<number, Root>> {
  const out = new Map<number, Root>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await app.store.db.selectFrom('lots').select(['id', 'sku', 'code']).where('id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) out.set(Number(r.id), { id: Number(r.id), sku: r.sku, code: r.code });
  }
  return out;
}

const median = (xs: number[]) => latency(xs).p50;

type RootGroups = ReturnType<typeof pickRoots>;

async function measureTraces(app: App, counter: Counter, g: Genealogy, groups: RootGroups, roots: Map<number, Root>, samples: NonNullable<BenchOptions['samples']>, log: (m: string) => void): Promise<NonNullable<BenchResult['traces']>> {
  const seen = new Uint8Array(g.maxLotId + 1);
  // Warm caches and the JIT on a few traces first.
  for (const e of [...groups.values()].slice(0, 2)) for (const id of e.ids.slice(0, 5)) await traceOnce(app, roots.get(id)!, 'both');
  const figures: TraceFigures[] = [];
  let checked = 0;
  let mismatches = 0;
  for (const cls of ['small', 'medium', 'hub'] as const) {
    for (const direction of ['backward', 'forward'] as const) {
      const group = groups.get(`${cls}:${direction}`);
      if (!group || group.ids.length === 0) continue;
      const traceMs: number[] = [];
      const memoryMs: number[] = [];
      const walkMs: number[] = [];
      const perNodeMs: number[] = [];
      const tracePaired: number[] = [];
      const statements = new Set<number>();
      for (const [i, id] of group.ids.entries()) {
        const root = roots.get(id)!;
        counter.n = 0;
        const t = await timed(() => traceOnce(app, root, direction));
        statements.add(counter.n);
        traceMs.push(t.ms);
        const m = await timed(() => memoryClosure(g, [id], direction, seen));
        memoryMs.push(m.ms);
        const w = await timed(() => closureIds(app.store.db, app.store.dialect, [id], direction));
        walkMs.push(w.ms);
        const hashes = [closureHash(t.result), closureHash(m.result), closureHash(w.result)];
        if (i < samples.perNode) {
          const p = await timed(() => inReadTransaction(app.store, (trx) => perNodeClosure(trx, [id], direction)));
          perNodeMs.push(p.ms);
          tracePaired.push(t.ms);
          hashes.push(closureHash(p.result.ids));
        }
        checked++;
        if (new Set(hashes).size !== 1) mismatches++;
      }
      const f: TraceFigures = {
        sizeClass: cls,
        direction,
        closure: { min: Math.min(...group.sizes), max: Math.max(...group.sizes) },
        trace: latency(traceMs),
        statements: [...statements].sort((a, b) => a - b),
        memory: latency(memoryMs),
        perNode: latency(perNodeMs),
        perNodeRatio: median(perNodeMs) / median(tracePaired),
        memoryRatio: median(traceMs) / median(memoryMs),
        walk: latency(walkMs),
        walkRatio: median(walkMs) / median(memoryMs),
      };
      log(`trace ${cls} ${direction}: n=${f.trace.n} closure ${f.closure.min}–${f.closure.max}, p50 ${f.trace.p50.toFixed(2)} ms, p99 ${f.trace.p99.toFixed(2)} ms, statements ${f.statements.join('/')}`);
      figures.push(f);
    }
  }
  return { figures, closuresChecked: checked, closureMismatches: mismatches };
}

async function measureRecalls(app: App, roots: Root[]): Promise<NonNullable<BenchResult['recall']>> {
  const drill: number[] = [];
  const json: number[] = [];
  const csv: number[] = [];
  let maxLots = 0;
  for (const root of roots) {
    const d = await timed(() => createRecall(app, { lots: [{ sku: root.sku, lot: root.code }], reason: 'benchmark drill', drill: true }));
    drill.push(d.ms);
    maxLots = Math.max(maxLots, d.result.recall.counts.affectedLots);
    json.push((await timed(() => recallReport(app, d.result.recall.id, 'json'))).ms);
    csv.push((await timed(() => recallReport(app, d.result.recall.id, 'csv'))).ms);
  }
  return { drill: latency(drill), json: latency(json), csv: latency(csv), maxLots };
}

/** Orders allocated before the FEFO figures are taken, not counted (see `measureFefo`). */
const FEFO_WARM_UP_ORDERS = 100;
/** Orders the ledger-summing baseline allocates (the first of those the app allocates). */
const FEFO_BASELINE_ORDERS = 100;

/**
 * FEFO picking of sales-order lines at the distribution centre: the app's path (the balance
 * projection) against on hand summed from the ledger lines at query time. Both allocate with the
 * same algorithm, so their picks must be identical. Both are measured in a steady state, as a
 * running service allocates: after other orders (a hundred for the app, a few for the far slower
 * baseline) have brought the JIT up and the location's stock into SQLite's page cache.
 */
async function measureFefo(app: App, random: Random, orders: number): Promise<NonNullable<BenchResult['fefo']>> {
  const master = await loadMaster(app);
  const policy = customerPolicy(undefined, app.today());
  const newOrder = () => Array.from({ length: 10 }, () => ({ sku: random.pick(master.finished), quantity: toMicro(random.int(1, 200)) }));
  const warmUp = Array.from({ length: FEFO_WARM_UP_ORDERS }, newOrder);
  const orderLines = Array.from({ length: orders }, newOrder);
  const picksOf = (results: { allocation: { picks: { lotId: number; quantity: number }[] } }[]) => results.map((r) => r.allocation.picks.map((p) => `${p.lotId}:${p.quantity}`).join(';')).join('|');
  const allocateOrder = (lines: readonly { sku: string; quantity: number }[]) => inReadTransaction(app.store, (trx) => allocateLinesAt(trx, app.store.dialect, DISTRIBUTION_CENTRE, lines, policy));
  for (const lines of warmUp) await allocateOrder(lines);
  const appPicks: string[] = [];
  const started = performance.now();
  for (const lines of orderLines) appPicks.push(picksOf(await allocateOrder(lines)));
  const appSeconds = (performance.now() - started) / 1000;
  // The baseline takes a third of a second an order: it runs the first orders only, and its
  // picks are compared with the app's for those.
  const ledgerPicks = createHash('sha256');
  const ledgerPicksOf = async (lines: readonly { sku: string; quantity: number }[]) => {
    const skus = [...new Set(lines.map((l) => l.sku))];
    const { rows } = await sql<{ lot_id: number; sku: string; code: string; expiry_date: string | null; production_date: string | null; hold_state: Candidate['holdState']; shelf_life_days: number | null; quantity: number }>`
      select l.lot_id, lots.sku, lots.code, lots.expiry_date, lots.production_date, lots.hold_state, items.shelf_life_days, sum(l.quantity) as quantity
      from event_lines l join lots on lots.id = l.lot_id join items on items.sku = lots.sku
      where l.location = ${DISTRIBUTION_CENTRE} and lots.sku in (${sql.join(skus)})
      group by l.lot_id, lots.sku, lots.code, lots.expiry_date, lots.production_date, lots.hold_state, items.shelf_life_days
      having sum(l.quantity) > 0`.execute(app.store.db);
    const taken = new Map<number, number>();
    const results = lines.map((line) => {
      const candidates: Candidate[] = rows
        .filter((r) => r.sku === line.sku)
        .map((r) => ({ lotId: Number(r.lot_id), lot: r.code, expiryDate: r.expiry_date, productionDate: r.production_date, shelfLifeDays: r.shelf_life_days, sequence: Number(r.lot_id), holdState: r.hold_state, available: Number(r.quantity) - (taken.get(Number(r.lot_id)) ?? 0) }));
      const allocation = allocate(candidates, line.quantity, policy, 'fefo');
      for (const p of allocation.picks) taken.set(p.lotId, (taken.get(p.lotId) ?? 0) + p.quantity);
      return { allocation };
    });
    return picksOf(results);
  };
  for (const lines of warmUp.slice(0, 3)) await ledgerPicksOf(lines);
  const compared = orderLines.slice(0, FEFO_BASELINE_ORDERS);
  const startedLedger = performance.now();
  for (const lines of compared) ledgerPicks.update(await ledgerPicksOf(lines));
  const ledgerSeconds = (performance.now() - startedLedger) / 1000;
  const appCompared = createHash('sha256');
  for (const picks of appPicks.slice(0, compared.length)) appCompared.update(picks);
  return {
    linesPerSecond: (orders * 10) / appSeconds,
    ledgerSumLinesPerSecond: (compared.length * 10) / ledgerSeconds,
    lines: orders * 10,
    identical: appCompared.digest('hex') === ledgerPicks.digest('hex'),
  };
}

async function measureExpiry(app: App, random: Random, queries: number): Promise<Latency> {
  const master = await loadMaster(app);
  const ms: number[] = [];
  for (let i = 0; i < queries; i++) {
    const filter = i % 3 === 0 ? {} : i % 3 === 1 ? { location: DISTRIBUTION_CENTRE } : { sku: random.pick(master.finished) };
    ms.push((await timed(() => listExpiry(app, { ...filter, withinDays: 30 }, { limit: 100 }))).ms);
  }
  return latency(ms);
}

async function databaseBytes(app: App, url: string): Promise<number> {
  if (app.store.dialect === 'postgres') {
    // The benchmark's own schema, not the whole database (which other schemas may share).
    const { rows } = await sql<{ n: number }>`select coalesce(sum(pg_total_relation_size(c.oid)), 0) as n from pg_class c
      join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and c.relkind = 'r'`.execute(app.store.db);
    return Number(rows[0]!.n);
  }
  const path = url.slice('sqlite:'.length);
  const size = (p: string) => {
    try {
      return statSync(p).size;
    } catch {
      return 0;
    }
  };
  return size(path) + size(`${path}-wal`);
}

/**
 * What PostgreSQL's autovacuum does when it runs, for a server where it is switched off (as on the
 * machine these figures come from): analyse each table once 10 % of it (and 50 rows) changed since
 * its last analysis. Without it a database that starts empty keeps the plans made for empty tables
 * — its foreign-key checks scan whole tables — for as long as the connection lives.
 */
async function autovacuumStandIn(app: App): Promise<(() => Promise<void>) | undefined> {
  if (app.store.dialect !== 'postgres') return undefined;
  const { rows } = await sql<{ setting: string }>`select setting from pg_settings where name = 'autovacuum'`.execute(app.store.db);
  if (rows[0]?.setting !== 'off') return undefined;
  return async () => {
    const stale = await sql<{ relname: string }>`select relname from pg_stat_user_tables
      where schemaname = current_schema() and n_mod_since_analyze > 50 + 0.1 * greatest(n_live_tup, 0)`.execute(app.store.db);
    for (const t of stale.rows) await sql`analyze ${sql.table(t.relname)}`.execute(app.store.db);
  };
}

async function ingestion(url: string, random: Random, rounds: { batched: number; oneByOne: number }, log: (m: string) => void): Promise<{ batched: IngestionFigures; oneByOne: IngestionFigures; bare?: IngestionFigures }> {
  const counter = new Counter();
  const app = await openBenchApp(url, counter);
  try {
    const master = await loadMaster(app);
    const maintenance = await autovacuumStandIn(app);
    // A short warm-up so the JIT and caches do not count against the first figures.
    await ingestBatched(app, master, random, 20, 20, maintenance);
    const before = await app.store.db.selectFrom('events').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const batched = await ingestBatched(app, master, random, rounds.batched, 100, maintenance);
    log(`ingestion batched: ${batched.events} events, ${Math.round(batched.linesPerSecond)} lines/s`);
    const bare = await bareInsert(app, url, Number(before?.seq ?? 0));
    log(`bare insert of the same rows: ${Math.round(bare.linesPerSecond)} lines/s`);
    const oneByOne = await ingestOneByOne(app, master, random, rounds.oneByOne, maintenance);
    log(`ingestion one event per transaction: ${Math.round(oneByOne.eventsPerSecond)} events/s`);
    return { batched, oneByOne, bare };
  } finally {
    await app.close();
  }
}

/** Runs every measurement on the database at `url` (made by `generateBench`). */
export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const parts = new Set(options.parts ?? BENCH_PARTS);
  const random = new Random(options.seed ?? 7);
  const samples = options.samples ?? { small: 300, medium: 100, hub: 20, perNode: 20 };
  const counter = new Counter();
  const app = await openBenchApp(options.url, counter);
  const result: BenchResult = { dialect: app.store.dialect, dataset: await datasetCounts(app), peakRssBytes: 0, databaseBytes: 0, seconds: 0 };
  try {
    const { dataset } = result;
    log(`dataset: ${dataset.lots} lots, ${dataset.events} events, ${dataset.lines} lines, ${dataset.links} links`);
    if (parts.has('traces') || parts.has('recalls')) {
      const g = await loadGenealogy(app.store.db);
      log('genealogy loaded into memory');
      const groups = pickRoots(g, random, samples);
      const roots = await lotsById(app, [...groups.values()].flatMap((e) => e.ids));
      if (parts.has('traces')) result.traces = await measureTraces(app, counter, g, groups, roots, samples, log);
      if (parts.has('recalls')) {
        const n = options.recalls ?? 40;
        const recallRoots = [...(groups.get('small:forward')?.ids.slice(0, Math.ceil(n / 2)) ?? []), ...(groups.get('medium:forward')?.ids.slice(0, Math.floor(n / 2)) ?? [])];
        const recall = await measureRecalls(app, recallRoots.map((id) => roots.get(id)!));
        log(`recall drill p99 ${recall.drill.p99.toFixed(1)} ms, JSON p99 ${recall.json.p99.toFixed(1)} ms`);
        result.recall = recall;
      }
    }
    if (parts.has('fefo')) {
      const fefo = await measureFefo(app, random, options.fefoOrders ?? 1000);
      log(`FEFO ${Math.round(fefo.linesPerSecond)} lines/s (ledger-summed ${Math.round(fefo.ledgerSumLinesPerSecond)})`);
      result.fefo = fefo;
    }
    if (parts.has('expiry')) result.expiry = await measureExpiry(app, random, options.expiryQueries ?? 150);
    await app.close();

    if (parts.has('ingestion')) {
      const rounds = options.ingestionRounds ?? { batched: 2000, oneByOne: 500 };
      // The empty database first, while PostgreSQL's autovacuum is not yet busy with what the
      // full database's ingestion leaves behind: a new database's first statistics come from it.
      const empty = options.emptyUrl ? await ingestion(options.emptyUrl, random, rounds, log) : undefined;
      const full = await ingestion(options.url, random, rounds, log);
      result.ingestion = { batchedFull: full.batched, oneByOneFull: full.oneByOne, bare: full.bare!, batchedEmpty: empty?.batched, oneByOneEmpty: empty?.oneByOne };
    }
    const sizeApp = await openApp({ databaseUrl: options.url });
    result.databaseBytes = await databaseBytes(sizeApp, options.url);
    await sizeApp.close();
    result.peakRssBytes = process.resourceUsage().maxRSS * 1024;
    result.seconds = (performance.now() - started) / 1000;
    return result;
  } finally {
    await app.close().catch(() => {});
  }
}
