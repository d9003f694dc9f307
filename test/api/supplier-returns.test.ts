import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { created, expectError, hold, JAM, ledgerSnapshot, linesOf, lot, ok, receive, seedWorld, ship, STRAW, SUGAR, WH1, WH2 } from '../helpers/fixtures.js';
import { purchaseOrder } from '../helpers/orders.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

for (const dialect of DIALECTS) {
  describe(`supplier returns (${dialect})`, () => {
    let t: ApiTestContext;
    let receiptId: string;
    beforeEach(async () => {
      t = await openApiTest(dialect);
      await seedWorld(t.api);
      // 50 kg of S1 from the farm on PO-5 with an invoice; 20 more of S1 on a second receipt.
      const po = await purchaseOrder(t.api, 'PO-5', 'FARM', [{ sku: STRAW, quantity: 50 }]);
      const received = await created(
        t.api.post(`/purchase-orders/${po.id}/receive`, { documents: [{ type: 'invoice', number: 'INV-5' }], lines: [{ sku: STRAW, lot: 'S1', quantity: 50, expiryDate: '2026-06-25' }] }),
      );
      receiptId = received.receipt.id;
      await receive(t.api, [{ sku: STRAW, lot: 'S1', quantity: 20 }]);
      await receive(t.api, [{ sku: SUGAR, lot: 'G1', quantity: 10 }], { supplier: 'MILL' });
    });
    afterEach(async () => t.close());

    const sendBack = (body: object) => t.api.post('/supplier-returns', { supplier: 'FARM', location: WH1, lines: [{ sku: STRAW, lot: 'S1', quantity: 5 }], ...body });

    it('sends goods back against their receipt; the links show both ways with the PO and invoice', async () => {
      const returned = await created(sendBack({ receipt: receiptId, reason: 'mouldy', documents: [{ type: 'RMA', number: 'RMA-1' }] }));
      expect(returned).toMatchObject({
        type: 'supplier_return',
        party: 'FARM',
        location: WH1,
        reason: 'mouldy',
        receipt: receiptId,
        shipment: null,
        documents: [{ type: 'RMA', number: 'RMA-1' }],
        against: { id: receiptId, type: 'receipt', party: 'FARM', documents: [{ type: 'PO', number: 'PO-5' }, { type: 'invoice', number: 'INV-5' }] },
        returns: [],
      });
      expect(returned.lines).toEqual([{ sku: STRAW, lot: 'S1', location: WH1, quantity: -5, movement: 'supplier_return' }]);
      expect(await ok(t.api.get(`/events/${returned.id}`))).toEqual(returned);
      expect((await ok(t.api.get(`/events/${receiptId}`))).returns).toEqual([returned.id]);
      expect((await ok(t.api.get('/events?type=supplier_return'))).items.map((e: { id: string }) => e.id)).toEqual([returned.id]);

      const s1 = await lot(t.api, STRAW, 'S1');
      expect(s1.totals).toMatchObject({ received: 70, returnedToSupplier: 5, onHand: 65 });
      expect(s1.massBalance).toMatchObject({ returnedToSupplier: 5, difference: 0, closes: true });
      const trace = await ok(t.api.get(`/trace/${STRAW}/S1`));
      expect(trace.lots[0].massBalance).toMatchObject({ returnedToSupplier: 5, closes: true });
    });

    it('may return at most what came in, net of earlier returns, per receipt when one is named', async () => {
      await created(sendBack({ receipt: receiptId, lines: [{ sku: STRAW, lot: 'S1', quantity: 45 }] }));
      const before = await ledgerSnapshot(t.api);
      const over = expectError(await sendBack({ receipt: receiptId, lines: [{ sku: STRAW, lot: 'S1', quantity: 6 }] }), 409, 'conflict', 'lines.0.quantity');
      expect(over.message).toContain(`at most 5 of STRAW/S1 of receipt ${receiptId} can go back to FARM`);
      // Two lines of one lot count together.
      expectError(await sendBack({ receipt: receiptId, lines: [{ sku: STRAW, lot: 'S1', quantity: 3 }, { sku: STRAW, lot: 'S1', quantity: 3 }] }), 409, 'conflict', 'lines.1.quantity');
      expect(await ledgerSnapshot(t.api)).toEqual(before);
      // Without a receipt, everything received from the farm counts: 70 − 45.
      expectError(await sendBack({ lines: [{ sku: STRAW, lot: 'S1', quantity: 26 }] }), 409, 'conflict', 'lines.0.quantity');
      await created(sendBack({ lines: [{ sku: STRAW, lot: 'S1', quantity: 25 }] }));
      expect((await lot(t.api, STRAW, 'S1')).totals).toMatchObject({ returnedToSupplier: 70, onHand: 0 });
    });

    it('only to the supplier the lot came from (400), never produced lots, never a foreign receipt', async () => {
      expect(expectError(await sendBack({ supplier: 'MILL' }), 400, 'invalid_request', 'lines.0.lot').message).toContain('was received from FARM, not from MILL');
      await created(t.api.post('/productions', { location: WH1, inputs: [{ sku: SUGAR, lot: 'G1', quantity: 1 }], outputs: [{ sku: JAM, lot: 'J1', quantity: 2 }] }));
      expect(expectError(await sendBack({ lines: [{ sku: JAM, lot: 'J1', quantity: 1 }] }), 400, 'invalid_request', 'lines.0.lot').message).toContain('was produced here');
      expectError(await sendBack({ supplier: 'MILL', receipt: receiptId, lines: [{ sku: SUGAR, lot: 'G1', quantity: 1 }] }), 400, 'invalid_request', 'receipt');
      expectError(await sendBack({ receipt: 'nope' }), 400, 'invalid_request', 'receipt');
      expectError(await sendBack({ supplier: 'SHOP' }), 400, 'invalid_request', 'supplier');
      expectError(await sendBack({ lines: [{ sku: STRAW, lot: 'NOPE', quantity: 1 }] }), 400, 'invalid_request', 'lines.0.lot');
      expectError(await sendBack({ lines: [] }), 400, 'invalid_request', 'lines');
      // A receipt's shipment is no receipt.
      const shipment = await ship(t.api, 'SHOP', [{ sku: STRAW, lot: 'S1', quantity: 1 }]);
      expectError(await sendBack({ receipt: shipment.id }), 400, 'invalid_request', 'receipt');
    });

    it('may send back held stock, but not more than is at the location', async () => {
      await hold(t.api, STRAW, 'S1', 'mould');
      await created(sendBack({ lines: [{ sku: STRAW, lot: 'S1', quantity: 10 }] }));
      expectError(await sendBack({ location: WH2 }), 409, 'conflict', 'lines.0.quantity');
    });

    it('is reversible; the reversal keeps the link and the return can be made again', async () => {
      const returned = await created(sendBack({ receipt: receiptId, lines: [{ sku: STRAW, lot: 'S1', quantity: 50 }] }));
      const reversal = await created(t.api.post(`/events/${returned.id}/reverse`, { reason: 'supplier refused it' }));
      expect(reversal).toMatchObject({ type: 'reversal', receipt: receiptId, shipment: null });
      expect(linesOf(reversal)).toEqual([[STRAW, 'S1', WH1, 50]]);
      expect((await lot(t.api, STRAW, 'S1')).totals).toMatchObject({ returnedToSupplier: 0, onHand: 70 });
      await created(sendBack({ receipt: receiptId, lines: [{ sku: STRAW, lot: 'S1', quantity: 50 }] }));
    });

    it('replays with the same idempotency key', async () => {
      const headers = { 'idempotency-key': 'rma-1' };
      const first = await created(t.api.post('/supplier-returns', { supplier: 'FARM', location: WH1, lines: [{ sku: STRAW, lot: 'S1', quantity: 1 }] }, headers));
      const again = await ok(t.api.post('/supplier-returns', { supplier: 'FARM', location: WH1, lines: [{ sku: STRAW, lot: 'S1', quantity: 1 }] }, headers));
      expect(again.id).toBe(first.id);
    });
  });

  describe(`customer returns link to their shipment (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
      await seedWorld(t.api);
      await receive(t.api, [{ sku: JAM, lot: 'L1', quantity: 10, expiryDate: '2027-01-01' }]);
    });
    afterEach(async () => t.close());

    it("shows the shipment with its order and invoice on the return, and the return on the shipment", async () => {
      const shipment = await created(
        t.api.post('/shipments', { customer: 'SHOP', location: WH1, documents: [{ type: 'order', number: 'SO-9' }, { type: 'invoice', number: 'INV-1' }], lines: [{ sku: JAM, lot: 'L1', quantity: 6 }] }),
      );
      expect(shipment.returns).toEqual([]);
      const back = await created(t.api.post('/returns', { customer: 'SHOP', location: WH1, shipment: shipment.id, disposition: 'restock', lines: [{ sku: JAM, lot: 'L1', quantity: 2 }] }));
      expect(back).toMatchObject({
        shipment: shipment.id,
        receipt: null,
        against: { id: shipment.id, type: 'shipment', party: 'SHOP', documents: [{ type: 'order', number: 'SO-9' }, { type: 'invoice', number: 'INV-1' }] },
      });
      const again = await created(t.api.post('/returns', { customer: 'SHOP', location: WH1, shipment: shipment.id, disposition: 'scrap', lines: [{ sku: JAM, lot: 'L1', quantity: 1 }] }));
      expect((await ok(t.api.get(`/events/${shipment.id}`))).returns).toEqual([back.id, again.id]);
    });
  });
}
