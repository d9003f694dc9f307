import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, created, expectStockEquals, JAM, linesOf, lot, ok, receive, seedWorld, STRAW, SUGAR, Tally, TODAY, WH1 } from '../helpers/fixtures.js';
import { allocate, picks, productionOrder, purchaseOrder, recipe, salesOrder, shipOrder } from '../helpers/orders.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

/**
 * The order flow end to end: buy strawberries and sugar on purchase orders, plan a jam batch on a
 * production order (which reserves exactly the FEFO input lots), complete it, sell jam to a
 * customer with a 30-day shelf-life policy and ship it; every lot chosen is the one the policy
 * implies, and stock matches an independent tally at each step.
 */
for (const dialect of DIALECTS) {
  describe(`orders story (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
      await seedWorld(t.api);
    });
    afterEach(async () => t.close());

    it('purchase → production order → sales order allocates, picks and ships exactly the lots the policy implies', async () => {
      const { api } = t;
      const tally = new Tally();

      // Purchase: strawberries in two deliveries (the first partial), sugar in one.
      const straw = await purchaseOrder(api, 'PO-1001', 'FARM', [{ sku: STRAW, quantity: 100 }]);
      const sugar = await purchaseOrder(api, 'PO-1002', 'MILL', [{ sku: SUGAR, quantity: 200 }]);
      expect(straw).toMatchObject({ number: 'PO-1001', status: 'open', lines: [{ sku: STRAW, quantity: 100, received: 0, outstanding: 100 }] });
      // S2 arrives first but keeps longer: FEFO must still take S1 first.
      let r = await created(api.post(`/purchase-orders/${straw.id}/receive`, { documents: [{ type: 'invoice', number: 'INV-77' }], lines: [{ sku: STRAW, lot: 'S2', quantity: 40, expiryDate: addDays(TODAY, 9) }] }));
      expect(r.order).toMatchObject({ status: 'partially_received', lines: [{ received: 40, outstanding: 60 }] });
      expect(r.receipt.documents).toEqual([{ type: 'PO', number: 'PO-1001' }, { type: 'invoice', number: 'INV-77' }]);
      r = await created(api.post(`/purchase-orders/${straw.id}/receive`, { lines: [{ sku: STRAW, lot: 'S1', quantity: 60, expiryDate: addDays(TODAY, 7) }] }));
      expect(r.order).toMatchObject({ status: 'received', lines: [{ received: 100, outstanding: 0 }] });
      expect(r.order.events).toHaveLength(2);
      await created(api.post(`/purchase-orders/${sugar.id}/receive`, { lines: [{ sku: SUGAR, lot: 'G1', quantity: 200 }] }));
      tally.add(STRAW, 'S2', WH1, 40);
      tally.add(STRAW, 'S1', WH1, 60);
      tally.add(SUGAR, 'G1', WH1, 200);
      // Finished jam already in stock: one lot too short-dated for the customer, one good.
      await receive(api, [
        { sku: JAM, lot: 'J-OLD', quantity: 30, expiryDate: addDays(TODAY, 20) },
        { sku: JAM, lot: 'J-MID', quantity: 50, expiryDate: addDays(TODAY, 100) },
      ]);
      tally.add(JAM, 'J-OLD', WH1, 30);
      tally.add(JAM, 'J-MID', WH1, 50);
      await expectStockEquals(api, tally);

      // Plan: 100 jars take 40 kg strawberries and 30 kg sugar; 150 jars take 60 and 45.
      await recipe(api, JAM, 100, [{ sku: STRAW, quantity: 40 }, { sku: SUGAR, quantity: 30 }]);
      const batch = await productionOrder(api, JAM, 150);
      expect(batch).toMatchObject({ number: 'PRD-000001', status: 'open', recipeVersion: 1 });
      expect(batch.inputs).toEqual([
        { sku: STRAW, quantity: 60, reserved: 60, consumed: 0 },
        { sku: SUGAR, quantity: 45, reserved: 45, consumed: 0 },
      ]);
      expect(picks(batch.allocations)).toEqual([[STRAW, 'S1', 60], [SUGAR, 'G1', 45]]);
      expect((await lot(api, STRAW, 'S1')).onHand).toEqual([{ location: WH1, quantity: 60, reserved: 60, free: 0 }]);

      // Make it: the reserved lots are consumed into J1.
      const done = await created(api.post(`/production-orders/${batch.id}/complete`, { lot: 'J1' }));
      expect(done.order).toMatchObject({ status: 'completed', produced: 150, allocations: [] });
      expect(done.order.inputs.map((i: { consumed: number }) => i.consumed)).toEqual([60, 45]);
      expect(linesOf(done.production)).toEqual([
        [STRAW, 'S1', WH1, -60],
        [SUGAR, 'G1', WH1, -45],
        [JAM, 'J1', WH1, 150],
      ]);
      expect(done.production.documents).toEqual([{ type: 'production order', number: 'PRD-000001' }]);
      tally.remove(STRAW, 'S1', WH1, 60);
      tally.remove(SUGAR, 'G1', WH1, 45);
      tally.add(JAM, 'J1', WH1, 150);
      await expectStockEquals(api, tally);
      expect(await lot(api, JAM, 'J1')).toMatchObject({ productionDate: TODAY, expiryDate: addDays(TODAY, 365), reservations: [] });

      // Sell 180 jars to the deli (30 days minimum): J-OLD is too short, J-MID then J1 by expiry.
      const order = await salesOrder(api, 'DELI', [{ sku: JAM, quantity: 180 }]);
      expect(order).toMatchObject({ number: 'SO-000001', status: 'open', lines: [{ sku: JAM, quantity: 180, allocated: 0, shipped: 0 }] });
      const allocation = await allocate(api, order.id);
      expect(allocation.status).toBe('allocated');
      expect(allocation.allocations).toEqual([
        { sku: JAM, lot: 'J-MID', location: WH1, quantity: 50, expiryDate: addDays(TODAY, 100) },
        { sku: JAM, lot: 'J1', location: WH1, quantity: 130, expiryDate: addDays(TODAY, 365) },
      ]);
      expect(allocation.skipped).toEqual([{ sku: JAM, lot: 'J-OLD', reason: '20 days left, customer requires 30' }]);

      const pickList = await ok(api.get(`/sales-orders/${order.id}/pick-list`));
      expect(pickList.lines).toEqual([
        {
          sku: JAM,
          name: 'Strawberry jam 500 g',
          uom: 'ea',
          ordered: 180,
          allocated: 180,
          picks: [
            { lot: 'J-MID', location: WH1, quantity: 50, expiryDate: addDays(TODAY, 100), sellByDate: addDays(TODAY, 70), status: 'available' },
            { lot: 'J1', location: WH1, quantity: 130, expiryDate: addDays(TODAY, 365), sellByDate: addDays(TODAY, 335), status: 'available' },
          ],
        },
      ]);

      const shipped = await shipOrder(api, order.id, { documents: [{ type: 'invoice', number: 'INV-900' }] });
      expect(shipped).toMatchObject({ status: 'shipped', allocations: [], lines: [{ quantity: 180, allocated: 0, shipped: 180 }] });
      expect(shipped.shipment).toMatchObject({ type: 'shipment', party: 'DELI', documents: [{ type: 'order', number: 'SO-000001' }, { type: 'invoice', number: 'INV-900' }] });
      expect(linesOf(shipped.shipment)).toEqual([
        [JAM, 'J-MID', WH1, -50],
        [JAM, 'J1', WH1, -130],
      ]);
      expect(shipped.events).toEqual([shipped.shipment.id]);
      tally.remove(JAM, 'J-MID', WH1, 50);
      tally.remove(JAM, 'J1', WH1, 130);
      await expectStockEquals(api, tally);
      expect((await ok(api.get('/stock'))).items.every((s: { reserved: number }) => s.reserved === 0)).toBe(true);

      // The trace from the shipped jar reaches both purchase orders.
      const trace = await ok(api.get(`/trace/${JAM}/J1?direction=backward`));
      const poNumbers = trace.receipts.flatMap((rc: { documents: { type: string; number: string }[] }) => rc.documents.filter((d) => d.type === 'PO').map((d) => d.number));
      expect(new Set(poNumbers)).toEqual(new Set(['PO-1001', 'PO-1002']));
      expect(trace.receipts.map((rc: { lot: string }) => rc.lot).sort()).toEqual(['G1', 'S1']);
    });
  });
}
