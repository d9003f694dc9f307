import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allPages, created, expectError, JAM, ledgerSnapshot, linesOf, lot, ok, seedWorld, STRAW, SUGAR, WH1, WH2 } from '../helpers/fixtures.js';
import { purchaseOrder } from '../helpers/orders.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

for (const dialect of DIALECTS) {
  describe(`purchase orders (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
      await seedWorld(t.api);
    });
    afterEach(async () => t.close());

    const receiveOn = (id: string, lines: object[], headers?: Record<string, string>) => t.api.post(`/purchase-orders/${id}/receive`, { lines }, headers);

    it('creates an open order and reads it back; the number is unique', async () => {
      const order = await purchaseOrder(t.api, 'PO-1', 'FARM', [{ sku: STRAW, quantity: 100 }, { sku: SUGAR, quantity: 20.5 }]);
      expect(order).toEqual({
        id: expect.any(String),
        number: 'PO-1',
        supplier: 'FARM',
        location: WH1,
        status: 'open',
        lines: [
          { sku: STRAW, quantity: 100, received: 0, outstanding: 100 },
          { sku: SUGAR, quantity: 20.5, received: 0, outstanding: 20.5 },
        ],
        events: [],
        createdAt: expect.any(String),
      });
      expect(await ok(t.api.get(`/purchase-orders/${order.id}`))).toEqual(order);
      expectError(await t.api.post('/purchase-orders', { number: 'PO-1', supplier: 'MILL', location: WH1, lines: [{ sku: SUGAR, quantity: 1 }] }), 409, 'conflict', 'number');
    });

    it('refuses bad orders with 400 and unknown orders with 404', async () => {
      const post = (body: object) => t.api.post('/purchase-orders', { number: 'PO-9', supplier: 'FARM', location: WH1, lines: [{ sku: STRAW, quantity: 1 }], ...body });
      expectError(await post({ supplier: 'SHOP' }), 400, 'invalid_request', 'supplier');
      expectError(await post({ location: 'NOWHERE' }), 400, 'invalid_request', 'location');
      expectError(await post({ lines: [{ sku: 'NOPE', quantity: 1 }] }), 400, 'invalid_request', 'lines.0.sku');
      expectError(await post({ lines: [{ sku: STRAW, quantity: 1 }, { sku: STRAW, quantity: 1 }] }), 400, 'invalid_request', 'lines.1.sku');
      expectError(await post({ number: undefined }), 400, 'invalid_request', 'number');
      expectError(await t.api.get('/purchase-orders/nope'), 404, 'not_found');
      expectError(await receiveOn('nope', [{ sku: STRAW, lot: 'S1', quantity: 1 }]), 404, 'not_found');
    });

    it('receives in parts: open → partially_received → received, each receipt linked to the PO', async () => {
      const order = await purchaseOrder(t.api, 'PO-7', 'FARM', [{ sku: STRAW, quantity: 100 }, { sku: SUGAR, quantity: 10 }]);
      const first = await created(receiveOn(order.id, [{ sku: STRAW, lot: 'S1', quantity: 60, expiryDate: '2026-06-25', supplierLot: 'F-881' }]));
      expect(first.order).toMatchObject({ status: 'partially_received', events: [first.receipt.id] });
      expect(first.order.lines).toEqual([
        { sku: STRAW, quantity: 100, received: 60, outstanding: 40 },
        { sku: SUGAR, quantity: 10, received: 0, outstanding: 10 },
      ]);
      expect(first.receipt).toMatchObject({ type: 'receipt', party: 'FARM', location: WH1, documents: [{ type: 'PO', number: 'PO-7' }] });
      expect(linesOf(first.receipt)).toEqual([[STRAW, 'S1', WH1, 60]]);
      expect(await lot(t.api, STRAW, 'S1')).toMatchObject({ supplier: 'FARM', supplierLot: 'F-881', expiryDate: '2026-06-25' });

      const second = await created(
        receiveOn(order.id, [
          { sku: STRAW, lot: 'S2', quantity: 25 },
          { sku: STRAW, lot: 'S3', quantity: 15 },
          { sku: SUGAR, lot: 'G1', quantity: 10 },
        ]),
      );
      expect(second.order.status).toBe('received');
      expect(second.order.events).toEqual([first.receipt.id, second.receipt.id]);
      const ids = async (q: string) => (await allPages(t.api, `/purchase-orders${q}`)).map((o: { id: string }) => o.id);
      expect(await ids('?status=received')).toEqual([order.id]);
      expect(await ids('?status=open')).toEqual([]);
      expect(await ids('?supplier=FARM')).toEqual([order.id]);
    });

    it('refuses more than is outstanding (409) and items not on the order (400), recording nothing', async () => {
      const order = await purchaseOrder(t.api, 'PO-8', 'FARM', [{ sku: STRAW, quantity: 10 }]);
      await created(receiveOn(order.id, [{ sku: STRAW, lot: 'S1', quantity: 6 }]));
      const before = await ledgerSnapshot(t.api);
      const over = expectError(await receiveOn(order.id, [{ sku: STRAW, lot: 'S2', quantity: 3 }, { sku: STRAW, lot: 'S3', quantity: 2 }]), 409, 'conflict', 'lines.1.quantity');
      expect(over.message).toContain('only 4 of STRAW is still outstanding on purchase order PO-8');
      expectError(await receiveOn(order.id, [{ sku: JAM, lot: 'J1', quantity: 1 }]), 400, 'invalid_request', 'lines.0.sku');
      expectError(await receiveOn(order.id, []), 400, 'invalid_request', 'lines');
      expectError(await receiveOn(order.id, [{ sku: STRAW, lot: 'S2', quantity: 1, expiryDate: 'soon' }]), 400, 'invalid_request', 'lines.0.expiryDate');
      expect(await ledgerSnapshot(t.api)).toEqual(before);
      expect((await ok(t.api.get(`/purchase-orders/${order.id}`))).lines[0].received).toBe(6);
    });

    it('reopens when a receipt against it is reversed, so the goods can be received again', async () => {
      const order = await purchaseOrder(t.api, 'PO-9', 'MILL', [{ sku: SUGAR, quantity: 10 }]);
      const { receipt } = await created(receiveOn(order.id, [{ sku: SUGAR, lot: 'G1', quantity: 10 }]));
      expect((await ok(t.api.get(`/purchase-orders/${order.id}`))).status).toBe('received');
      await created(t.api.post(`/events/${receipt.id}/reverse`, { reason: 'booked on the wrong PO' }));
      expect(await ok(t.api.get(`/purchase-orders/${order.id}`))).toMatchObject({ status: 'open', lines: [{ received: 0, outstanding: 10 }] });
      expect((await allPages(t.api, '/purchase-orders?status=open')).map((o: { id: string }) => o.id)).toEqual([order.id]);
      await created(receiveOn(order.id, [{ sku: SUGAR, lot: 'G1', quantity: 10 }]));
    });

    it('replays a receive with the same idempotency key; a different body under it is a 409', async () => {
      const order = await purchaseOrder(t.api, 'PO-10', 'MILL', [{ sku: SUGAR, quantity: 10 }], WH2);
      const headers = { 'idempotency-key': 'recv-1' };
      const first = await created(receiveOn(order.id, [{ sku: SUGAR, lot: 'G1', quantity: 4 }], headers));
      expect(first.receipt.location).toBe(WH2);
      const again = await ok(receiveOn(order.id, [{ sku: SUGAR, lot: 'G1', quantity: 4 }], headers));
      expect(again.receipt).toEqual(first.receipt);
      expect(again.order.lines[0].received).toBe(4);
      expectError(await receiveOn(order.id, [{ sku: SUGAR, lot: 'G1', quantity: 5 }], headers), 409, 'conflict', 'Idempotency-Key');
    });
  });
}
