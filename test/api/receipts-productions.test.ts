import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addDays,
  created,
  expectError,
  hold,
  JAM,
  ledgerSnapshot,
  linesOf,
  lot,
  receive,
  seedWorld,
  STRAW,
  SUGAR,
  TODAY,
  WH1,
  WH2,
} from '../helpers/fixtures.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

for (const dialect of DIALECTS) {
  describe(`receipts (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
      await seedWorld(t.api);
    });
    afterEach(async () => t.close());

    it('records a receipt and creates the lot with supplier, supplier lot, dates and sell-by date', async () => {
      const event = await created(
        t.api.post('/receipts', {
          supplier: 'FARM',
          location: WH1,
          documents: [{ type: 'PO', number: 'PO-1' }, { type: 'invoice', number: 'INV-9' }],
          lines: [{ sku: JAM, lot: 'L1', quantity: 100, productionDate: '2026-06-01', expiryDate: '2027-06-01', supplierLot: 'F-77' }],
        }),
      );
      expect(event).toMatchObject({
        type: 'receipt',
        time: '2026-06-15T10:00:00.000Z',
        party: 'FARM',
        location: WH1,
        documents: [{ type: 'PO', number: 'PO-1' }, { type: 'invoice', number: 'INV-9' }],
        lines: [{ sku: JAM, lot: 'L1', location: WH1, quantity: 100, movement: 'receipt' }],
        reversedBy: null,
      });
      expect(event.id).toEqual(expect.any(String));
      // toMatchObject: the contract lets the lot view grow new fields.
      expect(await lot(t.api, JAM, 'L1')).toMatchObject({
        sku: JAM,
        lot: 'L1',
        status: 'available',
        origin: 'receipt',
        supplier: 'FARM',
        supplierLot: 'F-77',
        productionDate: '2026-06-01',
        expiryDate: '2027-06-01',
        // JAM-500 must be sold 30 days before expiry.
        sellByDate: '2027-05-02',
        holdReason: null,
        onHand: [{ location: WH1, quantity: 100 }],
        totals: { received: 100, produced: 0, consumed: 0, shipped: 0, returned: 0, writtenOff: 0, adjusted: 0, onHand: 100 },
      });
      expect(await t.api.get(`/events/${event.id}`)).toMatchObject({ status: 200, body: event });
    });

    it('defaults the expiry to production date + shelf life, and leaves it empty without either', async () => {
      await receive(t.api, [
        { sku: STRAW, lot: 'S1', quantity: 12.5, productionDate: '2026-06-14' },
        { sku: SUGAR, lot: 'G1', quantity: 1000 },
      ]);
      expect(await lot(t.api, STRAW, 'S1')).toMatchObject({ productionDate: '2026-06-14', expiryDate: '2026-06-24', sellByDate: null });
      expect(await lot(t.api, SUGAR, 'G1')).toMatchObject({ productionDate: null, expiryDate: null, sellByDate: null, status: 'available' });
    });

    it('records goods that arrive already expired; the lot shows expired at once', async () => {
      await receive(t.api, [{ sku: JAM, lot: 'OLD', quantity: 5, expiryDate: addDays(TODAY, -1) }]);
      expect(await lot(t.api, JAM, 'OLD')).toMatchObject({ status: 'expired', onHand: [{ location: WH1, quantity: 5 }] });
      // Through its expiry date a lot is still usable.
      await receive(t.api, [{ sku: JAM, lot: 'LAST-DAY', quantity: 5, expiryDate: TODAY }]);
      expect((await lot(t.api, JAM, 'LAST-DAY')).status).toBe('available');
    });

    it('adds to an existing lot when the second receipt agrees, and refuses a different expiry with 409', async () => {
      await receive(t.api, [{ sku: JAM, lot: 'L1', quantity: 10, expiryDate: '2027-01-01', supplierLot: 'F-1' }]);
      await receive(t.api, [{ sku: JAM, lot: 'L1', quantity: 5, expiryDate: '2027-01-01' }], { location: WH2 });
      // A line that leaves the dates out agrees too.
      await receive(t.api, [{ sku: JAM, lot: 'L1', quantity: 1 }]);
      expect((await lot(t.api, JAM, 'L1')).totals.received).toBe(16);

      const before = await ledgerSnapshot(t.api);
      expectError(await t.api.post('/receipts', { supplier: 'FARM', location: WH1, lines: [{ sku: JAM, lot: 'L1', quantity: 1, expiryDate: '2027-02-01' }] }), 409, 'conflict', 'lines.0.expiryDate');
      expectError(await t.api.post('/receipts', { supplier: 'FARM', location: WH1, lines: [{ sku: JAM, lot: 'L1', quantity: 1, supplierLot: 'F-2' }] }), 409, 'conflict', 'lines.0.supplierLot');
      expectError(await t.api.post('/receipts', { supplier: 'MILL', location: WH1, lines: [{ sku: JAM, lot: 'L1', quantity: 1 }] }), 409, 'conflict', 'lines.0.supplier');
      // Two lines of one receipt disagreeing about a new lot.
      expectError(
        await t.api.post('/receipts', {
          supplier: 'FARM',
          location: WH1,
          lines: [
            { sku: JAM, lot: 'NEW', quantity: 1, expiryDate: '2027-01-01' },
            { sku: JAM, lot: 'NEW', quantity: 1, expiryDate: '2027-01-02' },
          ],
        }),
        409,
        'conflict',
        'lines.1.expiryDate',
      );
      expect(await ledgerSnapshot(t.api)).toEqual(before);
      expectError(await t.api.get(`/lots/${JAM}/NEW`), 404, 'not_found');
    });

    it('names every unknown reference in a 400 and records nothing', async () => {
      const before = await ledgerSnapshot(t.api);
      const error = expectError(
        await t.api.post('/receipts', { supplier: 'NOBODY', location: 'NOWHERE', lines: [{ sku: 'NOTHING', lot: 'L1', quantity: 1 }] }),
        400,
        'invalid_request',
      );
      expect(error.details!.map((d) => d.path).sort()).toEqual(['lines.0.sku', 'location', 'supplier']);
      expectError(await t.api.post('/receipts', { supplier: 'FARM', location: WH1, lines: [{ sku: JAM, lot: 'A', quantity: 1 }, { sku: 'NOTHING', lot: 'B', quantity: 1 }] }), 400, 'invalid_request', 'lines.1.sku');
      expect(await ledgerSnapshot(t.api)).toEqual(before);
      expectError(await t.api.get(`/lots/${JAM}/A`), 404, 'not_found');
    });

    it('refuses a customer-only party as the supplier', async () => {
      const error = expectError(await t.api.post('/receipts', { supplier: 'SHOP', location: WH1, lines: [{ sku: JAM, lot: 'L1', quantity: 1 }] }), 400, 'invalid_request', 'supplier');
      expect(error.message).toMatch(/not a supplier/);
      // A party with both roles may supply.
      await receive(t.api, [{ sku: JAM, lot: 'L1', quantity: 1 }], { supplier: 'TRADER' });
    });

    it('refuses bad quantities naming the line', async () => {
      const post = (quantity: unknown) => t.api.post('/receipts', { supplier: 'FARM', location: WH1, lines: [{ sku: JAM, lot: 'L1', quantity }] });
      for (const quantity of [0, -1, 1.0000001, '5', null, 1e300]) {
        expectError(await post(quantity), 400, 'invalid_request', 'lines.0.quantity');
      }
      // Six decimals are fine and exact.
      const event = await created(post(0.000001));
      expect(event.lines[0].quantity).toBe(0.000001);
    });

    it('refuses bad dates, times, documents, empty lines and unknown fields', async () => {
      const base = { supplier: 'FARM', location: WH1 };
      const line = { sku: JAM, lot: 'L1', quantity: 1 };
      expectError(await t.api.post('/receipts', { ...base, lines: [{ ...line, expiryDate: '2027-02-30' }] }), 400, 'invalid_request', 'lines.0.expiryDate');
      expectError(await t.api.post('/receipts', { ...base, lines: [{ ...line, productionDate: '15/06/2026' }] }), 400, 'invalid_request', 'lines.0.productionDate');
      expectError(await t.api.post('/receipts', { ...base, lines: [{ ...line, productionDate: '2026-06-10', expiryDate: '2026-06-01' }] }), 400, 'invalid_request', 'lines.0.expiryDate');
      expectError(await t.api.post('/receipts', { ...base, time: '2026-06-15 10:00', lines: [line] }), 400, 'invalid_request', 'time');
      expectError(await t.api.post('/receipts', { ...base, time: '2026-06-17T10:00:00Z', lines: [line] }), 400, 'invalid_request', 'time');
      expectError(await t.api.post('/receipts', { ...base, documents: [{ type: 'PO' }], lines: [line] }), 400, 'invalid_request', 'documents.0.number');
      expectError(await t.api.post('/receipts', { ...base, lines: [] }), 400, 'invalid_request', 'lines');
      expectError(await t.api.post('/receipts', { ...base, lines: [{ ...line, colour: 'red' }] }), 400, 'invalid_request');
      expectError(await t.api.post('/receipts', { ...base, lines: [{ ...line, lot: '' }] }), 400, 'invalid_request', 'lines.0.lot');
      expectError(await t.api.post('/receipts', { ...base, lines: [{ ...line, sku: 7 }] }), 400, 'invalid_request', 'lines.0.sku');
      expectError(await t.api.post('/receipts', { location: WH1, lines: [line] }), 400, 'invalid_request', 'supplier');
      expect((await ledgerSnapshot(t.api)).events).toEqual([]);
    });

    it('keeps a backdated time with its offset as UTC', async () => {
      const event = await receive(t.api, [{ sku: JAM, lot: 'L1', quantity: 1 }], { time: '2026-06-10T09:30:00+02:00' });
      expect(event.time).toBe('2026-06-10T07:30:00.000Z');
    });
  });

  describe(`productions (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
      await seedWorld(t.api);
      await receive(t.api, [
        { sku: STRAW, lot: 'S1', quantity: 50, productionDate: '2026-06-14' },
        { sku: STRAW, lot: 'S2', quantity: 30, expiryDate: '2026-06-20' },
        { sku: SUGAR, lot: 'G1', quantity: 100 },
      ]);
    });
    afterEach(async () => t.close());

    const produce = (body: object) => t.api.post('/productions', { location: WH1, ...body });

    it('consumes several inputs into outputs, defaults dates and records genealogy', async () => {
      const event = await created(
        produce({
          documents: [{ type: 'batch', number: 'B-1' }],
          inputs: [
            { sku: STRAW, lot: 'S1', quantity: 40 },
            { sku: STRAW, lot: 'S2', quantity: 10.5 },
            { sku: SUGAR, lot: 'G1', quantity: 25.25 },
          ],
          outputs: [
            { sku: JAM, lot: 'J1', quantity: 120 },
            { sku: JAM, lot: 'J2', quantity: 30, productionDate: '2026-06-14', expiryDate: '2026-12-31' },
          ],
        }),
      );
      expect(event.type).toBe('production');
      expect(linesOf(event)).toEqual([
        [STRAW, 'S1', WH1, -40],
        [STRAW, 'S2', WH1, -10.5],
        [SUGAR, 'G1', WH1, -25.25],
        [JAM, 'J1', WH1, 120],
        [JAM, 'J2', WH1, 30],
      ]);
      expect(event.lines.map((l: { movement: string }) => l.movement)).toEqual(['consumption', 'consumption', 'consumption', 'production', 'production']);

      // Output defaults: production date = the event's day, expiry = + 365 days, sell-by = − 30.
      expect(await lot(t.api, JAM, 'J1')).toMatchObject({
        origin: 'production',
        supplier: null,
        productionDate: TODAY,
        expiryDate: '2027-06-15',
        sellByDate: '2027-05-16',
        status: 'available',
        onHand: [{ location: WH1, quantity: 120 }],
        totals: { received: 0, produced: 120, consumed: 0, onHand: 120 },
      });
      expect(await lot(t.api, JAM, 'J2')).toMatchObject({ productionDate: '2026-06-14', expiryDate: '2026-12-31', sellByDate: '2026-12-01' });
      expect((await lot(t.api, STRAW, 'S1')).totals).toMatchObject({ received: 50, consumed: 40, onHand: 10 });
      expect((await lot(t.api, STRAW, 'S2')).totals).toMatchObject({ received: 30, consumed: 10.5, onHand: 19.5 });
      expect((await lot(t.api, SUGAR, 'G1')).totals).toMatchObject({ received: 100, consumed: 25.25, onHand: 74.75 });
    });

    it('refuses a held or expired input with 409 and records nothing', async () => {
      await hold(t.api, STRAW, 'S1');
      const before = await ledgerSnapshot(t.api);
      expectError(await produce({ inputs: [{ sku: STRAW, lot: 'S1', quantity: 1 }], outputs: [{ sku: JAM, lot: 'J1', quantity: 1 }] }), 409, 'conflict', 'inputs.0.lot');
      expect(await ledgerSnapshot(t.api)).toEqual(before);

      t.clock.advanceDays(6); // S2 expires 2026-06-20; now 2026-06-21
      const later = await ledgerSnapshot(t.api);
      const error = expectError(await produce({ inputs: [{ sku: SUGAR, lot: 'G1', quantity: 1 }, { sku: STRAW, lot: 'S2', quantity: 1 }], outputs: [{ sku: JAM, lot: 'J1', quantity: 1 }] }), 409, 'conflict', 'inputs.1.lot');
      expect(error.message).toMatch(/expired/);
      expect(await ledgerSnapshot(t.api)).toEqual(later);
      expectError(await t.api.get(`/lots/${JAM}/J1`), 404, 'not_found');
    });

    it('refuses to consume more than is on hand with 409; nothing is recorded, not even the output lot', async () => {
      const before = await ledgerSnapshot(t.api);
      const error = expectError(
        await produce({ inputs: [{ sku: SUGAR, lot: 'G1', quantity: 10 }, { sku: STRAW, lot: 'S1', quantity: 50.000001 }], outputs: [{ sku: JAM, lot: 'J1', quantity: 1 }] }),
        409,
        'conflict',
        'inputs.1.quantity',
      );
      expect(error.message).toContain('50');
      // The same lot named twice counts together.
      expectError(await produce({ inputs: [{ sku: STRAW, lot: 'S2', quantity: 20 }, { sku: STRAW, lot: 'S2', quantity: 20 }], outputs: [{ sku: JAM, lot: 'J1', quantity: 1 }] }), 409, 'conflict');
      // Stock at another location does not count.
      expectError(await t.api.post('/productions', { location: WH2, inputs: [{ sku: SUGAR, lot: 'G1', quantity: 1 }], outputs: [{ sku: JAM, lot: 'J1', quantity: 1 }] }), 409, 'conflict', 'inputs.0.quantity');
      expect(await ledgerSnapshot(t.api)).toEqual(before);
      expectError(await t.api.get(`/lots/${JAM}/J1`), 404, 'not_found');
    });

    it('refuses a lot that is both input and output, unknown lots and items, and empty sides with 400', async () => {
      expectError(await produce({ inputs: [{ sku: STRAW, lot: 'S1', quantity: 1 }], outputs: [{ sku: STRAW, lot: 'S1', quantity: 1 }] }), 400, 'invalid_request', 'outputs.0.lot');
      expectError(await produce({ inputs: [{ sku: STRAW, lot: 'NOPE', quantity: 1 }], outputs: [{ sku: JAM, lot: 'J1', quantity: 1 }] }), 400, 'invalid_request', 'inputs.0.lot');
      expectError(await produce({ inputs: [{ sku: STRAW, lot: 'S1', quantity: 1 }], outputs: [{ sku: 'NOPE', lot: 'J1', quantity: 1 }] }), 400, 'invalid_request', 'outputs.0.sku');
      expectError(await produce({ inputs: [], outputs: [{ sku: JAM, lot: 'J1', quantity: 1 }] }), 400, 'invalid_request', 'inputs');
      expectError(await produce({ inputs: [{ sku: STRAW, lot: 'S1', quantity: 1 }], outputs: [] }), 400, 'invalid_request', 'outputs');
      expectError(await produce({ inputs: [{ sku: STRAW, lot: 'S1', quantity: 1 }], outputs: [{ sku: JAM, lot: 'J1', quantity: 0 }] }), 400, 'invalid_request', 'outputs.0.quantity');
      expectError(await t.api.post('/productions', { location: 'NOWHERE', inputs: [{ sku: STRAW, lot: 'S1', quantity: 1 }], outputs: [{ sku: JAM, lot: 'J1', quantity: 1 }] }), 400, 'invalid_request', 'location');
      expect((await ledgerSnapshot(t.api)).events).toHaveLength(1);
    });

    it('refuses to produce into a lot that was received from a supplier', async () => {
      await receive(t.api, [{ sku: JAM, lot: 'BOUGHT', quantity: 1 }]);
      expectError(await produce({ inputs: [{ sku: SUGAR, lot: 'G1', quantity: 1 }], outputs: [{ sku: JAM, lot: 'BOUGHT', quantity: 1 }] }), 409, 'conflict', 'outputs.0.lot');
    });

    it('adds a second batch to an existing output lot that agrees on its dates', async () => {
      await created(produce({ inputs: [{ sku: SUGAR, lot: 'G1', quantity: 1 }], outputs: [{ sku: JAM, lot: 'J1', quantity: 10 }] }));
      t.clock.advanceDays(1);
      // The lot keeps its own production date; the next day's batch does not change it.
      await created(produce({ inputs: [{ sku: SUGAR, lot: 'G1', quantity: 1 }], outputs: [{ sku: JAM, lot: 'J1', quantity: 5 }] }));
      expect(await lot(t.api, JAM, 'J1')).toMatchObject({ productionDate: TODAY, totals: { produced: 15, onHand: 15 } });
      expectError(await produce({ inputs: [{ sku: SUGAR, lot: 'G1', quantity: 1 }], outputs: [{ sku: JAM, lot: 'J1', quantity: 5, expiryDate: '2030-01-01' }] }), 409, 'conflict', 'outputs.0.expiryDate');
    });
  });
}
