import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, allPages, created, expectError, hold, JAM, ledgerSnapshot, linesOf, lot, ok, receive, seedWorld, stock, SUGAR, TODAY, WH1, WH2 } from '../helpers/fixtures.js';
import { allocate, cancelOrder, picks, salesOrder, shipOrder } from '../helpers/orders.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

/**
 * JAM-500 at WH1 on 2026-06-15, 10 of each lot, received out of FEFO order:
 *   E expires in 230 days, D in 92, C in 47, B in 20, H in 5 but held, A expired 5 days ago;
 * and at WH2 lot F expiring in 100 days, which a WH1 order must never touch.
 */
const SHELF = { A: -5, B: 20, C: 47, D: 92, E: 230, H: 5 } as const;
const expiry = (l: keyof typeof SHELF) => addDays(TODAY, SHELF[l]);

async function seedLots(t: ApiTestContext): Promise<void> {
  await seedWorld(t.api);
  await receive(t.api, (['E', 'D', 'C', 'B', 'H', 'A'] as const).map((l) => ({ sku: JAM, lot: l, quantity: 10, expiryDate: expiry(l) })));
  await receive(t.api, [{ sku: JAM, lot: 'F', quantity: 10, expiryDate: addDays(TODAY, 100) }], { location: WH2 });
  await hold(t.api, JAM, 'H');
}

for (const dialect of DIALECTS) {
  describe(`sales orders (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
      await seedLots(t);
    });
    afterEach(async () => t.close());

    describe('create, get, list', () => {
      it('numbers orders SO-000001, SO-000002… unless given one, and refuses a duplicate number with 409', async () => {
        const first = await salesOrder(t.api, 'SHOP', [{ sku: JAM, quantity: 5 }]);
        expect(first).toMatchObject({ number: 'SO-000001', customer: 'SHOP', location: WH1, shipBy: null, status: 'open', allocations: [], events: [] });
        expect(first.lines).toEqual([{ sku: JAM, quantity: 5, allocated: 0, shipped: 0 }]);
        const own = await salesOrder(t.api, 'DELI', [{ sku: JAM, quantity: 1 }], { number: 'SO-000003', shipBy: addDays(TODAY, 7) });
        expect(own).toMatchObject({ number: 'SO-000003', shipBy: addDays(TODAY, 7) });
        // Numbers count orders (never deleted, so never reused) and skip one a client already took.
        expect((await salesOrder(t.api, 'SHOP', [{ sku: JAM, quantity: 1 }])).number).toBe('SO-000004');
        expect((await salesOrder(t.api, 'SHOP', [{ sku: JAM, quantity: 1 }])).number).toBe('SO-000005');
        expectError(await t.api.post('/sales-orders', { number: 'SO-000003', customer: 'SHOP', location: WH1, lines: [{ sku: JAM, quantity: 1 }] }), 409, 'conflict', 'number');
        expect(await ok(t.api.get(`/sales-orders/${first.id}`))).toEqual(first);
      });

      it('lists newest first, filtered by status and customer, in pages', async () => {
        const a = await salesOrder(t.api, 'SHOP', [{ sku: JAM, quantity: 5 }]);
        const b = await salesOrder(t.api, 'DELI', [{ sku: JAM, quantity: 5 }]);
        const c = await salesOrder(t.api, 'SHOP', [{ sku: JAM, quantity: 5 }]);
        await allocate(t.api, b.id);
        await cancelOrder(t.api, c.id);
        const ids = async (q: string) => (await allPages(t.api, `/sales-orders${q}`, 1)).map((o: { id: string }) => o.id);
        expect(await ids('')).toEqual([c.id, b.id, a.id]);
        expect(await ids('?customer=SHOP')).toEqual([c.id, a.id]);
        expect(await ids('?status=allocated')).toEqual([b.id]);
        expect(await ids('?status=cancelled&customer=SHOP')).toEqual([c.id]);
        expectError(await t.api.get('/sales-orders?status=lost'), 400, 'invalid_request', 'status');
      });

      it('refuses bad orders with 400 naming the field, and unknown orders with 404', async () => {
        const post = (body: object) => t.api.post('/sales-orders', { customer: 'SHOP', location: WH1, lines: [{ sku: JAM, quantity: 1 }], ...body });
        expectError(await post({ customer: 'NOBODY' }), 400, 'invalid_request', 'customer');
        expectError(await post({ customer: 'FARM' }), 400, 'invalid_request', 'customer');
        expectError(await post({ location: 'NOWHERE' }), 400, 'invalid_request', 'location');
        expectError(await post({ lines: [{ sku: 'NOPE', quantity: 1 }] }), 400, 'invalid_request', 'lines.0.sku');
        expectError(await post({ lines: [] }), 400, 'invalid_request', 'lines');
        expectError(await post({ lines: [{ sku: JAM, quantity: 0 }] }), 400, 'invalid_request', 'lines.0.quantity');
        expectError(await post({ lines: [{ sku: JAM, quantity: 1 }, { sku: JAM, quantity: 2 }] }), 400, 'invalid_request', 'lines.1.sku');
        expectError(await post({ shipBy: '2026-02-30' }), 400, 'invalid_request', 'shipBy');
        expectError(await post({ colour: 'red' }), 400, 'invalid_request');
        expect((await ok(t.api.get('/sales-orders'))).items).toEqual([]);
        for (const path of ['', '/pick-list']) expectError(await t.api.get(`/sales-orders/nope${path}`), 404, 'not_found');
        for (const action of ['allocate', 'ship', 'cancel']) expectError(await t.api.post(`/sales-orders/nope/${action}`), 404, 'not_found');
      });
    });

    describe('allocation', () => {
      const cases = [
        { customer: 'SHOP', picks: [['B', 10], ['C', 5]], skipped: ['A', 'H'] },
        { customer: 'DELI', picks: [['C', 10], ['D', 5]], skipped: ['A', 'H', 'B'] },
        { customer: 'GROCER', picks: [['D', 10], ['E', 5]], skipped: ['A', 'H', 'B', 'C'] },
      ] as const;
      for (const c of cases) {
        it(`reserves for ${c.customer} exactly ${c.picks.map(([l]) => l).join(' + ')} (FEFO within its shelf-life policy)`, async () => {
          const order = await salesOrder(t.api, c.customer, [{ sku: JAM, quantity: 15 }]);
          const result = await allocate(t.api, order.id);
          expect(result.status).toBe('allocated');
          expect(picks(result.allocations)).toEqual(c.picks.map(([l, q]) => [JAM, l, q]));
          expect(result.skipped.map((s: { lot: string }) => s.lot)).toEqual(c.skipped);
          expect(result.lines).toEqual([{ sku: JAM, quantity: 15, allocated: 15, shipped: 0 }]);
          // Reserving is not shipping: the ledger is untouched.
          expect((await lot(t.api, JAM, c.picks[0][0])).totals.shipped).toBe(0);
        });
      }

      it('explains each skipped lot', async () => {
        const order = await salesOrder(t.api, 'GROCER', [{ sku: JAM, quantity: 15 }]);
        expect((await allocate(t.api, order.id)).skipped).toEqual([
          { sku: JAM, lot: 'A', reason: `expired on ${expiry('A')}` },
          { sku: JAM, lot: 'H', reason: 'on hold' },
          { sku: JAM, lot: 'B', reason: '20 days left, customer requires 60' },
          { sku: JAM, lot: 'C', reason: '47 days left, customer requires 60' },
        ]);
      });

      it('judges shelf life on the ship-by date', async () => {
        // C has 47 days today but only 27 on the ship-by date, too few for the deli.
        const order = await salesOrder(t.api, 'DELI', [{ sku: JAM, quantity: 15 }], { shipBy: addDays(TODAY, 20) });
        const result = await allocate(t.api, order.id);
        expect(picks(result.allocations)).toEqual([[JAM, 'D', 10], [JAM, 'E', 5]]);
        expect(result.skipped).toContainEqual({ sku: JAM, lot: 'C', reason: '27 days left, customer requires 30' });
      });

      it('allocates what it can, reports the shortage, and tops up when stock arrives', async () => {
        const order = await salesOrder(t.api, 'EXPORT', [{ sku: JAM, quantity: 15 }, { sku: SUGAR, quantity: 4 }]);
        const first = await allocate(t.api, order.id);
        expect(first.status).toBe('partially_allocated');
        expect(picks(first.allocations)).toEqual([[JAM, 'E', 10]]);
        expect(first.shortages).toEqual([
          { sku: JAM, quantity: 5, message: expect.stringContaining('only 10 of 15 JAM-500 eligible') },
          { sku: SUGAR, quantity: 4, message: 'only 0 of 4 SUGAR eligible' },
        ]);
        expect(first.lines).toEqual([
          { sku: JAM, quantity: 15, allocated: 10, shipped: 0 },
          { sku: SUGAR, quantity: 4, allocated: 0, shipped: 0 },
        ]);
        // Shipping a partial allocation is refused: nothing ships short without a decision.
        expect(expectError(await t.api.post(`/sales-orders/${order.id}/ship`), 409, 'conflict').message).toMatch(/partially allocated/);

        await receive(t.api, [
          { sku: JAM, lot: 'N', quantity: 20, expiryDate: addDays(TODAY, 300) },
          { sku: SUGAR, lot: 'G1', quantity: 3 },
          { sku: SUGAR, lot: 'G2', quantity: 3 },
        ]);
        const second = await allocate(t.api, order.id);
        expect(second.status).toBe('allocated');
        expect(picks(second.allocations)).toEqual([[JAM, 'E', 10], [JAM, 'N', 5], [SUGAR, 'G1', 3], [SUGAR, 'G2', 1]]);
        expect(second.shortages).toEqual([]);
        // Allocating a fully allocated order again changes nothing.
        const third = await allocate(t.api, order.id);
        expect(third.allocations).toEqual(second.allocations);
        expect(third.status).toBe('allocated');
      });

      it('stays open when nothing at all can be reserved', async () => {
        const order = await salesOrder(t.api, 'SHOP', [{ sku: SUGAR, quantity: 1 }]);
        expect(await allocate(t.api, order.id)).toMatchObject({ status: 'open', allocations: [], shortages: [{ sku: SUGAR, quantity: 1 }] });
      });

      it('only takes stock at the order location', async () => {
        const order = await salesOrder(t.api, 'SHOP', [{ sku: JAM, quantity: 12 }], { location: WH2 });
        const result = await allocate(t.api, order.id);
        expect(result.status).toBe('partially_allocated');
        expect(picks(result.allocations)).toEqual([[JAM, 'F', 10]]);
        expect(result.allocations[0].location).toBe(WH2);
      });

      it('uses FIFO for an item that asks for it: the first lot in, not the first to expire', async () => {
        await created(t.api.post('/items', { sku: 'OIL', name: 'Sunflower oil', uom: 'l', allocation: 'fifo' }));
        t.clock.set('2026-06-10T08:00:00Z');
        await receive(t.api, [{ sku: 'OIL', lot: 'O-LATE-EXPIRY', quantity: 5, expiryDate: '2027-12-31' }]);
        t.clock.set('2026-06-12T08:00:00Z');
        await receive(t.api, [{ sku: 'OIL', lot: 'O-EARLY-EXPIRY', quantity: 5, expiryDate: '2027-01-31' }]);
        // Backdated: it came in before both, whatever the order it was booked in.
        await receive(t.api, [{ sku: 'OIL', lot: 'O-FIRST-IN', quantity: 5, expiryDate: '2027-06-30' }], { time: '2026-06-01T08:00:00Z' });
        t.clock.set('2026-06-15T10:00:00Z');
        expect((await ok(t.api.get('/items/OIL'))).allocation).toBe('fifo');

        const order = await salesOrder(t.api, 'SHOP', [{ sku: 'OIL', quantity: 8 }]);
        expect(picks((await allocate(t.api, order.id)).allocations)).toEqual([['OIL', 'O-FIRST-IN', 5], ['OIL', 'O-LATE-EXPIRY', 3]]);
        // POST /shipments follows the same policy.
        const shipment = await created(t.api.post('/shipments', { customer: 'SHOP', location: WH1, lines: [{ sku: 'OIL', quantity: 3 }] }));
        expect(linesOf(shipment)).toEqual([
          ['OIL', 'O-LATE-EXPIRY', WH1, -2],
          ['OIL', 'O-EARLY-EXPIRY', WH1, -1],
        ]);
      });

      it('applies a minimum share of shelf life left, with the reason', async () => {
        await created(t.api.post('/parties', { code: 'PHARMA', name: 'Pharmacy chain', roles: ['customer'], minShelfLifePercent: 60 }));
        expect((await ok(t.api.get('/parties/PHARMA'))).minShelfLifePercent).toBe(60);
        // Made 100 days ago with 200 days' shelf life: 50% left. Made 20 days ago: 90% left.
        await receive(t.api, [
          { sku: SUGAR, lot: 'HALF', quantity: 5, productionDate: addDays(TODAY, -100), expiryDate: addDays(TODAY, 100) },
          { sku: SUGAR, lot: 'FRESH', quantity: 5, productionDate: addDays(TODAY, -20), expiryDate: addDays(TODAY, 180) },
          // Exactly 60%: accepted.
          { sku: SUGAR, lot: 'EDGE', quantity: 5, productionDate: addDays(TODAY, -40), expiryDate: addDays(TODAY, 60) },
        ]);
        const order = await salesOrder(t.api, 'PHARMA', [{ sku: SUGAR, quantity: 8 }]);
        const result = await allocate(t.api, order.id);
        expect(picks(result.allocations)).toEqual([[SUGAR, 'EDGE', 5], [SUGAR, 'FRESH', 3]]);
        expect(result.skipped).toEqual([{ sku: SUGAR, lot: 'HALF', reason: '50% shelf life left, customer requires 60%' }]);
        // The same rule guards explicit lots on POST /shipments.
        const refused = expectError(await t.api.post('/shipments', { customer: 'PHARMA', location: WH1, lines: [{ sku: SUGAR, lot: 'HALF', quantity: 1 }] }), 409, 'conflict', 'lines.0.lot');
        expect(refused.message).toContain('50% shelf life left, customer requires 60%');
        expectError(await t.api.post('/parties', { code: 'X', name: 'x', roles: ['customer'], minShelfLifePercent: 101 }), 400, 'invalid_request', 'minShelfLifePercent');
      });

      it('measures the share against the item shelf life when a lot has no production date', async () => {
        await created(t.api.post('/parties', { code: 'PHARMA', name: 'Pharmacy chain', roles: ['customer'], minShelfLifePercent: 50 }));
        // JAM-500 keeps 365 days: B (20 left) has 5%, E (230 left) 63%.
        const order = await salesOrder(t.api, 'PHARMA', [{ sku: JAM, quantity: 5 }]);
        const result = await allocate(t.api, order.id);
        expect(picks(result.allocations)).toEqual([[JAM, 'E', 5]]);
        expect(result.skipped).toContainEqual({ sku: JAM, lot: 'B', reason: '5% shelf life left, customer requires 50%' });
        expect(result.skipped).toContainEqual({ sku: JAM, lot: 'D', reason: '25% shelf life left, customer requires 50%' });
      });
    });

    describe('pick list', () => {
      it('lists what to pick in FEFO order, as JSON and as a printable PDF', async () => {
        const order = await salesOrder(t.api, 'SHOP', [{ sku: JAM, quantity: 25 }, { sku: SUGAR, quantity: 2 }], { number: 'SO/2026/7' });
        await allocate(t.api, order.id);
        const list = await ok(t.api.get(`/sales-orders/${order.id}/pick-list?format=json`));
        expect(list.order).toEqual({ id: order.id, number: 'SO/2026/7', customer: { code: 'SHOP', name: 'Corner Shop' }, location: { code: WH1, name: 'Main warehouse' }, shipBy: null, status: 'partially_allocated' });
        expect(list.complete).toBe(false);
        expect(list.lines.map((l: { sku: string; picks: { lot: string; quantity: number; expiryDate: string }[] }) => [l.sku, l.picks.map((p) => [p.lot, p.quantity, p.expiryDate])])).toEqual([
          [JAM, [['B', 10, expiry('B')], ['C', 10, expiry('C')], ['D', 5, expiry('D')]]],
          [SUGAR, []],
        ]);
        expect(await ok(t.api.get(`/sales-orders/${order.id}/pick-list`))).toEqual(list);

        const pdf = await t.api.get(`/sales-orders/${order.id}/pick-list?format=pdf`);
        expect(pdf.status).toBe(200);
        expect(pdf.headers['content-type']).toBe('application/pdf');
        expect(String(pdf.headers['content-disposition'])).toContain('pick-list-SO_2026_7.pdf');
        const bytes = Buffer.from((await t.server.inject({ url: `/api/v1/sales-orders/${order.id}/pick-list?format=pdf` })).rawPayload);
        expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(bytes.subarray(-8).toString('latin1')).toContain('%%EOF');
        expectError(await t.api.get(`/sales-orders/${order.id}/pick-list?format=xml`), 400, 'invalid_request', 'format');
      });

      it('pages a long pick list', async () => {
        await receive(t.api, Array.from({ length: 80 }, (_, i) => ({ sku: SUGAR, lot: `G${String(i).padStart(3, '0')}`, quantity: 1 })));
        const order = await salesOrder(t.api, 'SHOP', [{ sku: SUGAR, quantity: 80 }]);
        await allocate(t.api, order.id);
        const bytes = Buffer.from((await t.server.inject({ url: `/api/v1/sales-orders/${order.id}/pick-list?format=pdf` })).rawPayload);
        const pages = bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? [];
        expect(pages.length).toBeGreaterThan(1);
      });
    });

    describe('ship and cancel', () => {
      it('ships exactly the reserved lots with the order number on the shipment; cannot ship twice', async () => {
        const order = await salesOrder(t.api, 'DELI', [{ sku: JAM, quantity: 15 }]);
        await allocate(t.api, order.id);
        const shipped = await shipOrder(t.api, order.id);
        expect(shipped).toMatchObject({ id: order.id, status: 'shipped', lines: [{ sku: JAM, quantity: 15, allocated: 0, shipped: 15 }] });
        expect(linesOf(shipped.shipment)).toEqual([
          [JAM, 'C', WH1, -10],
          [JAM, 'D', WH1, -5],
        ]);
        expect(shipped.shipment.documents).toEqual([{ type: 'order', number: 'SO-000001' }]);
        expect(await ok(t.api.get(`/events/${shipped.shipment.id}`))).toEqual(shipped.shipment);
        expect(await ok(t.api.get(`/sales-orders/${order.id}`))).toMatchObject({ status: 'shipped', events: [shipped.shipment.id] });
        expect(expectError(await t.api.post(`/sales-orders/${order.id}/ship`), 409, 'conflict').message).toMatch(/already shipped/);
        expectError(await t.api.post(`/sales-orders/${order.id}/allocate`), 409, 'conflict');
        expectError(await t.api.post(`/sales-orders/${order.id}/cancel`), 409, 'conflict');
        expectError(await t.api.get(`/sales-orders/${order.id}/pick-list`), 409, 'conflict');
      });

      it('replays a ship with the same idempotency key and records nothing new', async () => {
        const order = await salesOrder(t.api, 'SHOP', [{ sku: JAM, quantity: 5 }]);
        await allocate(t.api, order.id);
        const headers = { 'idempotency-key': 'ship-so-1' };
        const first = await created(t.api.post(`/sales-orders/${order.id}/ship`, {}, headers));
        const again = await ok(t.api.post(`/sales-orders/${order.id}/ship`, {}, headers));
        expect(again.shipment.id).toBe(first.shipment.id);
        expect((await allPages(t.api, '/events?type=shipment')).length).toBe(1);
      });

      it('cancel releases every reservation; a cancelled order cannot be allocated', async () => {
        const order = await salesOrder(t.api, 'SHOP', [{ sku: JAM, quantity: 15 }]);
        await allocate(t.api, order.id);
        expect((await stock(t.api, 'lot=B'))[0]).toMatchObject({ quantity: 10, reserved: 10, free: 0 });
        const before = await ledgerSnapshot(t.api);
        const cancelled = await cancelOrder(t.api, order.id);
        expect(cancelled).toMatchObject({ status: 'cancelled', allocations: [], lines: [{ allocated: 0 }] });
        expect((await stock(t.api, 'lot=B'))[0]).toMatchObject({ quantity: 10, reserved: 0, free: 10 });
        expect(await lot(t.api, JAM, 'B')).toMatchObject({ reservations: [], onHand: [{ location: WH1, quantity: 10, reserved: 0, free: 10 }] });
        // Orders never touch the ledger.
        expect((await ledgerSnapshot(t.api)).events).toEqual(before.events);
        expectError(await t.api.post(`/sales-orders/${order.id}/allocate`), 409, 'conflict');
        expectError(await t.api.post(`/sales-orders/${order.id}/cancel`), 409, 'conflict');
      });

      it('refuses to ship a reserved lot put on hold; the reservation stays until the order is allocated again', async () => {
        const order = await salesOrder(t.api, 'SHOP', [{ sku: JAM, quantity: 15 }]);
        await allocate(t.api, order.id);
        await hold(t.api, JAM, 'B', 'mould found');
        const before = await ledgerSnapshot(t.api);
        const refused = expectError(await t.api.post(`/sales-orders/${order.id}/ship`), 409, 'conflict');
        expect(refused.message).toContain('JAM-500/B: on hold');
        expect(await ledgerSnapshot(t.api)).toEqual(before);
        expect((await lot(t.api, JAM, 'B')).onHand[0]).toMatchObject({ reserved: 10 });

        const again = await allocate(t.api, order.id);
        expect(again.released).toEqual([{ sku: JAM, lot: 'B', quantity: 10, reason: 'on hold' }]);
        expect(again.status).toBe('allocated');
        expect(picks(again.allocations)).toEqual([[JAM, 'C', 10], [JAM, 'D', 5]]);
        expect((await lot(t.api, JAM, 'B')).onHand[0]).toMatchObject({ reserved: 0 });
        const shipped = await shipOrder(t.api, order.id);
        expect(linesOf(shipped.shipment)).toEqual([
          [JAM, 'C', WH1, -10],
          [JAM, 'D', WH1, -5],
        ]);
      });

      it('refuses to ship a reserved lot that aged past the customer policy by the ship date', async () => {
        const order = await salesOrder(t.api, 'DELI', [{ sku: JAM, quantity: 5 }]);
        expect(picks((await allocate(t.api, order.id)).allocations)).toEqual([[JAM, 'C', 5]]);
        t.clock.advanceDays(20); // C now has 27 days left
        expect(expectError(await t.api.post(`/sales-orders/${order.id}/ship`), 409, 'conflict').message).toContain('27 days left, customer requires 30');
        const again = await allocate(t.api, order.id);
        expect(again.released).toEqual([{ sku: JAM, lot: 'C', quantity: 5, reason: '27 days left, customer requires 30' }]);
        expect(picks(again.allocations)).toEqual([[JAM, 'D', 5]]);
      });
    });
  });
}
