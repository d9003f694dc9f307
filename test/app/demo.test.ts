import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/context.js';
import { isEmptyDatabase, seedDemo, type DemoSummary } from '../../src/app/demo/seed.js';
import type { EventView } from '../../src/app/event-views.js';
import { listEvents, type EventListFilter } from '../../src/app/events.js';
import { createItem, listItems } from '../../src/app/items.js';
import { listLots, type LotListFilter, type LotListItem } from '../../src/app/lots.js';
import type { Page, PageRequest } from '../../src/app/paging.js';
import { listParties } from '../../src/app/parties.js';
import { getRecipe } from '../../src/app/recipes.js';
import { listStock, type StockView } from '../../src/app/stock.js';
import { verifyLedger } from '../../src/app/verify.js';
import type { PartyView } from '../../src/app/views.js';
import { gtinProblem } from '../../src/domain/gtin.js';
import { Conflict, Invalid } from '../../src/domain/errors.js';
import { DIALECTS, openTestApp, type TestContext } from '../helpers/test-app.js';

const TODAY = '2026-06-15';

/** Every page of a list use case. */
async function all<T>(list: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list({ limit: 1000, cursor });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return out;
}

const stockOf = (app: App) => all<StockView>((p) => listStock(app, {}, p));
const eventsOf = (app: App, filter: EventListFilter = {}) => all<EventView>((p) => listEvents(app, filter, p));
const lotsOf = (app: App, filter: LotListFilter) => all<LotListItem>((p) => listLots(app, filter, p));

/** An event without what legitimately differs between two runs: ids and the recording instant. */
const fingerprint = (e: EventView) => ({ seq: e.seq, type: e.type, time: e.time, party: e.party, location: e.location, documents: e.documents, lines: e.lines });

for (const dialect of DIALECTS) {
  describe(`seedDemo, small (${dialect})`, () => {
    const contexts: TestContext[] = [];
    const open = async () => {
      const t = await openTestApp(dialect);
      contexts.push(t);
      return t.app;
    };
    afterAll(async () => {
      for (const t of contexts) await t.close();
    });

    it('gives the same ledger for the same seed and date, and a verified one', { timeout: 120_000 }, async () => {
      const options = { seed: 7, customers: 50, days: 45 };
      const [a, b] = [await open(), await open()];
      const first = await seedDemo(a, options);
      const second = await seedDemo(b, options);
      expect(second).toEqual(first);
      expect(first.events).toBeGreaterThan(150);
      expect(await stockOf(b)).toEqual(await stockOf(a));
      expect((await eventsOf(b)).map(fingerprint)).toEqual((await eventsOf(a)).map(fingerprint));
      expect((await verifyLedger(a)).ok).toBe(true);

      const other = await open();
      await seedDemo(other, { ...options, seed: 8 });
      expect(await stockOf(other)).not.toEqual(await stockOf(a));
    });

    it('seeds only an empty database', async () => {
      const app = await open();
      expect(await isEmptyDatabase(app)).toBe(true);
      await createItem(app, { sku: 'MINE', name: 'My item' });
      expect(await isEmptyDatabase(app)).toBe(false);
      await expect(seedDemo(app, { customers: 5, days: 5 })).rejects.toThrow(Conflict);
    });

    it('rejects options out of range', async () => {
      const app = await open();
      await expect(seedDemo(app, { seed: -1 })).rejects.toThrow(Invalid);
      await expect(seedDemo(app, { days: 0 })).rejects.toThrow(Invalid);
      await expect(seedDemo(app, { customers: 0 })).rejects.toThrow(Invalid);
      expect(await isEmptyDatabase(app)).toBe(true);
    });
  });
}

describe('seedDemo, full default (sqlite)', () => {
  let t: TestContext;
  let summary: DemoSummary;
  let seconds: number;
  let progress: [number, number][];

  beforeAll(async () => {
    t = await openTestApp('sqlite');
    progress = [];
    const started = performance.now();
    summary = await seedDemo(t.app, { onProgress: (done, total) => progress.push([done, total]) });
    seconds = (performance.now() - started) / 1000;
  }, 180_000);
  afterAll(async () => t.close());

  it('seeds a year of history in seconds, reporting progress', () => {
    console.info(`full demo: ${summary.events} events, ${summary.lots} lots in ${seconds.toFixed(1)} s`);
    // The target is well under 15 s on an idle machine; the bound leaves room for a loaded CI box.
    expect(seconds).toBeLessThan(60);
    expect(summary).toMatchObject({ seed: 1, from: '2025-06-15', to: '2026-06-14', customers: 2000, locations: 2 });
    expect(progress.at(-1)).toEqual([progress[0]![1], progress[0]![1]]);
    expect(progress.map(([done]) => done)).toEqual(progress.map((_, i) => i + 1));
  });

  it('has 2000 customers with distinct names and the four shelf-life policies', async () => {
    const customers = await all<PartyView>((p) => listParties(t.app, { role: 'customer' }, p));
    expect(customers).toHaveLength(2000);
    expect(new Set(customers.map((c) => c.name)).size).toBe(2000);
    expect(new Set(customers.map((c) => c.minShelfLifeDays))).toEqual(new Set([0, 30, 60, 180]));
    for (const c of customers) {
      expect(c.email).toMatch(/^[a-z0-9.-]+@[a-z0-9-]+\.example$/);
      expect(c.phone).toMatch(/^\+44 [\d ]+$/);
      expect(c.address).toBeTruthy();
    }
    const suppliers = await all<PartyView>((p) => listParties(t.app, { role: 'supplier' }, p));
    expect(suppliers.filter((s) => s.code.startsWith('FARM-')).length).toBeGreaterThanOrEqual(3);
  });

  it('records every kind of movement with its documents', async () => {
    const receipts = await eventsOf(t.app, { type: 'receipt' });
    expect(receipts.length).toBeGreaterThan(100);
    for (const r of receipts) expect(r.documents.map((d) => d.type)).toEqual(['PO', 'invoice']);

    const productions = await eventsOf(t.app, { type: 'production' });
    expect(productions.length).toBeGreaterThan(100);
    expect(productions.every((p) => p.lines.filter((l) => l.movement === 'consumption').length >= 6)).toBe(true);

    const shipments = await eventsOf(t.app, { type: 'shipment' });
    expect(shipments.length).toBeGreaterThan(1000);
    for (const s of shipments) expect(s.documents.map((d) => d.type)).toEqual(['order', 'invoice']);
    const autoAssigned = shipments.filter((s) => s.allocation !== null).length;
    expect(autoAssigned / shipments.length).toBeGreaterThan(0.8);
    expect(autoAssigned).toBeLessThan(shipments.length);

    expect((await eventsOf(t.app, { type: 'transfer' })).every((e) => e.location === 'WH1' && e.to === 'WH2')).toBe(true);
    const writeOffs = await eventsOf(t.app, { type: 'write_off' });
    expect(writeOffs.some((w) => w.reason === 'expired')).toBe(true);

    const times = [...receipts, ...shipments].map((e) => e.time).sort();
    // A year back from 2026-06-15; its first day, 2025-06-15, was a Sunday with nothing to record.
    expect(times[0]!.slice(0, 10) <= '2025-06-17').toBe(true);
    expect(times.at(-1)! < `${TODAY}T00:00:00Z`).toBe(true);
  });

  it('links returns to their shipments, and one returned lot goes out again to another customer', async () => {
    const returns = await eventsOf(t.app, { type: 'return' });
    expect(returns.length).toBeGreaterThanOrEqual(3);
    expect(returns.every((r) => r.shipment !== null)).toBe(true);
    expect(new Set(returns.map((r) => r.disposition))).toEqual(new Set(['restock', 'scrap', 'hold']));
    const restock = returns.find((r) => r.disposition === 'restock')!;
    const back = restock.lines[0]!;
    const later = (await eventsOf(t.app, { type: 'shipment', sku: back.sku, lot: back.lot })).filter((s) => s.seq > restock.seq);
    expect(later.some((s) => s.party !== restock.party)).toBe(true);
  });

  it('ends with expired stock, stock past its sell-by date and lots on hold', async () => {
    const stock = await stockOf(t.app);
    const expired = stock.filter((s) => s.status === 'expired');
    // Not only retention jars: an uncollected pallet of each kind gives the expiry views real quantities.
    expect(expired.reduce((sum, s) => sum + s.quantity, 0)).toBeGreaterThanOrEqual(480);
    const available = await lotsOf(t.app, { status: 'available' });
    const pastSellBy = available.filter((l) => l.sellByDate !== null && l.sellByDate < TODAY);
    expect(pastSellBy.reduce((sum, l) => sum + l.onHand, 0)).toBeGreaterThanOrEqual(480);
    const held = await lotsOf(t.app, { status: 'hold' });
    expect(held.length).toBeGreaterThanOrEqual(1);
    expect(summary.expiredLots).toBeGreaterThan(0);
    expect(summary.pastSellByLots).toBeGreaterThan(0);
    expect(summary.heldLots).toBe(held.length);
  });

  it('gives finished goods valid GTINs', async () => {
    const items = (await listItems(t.app, { limit: 100 })).items;
    const products = items.filter((i) => i.sku.startsWith('JAM-'));
    expect(products.length).toBeGreaterThanOrEqual(3);
    for (const p of products) expect(gtinProblem(p.gtin!)).toBeUndefined();
  });

  it('gives every finished good the recipe its batches follow, so production orders can be planned', async () => {
    const products = (await listItems(t.app, { limit: 100 })).items.filter((i) => i.sku.startsWith('JAM-'));
    for (const p of products) {
      const recipe = await getRecipe(t.app, p.sku);
      expect(recipe.outputQuantity).toBe(1000);
      expect(recipe.inputs.map((i) => i.sku)).toContain('RM-STRAWBERRY');
    }
    expect((await getRecipe(t.app, 'JAM-370')).inputs).toEqual([
      { sku: 'RM-STRAWBERRY', quantity: 200 },
      { sku: 'RM-SUGAR', quantity: 170 },
      { sku: 'RM-PECTIN', quantity: 1.5 },
      { sku: 'RM-LEMON', quantity: 3 },
      { sku: 'PK-JAR-370', quantity: 1000 },
      { sku: 'PK-LID-70', quantity: 1000 },
    ]);
  });

  it('leaves a ledger that verifies', async () => {
    const report = await verifyLedger(t.app);
    expect(report.ok).toBe(true);
    expect(report.chain.eventsChecked).toBe(summary.events);
  });
});
