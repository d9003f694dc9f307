import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, allPages, created, expectError, hold, JAM, ledgerSnapshot, linesOf, lot, ok, receive, seedWorld, stock, STRAW, SUGAR, TODAY, WH1 } from '../helpers/fixtures.js';
import { picks, productionOrder, recipe } from '../helpers/orders.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

for (const dialect of DIALECTS) {
  describe(`recipes and production orders (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
      await seedWorld(t.api);
      // Strawberries: S-LATE keeps longest, S-SOON expires first, S-HELD is on hold, S-OLD expired.
      await receive(t.api, [
        { sku: STRAW, lot: 'S-LATE', quantity: 50, expiryDate: addDays(TODAY, 8) },
        { sku: STRAW, lot: 'S-SOON', quantity: 30, expiryDate: addDays(TODAY, 3) },
        { sku: STRAW, lot: 'S-HELD', quantity: 50, expiryDate: addDays(TODAY, 1) },
        { sku: STRAW, lot: 'S-OLD', quantity: 50, expiryDate: addDays(TODAY, -1) },
        { sku: SUGAR, lot: 'G1', quantity: 100 },
      ]);
      await hold(t.api, STRAW, 'S-HELD');
      await recipe(t.api, JAM, 100, [{ sku: STRAW, quantity: 40 }, { sku: SUGAR, quantity: 30 }]);
    });
    afterEach(async () => t.close());

    describe('recipes', () => {
      it('keeps one active recipe per item; posting again replaces it as the next version', async () => {
        expect(await ok(t.api.get(`/recipes/${JAM}`))).toEqual({
          sku: JAM,
          version: 1,
          outputQuantity: 100,
          inputs: [
            { sku: STRAW, quantity: 40 },
            { sku: SUGAR, quantity: 30 },
          ],
          updatedAt: expect.any(String),
        });
        const planned = await productionOrder(t.api, JAM, 50);
        const v2 = await recipe(t.api, JAM, 10, [{ sku: STRAW, quantity: 5 }]);
        expect(v2).toMatchObject({ version: 2, outputQuantity: 10, inputs: [{ sku: STRAW, quantity: 5 }] });
        expect(await ok(t.api.get(`/recipes/${JAM}`))).toEqual(v2);
        // An order already planned keeps the recipe it was planned with.
        expect(await ok(t.api.get(`/production-orders/${planned.id}`))).toMatchObject({ recipeVersion: 1, inputs: [{ sku: STRAW, quantity: 20 }, { sku: SUGAR, quantity: 15 }] });
        expect((await productionOrder(t.api, JAM, 10)).inputs).toEqual([{ sku: STRAW, quantity: 5, reserved: 5, consumed: 0 }]);
      });

      it('refuses bad recipes with 400 and answers 404 for an item without one', async () => {
        const post = (body: object) => t.api.post('/recipes', { sku: JAM, outputQuantity: 1, inputs: [{ sku: SUGAR, quantity: 1 }], ...body });
        expectError(await post({ sku: 'NOPE' }), 400, 'invalid_request', 'sku');
        expectError(await post({ inputs: [{ sku: 'NOPE', quantity: 1 }] }), 400, 'invalid_request', 'inputs.0.sku');
        expectError(await post({ inputs: [{ sku: JAM, quantity: 1 }] }), 400, 'invalid_request', 'inputs.0.sku');
        expectError(await post({ inputs: [] }), 400, 'invalid_request', 'inputs');
        expectError(await post({ outputQuantity: 0 }), 400, 'invalid_request', 'outputQuantity');
        expectError(await t.api.get(`/recipes/${SUGAR}`), 404, 'not_found');
      });
    });

    describe('production orders', () => {
      it('scales the recipe and reserves input lots FEFO, skipping held and expired lots', async () => {
        const order = await productionOrder(t.api, JAM, 150);
        expect(order).toMatchObject({ number: 'PRD-000001', sku: JAM, quantity: 150, location: WH1, status: 'open', produced: 0, events: [] });
        expect(order.inputs).toEqual([
          { sku: STRAW, quantity: 60, reserved: 60, consumed: 0 },
          { sku: SUGAR, quantity: 45, reserved: 45, consumed: 0 },
        ]);
        expect(picks(order.allocations)).toEqual([[STRAW, 'S-SOON', 30], [STRAW, 'S-LATE', 30], [SUGAR, 'G1', 45]]);
        expect(order.skipped).toEqual([
          { sku: STRAW, lot: 'S-OLD', reason: `expired on ${addDays(TODAY, -1)}` },
          { sku: STRAW, lot: 'S-HELD', reason: 'on hold' },
        ]);
        expect((await stock(t.api, 'lot=S-LATE'))[0]).toMatchObject({ quantity: 50, reserved: 30, free: 20 });
        expect(await ok(t.api.get(`/production-orders/${order.id}`))).toEqual({ ...order, skipped: undefined });
      });

      it('rounds scaled inputs up to the micro-unit so a batch never runs short', async () => {
        await recipe(t.api, 'STRAW', 3, [{ sku: SUGAR, quantity: 1 }]);
        expect((await productionOrder(t.api, STRAW, 1)).inputs[0].quantity).toBe(0.333334);
      });

      it('is all or nothing: a short input refuses the order with the reasons, reserving nothing', async () => {
        const before = await stock(t.api);
        // 250 jars need 100 kg strawberries; only 80 are usable.
        const error = expectError(await t.api.post('/production-orders', { sku: JAM, quantity: 250, location: WH1 }), 409, 'conflict', 'quantity');
        expect(error.message).toContain('only 80 of 100 STRAW eligible');
        expect(error.message).toContain('S-HELD: on hold');
        expect(await stock(t.api)).toEqual(before);
        expect((await ok(t.api.get('/production-orders'))).items).toEqual([]);
        expectError(await t.api.post('/production-orders', { sku: SUGAR, quantity: 1, location: WH1 }), 400, 'invalid_request', 'sku');
        expectError(await t.api.post('/production-orders', { sku: JAM, quantity: 1, location: 'NOWHERE' }), 400, 'invalid_request', 'location');
        expectError(await t.api.get('/production-orders/nope'), 404, 'not_found');
      });

      it('completes by consuming exactly the reserved lots, and releases them', async () => {
        const order = await productionOrder(t.api, JAM, 150);
        const done = await created(t.api.post(`/production-orders/${order.id}/complete`, { lot: 'J1', quantity: 148 }));
        expect(linesOf(done.production)).toEqual([
          [STRAW, 'S-SOON', WH1, -30],
          [STRAW, 'S-LATE', WH1, -30],
          [SUGAR, 'G1', WH1, -45],
          [JAM, 'J1', WH1, 148],
        ]);
        expect(done.order).toMatchObject({ status: 'completed', produced: 148, allocations: [], events: [done.production.id] });
        expect(done.order.inputs).toEqual([
          { sku: STRAW, quantity: 60, reserved: 0, consumed: 60 },
          { sku: SUGAR, quantity: 45, reserved: 0, consumed: 45 },
        ]);
        expect((await stock(t.api)).every((s: any) => s.reserved === 0)).toBe(true);
        // Genealogy as for any production.
        const trace = await ok(t.api.get(`/trace/${JAM}/J1?direction=backward`));
        expect(trace.lots.map((l: { lot: string }) => l.lot).sort()).toEqual(['G1', 'J1', 'S-LATE', 'S-SOON']);
        expectError(await t.api.post(`/production-orders/${order.id}/complete`, { lot: 'J2' }), 409, 'conflict');
        expectError(await t.api.post(`/production-orders/${order.id}/cancel`), 409, 'conflict');
      });

      it('completes with what was really used instead of the reserved lots', async () => {
        const order = await productionOrder(t.api, JAM, 100);
        expect(picks(order.allocations)).toEqual([[STRAW, 'S-SOON', 30], [STRAW, 'S-LATE', 10], [SUGAR, 'G1', 30]]);
        const done = await created(
          t.api.post(`/production-orders/${order.id}/complete`, {
            lot: 'J1',
            inputs: [
              { sku: STRAW, lot: 'S-LATE', quantity: 42 },
              { sku: SUGAR, lot: 'G1', quantity: 29.5 },
            ],
          }),
        );
        expect(linesOf(done.production)).toEqual([
          [STRAW, 'S-LATE', WH1, -42],
          [SUGAR, 'G1', WH1, -29.5],
          [JAM, 'J1', WH1, 100],
        ]);
        expect(done.order.inputs.map((i: { consumed: number }) => i.consumed)).toEqual([42, 29.5]);
        // S-SOON was reserved but not used: its reservation is gone with the order's.
        expect((await lot(t.api, STRAW, 'S-SOON')).onHand).toEqual([{ location: WH1, quantity: 30, reserved: 0, free: 30 }]);
      });

      it('refuses to complete with a reserved lot that was put on hold meanwhile, recording nothing', async () => {
        const order = await productionOrder(t.api, JAM, 50);
        await hold(t.api, STRAW, 'S-SOON');
        const before = await ledgerSnapshot(t.api);
        expectError(await t.api.post(`/production-orders/${order.id}/complete`, { lot: 'J1' }), 409, 'conflict', 'inputs.0.lot');
        expect(await ledgerSnapshot(t.api)).toEqual(before);
        expect(await ok(t.api.get(`/production-orders/${order.id}`))).toMatchObject({ status: 'open', inputs: [{ reserved: 20 }, { reserved: 15 }] });
      });

      it('cancel releases the reserved inputs', async () => {
        const order = await productionOrder(t.api, JAM, 150);
        const cancelled = await ok(t.api.post(`/production-orders/${order.id}/cancel`));
        expect(cancelled).toMatchObject({ status: 'cancelled', allocations: [] });
        expect((await stock(t.api)).every((s: any) => s.reserved === 0)).toBe(true);
        expectError(await t.api.post(`/production-orders/${order.id}/complete`, { lot: 'J1' }), 409, 'conflict');
        expect((await allPages(t.api, '/production-orders?status=cancelled')).map((o: { id: string }) => o.id)).toEqual([order.id]);
        expect(await allPages(t.api, '/production-orders?status=open')).toEqual([]);
      });

      it('replays a completion with the same idempotency key', async () => {
        const order = await productionOrder(t.api, JAM, 10);
        const headers = { 'idempotency-key': 'batch-1' };
        const first = await created(t.api.post(`/production-orders/${order.id}/complete`, { lot: 'J1' }, headers));
        const again = await ok(t.api.post(`/production-orders/${order.id}/complete`, { lot: 'J1' }, headers));
        expect(again.production).toEqual(first.production);
      });
    });

    describe('expiry from inputs', () => {
      it("caps an output's default expiry at the earliest input expiry for items that ask for it", async () => {
        await created(t.api.post('/items', { sku: 'PUREE', name: 'Strawberry puree', uom: 'kg', shelfLifeDays: 30, expiryFromInputs: true }));
        await created(t.api.post('/items', { sku: 'SAUCE', name: 'Sauce', uom: 'kg', expiryFromInputs: true }));
        expect((await ok(t.api.get('/items/PUREE'))).expiryFromInputs).toBe(true);
        const make = (sku: string, lotCode: string, inputs: object[], extra: object = {}) =>
          created(t.api.post('/productions', { location: WH1, inputs, outputs: [{ sku, lot: lotCode, quantity: 1, ...extra }] }));

        // 30 days' shelf life, but S-SOON expires in 3: the puree expires with it.
        await make('PUREE', 'P1', [{ sku: STRAW, lot: 'S-SOON', quantity: 1 }, { sku: STRAW, lot: 'S-LATE', quantity: 1 }, { sku: SUGAR, lot: 'G1', quantity: 1 }]);
        expect(await lot(t.api, 'PUREE', 'P1')).toMatchObject({ productionDate: TODAY, expiryDate: addDays(TODAY, 3) });
        // Inputs without expiry do not cap: production date + shelf life.
        await make('PUREE', 'P2', [{ sku: SUGAR, lot: 'G1', quantity: 1 }]);
        expect((await lot(t.api, 'PUREE', 'P2')).expiryDate).toBe(addDays(TODAY, 30));
        // No shelf life of its own: it simply takes the earliest input expiry.
        await make('SAUCE', 'X1', [{ sku: STRAW, lot: 'S-LATE', quantity: 1 }]);
        expect((await lot(t.api, 'SAUCE', 'X1')).expiryDate).toBe(addDays(TODAY, 8));
        // A stated expiry is taken as stated.
        await make('PUREE', 'P3', [{ sku: STRAW, lot: 'S-SOON', quantity: 1 }], { expiryDate: addDays(TODAY, 20) });
        expect((await lot(t.api, 'PUREE', 'P3')).expiryDate).toBe(addDays(TODAY, 20));
        // Items without the flag are unaffected.
        await make(JAM, 'J9', [{ sku: STRAW, lot: 'S-SOON', quantity: 1 }]);
        expect((await lot(t.api, JAM, 'J9')).expiryDate).toBe(addDays(TODAY, 365));
      });

      it('applies to production orders too', async () => {
        await created(t.api.post('/items', { sku: 'PUREE', name: 'Strawberry puree', uom: 'kg', shelfLifeDays: 30, expiryFromInputs: true }));
        await recipe(t.api, 'PUREE', 1, [{ sku: STRAW, quantity: 1 }]);
        const order = await productionOrder(t.api, 'PUREE', 40);
        await created(t.api.post(`/production-orders/${order.id}/complete`, { lot: 'P1' }));
        expect((await lot(t.api, 'PUREE', 'P1')).expiryDate).toBe(addDays(TODAY, 3));
      });
    });
  });
}
