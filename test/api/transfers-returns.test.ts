import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { created, expectError, hold, JAM, ledgerSnapshot, linesOf, lot, receive, seedWorld, ship, stock, SUGAR, WH1, WH2 } from '../helpers/fixtures.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

for (const dialect of DIALECTS) {
  describe(`transfers (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
      await seedWorld(t.api);
      await receive(t.api, [
        { sku: JAM, lot: 'L1', quantity: 10, expiryDate: '2027-01-01' },
        { sku: SUGAR, lot: 'G1', quantity: 3.5 },
      ]);
    });
    afterEach(async () => t.close());

    const transfer = (body: object) => t.api.post('/transfers', { from: WH1, to: WH2, ...body });

    it('moves stock of several lots between two locations', async () => {
      const event = await created(transfer({ lines: [{ sku: JAM, lot: 'L1', quantity: 4 }, { sku: SUGAR, lot: 'G1', quantity: 3.5 }] }));
      expect(event).toMatchObject({ type: 'transfer', location: WH1, to: WH2 });
      expect(event.lines.map((l: { sku: string; location: string; quantity: number; movement: string }) => [l.sku, l.location, l.quantity, l.movement])).toEqual([
        [JAM, WH1, -4, 'transfer_out'],
        [JAM, WH2, 4, 'transfer_in'],
        [SUGAR, WH1, -3.5, 'transfer_out'],
        [SUGAR, WH2, 3.5, 'transfer_in'],
      ]);
      expect((await stock(t.api)).map((s) => [s.sku, s.lot, s.location, s.quantity])).toEqual([
        [JAM, 'L1', WH1, 6],
        [JAM, 'L1', WH2, 4],
        [SUGAR, 'G1', WH2, 3.5],
      ]);
      // A move is not a flow in or out of the lot.
      expect(await lot(t.api, JAM, 'L1')).toMatchObject({
        onHand: [{ location: WH1, quantity: 6 }, { location: WH2, quantity: 4 }],
        totals: { received: 10, shipped: 0, onHand: 10 },
      });
    });

    it('may move held stock (into quarantine, say)', async () => {
      await hold(t.api, JAM, 'L1');
      await created(transfer({ lines: [{ sku: JAM, lot: 'L1', quantity: 10 }] }));
      expect(await stock(t.api, `sku=${JAM}`)).toEqual([{ sku: JAM, lot: 'L1', location: WH2, quantity: 10, reserved: 0, free: 10, expiryDate: '2027-01-01', status: 'hold' }]);
    });

    it('refuses more than is at the source with 409 and changes nothing', async () => {
      const before = await ledgerSnapshot(t.api);
      expectError(await transfer({ lines: [{ sku: JAM, lot: 'L1', quantity: 10.5 }] }), 409, 'conflict', 'lines.0.quantity');
      expectError(await transfer({ from: WH2, to: WH1, lines: [{ sku: JAM, lot: 'L1', quantity: 1 }] }), 409, 'conflict', 'lines.0.quantity');
      expect(await ledgerSnapshot(t.api)).toEqual(before);
    });

    it('refuses the same location, unknown locations and lots with 400', async () => {
      expectError(await transfer({ to: WH1, lines: [{ sku: JAM, lot: 'L1', quantity: 1 }] }), 400, 'invalid_request', 'to');
      const error = expectError(await transfer({ from: 'X', to: 'Y', lines: [{ sku: JAM, lot: 'NOPE', quantity: 1 }] }), 400, 'invalid_request');
      expect(error.details!.map((d) => d.path).sort()).toEqual(['from', 'lines.0.lot', 'to']);
      expectError(await transfer({ lines: [{ sku: JAM, lot: 'L1', quantity: 0 }] }), 400, 'invalid_request', 'lines.0.quantity');
      expectError(await transfer({ lines: [{ sku: JAM, lot: 'L1' }] }), 400, 'invalid_request', 'lines.0.quantity');
      expectError(await transfer({ location: WH1, lines: [{ sku: JAM, lot: 'L1', quantity: 1 }] }), 400, 'invalid_request');
    });
  });

  describe(`returns (${dialect})`, () => {
    let t: ApiTestContext;
    let shipment: { id: string };
    beforeEach(async () => {
      t = await openApiTest(dialect);
      await seedWorld(t.api);
      await receive(t.api, [
        { sku: JAM, lot: 'L1', quantity: 20, expiryDate: '2027-01-01' },
        { sku: JAM, lot: 'L2', quantity: 20, expiryDate: '2027-02-01' },
      ]);
      shipment = await ship(t.api, 'SHOP', [{ sku: JAM, lot: 'L1', quantity: 10 }]);
    });
    afterEach(async () => t.close());

    const giveBack = (body: object) => t.api.post('/returns', { customer: 'SHOP', location: WH1, shipment: shipment.id, disposition: 'restock', lines: [{ sku: JAM, lot: 'L1', quantity: 4 }], ...body });

    it('restocks goods linked to their shipment', async () => {
      const event = await created(giveBack({}));
      expect(event).toMatchObject({ type: 'return', party: 'SHOP', location: WH1, disposition: 'restock', shipment: shipment.id });
      expect(linesOf(event)).toEqual([[JAM, 'L1', WH1, 4]]);
      expect(event.lines[0].movement).toBe('return');
      expect(await lot(t.api, JAM, 'L1')).toMatchObject({ status: 'available', totals: { received: 20, shipped: 10, returned: 4, onHand: 14 } });
    });

    it('may bring goods back to another location', async () => {
      await created(giveBack({ location: WH2 }));
      expect((await lot(t.api, JAM, 'L1')).onHand).toEqual([
        { location: WH1, quantity: 10, reserved: 0, free: 10 },
        { location: WH2, quantity: 4, reserved: 0, free: 4 },
      ]);
    });

    it('refuses to take back more than was shipped, net of earlier returns, with 409', async () => {
      await created(giveBack({ lines: [{ sku: JAM, lot: 'L1', quantity: 6 }] }));
      const before = await ledgerSnapshot(t.api);
      const error = expectError(await giveBack({ lines: [{ sku: JAM, lot: 'L1', quantity: 4.000001 }] }), 409, 'conflict', 'lines.0.quantity');
      expect(error.message).toContain('at most 4');
      // Two lines of one lot count together.
      expectError(await giveBack({ lines: [{ sku: JAM, lot: 'L1', quantity: 2 }, { sku: JAM, lot: 'L1', quantity: 3 }] }), 409, 'conflict', 'lines.1.quantity');
      // A lot the customer never had.
      expectError(await giveBack({ shipment: undefined, lines: [{ sku: JAM, lot: 'L2', quantity: 1 }] }), 409, 'conflict', 'lines.0.quantity');
      expect(await ledgerSnapshot(t.api)).toEqual(before);
      await created(giveBack({ lines: [{ sku: JAM, lot: 'L1', quantity: 4 }] }));
    });

    it('limits a linked return to that shipment, an unlinked one to everything the customer got', async () => {
      const second = await ship(t.api, 'SHOP', [{ sku: JAM, lot: 'L1', quantity: 5 }]);
      expectError(await giveBack({ shipment: second.id, lines: [{ sku: JAM, lot: 'L1', quantity: 6 }] }), 409, 'conflict', 'lines.0.quantity');
      await created(giveBack({ shipment: undefined, lines: [{ sku: JAM, lot: 'L1', quantity: 15 }] }));
      expect((await lot(t.api, JAM, 'L1')).totals).toMatchObject({ shipped: 15, returned: 15, onHand: 20 });
    });

    it("refuses a return against another customer's shipment, or a shipment that does not exist, with 400", async () => {
      await ship(t.api, 'DELI', [{ sku: JAM, lot: 'L2', quantity: 1 }]);
      const before = await ledgerSnapshot(t.api);
      expect(expectError(await giveBack({ customer: 'DELI' }), 400, 'invalid_request', 'shipment').message).toContain('SHOP');
      expectError(await giveBack({ shipment: '0190d5e0-0000-7000-8000-000000000000' }), 400, 'invalid_request', 'shipment');
      expectError(await giveBack({ shipment: 'garbage' }), 400, 'invalid_request', 'shipment');
      const receipt = before.events.find((e) => e.type === 'receipt')!;
      expectError(await giveBack({ shipment: receipt.id }), 400, 'invalid_request', 'shipment');
      expect(await ledgerSnapshot(t.api)).toEqual(before);
    });

    it('refuses unknown parties, lots, dispositions with 400', async () => {
      expectError(await giveBack({ customer: 'NOBODY' }), 400, 'invalid_request', 'customer');
      expectError(await giveBack({ customer: 'FARM', shipment: undefined }), 400, 'invalid_request', 'customer');
      expectError(await giveBack({ location: 'NOWHERE' }), 400, 'invalid_request', 'location');
      expectError(await giveBack({ lines: [{ sku: JAM, lot: 'NOPE', quantity: 1 }] }), 400, 'invalid_request', 'lines.0.lot');
      expectError(await giveBack({ disposition: 'resell' }), 400, 'invalid_request', 'disposition');
      expectError(await giveBack({ disposition: undefined }), 400, 'invalid_request', 'disposition');
    });

    it('disposition hold puts the lot on hold, so it cannot be shipped', async () => {
      const event = await created(giveBack({ disposition: 'hold' }));
      expect(event.disposition).toBe('hold');
      expect(await lot(t.api, JAM, 'L1')).toMatchObject({ status: 'hold', holdReason: 'returned by SHOP', totals: { returned: 4, onHand: 14 } });
      expectError(await t.api.post('/shipments', { customer: 'SHOP', location: WH1, lines: [{ sku: JAM, lot: 'L1', quantity: 1 }] }), 409, 'conflict', 'lines.0.lot');
      const fefo = await ship(t.api, 'SHOP', [{ sku: JAM, quantity: 1 }]);
      expect(linesOf(fefo)).toEqual([[JAM, 'L2', WH1, -1]]);
    });

    it('disposition scrap records the return and writes it off in one event: stock is unchanged', async () => {
      const before = await stock(t.api);
      const event = await created(giveBack({ disposition: 'scrap' }));
      expect(event.lines.map((l: { quantity: number; movement: string }) => [l.movement, l.quantity])).toEqual([
        ['return', 4],
        ['write_off', -4],
      ]);
      expect(await stock(t.api)).toEqual(before);
      expect(await lot(t.api, JAM, 'L1')).toMatchObject({ status: 'available', totals: { shipped: 10, returned: 4, writtenOff: 4, onHand: 10 } });
      // Scrapped goods were returned: they cannot come back a second time.
      expectError(await giveBack({ lines: [{ sku: JAM, lot: 'L1', quantity: 7 }] }), 409, 'conflict', 'lines.0.quantity');
    });
  });
}
