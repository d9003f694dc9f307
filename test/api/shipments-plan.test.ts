import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, created, expectError, hold, JAM, ledgerSnapshot, ok, receive, seedWorld, ship, SUGAR, TODAY, WH1, WH2 } from '../helpers/fixtures.js';
import { allocate, salesOrder } from '../helpers/orders.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

/**
 * JAM-500 lots at WH1 on 2026-06-15, 10 each, received out of expiry order: E expires in 230
 * days, D in 92, C in 47, B in 20, H in 5 but held, A expired 5 days ago; F at WH2 expires tomorrow.
 */
const SHELF = { A: -5, B: 20, C: 47, D: 92, E: 230, H: 5 } as const;
const expiry = (lot: keyof typeof SHELF) => addDays(TODAY, SHELF[lot]);

async function seedLots(t: ApiTestContext): Promise<void> {
  await seedWorld(t.api);
  await receive(t.api, (['E', 'D', 'C', 'B', 'H', 'A'] as const).map((l) => ({ sku: JAM, lot: l, quantity: 10, expiryDate: expiry(l) })));
  await receive(t.api, [{ sku: JAM, lot: 'F', quantity: 10, expiryDate: addDays(TODAY, 1) }], { location: WH2 });
  await hold(t.api, JAM, 'H');
}

const plan = (t: ApiTestContext, body: object) => t.api.post('/shipments/plan', { location: WH1, ...body });

for (const dialect of DIALECTS) {
  describe(`shipment plan (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
      await seedLots(t);
    });
    afterEach(async () => t.close());

    it('proposes exactly the lots the shipment then takes, with days left and every lot passed over, and records nothing', async () => {
      const before = await ledgerSnapshot(t.api);
      const proposal = await ok(plan(t, { customer: 'DELI', lines: [{ sku: JAM, quantity: 15 }] }));
      expect(proposal).toEqual({
        customer: { code: 'DELI', name: 'Deli (30 days)', minShelfLifeDays: 30, minShelfLifePercent: null },
        location: WH1,
        shipDate: TODAY,
        lines: [
          {
            line: 0,
            sku: JAM,
            quantity: 15,
            lot: null,
            picks: [
              { lot: 'C', quantity: 10, expiryDate: expiry('C'), daysLeft: 47 },
              { lot: 'D', quantity: 5, expiryDate: expiry('D'), daysLeft: 92 },
            ],
            skipped: [
              { lot: 'A', reason: `expired on ${expiry('A')}`, expiryDate: expiry('A') },
              { lot: 'H', reason: 'on hold', expiryDate: expiry('H') },
              { lot: 'B', reason: '20 days left, customer requires 30', expiryDate: expiry('B') },
            ],
          },
        ],
      });
      expect(await ledgerSnapshot(t.api)).toEqual(before);

      const event = await ship(t.api, 'DELI', [{ sku: JAM, quantity: 15 }]);
      expect(event.allocation[0].picks).toEqual(proposal.lines[0].picks.map(({ daysLeft: _, ...p }: { daysLeft: number }) => p));
      expect(event.allocation[0].skipped).toEqual(proposal.lines[0].skipped.map(({ expiryDate: _, ...s }: { expiryDate: string }) => s));
    });

    it('shows a line naming its lot as that lot, taken before the other lines are assigned', async () => {
      const proposal = await ok(
        plan(t, {
          customer: 'SHOP',
          lines: [
            { sku: JAM, quantity: 5 },
            { sku: JAM, lot: 'B', quantity: 8 },
          ],
        }),
      );
      expect(proposal.lines.map((l: { lot: string | null; picks: { lot: string; quantity: number }[] }) => [l.lot, l.picks.map((p) => [p.lot, p.quantity])])).toEqual([
        [
          null,
          [
            ['B', 2],
            ['C', 3],
          ],
        ],
        ['B', [['B', 8]]],
      ]);
      expect(proposal.lines[1]).toMatchObject({ skipped: [], picks: [{ expiryDate: expiry('B'), daysLeft: 20 }] });
    });

    it('passes over stock reserved for an order and names the order', async () => {
      const order = await salesOrder(t.api, 'SHOP', [{ sku: JAM, quantity: 10 }], { number: 'SO-PLAN-1' });
      await allocate(t.api, order.id); // reserves B, the first eligible lot
      const proposal = await ok(plan(t, { customer: 'SHOP', lines: [{ sku: JAM, quantity: 4 }] }));
      expect(proposal.lines[0].picks).toEqual([{ lot: 'C', quantity: 4, expiryDate: expiry('C'), daysLeft: 47 }]);
      expect(proposal.lines[0].skipped).toContainEqual({ lot: 'B', reason: 'reserved for SO-PLAN-1', expiryDate: expiry('B') });
    });

    it('refuses with the same 409 as the shipment when eligible stock is short, naming the line and why lots were skipped', async () => {
      const before = await ledgerSnapshot(t.api);
      const body = { customer: 'EXPORT', location: WH1, lines: [{ sku: SUGAR, quantity: 1 }, { sku: JAM, quantity: 15 }] };
      await receive(t.api, [{ sku: SUGAR, lot: 'S1', quantity: 5 }]);
      const planned = expectError(await t.api.post('/shipments/plan', body), 409, 'conflict', 'lines.1.quantity');
      expect(planned.message).toContain('only 10 of 15');
      expect(planned.message).toContain('92 days left, customer requires 180');
      expect(planned.details!.map((d) => d.path)).toEqual(['lines.1.quantity']);
      const shipped = expectError(await t.api.post('/shipments', body), 409, 'conflict');
      expect(shipped).toEqual(planned);
      expect((await ledgerSnapshot(t.api)).events).toHaveLength(before.events.length + 1); // only the sugar receipt
    });

    it('refuses a named lot beyond its stock, a held lot, and unknown references just as the shipment would', async () => {
      const before = await ledgerSnapshot(t.api);
      expect(expectError(await plan(t, { customer: 'SHOP', lines: [{ sku: JAM, lot: 'E', quantity: 11 }] }), 409, 'conflict', 'lines.0.quantity').message).toContain(
        'not enough stock of JAM-500/E at WH1: 10 on hand, 11 needed',
      );
      expect(expectError(await plan(t, { customer: 'SHOP', lines: [{ sku: JAM, lot: 'H', quantity: 1 }] }), 409, 'conflict', 'lines.0.lot').message).toMatch(/on hold/);
      expectError(await plan(t, { customer: 'NOBODY', lines: [{ sku: JAM, quantity: 1 }] }), 400, 'invalid_request', 'customer');
      expectError(await plan(t, { customer: 'SHOP', location: 'NOWHERE', lines: [{ sku: JAM, quantity: 1 }] }), 400, 'invalid_request', 'location');
      expectError(await plan(t, { customer: 'SHOP', lines: [{ sku: JAM, quantity: 0 }] }), 400, 'invalid_request', 'lines.0.quantity');
      expectError(await plan(t, { customer: 'SHOP', lines: [] }), 400, 'invalid_request', 'lines');
      expect(await ledgerSnapshot(t.api)).toEqual(before);
    });

    it('judges shelf life on the date of a backdated shipment', async () => {
      const proposal = await ok(plan(t, { customer: 'SHOP', time: '2026-06-09T12:00:00Z', lines: [{ sku: JAM, quantity: 12 }] }));
      expect(proposal.shipDate).toBe('2026-06-09');
      expect(proposal.lines[0].picks).toEqual([
        { lot: 'A', quantity: 10, expiryDate: expiry('A'), daysLeft: 1 },
        { lot: 'B', quantity: 2, expiryDate: expiry('B'), daysLeft: 26 },
      ]);
    });

    it('lets the warehouse plan and refuses a viewer', async () => {
      const token = async (role: string) => (await created(t.api.post('/tokens', { name: role, role }))).token as string;
      const body = { customer: 'SHOP', location: WH1, lines: [{ sku: JAM, quantity: 1 }] };
      expect((await t.api.as(await token('warehouse')).post('/shipments/plan', body)).status).toBe(200);
      expect((await t.api.as(await token('viewer')).post('/shipments/plan', body)).status).toBe(403);
    });
  });
}
