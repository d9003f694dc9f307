import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allPages, created, expectError, expectStatus, JAM, ledgerSnapshot, ok, receive, seedWorld, stock, SUGAR, WH1, WH2 } from '../helpers/fixtures.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

for (const dialect of DIALECTS) {
  describe(`idempotency (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
      await seedWorld(t.api);
    });
    afterEach(async () => t.close());

    const key = (k: string) => ({ 'idempotency-key': k });
    const receiptBody = { supplier: 'FARM', location: WH1, lines: [{ sku: JAM, lot: 'L1', quantity: 10, expiryDate: '2027-01-01' }] };
    const eventCount = async () => (await allPages(t.api, '/events')).length;

    it('replays the same key and body: 200, the same event, nothing new recorded', async () => {
      const first = await created(t.api.post('/receipts', receiptBody, key('rcpt-1')));
      const after = await ledgerSnapshot(t.api);
      const again = await t.api.post('/receipts', receiptBody, key('rcpt-1'));
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first);
      expect(await ledgerSnapshot(t.api)).toEqual(after);
      expect(await eventCount()).toBe(1);
      expect((await stock(t.api))[0]!.quantity).toBe(10);
    });

    it('treats the body as JSON, not text: key order does not matter', async () => {
      const first = await created(t.api.post('/receipts', receiptBody, key('k')));
      const reordered = { lines: [{ expiryDate: '2027-01-01', quantity: 10, lot: 'L1', sku: JAM }], location: WH1, supplier: 'FARM' };
      const again = await t.api.post('/receipts', reordered, key('k'));
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first.id);
    });

    it('refuses the same key with a different body, or on another endpoint, with 409 and records nothing', async () => {
      await created(t.api.post('/receipts', receiptBody, key('k')));
      const before = await ledgerSnapshot(t.api);
      const error = expectError(await t.api.post('/receipts', { ...receiptBody, lines: [{ ...receiptBody.lines[0], quantity: 11 }] }, key('k')), 409, 'conflict');
      expect(error.details?.[0]?.path).toBe('Idempotency-Key');
      expectError(await t.api.post('/adjustments', { location: WH1, reason: 'count', lines: [{ sku: JAM, lot: 'L1', quantity: 1 }] }, key('k')), 409, 'conflict');
      expect(await ledgerSnapshot(t.api)).toEqual(before);
    });

    it('tells apart the same body sent to two different lots', async () => {
      await receive(t.api, [{ sku: JAM, lot: 'L2', quantity: 1 }]);
      await receive(t.api, [{ sku: JAM, lot: 'L3', quantity: 1 }]);
      await created(t.api.post(`/lots/${JAM}/L2/hold`, { reason: 'check' }, key('h')));
      expectError(await t.api.post(`/lots/${JAM}/L3/hold`, { reason: 'check' }, key('h')), 409, 'conflict');
      expect((await ok(t.api.get(`/lots/${JAM}/L3`))).status).toBe('available');
    });

    it('returns the original result even when the request would now fail', async () => {
      const shipBody = { customer: 'SHOP', location: WH1, lines: [{ sku: JAM, quantity: 10 }] };
      await receive(t.api, [{ sku: JAM, lot: 'L1', quantity: 10, expiryDate: '2027-01-01' }]);
      const shipment = await created(t.api.post('/shipments', shipBody, key('ship-1')));
      // All stock is gone, so a new shipment would be a 409; the replay is not a new shipment.
      const again = await t.api.post('/shipments', shipBody, key('ship-1'));
      expect(again.status).toBe(200);
      expect(again.body).toEqual(shipment);
      expectError(await t.api.post('/shipments', shipBody, key('ship-2')), 409, 'conflict');

      // Likewise a hold replayed after it took effect, and a reversal replayed after it was done.
      const held = await created(t.api.post(`/lots/${JAM}/L1/hold`, { reason: 'check' }, key('hold-1')));
      expect(expectStatus(await t.api.post(`/lots/${JAM}/L1/hold`, { reason: 'check' }, key('hold-1')), 200).id).toBe(held.id);
      const reversal = await created(t.api.post(`/events/${shipment.id}/reverse`, {}, key('rev-1')));
      expect(expectStatus(await t.api.post(`/events/${shipment.id}/reverse`, {}, key('rev-1')), 200).id).toBe(reversal.id);
      expectError(await t.api.post(`/events/${shipment.id}/reverse`, {}, key('rev-2')), 409, 'conflict');
    });

    it('does not use up a key on a rejected request', async () => {
      const transfer = { from: WH1, to: WH2, lines: [{ sku: SUGAR, lot: 'G1', quantity: 5 }] };
      expectError(await t.api.post('/transfers', transfer, key('t-1')), 400, 'invalid_request', 'lines.0.lot');
      await receive(t.api, [{ sku: SUGAR, lot: 'G1', quantity: 2 }]);
      expectError(await t.api.post('/transfers', transfer, key('t-1')), 409, 'conflict');
      await receive(t.api, [{ sku: SUGAR, lot: 'G1', quantity: 3 }]);
      await created(t.api.post('/transfers', transfer, key('t-1')));
      expect(expectStatus(await t.api.post('/transfers', transfer, key('t-1')), 200).type).toBe('transfer');
    });

    it('records two events for two requests without a key', async () => {
      const a = await created(t.api.post('/receipts', receiptBody));
      const b = await created(t.api.post('/receipts', receiptBody));
      expect(a.id).not.toBe(b.id);
      expect((await stock(t.api))[0]!.quantity).toBe(20);
    });

    it('records exactly one event when the same key arrives many times at once', async () => {
      const responses = await Promise.all(Array.from({ length: 6 }, () => t.api.post('/receipts', receiptBody, key('burst'))));
      expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
      expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
      expect(await eventCount()).toBe(1);
      expect((await stock(t.api))[0]!.quantity).toBe(10);
    });

    it('refuses an empty or over-long key with 400', async () => {
      expectError(await t.api.post('/receipts', receiptBody, key('x'.repeat(256))), 400, 'invalid_request');
      expectError(await t.api.post('/receipts', receiptBody, key('')), 400, 'invalid_request');
      await created(t.api.post('/receipts', receiptBody, key('x'.repeat(255))));
      expect(await eventCount()).toBe(1);
    });
  });
}
