import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { created, expectError, hold, JAM, ledgerSnapshot, linesOf, lot, ok, receive, seedWorld, ship, stock, STRAW, SUGAR, WH1, WH2 } from '../helpers/fixtures.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

for (const dialect of DIALECTS) {
  describe(`adjustments and write-offs (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
      await seedWorld(t.api);
      await receive(t.api, [{ sku: JAM, lot: 'L1', quantity: 10, expiryDate: '2027-01-01' }]);
    });
    afterEach(async () => t.close());

    const adjust = (lines: object[], body: object = {}) => t.api.post('/adjustments', { location: WH1, reason: 'cycle count', lines, ...body });
    const writeOff = (reason: string, lines: object[]) => t.api.post('/write-offs', { location: WH1, reason, lines });

    it('applies signed count corrections, also at a location the lot was never at', async () => {
      const up = await created(adjust([{ sku: JAM, lot: 'L1', quantity: 2.25 }]));
      expect(up).toMatchObject({ type: 'adjustment', location: WH1, reason: 'cycle count' });
      expect(up.lines).toEqual([{ sku: JAM, lot: 'L1', location: WH1, quantity: 2.25, movement: 'adjustment' }]);
      const down = await created(adjust([{ sku: JAM, lot: 'L1', quantity: -3 }]));
      expect(linesOf(down)).toEqual([[JAM, 'L1', WH1, -3]]);
      await created(adjust([{ sku: JAM, lot: 'L1', quantity: 1 }], { location: WH2 }));
      expect(await lot(t.api, JAM, 'L1')).toMatchObject({
        onHand: [{ location: WH1, quantity: 9.25 }, { location: WH2, quantity: 1 }],
        totals: { received: 10, adjusted: 0.25, onHand: 10.25 },
      });
    });

    it('cannot take stock below zero (409) and refuses a zero or malformed correction (400)', async () => {
      const before = await ledgerSnapshot(t.api);
      expectError(await adjust([{ sku: JAM, lot: 'L1', quantity: -10.000001 }]), 409, 'conflict', 'lines.0.quantity');
      expectError(await adjust([{ sku: JAM, lot: 'L1', quantity: -1 }], { location: WH2 }), 409, 'conflict', 'lines.0.quantity');
      expectError(await adjust([{ sku: JAM, lot: 'L1', quantity: 0 }]), 400, 'invalid_request', 'lines.0.quantity');
      expectError(await adjust([{ sku: JAM, lot: 'L1', quantity: -0.0000001 }]), 400, 'invalid_request', 'lines.0.quantity');
      expectError(await adjust([{ sku: JAM, lot: 'L1', quantity: 1 }], { reason: '' }), 400, 'invalid_request', 'reason');
      expectError(await adjust([{ sku: JAM, lot: 'L1', quantity: 1 }], { reason: undefined }), 400, 'invalid_request', 'reason');
      expectError(await adjust([{ sku: JAM, lot: 'NOPE', quantity: 1 }]), 400, 'invalid_request', 'lines.0.lot');
      expectError(await adjust([{ sku: JAM, lot: 'L1', quantity: 1 }], { location: 'NOWHERE' }), 400, 'invalid_request', 'location');
      expect(await ledgerSnapshot(t.api)).toEqual(before);
    });

    it('writes off stock for each allowed reason', async () => {
      for (const reason of ['expired', 'damaged', 'recall', 'other']) {
        const event = await created(writeOff(reason, [{ sku: JAM, lot: 'L1', quantity: 1.5 }]));
        expect(event).toMatchObject({ type: 'write_off', reason, location: WH1 });
        expect(event.lines).toEqual([{ sku: JAM, lot: 'L1', location: WH1, quantity: -1.5, movement: 'write_off' }]);
      }
      expect((await lot(t.api, JAM, 'L1')).totals).toMatchObject({ writtenOff: 6, onHand: 4 });
    });

    it('writes off expired and held stock (it is not shipped)', async () => {
      await receive(t.api, [{ sku: STRAW, lot: 'S1', quantity: 5, productionDate: '2026-06-01' }]);
      expect((await lot(t.api, STRAW, 'S1')).status).toBe('expired');
      await created(writeOff('expired', [{ sku: STRAW, lot: 'S1', quantity: 5 }]));
      expect((await lot(t.api, STRAW, 'S1')).status).toBe('depleted');
      await hold(t.api, JAM, 'L1');
      await created(writeOff('damaged', [{ sku: JAM, lot: 'L1', quantity: 10 }]));
      expect(await stock(t.api)).toEqual([]);
    });

    it('refuses an unknown reason with 400 and more than on hand with 409', async () => {
      const before = await ledgerSnapshot(t.api);
      expectError(await writeOff('stolen', [{ sku: JAM, lot: 'L1', quantity: 1 }]), 400, 'invalid_request', 'reason');
      expectError(await writeOff('damaged', [{ sku: JAM, lot: 'L1', quantity: -1 }]), 400, 'invalid_request', 'lines.0.quantity');
      expectError(await writeOff('damaged', [{ sku: JAM, lot: 'L1', quantity: 11 }]), 409, 'conflict', 'lines.0.quantity');
      expect(await ledgerSnapshot(t.api)).toEqual(before);
    });
  });

  describe(`reversals (${dialect})`, () => {
    let t: ApiTestContext;
    let receipt: { id: string };
    beforeEach(async () => {
      t = await openApiTest(dialect);
      await seedWorld(t.api);
      receipt = await receive(t.api, [
        { sku: JAM, lot: 'L1', quantity: 10, expiryDate: '2027-01-01' },
        { sku: SUGAR, lot: 'G1', quantity: 50 },
      ]);
    });
    afterEach(async () => t.close());

    const reverse = (id: string, body: object = {}) => t.api.post(`/events/${id}/reverse`, body);

    it('reverses a shipment: stock restored, the original shows reversedBy, totals net out', async () => {
      const before = await stock(t.api);
      const shipment = await ship(t.api, 'SHOP', [{ sku: JAM, quantity: 4 }]);
      const reversal = await created(reverse(shipment.id, { reason: 'wrong customer' }));
      expect(reversal).toMatchObject({ type: 'reversal', reverses: shipment.id, reversedBy: null, party: 'SHOP', location: WH1, reason: 'wrong customer' });
      expect(reversal.lines).toEqual([{ sku: JAM, lot: 'L1', location: WH1, quantity: 4, movement: 'shipment' }]);
      expect(await stock(t.api)).toEqual(before);
      expect((await ok(t.api.get(`/events/${shipment.id}`))).reversedBy).toBe(reversal.id);
      expect((await lot(t.api, JAM, 'L1')).totals).toMatchObject({ shipped: 0, onHand: 10 });
      // Nothing left that the customer could return.
      expectError(await t.api.post('/returns', { customer: 'SHOP', location: WH1, disposition: 'restock', lines: [{ sku: JAM, lot: 'L1', quantity: 1 }] }), 409, 'conflict');
    });

    it('refuses a second reversal, reversing a reversal, and reversing a hold with 409', async () => {
      const shipment = await ship(t.api, 'SHOP', [{ sku: JAM, quantity: 4 }]);
      const reversal = await created(reverse(shipment.id));
      const holdEvent = await hold(t.api, SUGAR, 'G1');
      const before = await ledgerSnapshot(t.api);
      expect(expectError(await reverse(shipment.id), 409, 'conflict').message).toContain(reversal.id);
      expectError(await reverse(reversal.id), 409, 'conflict');
      expectError(await reverse(holdEvent.id), 409, 'conflict');
      expect(await ledgerSnapshot(t.api)).toEqual(before);
    });

    it("refuses to reverse a receipt whose stock was already shipped (409); once nothing is out, it's allowed", async () => {
      const shipment = await ship(t.api, 'SHOP', [{ sku: JAM, lot: 'L1', quantity: 1 }]);
      const before = await ledgerSnapshot(t.api);
      expectError(await reverse(receipt.id), 409, 'conflict');
      expect(await ledgerSnapshot(t.api)).toEqual(before);
      await created(reverse(shipment.id));
      await created(reverse(receipt.id));
      expect(await stock(t.api)).toEqual([]);
      expect(await lot(t.api, JAM, 'L1')).toMatchObject({ status: 'depleted', totals: { received: 0, shipped: 0, onHand: 0 } });
    });

    it('reverses a production: inputs come back, outputs go away', async () => {
      const production = await created(
        t.api.post('/productions', { location: WH1, inputs: [{ sku: SUGAR, lot: 'G1', quantity: 20 }], outputs: [{ sku: JAM, lot: 'J1', quantity: 40 }] }),
      );
      const before = await stock(t.api);
      expect(before.find((s) => s.lot === 'J1')?.quantity).toBe(40);
      const reversal = await created(reverse(production.id));
      expect(linesOf(reversal)).toEqual([
        [SUGAR, 'G1', WH1, 20],
        [JAM, 'J1', WH1, -40],
      ]);
      expect((await stock(t.api)).map((s) => [s.lot, s.quantity])).toEqual([
        ['L1', 10],
        ['G1', 50],
      ]);
      expect((await lot(t.api, JAM, 'J1')).totals).toMatchObject({ produced: 0, onHand: 0 });
    });

    it('reverses transfers, adjustments, write-offs and returns', async () => {
      const transfer = await created(t.api.post('/transfers', { from: WH1, to: WH2, lines: [{ sku: SUGAR, lot: 'G1', quantity: 5 }] }));
      const adjustment = await created(t.api.post('/adjustments', { location: WH1, reason: 'count', lines: [{ sku: SUGAR, lot: 'G1', quantity: -1 }] }));
      const writeOff = await created(t.api.post('/write-offs', { location: WH1, reason: 'damaged', lines: [{ sku: SUGAR, lot: 'G1', quantity: 2 }] }));
      const shipment = await ship(t.api, 'SHOP', [{ sku: SUGAR, lot: 'G1', quantity: 3 }]);
      const giveBack = await created(t.api.post('/returns', { customer: 'SHOP', location: WH1, shipment: shipment.id, disposition: 'restock', lines: [{ sku: SUGAR, lot: 'G1', quantity: 3 }] }));
      for (const e of [giveBack, shipment, writeOff, adjustment, transfer]) await created(reverse(e.id));
      expect((await stock(t.api, `sku=${SUGAR}`)).map((s) => [s.location, s.quantity])).toEqual([[WH1, 50]]);
      expect((await lot(t.api, SUGAR, 'G1')).totals).toEqual(expect.objectContaining({ received: 50, consumed: 0, shipped: 0, returned: 0, writtenOff: 0, adjusted: 0, onHand: 50 }));
    });

    it('answers 404 for an unknown event id and 400 for unknown fields', async () => {
      expectError(await reverse('0190d5e0-0000-7000-8000-000000000000'), 404, 'not_found');
      expectError(await reverse('not-an-id'), 404, 'not_found');
      expectError(await t.api.get('/events/not-an-id'), 404, 'not_found');
      expectError(await reverse(receipt.id, { why: 'x' }), 400, 'invalid_request');
    });

    it('dates the reversal now and keeps the original untouched', async () => {
      const original = await ok(t.api.get(`/events/${receipt.id}`));
      t.clock.advanceDays(2);
      await hold(t.api, JAM, 'L1'); // a held lot's receipt can still be reversed
      // No body at all: the reason is optional.
      const reversal = await created(t.api.request('POST', `/events/${receipt.id}/reverse`));
      expect(reversal.time).toBe('2026-06-17T10:00:00.000Z');
      expect(await ok(t.api.get(`/events/${receipt.id}`))).toEqual({ ...original, reversedBy: reversal.id });
    });
  });
}
