import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { created, expectError, expectStockEquals, JAM, ledgerSnapshot, linesOf, lot, seedWorld, STRAW, SUGAR, Tally, WH1, WH2 } from '../helpers/fixtures.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

/**
 * The acceptance story, through the HTTP API alone: a jam maker receives fruit and sugar, cooks
 * two batches, moves stock to a second warehouse, ships to four customers with different shelf-life
 * policies (by lot and first-expiry-first-out), takes goods back and ships them on to someone
 * else, puts a lot on hold and writes stock off. The test keeps its own stock tally with its own
 * exact arithmetic and, after every step, GET /stock must equal it to the last digit.
 */

type Pick = [lot: string, quantity: number];

for (const dialect of DIALECTS) {
  describe(`ledger story (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect, { now: '2026-06-01T08:00:00Z' });
      await seedWorld(t.api);
    });
    afterEach(async () => t.close());

    it('receipts → production → transfer → shipments by lot and FEFO → return re-shipped → hold → write-off', async () => {
      const tally = new Tally();
      const api = t.api;

      /** Ships FEFO and checks the server chose exactly `expected`; the tally follows the test's expectation. */
      const shipFefo = async (customer: string, sku: string, quantity: number, expected: Pick[], location: string = WH1) => {
        const event = await created(api.post('/shipments', { customer, location, lines: [{ sku, quantity }] }));
        expect(linesOf(event), `FEFO for ${customer}`).toEqual(expected.map(([l, q]) => [sku, l, location, -q]));
        expect(event.allocation[0].picks.map((p: { lot: string; quantity: number }) => [p.lot, p.quantity])).toEqual(expected);
        for (const [l, q] of expected) tally.remove(sku, l, location, q);
        await expectStockEquals(api, tally);
        return event;
      };

      // 1 June: fruit from the farm, sugar from the mill.
      await created(
        api.post('/receipts', {
          supplier: 'FARM',
          location: WH1,
          documents: [{ type: 'PO', number: 'PO-100' }],
          lines: [
            { sku: STRAW, lot: 'S-A', quantity: 120.5, productionDate: '2026-05-31', supplierLot: 'FIELD-7' },
            { sku: STRAW, lot: 'S-B', quantity: 85, expiryDate: '2026-06-12' },
          ],
        }),
      );
      tally.add(STRAW, 'S-A', WH1, 120.5);
      tally.add(STRAW, 'S-B', WH1, 85);
      await created(api.post('/receipts', { supplier: 'MILL', location: WH1, lines: [{ sku: SUGAR, lot: 'G1', quantity: 500 }] }));
      tally.add(SUGAR, 'G1', WH1, 500);
      await expectStockEquals(api, tally);
      expect((await lot(api, STRAW, 'S-A')).expiryDate).toBe('2026-06-10'); // 31 May + 10 days' shelf life

      // 2 June: batch 1, three inputs into one jam lot (expiry defaults to a year on).
      t.clock.set('2026-06-02T07:00:00Z');
      await created(
        api.post('/productions', {
          location: WH1,
          documents: [{ type: 'batch', number: 'B-1' }],
          inputs: [
            { sku: STRAW, lot: 'S-A', quantity: 100.25 },
            { sku: STRAW, lot: 'S-B', quantity: 60 },
            { sku: SUGAR, lot: 'G1', quantity: 150.125 },
          ],
          outputs: [{ sku: JAM, lot: 'J1', quantity: 400 }],
        }),
      );
      tally.remove(STRAW, 'S-A', WH1, 100.25);
      tally.remove(STRAW, 'S-B', WH1, 60);
      tally.remove(SUGAR, 'G1', WH1, 150.125);
      tally.add(JAM, 'J1', WH1, 400);
      await expectStockEquals(api, tally);
      expect((await lot(api, JAM, 'J1')).expiryDate).toBe('2027-06-02');

      // 3 June: batch 2 makes two lots with short, explicit best-before dates.
      t.clock.set('2026-06-03T07:00:00Z');
      await created(
        api.post('/productions', {
          location: WH1,
          inputs: [
            { sku: STRAW, lot: 'S-A', quantity: 20.25 },
            { sku: STRAW, lot: 'S-B', quantity: 20 },
            { sku: SUGAR, lot: 'G1', quantity: 40 },
          ],
          outputs: [
            { sku: JAM, lot: 'J2', quantity: 240, expiryDate: '2026-08-20' },
            { sku: JAM, lot: 'J3', quantity: 60, expiryDate: '2026-07-05' },
          ],
        }),
      );
      tally.remove(STRAW, 'S-A', WH1, 20.25);
      tally.remove(STRAW, 'S-B', WH1, 20);
      tally.remove(SUGAR, 'G1', WH1, 40);
      tally.add(JAM, 'J2', WH1, 240);
      tally.add(JAM, 'J3', WH1, 60);
      await expectStockEquals(api, tally);
      // Genealogy: both batches consumed S-A, and S-A is now used up.
      expect((await lot(api, STRAW, 'S-A')).totals).toMatchObject({ received: 120.5, consumed: 120.5, onHand: 0 });
      expect((await lot(api, STRAW, 'S-A')).status).toBe('depleted');

      // 4 June: bought-in jam from a trader.
      t.clock.set('2026-06-04T07:00:00Z');
      await created(
        api.post('/receipts', {
          supplier: 'TRADER',
          location: WH1,
          lines: [
            { sku: JAM, lot: 'JX', quantity: 25, expiryDate: '2026-11-01' },
            { sku: JAM, lot: 'JT', quantity: 50, expiryDate: '2026-12-31' },
          ],
        }),
      );
      tally.add(JAM, 'JX', WH1, 25);
      tally.add(JAM, 'JT', WH1, 50);

      // 5 June: stock the second warehouse.
      t.clock.set('2026-06-05T07:00:00Z');
      await created(api.post('/transfers', { from: WH1, to: WH2, lines: [{ sku: JAM, lot: 'J1', quantity: 150 }, { sku: SUGAR, lot: 'G1', quantity: 100 }] }));
      tally.remove(JAM, 'J1', WH1, 150);
      tally.add(JAM, 'J1', WH2, 150);
      tally.remove(SUGAR, 'G1', WH1, 100);
      tally.add(SUGAR, 'G1', WH2, 100);
      await expectStockEquals(api, tally);

      // 15 June: shipping day. Days left at WH1: J3 20, J2 66, JX 139, JT 199, J1 352.
      t.clock.set('2026-06-15T10:00:00Z');

      // An explicit lot for the corner shop.
      const byLot = await created(api.post('/shipments', { customer: 'SHOP', location: WH1, documents: [{ type: 'invoice', number: 'INV-1' }], lines: [{ sku: JAM, lot: 'J1', quantity: 30 }] }));
      expect(linesOf(byLot)).toEqual([[JAM, 'J1', WH1, -30]]);
      tally.remove(JAM, 'J1', WH1, 30);
      await expectStockEquals(api, tally);

      // DELI wants 30 days: J3 (20 days) is passed over, J2 is next.
      const deli = await shipFefo('DELI', JAM, 100, [['J2', 100]]);
      expect(deli.allocation[0].skipped).toEqual([{ lot: 'J3', reason: '20 days left, customer requires 30' }]);
      // SHOP accepts anything not expired: all of J3 first, then J2.
      const shop = await shipFefo('SHOP', JAM, 70, [['J3', 60], ['J2', 10]]);
      // GROCER wants 60 days: J2 (66) then JX (139).
      await shipFefo('GROCER', JAM, 150, [['J2', 130], ['JX', 20]]);
      // EXPORT wants 180 days: JX (139) is passed over; JT (199) then J1 (352).
      const exportShipment = await shipFefo('EXPORT', JAM, 60, [['JT', 50], ['J1', 10]]);
      expect(exportShipment.allocation[0].skipped).toEqual([{ lot: 'JX', reason: '139 days left, customer requires 180' }]);
      // Sugar has no expiry: any lot will do; exact decimals.
      await shipFefo('TRADER', SUGAR, 9.875, [['G1', 9.875]]);
      // At WH2 only J1 is there.
      await shipFefo('SHOP', JAM, 20, [['J1', 20]], WH2);

      // EXPORT cannot have more than the 210 of J1 left at WH1 (JX is too short): refused, nothing moves.
      let before = await ledgerSnapshot(api);
      expectError(await api.post('/shipments', { customer: 'EXPORT', location: WH1, lines: [{ sku: JAM, quantity: 210.000001 }] }), 409, 'conflict', 'lines.0.quantity');
      expect(await ledgerSnapshot(api)).toEqual(before);
      await expectStockEquals(api, tally);

      // 16 June: SHOP sends back 8 jars of J2 from its FEFO shipment; they go back on the shelf.
      t.clock.set('2026-06-16T10:00:00Z');
      before = await ledgerSnapshot(api);
      expectError(await api.post('/returns', { customer: 'SHOP', location: WH1, shipment: shop.id, disposition: 'restock', lines: [{ sku: JAM, lot: 'J2', quantity: 10.5 }] }), 409, 'conflict', 'lines.0.quantity');
      expectError(await api.post('/returns', { customer: 'SHOP', location: WH1, shipment: deli.id, disposition: 'restock', lines: [{ sku: JAM, lot: 'J2', quantity: 8 }] }), 400, 'invalid_request', 'shipment');
      expect(await ledgerSnapshot(api)).toEqual(before);
      const giveBack = await created(api.post('/returns', { customer: 'SHOP', location: WH1, shipment: shop.id, disposition: 'restock', lines: [{ sku: JAM, lot: 'J2', quantity: 8 }] }));
      expect(giveBack.shipment).toBe(shop.id);
      tally.add(JAM, 'J2', WH1, 8);
      await expectStockEquals(api, tally);

      // ... and are shipped on to GROCER: J2 (65 days left) is again the first eligible lot.
      await shipFefo('GROCER', JAM, 8, [['J2', 8]]);

      // QA holds J1 everywhere; WH2 has nothing else, so a FEFO order there is refused.
      await created(api.post(`/lots/${JAM}/J1/hold`, { reason: 'seal defect' }));
      before = await ledgerSnapshot(api);
      const refused = expectError(await api.post('/shipments', { customer: 'SHOP', location: WH2, lines: [{ sku: JAM, quantity: 1 }] }), 409, 'conflict', 'lines.0.quantity');
      expect(refused.message).toContain('J1: on hold');
      expectError(await api.post('/shipments', { customer: 'SHOP', location: WH1, lines: [{ sku: JAM, lot: 'J1', quantity: 1 }] }), 409, 'conflict', 'lines.0.lot');
      expect(await ledgerSnapshot(api)).toEqual(before);
      await expectStockEquals(api, tally);

      // Write-offs: the held J1 at WH2, the damaged rest of JX, the expired rest of S-B.
      await created(api.post('/write-offs', { location: WH2, reason: 'damaged', lines: [{ sku: JAM, lot: 'J1', quantity: 130 }] }));
      tally.remove(JAM, 'J1', WH2, 130);
      await created(api.post('/write-offs', { location: WH1, reason: 'damaged', lines: [{ sku: JAM, lot: 'JX', quantity: 5 }] }));
      tally.remove(JAM, 'JX', WH1, 5);
      expect((await lot(api, STRAW, 'S-B')).status).toBe('expired');
      await created(api.post('/write-offs', { location: WH1, reason: 'expired', lines: [{ sku: STRAW, lot: 'S-B', quantity: 5 }] }));
      tally.remove(STRAW, 'S-B', WH1, 5);
      await expectStockEquals(api, tally);

      // What is left, by the test's own count.
      expect(tally.rows()).toEqual([
        { sku: JAM, lot: 'J1', location: WH1, quantity: 210 },
        { sku: SUGAR, lot: 'G1', location: WH1, quantity: 200 },
        { sku: SUGAR, lot: 'G1', location: WH2, quantity: 100 },
      ]);

      // Every lot's movements close: in − out = on hand.
      expect((await lot(api, JAM, 'J2')).totals).toMatchObject({ produced: 240, shipped: 248, returned: 8, writtenOff: 0, onHand: 0 });
      expect((await lot(api, JAM, 'J1')).totals).toMatchObject({ produced: 400, shipped: 60, writtenOff: 130, onHand: 210 });
      expect(await lot(api, JAM, 'J1')).toMatchObject({ status: 'hold', onHand: [{ location: WH1, quantity: 210 }] });
      expect((await lot(api, SUGAR, 'G1')).totals).toMatchObject({ received: 500, consumed: 190.125, shipped: 9.875, onHand: 300 });
      expect((await lot(api, STRAW, 'S-B')).totals).toMatchObject({ received: 85, consumed: 80, writtenOff: 5, onHand: 0 });
      expect((await lot(api, JAM, 'JX')).totals).toMatchObject({ received: 25, shipped: 20, writtenOff: 5, onHand: 0 });
    });
  });
}
