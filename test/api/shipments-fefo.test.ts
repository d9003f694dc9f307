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
  ship,
  stock,
  SUGAR,
  TODAY,
  WH1,
  WH2,
} from '../helpers/fixtures.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

/**
 * JAM-500 lots at WH1 on 2026-06-15, 10 each, received in this (non-FEFO) order so that the
 * server cannot pass by picking in receipt order:
 *   E expires in 230 days, D in 92, C in 47, B in 20, H in 5 but held, A expired 5 days ago;
 * and at WH2 lot F expiring tomorrow, which a WH1 shipment must never touch.
 */
const SHELF = { A: -5, B: 20, C: 47, D: 92, E: 230, H: 5 } as const;
const expiry = (lot: keyof typeof SHELF) => addDays(TODAY, SHELF[lot]);

async function seedLots(t: ApiTestContext): Promise<void> {
  await seedWorld(t.api);
  await receive(t.api, (['E', 'D', 'C', 'B', 'H', 'A'] as const).map((l) => ({ sku: JAM, lot: l, quantity: 10, expiryDate: expiry(l) })));
  await receive(t.api, [{ sku: JAM, lot: 'F', quantity: 10, expiryDate: addDays(TODAY, 1) }], { location: WH2 });
  await hold(t.api, JAM, 'H');
}

const skip = (lot: string, reason: string | RegExp) => ({ lot, reason: typeof reason === 'string' ? reason : expect.stringMatching(reason) });
const EXPIRED_A = skip('A', `expired on ${expiry('A')}`);
const HELD_H = skip('H', 'on hold');

for (const dialect of DIALECTS) {
  describe(`shipments (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
      await seedLots(t);
    });
    afterEach(async () => t.close());

    describe('FEFO assignment per customer shelf-life policy', () => {
      const cases = [
        { customer: 'SHOP', min: 0, picks: [['B', 10], ['C', 5]], skipped: [EXPIRED_A, HELD_H] },
        { customer: 'DELI', min: 30, picks: [['C', 10], ['D', 5]], skipped: [EXPIRED_A, HELD_H, skip('B', '20 days left, customer requires 30')] },
        { customer: 'GROCER', min: 60, picks: [['D', 10], ['E', 5]], skipped: [EXPIRED_A, HELD_H, skip('B', /requires 60/), skip('C', '47 days left, customer requires 60')] },
      ] as const;

      for (const c of cases) {
        it(`${c.customer} (minShelfLifeDays ${c.min}) gets exactly ${c.picks.map(([l]) => l).join(' + ')}`, async () => {
          const event = await ship(t.api, c.customer, [{ sku: JAM, quantity: 15 }]);
          expect(event).toMatchObject({ type: 'shipment', party: c.customer, location: WH1 });
          expect(linesOf(event)).toEqual(c.picks.map(([l, q]) => [JAM, l, WH1, -q]));
          expect(event.lines.every((l: { movement: string }) => l.movement === 'shipment')).toBe(true);
          expect(event.allocation).toEqual([
            {
              line: 0,
              sku: JAM,
              quantity: 15,
              picks: c.picks.map(([l, q]) => ({ lot: l, quantity: q, expiryDate: expiry(l) })),
              skipped: c.skipped,
            },
          ]);
          for (const [l, q] of c.picks) expect((await lot(t.api, JAM, l)).totals).toMatchObject({ shipped: q, onHand: 10 - q });
          // The event as stored says the same.
          expect((await t.api.get(`/events/${event.id}`)).body).toEqual(event);
        });
      }

      it('EXPORT (minShelfLifeDays 180) can only have E: 15 is refused with 409 and nothing ships', async () => {
        const before = await ledgerSnapshot(t.api);
        const error = expectError(await t.api.post('/shipments', { customer: 'EXPORT', location: WH1, lines: [{ sku: JAM, quantity: 15 }] }), 409, 'conflict', 'lines.0.quantity');
        expect(error.message).toContain('only 10 of 15');
        expect(error.message).toContain('92 days left, customer requires 180');
        expect(await ledgerSnapshot(t.api)).toEqual(before);
        // 10 is exactly what is eligible.
        const event = await ship(t.api, 'EXPORT', [{ sku: JAM, quantity: 10 }]);
        expect(linesOf(event)).toEqual([[JAM, 'E', WH1, -10]]);
      });

      it('accepts a lot with exactly the minimum shelf life left', async () => {
        await receive(t.api, [{ sku: JAM, lot: 'EDGE', quantity: 1, expiryDate: addDays(TODAY, 30) }]);
        const event = await ship(t.api, 'DELI', [{ sku: JAM, quantity: 1 }]);
        expect(linesOf(event)).toEqual([[JAM, 'EDGE', WH1, -1]]);
      });

      it('judges shelf life on the ship date of a backdated shipment', async () => {
        // On 2026-06-09 lot A (expiry 2026-06-10) was still good.
        const event = await created(t.api.post('/shipments', { customer: 'SHOP', location: WH1, time: '2026-06-09T12:00:00Z', lines: [{ sku: JAM, quantity: 12 }] }));
        expect(linesOf(event)).toEqual([
          [JAM, 'A', WH1, -10],
          [JAM, 'B', WH1, -2],
        ]);
      });

      it('never takes stock from another location; refuses when the location has too little', async () => {
        const before = await ledgerSnapshot(t.api);
        expectError(await t.api.post('/shipments', { customer: 'SHOP', location: WH2, lines: [{ sku: JAM, quantity: 11 }] }), 409, 'conflict', 'lines.0.quantity');
        expect(await ledgerSnapshot(t.api)).toEqual(before);
        const event = await ship(t.api, 'SHOP', [{ sku: JAM, quantity: 10 }], WH2);
        expect(linesOf(event)).toEqual([[JAM, 'F', WH2, -10]]);
      });

      it('prefers the larger of two lots with the same expiry, and puts lots without expiry last', async () => {
        await receive(t.api, [
          { sku: SUGAR, lot: 'NO-DATE-1', quantity: 100 },
          { sku: SUGAR, lot: 'SMALL', quantity: 3, expiryDate: '2027-01-01' },
          { sku: SUGAR, lot: 'BIG', quantity: 8, expiryDate: '2027-01-01' },
        ]);
        const event = await ship(t.api, 'SHOP', [{ sku: SUGAR, quantity: 12.5 }]);
        expect(linesOf(event)).toEqual([
          [SUGAR, 'BIG', WH1, -8],
          [SUGAR, 'SMALL', WH1, -3],
          [SUGAR, 'NO-DATE-1', WH1, -1.5],
        ]);
      });

      it('splits two auto lines of one item over the lots without double-counting', async () => {
        const event = await ship(t.api, 'SHOP', [
          { sku: JAM, quantity: 15 },
          { sku: JAM, quantity: 10 },
        ]);
        expect(linesOf(event)).toEqual([
          [JAM, 'B', WH1, -10],
          [JAM, 'C', WH1, -5],
          [JAM, 'C', WH1, -5],
          [JAM, 'D', WH1, -5],
        ]);
        expect(event.allocation.map((a: { line: number; picks: { lot: string }[] }) => [a.line, a.picks.map((p) => p.lot)])).toEqual([
          [0, ['B', 'C']],
          [1, ['C', 'D']],
        ]);
      });

      it('reserves explicit lines before assigning the others', async () => {
        const event = await ship(t.api, 'SHOP', [
          { sku: JAM, quantity: 5 },
          { sku: JAM, lot: 'B', quantity: 8 },
        ]);
        // Line 0 may only have what line 1 leaves of B.
        expect(linesOf(event)).toEqual([
          [JAM, 'B', WH1, -2],
          [JAM, 'C', WH1, -3],
          [JAM, 'B', WH1, -8],
        ]);
        expect(event.allocation).toHaveLength(1);
        expect(event.allocation[0].line).toBe(0);
      });

      it('refuses the whole shipment when one line of several is short, and names that line', async () => {
        await receive(t.api, [{ sku: SUGAR, lot: 'G1', quantity: 5 }]);
        const before = await ledgerSnapshot(t.api);
        const error = expectError(
          await t.api.post('/shipments', { customer: 'SHOP', location: WH1, lines: [{ sku: JAM, quantity: 1 }, { sku: SUGAR, quantity: 6 }] }),
          409,
          'conflict',
          'lines.1.quantity',
        );
        expect(error.details!.map((d) => d.path)).toEqual(['lines.1.quantity']);
        expect(await ledgerSnapshot(t.api)).toEqual(before);
      });

      it('skips lots that expired while in stock, and refuses when none is left', async () => {
        await t.api.post(`/lots/${JAM}/H/release`, {});
        t.clock.advanceDays(100); // everything but E has expired
        const before = await ledgerSnapshot(t.api);
        const error = expectError(await t.api.post('/shipments', { customer: 'SHOP', location: WH1, lines: [{ sku: JAM, quantity: 11 }] }), 409, 'conflict', 'lines.0.quantity');
        expect(error.message).toContain('only 10 of 11');
        expect(await ledgerSnapshot(t.api)).toEqual(before);
        const event = await ship(t.api, 'SHOP', [{ sku: JAM, quantity: 10 }]);
        expect(linesOf(event)).toEqual([[JAM, 'E', WH1, -10]]);
        expect(event.allocation[0].skipped.map((s: { lot: string }) => s.lot)).toEqual(['A', 'H', 'B', 'C', 'D']);
        expect(expectError(await t.api.post('/shipments', { customer: 'SHOP', location: WH1, lines: [{ sku: JAM, quantity: 1 }] }), 409, 'conflict').message).toContain('only 0 of 1');
      });
    });

    describe('explicit lots', () => {
      it('ships the named lot and records no allocation', async () => {
        const event = await created(
          t.api.post('/shipments', { customer: 'SHOP', location: WH1, documents: [{ type: 'BOL', number: 'BOL-1' }], lines: [{ sku: JAM, lot: 'E', quantity: 2.5 }] }),
        );
        expect(event).toMatchObject({ type: 'shipment', party: 'SHOP', documents: [{ type: 'BOL', number: 'BOL-1' }], allocation: null });
        expect(linesOf(event)).toEqual([[JAM, 'E', WH1, -2.5]]);
        expect((await stock(t.api, 'lot=E'))[0]!.quantity).toBe(7.5);
      });

      it('refuses a held, expired or too-short lot with 409 naming the line', async () => {
        const before = await ledgerSnapshot(t.api);
        const post = (customer: string, lot: string) => t.api.post('/shipments', { customer, location: WH1, lines: [{ sku: JAM, lot, quantity: 1 }] });
        expect(expectError(await post('SHOP', 'H'), 409, 'conflict', 'lines.0.lot').message).toMatch(/on hold/);
        expect(expectError(await post('SHOP', 'A'), 409, 'conflict', 'lines.0.lot').message).toMatch(/expired/);
        // The customer's policy applies to lots chosen by the client as well.
        expect(expectError(await post('DELI', 'B'), 409, 'conflict', 'lines.0.lot').message).toMatch(/20 days left/);
        expect(await ledgerSnapshot(t.api)).toEqual(before);
      });

      it('refuses more than the lot has at that location with 409', async () => {
        const before = await ledgerSnapshot(t.api);
        expectError(await t.api.post('/shipments', { customer: 'SHOP', location: WH1, lines: [{ sku: JAM, lot: 'E', quantity: 10.000001 }] }), 409, 'conflict', 'lines.0.quantity');
        expectError(await t.api.post('/shipments', { customer: 'SHOP', location: WH2, lines: [{ sku: JAM, lot: 'E', quantity: 1 }] }), 409, 'conflict', 'lines.0.quantity');
        expectError(
          await t.api.post('/shipments', { customer: 'SHOP', location: WH1, lines: [{ sku: JAM, lot: 'E', quantity: 6 }, { sku: JAM, lot: 'E', quantity: 6 }] }),
          409,
          'conflict',
        );
        expect(await ledgerSnapshot(t.api)).toEqual(before);
      });

      it('ships the last unit and the lot becomes depleted', async () => {
        await ship(t.api, 'SHOP', [{ sku: JAM, lot: 'E', quantity: 10 }]);
        expect(await lot(t.api, JAM, 'E')).toMatchObject({ status: 'depleted', onHand: [], totals: { shipped: 10, onHand: 0 } });
        expect(await stock(t.api, 'lot=E')).toEqual([]);
      });
    });

    describe('bad requests', () => {
      it('names unknown or wrong references with 400', async () => {
        const post = (body: object) => t.api.post('/shipments', { customer: 'SHOP', location: WH1, lines: [{ sku: JAM, quantity: 1 }], ...body });
        expectError(await post({ customer: 'NOBODY' }), 400, 'invalid_request', 'customer');
        expect(expectError(await post({ customer: 'FARM' }), 400, 'invalid_request', 'customer').message).toMatch(/not a customer/);
        expectError(await post({ location: 'NOWHERE' }), 400, 'invalid_request', 'location');
        expectError(await post({ lines: [{ sku: 'NOPE', quantity: 1 }] }), 400, 'invalid_request', 'lines.0.sku');
        expectError(await post({ lines: [{ sku: JAM, lot: 'NOPE', quantity: 1 }] }), 400, 'invalid_request', 'lines.0.lot');
        expectError(await post({ lines: [{ sku: JAM, quantity: -1 }] }), 400, 'invalid_request', 'lines.0.quantity');
        expectError(await post({ lines: [{ sku: JAM, quantity: 0.1234567 }] }), 400, 'invalid_request', 'lines.0.quantity');
        expectError(await post({ lines: [] }), 400, 'invalid_request', 'lines');
        expectError(await post({ lines: [{ sku: JAM, quantity: 1, lot: 5 }] }), 400, 'invalid_request', 'lines.0.lot');
      });
    });
  });
}
