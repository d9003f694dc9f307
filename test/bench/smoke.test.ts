import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, openApp, type App } from '../../src/app/context.js';
import { Random } from '../../src/app/demo/random.js';
import { collectTrace, resolveLots, traceLot } from '../../src/app/trace.js';
import { verifyLedger } from '../../src/app/verify.js';
import { allocateLinesAt, customerPolicy } from '../../src/app/reservations.js';
import { DISTRIBUTION_CENTRE } from '../../src/bench/catalog.js';
import { generateBench, type GenerateSummary } from '../../src/bench/generate.js';
import { closureHash, loadGenealogy, memoryClosure, perNodeClosure, type Genealogy } from '../../src/bench/graph.js';
import { ingestBatched, ingestOneByOne, loadMaster } from '../../src/bench/ingestion.js';
import { inReadTransaction } from '../../src/store/transaction.js';
import { databaseUrl, DIALECTS, withSchemaLock } from '../helpers/test-app.js';

/**
 * The benchmark pipeline at 20 000 lots inside the normal suite: the generated ledger verifies,
 * all trace methods agree, and a trace costs the same number of statements whatever its size —
 * an accidental per-lot query (N+1) changes the exact counts asserted here.
 */

const LOTS = 20_000;
// Statements of one trace on either engine: the root lookup, then the closure with its links,
// flows, stock, party movements and parties in one statement.
const TRACE_STATEMENTS = 2;

describe.each(DIALECTS)('benchmark smoke test at 20 000 lots (%s)', (dialect) => {
  let url: string;
  let cleanup: () => Promise<void>;
  let summary: GenerateSummary;
  let app: App;
  let g: Genealogy;
  const statements: string[] = [];

  beforeAll(async () => {
    if (dialect === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'lotline-bench-'));
      url = `sqlite:${join(dir, 'bench.db')}`;
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const db = await databaseUrl('postgres');
      url = db.url;
      cleanup = db.drop;
    }
    // Migrations read every schema's catalog: run them while no parallel test drops one.
    const migrate = async () => (await openApp({ databaseUrl: url })).close();
    if (dialect === 'postgres') await withSchemaLock(migrate);
    else await migrate();
    summary = await generateBench(url, { lots: LOTS, seed: 1, migrate: false });
    app = await openApp({ databaseUrl: url, clock: fixedClock(`${summary.to}T23:00:00Z`), store: { onQuery: (e) => statements.push(e.query.sql) } });
    g = await loadGenealogy(app.store.db);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await cleanup?.();
  });

  it('generates the jam maker at scale, deterministically shaped', () => {
    expect(summary.lots).toBe(LOTS);
    expect(summary.lines / summary.lots).toBeGreaterThan(8);
    expect(summary.maxReworkDepth).toBe(20);
    expect(summary.hubLots).toBeGreaterThanOrEqual(10);
  });

  it('is a valid ledger: the hash chain and the balance projection verify', async () => {
    const report = await verifyLedger(app);
    expect(report.chain.ok).toBe(true);
    expect(report.chain.eventsChecked).toBe(summary.events);
    expect(report.balances.ok).toBe(true);
  }, 60_000);

  it('traces with the same number of statements whatever the closure size, and all methods agree', async () => {
    const random = new Random(3);
    const degree = (id: number) => g.forward.offsets[id + 1]! - g.forward.offsets[id]!;
    let hub = 1;
    for (let id = 1; id <= g.maxLotId; id++) if (degree(id) > degree(hub)) hub = id;
    const roots = [hub, ...Array.from({ length: 6 }, () => random.int(1, g.maxLotId))];
    const sizes = new Set<number>();
    for (const id of roots) {
      const lot = await app.store.db.selectFrom('lots').select(['sku', 'code']).where('id', '=', id).executeTakeFirstOrThrow();
      for (const direction of ['backward', 'forward'] as const) {
        statements.splice(0);
        const view = await traceLot(app, lot.sku, lot.code, direction);
        expect(statements).toHaveLength(TRACE_STATEMENTS);
        sizes.add(view.lots.length);

        const data = await inReadTransaction(app.store, async (trx) => collectTrace(app, trx, await resolveLots(trx, [{ sku: lot.sku, lot: lot.code }], 'not_found'), direction));
        const expected = closureHash(memoryClosure(g, [id], direction));
        expect(closureHash(data.lots.map((l) => l.id))).toBe(expected);
        const walked = await inReadTransaction(app.store, (trx) => perNodeClosure(trx, [id], direction));
        expect(closureHash(walked.ids)).toBe(expected);
      }
    }
    // The hub's forward closure is far larger than the others, at the same statement count.
    expect(Math.max(...sizes)).toBeGreaterThan(500);
    expect(Math.min(...sizes)).toBeLessThan(20);
  }, 60_000);

  it('a hub trace stays well under a second even on a busy CI machine', async () => {
    let hub = 1;
    for (let id = 1; id <= g.maxLotId; id++) if (g.forward.offsets[id + 1]! - g.forward.offsets[id]! > g.forward.offsets[hub + 1]! - g.forward.offsets[hub]!) hub = id;
    const lot = await app.store.db.selectFrom('lots').select(['sku', 'code']).where('id', '=', hub).executeTakeFirstOrThrow();
    await traceLot(app, lot.sku, lot.code, 'forward');
    const started = performance.now();
    await traceLot(app, lot.sku, lot.code, 'forward');
    expect(performance.now() - started).toBeLessThan(5000);
  }, 30_000);

  it('allocates an order reading its stock in two statements, whatever the number of lots', async () => {
    const master = await loadMaster(app);
    const random = new Random(5);
    const policy = customerPolicy(undefined, summary.to);
    for (let o = 0; o < 20; o++) {
      const lines = Array.from({ length: 10 }, () => ({ sku: random.pick(master.finished), quantity: random.int(1, 200) * 1_000_000 }));
      statements.splice(0);
      const results = await inReadTransaction(app.store, (trx) => allocateLinesAt(trx, app.store.dialect, DISTRIBUTION_CENTRE, lines, policy));
      // begin, the first lots of the lines' items in the index, the stock up to where they cover
      // the lines, commit — and once more the stock of an item whose first lots fell short.
      expect(statements.length).toBeGreaterThanOrEqual(4);
      expect(statements.length).toBeLessThanOrEqual(5);
      expect(results.map((r) => r.sku)).toEqual(lines.map((l) => l.sku));
    }
  }, 30_000);

  it('records events batched and one by one through the app layer, and the ledger still verifies', async () => {
    const master = await loadMaster(app);
    const random = new Random(9);
    const batched = await ingestBatched(app, master, random, 10, 5);
    const single = await ingestOneByOne(app, master, random, 2);
    expect(batched.events).toBe(50);
    expect(single.events).toBe(10);
    const report = await verifyLedger(app);
    expect(report.ok).toBe(true);
    expect(report.chain.eventsChecked).toBe(summary.events + 60);
  }, 60_000);
});
