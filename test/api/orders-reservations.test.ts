import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app/context.js';
import { allocateSalesOrder, cancelSalesOrder, createSalesOrder, shipSalesOrder } from '../../src/app/sales-orders.js';
import { recordShipment } from '../../src/app/shipments.js';
import { listStock } from '../../src/app/stock.js';
import { DomainError } from '../../src/domain/errors.js';
import { buildServer } from '../../src/http/server.js';
import { addDays, created, expectError, hold, JAM, ledgerSnapshot, linesOf, lot, ok, receive, seedWorld, stock, SUGAR, TODAY, WH1, WH2 } from '../helpers/fixtures.js';
import { allocate, cancelOrder, picks, productionOrder, recipe, salesOrder, shipOrder } from '../helpers/orders.js';
import { Api, databaseUrl, DIALECTS, openApiTest, TEST_ADMIN_TOKEN, TestClock, withSchemaLock, type ApiTestContext } from '../helpers/test-app.js';

/** B (10, 20 days), C (10, 47 days), D (10, 92 days) of JAM-500 at WH1. */
async function seedLots(t: ApiTestContext): Promise<void> {
  await seedWorld(t.api);
  await receive(t.api, [
    { sku: JAM, lot: 'B', quantity: 10, expiryDate: addDays(TODAY, 20) },
    { sku: JAM, lot: 'C', quantity: 10, expiryDate: addDays(TODAY, 47) },
    { sku: JAM, lot: 'D', quantity: 10, expiryDate: addDays(TODAY, 92) },
  ]);
}

for (const dialect of DIALECTS) {
  describe(`reservations (${dialect})`, () => {
    let t: ApiTestContext;
    let order: { id: string; number: string };
    beforeEach(async () => {
      t = await openApiTest(dialect);
      await seedLots(t);
      // SO-000001 holds all of B and 5 of C.
      order = await salesOrder(t.api, 'SHOP', [{ sku: JAM, quantity: 15 }]);
      expect(picks((await allocate(t.api, order.id)).allocations)).toEqual([[JAM, 'B', 10], [JAM, 'C', 5]]);
    });
    afterEach(async () => t.close());

    it('shows reserved and free stock on the lot and in GET /stock', async () => {
      expect(await lot(t.api, JAM, 'B')).toMatchObject({
        onHand: [{ location: WH1, quantity: 10, reserved: 10, free: 0 }],
        reservations: [{ order: { kind: 'sales', id: order.id, number: 'SO-000001' }, location: WH1, quantity: 10 }],
      });
      expect((await stock(t.api, `sku=${JAM}`)).map((s: any) => [s.lot, s.quantity, s.reserved, s.free])).toEqual([
        ['B', 10, 10, 0],
        ['C', 10, 5, 5],
        ['D', 10, 0, 10],
      ]);
    });

    it('FEFO shipments pass over reserved stock and say why', async () => {
      const shipment = await created(t.api.post('/shipments', { customer: 'SHOP', location: WH1, lines: [{ sku: JAM, quantity: 8 }] }));
      expect(linesOf(shipment)).toEqual([
        [JAM, 'C', WH1, -5],
        [JAM, 'D', WH1, -3],
      ]);
      expect(shipment.allocation[0].skipped).toEqual([{ lot: 'B', reason: 'reserved for SO-000001' }]);
      const refused = expectError(await t.api.post('/shipments', { customer: 'SHOP', location: WH1, lines: [{ sku: JAM, quantity: 8 }] }), 409, 'conflict', 'lines.0.quantity');
      expect(refused.message).toContain('only 7 of 8');
      expect(refused.message).toContain('B: reserved for SO-000001');
    });

    it('refuses every other movement that would take reserved stock, naming the order', async () => {
      const before = await ledgerSnapshot(t.api);
      const attempts = [
        t.api.post('/shipments', { customer: 'SHOP', location: WH1, lines: [{ sku: JAM, lot: 'B', quantity: 1 }] }),
        t.api.post('/shipments', { customer: 'SHOP', location: WH1, lines: [{ sku: JAM, lot: 'C', quantity: 6 }] }),
        t.api.post('/transfers', { from: WH1, to: WH2, lines: [{ sku: JAM, lot: 'B', quantity: 1 }] }),
        t.api.post('/write-offs', { location: WH1, reason: 'damaged', lines: [{ sku: JAM, lot: 'B', quantity: 1 }] }),
        t.api.post('/adjustments', { location: WH1, reason: 'count', lines: [{ sku: JAM, lot: 'C', quantity: -6 }] }),
        t.api.post('/productions', { location: WH1, inputs: [{ sku: JAM, lot: 'B', quantity: 1 }], outputs: [{ sku: SUGAR, lot: 'X', quantity: 1 }] }),
        t.api.post('/supplier-returns', { supplier: 'FARM', location: WH1, lines: [{ sku: JAM, lot: 'B', quantity: 1 }] }),
      ];
      for (const res of await Promise.all(attempts)) {
        const error = expectError(res, 409, 'conflict');
        expect(error.message).toMatch(/of JAM-500\/[BC] at WH1 is reserved for SO-000001: \d+ free, \d+ needed/);
      }
      expect(await ledgerSnapshot(t.api)).toEqual(before);
      // Free stock of a partly reserved lot may still go.
      await created(t.api.post('/write-offs', { location: WH1, reason: 'damaged', lines: [{ sku: JAM, lot: 'C', quantity: 5 }] }));
      // Receipts and returns into a reserved lot are never refused.
      await receive(t.api, [{ sku: JAM, lot: 'B', quantity: 1 }]);
    });

    it('another order cannot reserve what one holds', async () => {
      const other = await salesOrder(t.api, 'DELI', [{ sku: JAM, quantity: 30 }]);
      const result = await allocate(t.api, other.id);
      expect(result.status).toBe('partially_allocated');
      expect(picks(result.allocations)).toEqual([[JAM, 'C', 5], [JAM, 'D', 10]]);
      expect(result.shortages).toEqual([{ sku: JAM, quantity: 15, message: expect.stringContaining('only 15 of 30') }]);
      // Cancelling the first order frees B and C for the second (B is too short for the deli).
      await cancelOrder(t.api, order.id);
      const topUp = await allocate(t.api, other.id);
      expect(picks(topUp.allocations)).toEqual([[JAM, 'C', 10], [JAM, 'D', 10]]);
      expect(topUp.skipped).toEqual([{ sku: JAM, lot: 'B', reason: '20 days left, customer requires 30' }]);
    });

    it('production orders and sales orders do not take each other’s stock', async () => {
      await recipe(t.api, SUGAR, 1, [{ sku: JAM, quantity: 1 }]);
      // 15 free jars: C 5 + D 10.
      expectError(await t.api.post('/production-orders', { sku: SUGAR, quantity: 16, location: WH1 }), 409, 'conflict', 'quantity');
      const batch = await productionOrder(t.api, SUGAR, 15);
      expect(picks(batch.allocations)).toEqual([[JAM, 'C', 5], [JAM, 'D', 10]]);
      const late = await salesOrder(t.api, 'SHOP', [{ sku: JAM, quantity: 1 }]);
      expect((await allocate(t.api, late.id)).status).toBe('open');
      // The batch may not consume the sales order's lot B instead of its own.
      const stolen = expectError(await t.api.post(`/production-orders/${batch.id}/complete`, { lot: 'G1', inputs: [{ sku: JAM, lot: 'B', quantity: 1 }] }), 409, 'conflict');
      expect(stolen.message).toContain('reserved for SO-000001');
      // The sales order ships its own reservation.
      const shipped = await shipOrder(t.api, order.id);
      expect(linesOf(shipped.shipment)).toEqual([
        [JAM, 'B', WH1, -10],
        [JAM, 'C', WH1, -5],
      ]);
      await created(t.api.post(`/production-orders/${batch.id}/complete`, { lot: 'G1' }));
      expect((await stock(t.api, `sku=${JAM}`)).length).toBe(0);
    });

    it('a reversal that would take reserved stock is refused', async () => {
      const receipt = (await ok(t.api.get('/events?type=receipt'))).items[0];
      expect(expectError(await t.api.post(`/events/${receipt.id}/reverse`), 409, 'conflict').message).toContain('reserved for SO-000001');
    });

    it('a hold keeps the reservation, so a held lot never silently becomes free for others', async () => {
      await hold(t.api, JAM, 'C');
      expect((await lot(t.api, JAM, 'C')).onHand[0]).toMatchObject({ reserved: 5, free: 5 });
    });
  });
}

/**
 * Parallel allocations: ten orders each want 3 of a lot of 10. Whatever the interleaving, the
 * ledger transaction serialises them (SQLite: the one write connection; PostgreSQL: the advisory
 * lock across separate processes' pools), so exactly 10 is reserved: three orders get 3, one gets
 * 1, the rest nothing. On PostgreSQL every call goes through its own app and connection pool, as
 * separate Lotline processes would.
 */
for (const dialect of DIALECTS) {
  describe(`parallel allocations (${dialect})`, () => {
    const apps: App[] = [];
    const servers: FastifyInstance[] = [];
    let drop: () => Promise<void> = async () => {};
    afterEach(async () => {
      for (const s of servers.splice(0)) await s.close();
      for (const a of apps.splice(0)) await a.close();
      await drop();
    });

    /**
     * `n` API clients on one database. PostgreSQL: an app (own connection pool) per client, as
     * separate processes would be. SQLite: one app behind every client, since better-sqlite3 is
     * synchronous and a second connection waiting for the write lock would block the event loop
     * that the first one needs to finish.
     */
    async function openShared(n: number): Promise<Api[]> {
      const db = await databaseUrl(dialect);
      drop = db.drop;
      const clock = new TestClock();
      // An in-memory SQLite database lives in one connection; a file lets the test look like a deployment.
      const url = dialect === 'sqlite' ? `sqlite:${process.env.TMPDIR ?? '/tmp'}/lotline-parallel-${process.pid}-${Date.now()}.db` : db.url;
      const open = () => openApp({ databaseUrl: url, clock });
      for (let i = 0; i < (dialect === 'postgres' ? n : 1); i++) apps.push(dialect === 'postgres' ? await withSchemaLock(open) : await open());
      for (let i = 0; i < n; i++) servers.push(await buildServer(apps[i % apps.length]!, { adminToken: TEST_ADMIN_TOKEN }));
      return servers.map((s) => new Api(s));
    }

    it('never reserve more than is on hand', async () => {
      const apis = await openShared(10);
      const api = apis[0]!;
      await seedWorld(api);
      await receive(api, [{ sku: SUGAR, lot: 'SCARCE', quantity: 10 }]);
      const orders = [];
      for (let i = 0; i < 10; i++) orders.push(await salesOrder(api, 'SHOP', [{ sku: SUGAR, quantity: 3 }]));

      const results = await Promise.all(orders.map((o, i) => apis[i]!.post(`/sales-orders/${o.id}/allocate`)));
      for (const r of results) expect(r.status).toBe(200);
      const allocated = results.map((r) => r.body.lines[0].allocated as number).sort((a, b) => b - a);
      expect(allocated).toEqual([3, 3, 3, 1, 0, 0, 0, 0, 0, 0]);
      expect((await stock(api, 'lot=SCARCE'))[0]).toMatchObject({ quantity: 10, reserved: 10, free: 0 });

      // Shipping and cancelling in parallel with a fresh round of allocations keeps the books.
      const full = orders.filter((_, i) => results[i]!.body.status === 'allocated');
      const rest = orders.filter((_, i) => results[i]!.body.status !== 'allocated');
      const mixed = await Promise.all([
        ...full.map((o, i) => apis[i]!.post(`/sales-orders/${o.id}/${i === 0 ? 'cancel' : 'ship'}`)),
        ...rest.map((o, i) => apis[(i + 3) % 10]!.post(`/sales-orders/${o.id}/allocate`)),
        apis[9]!.post('/shipments', { customer: 'SHOP', location: WH1, lines: [{ sku: SUGAR, quantity: 2 }] }),
      ]);
      for (const r of mixed) expect([200, 201, 409]).toContain(r.status);
      const [row] = await stock(api, 'lot=SCARCE');
      const onHand = row?.quantity ?? 0;
      expect((row as { reserved?: number } | undefined)?.reserved ?? 0).toBeLessThanOrEqual(onHand);
      const shipped = (await ok(api.get(`/lots/${SUGAR}/SCARCE`))).totals.shipped;
      expect(shipped + onHand).toBe(10);
    });
  });
}

/**
 * Property: whatever sequence of orders, allocations, order shipments, cancellations and direct
 * FEFO shipments runs, no (lot, location) ever has more reserved than on hand, no order holds more
 * than it asked for, and nothing ever ships more than was received. One database per dialect;
 * each run works on an item of its own.
 */
type Step =
  | { kind: 'order'; customer: 'SHOP' | 'DELI'; quantity: number }
  | { kind: 'allocate' | 'ship' | 'cancel'; order: number }
  | { kind: 'direct'; quantity: number }
  | { kind: 'hold'; lot: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('order' as const), customer: fc.constantFrom('SHOP' as const, 'DELI' as const), quantity: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constantFrom('allocate' as const, 'ship' as const, 'cancel' as const), order: fc.nat(5) }),
  fc.record({ kind: fc.constant('direct' as const), quantity: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('hold' as const), lot: fc.nat(3) }),
);

for (const dialect of DIALECTS) {
  describe(`reservation invariants (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
      await seedWorld(t.api);
    });
    afterEach(async () => t.close());

    it('no sequence of allocations, shipments and cancellations reserves or ships more than is on hand', async () => {
      let run = 0;
      const app = t.app;
      const tolerate = async (fn: () => Promise<unknown>) => {
        try {
          await fn();
        } catch (error) {
          // 409s and 400s are answers; anything else is a bug.
          if (!(error instanceof DomainError) || error.code === 'not_found') throw error;
        }
      };
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }),
          fc.array(step, { minLength: 1, maxLength: 14 }),
          async (lotSizes, steps) => {
            const sku = `P${run++}`;
            await created(t.api.post('/items', { sku, name: sku }));
            // Lots expiring 10, 40, 70, 100 days out: the deli (30 days) cannot take the first.
            const lots = lotSizes.map((q, i) => ({ sku, lot: `L${i}`, quantity: q, expiryDate: addDays(TODAY, 10 + 30 * i) }));
            await receive(t.api, lots);
            const received = lotSizes.reduce((a, b) => a + b, 0);
            const orders: { id: string; quantity: number }[] = [];
            for (const s of steps) {
              const target = s.kind === 'allocate' || s.kind === 'ship' || s.kind === 'cancel' ? orders[s.order % Math.max(1, orders.length)] : undefined;
              switch (s.kind) {
                case 'order':
                  orders.push({ id: (await createSalesOrder(app, { customer: s.customer, location: WH1, lines: [{ sku, quantity: s.quantity }] })).id, quantity: s.quantity });
                  break;
                case 'allocate':
                  if (target) await tolerate(() => allocateSalesOrder(app, target.id));
                  break;
                case 'ship':
                  if (target) await tolerate(() => shipSalesOrder(app, target.id, {}));
                  break;
                case 'cancel':
                  if (target) await tolerate(() => cancelSalesOrder(app, target.id));
                  break;
                case 'direct':
                  await tolerate(() => recordShipment(app, { customer: 'SHOP', location: WH1, lines: [{ sku, quantity: s.quantity }] }));
                  break;
                case 'hold':
                  if (s.lot < lots.length) await tolerate(async () => expectHoldOk(await t.api.post(`/lots/${sku}/L${s.lot}/hold`, { reason: 'qa' })));
                  break;
              }
              const rows = (await listStock(app, { sku }, { limit: 1000 })).items;
              for (const r of rows) {
                expect(r.reserved).toBeGreaterThanOrEqual(0);
                expect(r.reserved).toBeLessThanOrEqual(r.quantity);
              }
              const onHand = rows.reduce((a, r) => a + r.quantity, 0);
              expect(onHand).toBeGreaterThanOrEqual(0);
              expect(onHand).toBeLessThanOrEqual(received);
            }
            for (const o of orders) {
              const view = await ok(t.api.get(`/sales-orders/${o.id}`));
              expect(view.lines[0].allocated).toBeLessThanOrEqual(o.quantity);
              expect(view.lines[0].shipped === 0 || view.lines[0].shipped === o.quantity).toBe(true);
            }
            let shipped = 0;
            for (const l of lots) shipped += (await lot(t.api, sku, l.lot)).totals.shipped;
            const left = (await listStock(app, { sku }, { limit: 1000 })).items.reduce((a, r) => a + r.quantity, 0);
            expect(Math.round((shipped + left) * 1e6)).toBe(Math.round(received * 1e6));
          },
        ),
        { numRuns: dialect === 'sqlite' ? 40 : 12 },
      );
    });
  });
}

/** A hold on an already held lot is a 409, which the property tolerates. */
function expectHoldOk(res: { status: number; body: any }): void {
  if (res.status === 409) throw new DomainError('conflict', res.body.error.message);
  expect(res.status).toBe(201);
}
