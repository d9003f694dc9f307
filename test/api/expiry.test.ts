import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allocateSalesOrder, createSalesOrder } from '../../src/app/sales-orders.js';
import { writeOffExpired } from '../../src/app/write-offs-expired.js';
import {
  addDays,
  allPages,
  created,
  expectError,
  hold,
  JAM,
  ledgerSnapshot,
  linesOf,
  ok,
  receive,
  seedWorld,
  stock,
  STRAW,
  SUGAR,
  TODAY,
  WH1,
  WH2,
} from '../helpers/fixtures.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

/**
 * The world on 2026-06-15 (JAM costs 1.25 and is sold by 30 days before expiry; STRAW has no
 * cost and no sell-by window; SUGAR has no expiry):
 *   J1 expired 5 days ago, 4 at WH1          J2 expires in 5 days, 7 at WH1 + 3 at WH2, on hold
 *   J3 expires in 47 days, 6 at WH1          J4 expires next year, 8 at WH1
 *   J5 expires in 3 days but is used up      S1 expires in 10 days, 2.5 kg at WH1
 *   G1 sugar without expiry, 50 kg
 */
async function seedExpiryWorld(t: ApiTestContext): Promise<void> {
  await seedWorld(t.api);
  await receive(t.api, [
    { sku: JAM, lot: 'J1', quantity: 4, expiryDate: addDays(TODAY, -5) },
    { sku: JAM, lot: 'J2', quantity: 10, expiryDate: addDays(TODAY, 5) },
    { sku: JAM, lot: 'J3', quantity: 6, expiryDate: addDays(TODAY, 47) },
    { sku: JAM, lot: 'J4', quantity: 8, expiryDate: '2027-06-01' },
    { sku: JAM, lot: 'J5', quantity: 1, expiryDate: addDays(TODAY, 3) },
    { sku: STRAW, lot: 'S1', quantity: 2.5, expiryDate: addDays(TODAY, 10) },
    { sku: SUGAR, lot: 'G1', quantity: 50 },
  ]);
  await created(t.api.post('/transfers', { from: WH1, to: WH2, lines: [{ sku: JAM, lot: 'J2', quantity: 3 }] }));
  await created(t.api.post('/write-offs', { location: WH1, reason: 'damaged', lines: [{ sku: JAM, lot: 'J5', quantity: 1 }] }));
  await hold(t.api, JAM, 'J2');
}

const keyOf = (r: { sku: string; lot: string; location: string }) => `${r.sku}/${r.lot}@${r.location}`;

for (const dialect of DIALECTS) {
  describe(`expiry list (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
      await seedExpiryWorld(t);
    });
    afterEach(async () => t.close());

    it('lists stock expiring within 30 days, already expired first, with value at unit cost', async () => {
      const page = await ok(t.api.get('/expiry'));
      expect(page.nextCursor).toBeNull();
      expect(page.items).toEqual([
        { sku: JAM, lot: 'J1', itemName: 'Strawberry jam 500 g', uom: 'ea', location: WH1, quantity: 4, expiryDate: '2026-06-10', sellByDate: '2026-05-11', daysLeft: -5, status: 'expired', value: '5' },
        { sku: JAM, lot: 'J2', itemName: 'Strawberry jam 500 g', uom: 'ea', location: WH1, quantity: 7, expiryDate: '2026-06-20', sellByDate: '2026-05-21', daysLeft: 5, status: 'hold', value: '8.75' },
        { sku: JAM, lot: 'J2', itemName: 'Strawberry jam 500 g', uom: 'ea', location: WH2, quantity: 3, expiryDate: '2026-06-20', sellByDate: '2026-05-21', daysLeft: 5, status: 'hold', value: '3.75' },
        { sku: STRAW, lot: 'S1', itemName: 'Strawberries', uom: 'kg', location: WH1, quantity: 2.5, expiryDate: '2026-06-25', sellByDate: null, daysLeft: 10, status: 'available', value: null },
      ]);
    });

    it('widens and narrows with withinDays; depleted lots and lots without a date never appear', async () => {
      const keys = async (q: string): Promise<string[]> => (await ok(t.api.get(`/expiry?${q}`))).items.map(keyOf);
      expect(await keys('withinDays=0')).toEqual([`${JAM}/J1@${WH1}`]);
      expect(await keys('withinDays=5')).toEqual([`${JAM}/J1@${WH1}`, `${JAM}/J2@${WH1}`, `${JAM}/J2@${WH2}`]);
      expect(await keys('withinDays=47')).toContain(`${JAM}/J3@${WH1}`);
      const all = await keys('withinDays=100000');
      expect(all).toHaveLength(6);
      expect(all.at(-1)).toBe(`${JAM}/J4@${WH1}`);
      expect(all.some((k) => k.includes('/J5@') || k.includes('/G1@'))).toBe(false);
    });

    it('sorts by the sell-by date with basis=sellBy and skips lots without one', async () => {
      const page = await ok(t.api.get('/expiry?basis=sellBy&withinDays=30'));
      expect(page.items.map((r: any) => [keyOf(r), r.daysLeft])).toEqual([
        [`${JAM}/J1@${WH1}`, -35],
        [`${JAM}/J2@${WH1}`, -25],
        [`${JAM}/J2@${WH2}`, -25],
        [`${JAM}/J3@${WH1}`, 17],
      ]);
    });

    it('filters by location and item, and pages through the same rows', async () => {
      expect((await ok(t.api.get(`/expiry?location=${WH2}`))).items.map(keyOf)).toEqual([`${JAM}/J2@${WH2}`]);
      expect((await ok(t.api.get(`/expiry?sku=${STRAW}`))).items.map(keyOf)).toEqual([`${STRAW}/S1@${WH1}`]);
      expect((await ok(t.api.get(`/expiry?sku=NOPE`))).items).toEqual([]);
      const everything = (await ok(t.api.get('/expiry?withinDays=1000&limit=1000'))).items;
      for (const limit of [1, 2, 4]) expect(await allPages(t.api, '/expiry?withinDays=1000', limit)).toEqual(everything);
    });

    it('counts days from the app clock', async () => {
      t.clock.advanceDays(10);
      const page = await ok(t.api.get('/expiry?withinDays=0'));
      expect(page.items.map((r: any) => [keyOf(r), r.daysLeft, r.status])).toEqual([
        [`${JAM}/J1@${WH1}`, -15, 'expired'],
        [`${JAM}/J2@${WH1}`, -5, 'hold'],
        [`${JAM}/J2@${WH2}`, -5, 'hold'],
        [`${STRAW}/S1@${WH1}`, 0, 'available'],
      ]);
    });

    it('refuses bad parameters with 400', async () => {
      expectError(await t.api.get('/expiry?basis=bestBefore'), 400, 'invalid_request', 'basis');
      expectError(await t.api.get('/expiry?withinDays=-1'), 400, 'invalid_request', 'withinDays');
      expectError(await t.api.get('/expiry?withinDays=1.5'), 400, 'invalid_request', 'withinDays');
      expectError(await t.api.get('/expiry?cursor=nonsense'), 400, 'invalid_request', 'cursor');
      expectError(await t.api.get('/expiry?colour=red'), 400, 'invalid_request');
    });
  });

  describe(`bulk write-off of expired stock (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
      await seedExpiryWorld(t);
    });
    afterEach(async () => t.close());

    const bulk = (body: object = {}, headers?: Record<string, string>) => t.api.post('/write-offs/expired', body, headers);

    it('a dry run lists what would go, values it, and changes nothing', async () => {
      const before = await ledgerSnapshot(t.api);
      const result = await ok(bulk({ dryRun: true }));
      expect(result).toMatchObject({ asOf: TODAY, reason: 'expired', dryRun: true, replayed: false, events: [], reserved: [], totals: { lines: 1, value: '5', valueComplete: true } });
      expect(result.lines.map(keyOf)).toEqual([`${JAM}/J1@${WH1}`]);
      // A dry run may look ahead: what will have expired by the 26th (J2 on hold and S1 without cost included).
      const ahead = await ok(bulk({ dryRun: true, asOf: '2026-06-26' }));
      expect(ahead.lines.map((l: any) => [keyOf(l), l.quantity, l.status])).toEqual([
        [`${JAM}/J1@${WH1}`, 4, 'expired'],
        [`${JAM}/J2@${WH1}`, 7, 'hold'],
        [`${STRAW}/S1@${WH1}`, 2.5, 'available'],
        [`${JAM}/J2@${WH2}`, 3, 'hold'],
      ]);
      expect(ahead.totals).toEqual({ lines: 4, value: '17.5', valueComplete: false });
      expect(await ledgerSnapshot(t.api)).toEqual(before);
    });

    it('writes off all expired stock, held lots included, in one event per location; the rest is untouched', async () => {
      t.clock.set('2026-06-26T08:00:00Z');
      const untouched = (await stock(t.api)).filter((r) => ['J3', 'J4', 'G1'].includes(r.lot));
      const result = await created(bulk());
      expect(result).toMatchObject({ asOf: '2026-06-26', dryRun: false, replayed: false, totals: { lines: 4, value: '17.5', valueComplete: false } });
      expect(result.events).toHaveLength(2);
      const [wh1, wh2] = result.events;
      expect(wh1).toMatchObject({ type: 'write_off', reason: 'expired', location: WH1 });
      expect(linesOf(wh1)).toEqual([
        [JAM, 'J1', WH1, -4],
        [JAM, 'J2', WH1, -7],
        [STRAW, 'S1', WH1, -2.5],
      ]);
      expect(wh2).toMatchObject({ type: 'write_off', reason: 'expired', location: WH2 });
      expect(linesOf(wh2)).toEqual([[JAM, 'J2', WH2, -3]]);
      expect(await stock(t.api)).toEqual(untouched);
      expect((await ok(t.api.get(`/lots/${JAM}/J2`))).totals).toMatchObject({ writtenOff: 10, onHand: 0 });
      // Nothing left to do: a second run records nothing.
      const again = await ok(bulk());
      expect(again).toMatchObject({ events: [], lines: [], totals: { lines: 0, value: '0', valueComplete: true } });
    });

    it('narrows to one location or item and takes another reason', async () => {
      t.clock.set('2026-06-26T08:00:00Z');
      const wh2 = await created(bulk({ location: WH2, reason: 'other' }));
      expect(wh2.events.map((e: any) => [e.location, e.reason])).toEqual([[WH2, 'other']]);
      const straw = await created(bulk({ sku: STRAW }));
      expect(straw.events.flatMap(linesOf)).toEqual([[STRAW, 'S1', WH1, -2.5]]);
      // Expired JAM is still at WH1: the item filter left it alone.
      expect((await stock(t.api, `location=${WH1}`)).map((r) => r.lot)).toEqual(['J1', 'J2', 'J3', 'J4', 'G1']);
    });

    it('replays an Idempotency-Key with the original events and refuses it for another body', async () => {
      t.clock.set('2026-06-26T08:00:00Z');
      const first = await created(bulk({}, { 'idempotency-key': 'expired-0626' }));
      const replay = await ok(bulk({}, { 'idempotency-key': 'expired-0626' }));
      expect(replay.replayed).toBe(true);
      expect(replay.events.map((e: any) => e.id)).toEqual(first.events.map((e: any) => e.id));
      expect(replay.lines.map(keyOf)).toEqual(first.lines.map(keyOf));
      expect(replay.totals).toEqual(first.totals);
      expectError(await bulk({ location: WH1 }, { 'idempotency-key': 'expired-0626' }), 409, 'conflict', 'Idempotency-Key');
      expect((await allPages(t.api, '/events?type=write_off')).length).toBe(3);
    });

    it('refuses an unknown location or item, a future asOf and a bad reason, recording nothing', async () => {
      const before = await ledgerSnapshot(t.api);
      expectError(await bulk({ location: 'NOWHERE' }), 400, 'invalid_request', 'location');
      expectError(await bulk({ sku: 'NOPE', dryRun: true }), 400, 'invalid_request', 'sku');
      expectError(await bulk({ asOf: addDays(TODAY, 1) }), 400, 'invalid_request', 'asOf');
      expectError(await bulk({ asOf: '2026-02-30' }), 400, 'invalid_request', 'asOf');
      expectError(await bulk({ reason: 'stolen' }), 400, 'invalid_request', 'reason');
      expect(await ledgerSnapshot(t.api)).toEqual(before);
    });

    it('leaves expired stock that an order holds for the order, and writes off the rest', async () => {
      // FEFO skips J1 (expired) and J2 (on hold): the order reserves 2 of J3, which then expires.
      const order = await createSalesOrder(t.app, { customer: 'SHOP', location: WH1, lines: [{ sku: JAM, quantity: 2 }] });
      const allocation = await allocateSalesOrder(t.app, order.id);
      expect(allocation.allocations.map((a) => [a.lot, a.quantity])).toEqual([['J3', 2]]);
      t.clock.advanceDays(48);
      const result = await created(bulk({ location: WH1 }));
      expect(result.reserved).toEqual([{ sku: JAM, lot: 'J3', location: WH1, quantity: 2, orders: [order.number] }]);
      expect(linesOf(result.events[0]).filter(([, lot]) => lot === 'J3')).toEqual([[JAM, 'J3', WH1, -4]]);
      expect((await stock(t.api, `lot=J3`)).map((r) => r.quantity)).toEqual([2]);
    });

    it('is a thin call for the CLI: the use case takes plain input', async () => {
      const dry = await writeOffExpired(t.app, { dryRun: true, location: WH1 });
      expect(dry.lines.map(keyOf)).toEqual([`${JAM}/J1@${WH1}`]);
      const real = await writeOffExpired(t.app, { location: WH1 });
      expect(real.events.map((e) => e.location)).toEqual([WH1]);
      expect(await stock(t.api, `lot=J1`)).toEqual([]);
    });
  });
}
