import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluateAlerts, expiryAlertDays, startAlertScheduler } from '../../src/app/alerts.js';
import { addDays, allPages, created, expectError, JAM, ok, receive, seedWorld, ship, STRAW, TODAY, WH1, WH2 } from '../helpers/fixtures.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

/** `sku/lot kind:threshold`, the identity of an alert. */
const idOf = (a: { sku: string; lot: string; kind: string; threshold: number }) => `${a.sku}/${a.lot} ${a.kind}:${a.threshold}`;

for (const dialect of DIALECTS) {
  describe(`alerts (${dialect})`, () => {
    let t: ApiTestContext;
    const run = async (): Promise<string[]> => (await ok(t.api.post('/alerts/run'))).raised.map(idOf);

    beforeEach(async () => {
      t = await openApiTest(dialect);
      await seedWorld(t.api);
      // JAM: default thresholds [30, 7], sell-by 30 days before expiry. STRAW gets [3] below.
      await receive(t.api, [
        { sku: JAM, lot: 'A', quantity: 5, expiryDate: addDays(TODAY, 40) }, // sell-by in 10 days
        { sku: JAM, lot: 'B', quantity: 5, expiryDate: addDays(TODAY, 20) }, // sell-by 10 days ago
        { sku: JAM, lot: 'C', quantity: 5, expiryDate: addDays(TODAY, 5) },
        { sku: JAM, lot: 'D', quantity: 5, expiryDate: addDays(TODAY, -1) },
        { sku: JAM, lot: 'E', quantity: 5, expiryDate: addDays(TODAY, 3) }, // shipped out below
        { sku: STRAW, lot: 'S', quantity: 2, expiryDate: addDays(TODAY, 6) },
      ]);
      await ship(t.api, 'SHOP', [{ sku: JAM, lot: 'E', quantity: 5 }]);
      await ok(t.api.request('PUT', `/items/${STRAW}/alert-thresholds`, { days: [3] }));
    });
    afterEach(async () => t.close());

    it('raises what is due today for lots with stock, none for a depleted lot', async () => {
      const result = await ok(t.api.post('/alerts/run'));
      expect(result.today).toBe(TODAY);
      expect(result.raised.map(idOf)).toEqual([`${JAM}/B lot.expiring:30`, `${JAM}/B lot.sell_by:0`, `${JAM}/C lot.expiring:7`, `${JAM}/C lot.sell_by:0`, `${JAM}/D lot.expired:0`]);
      expect(result.raised.find((a: any) => a.lot === 'C')).toMatchObject({
        kind: 'lot.expiring',
        status: 'open',
        itemName: 'Strawberry jam 500 g',
        uom: 'ea',
        date: addDays(TODAY, 5),
        daysLeft: 5,
        quantity: 5,
        raisedAt: '2026-06-15T10:00:00.000Z',
        acknowledgedAt: null,
      });
      expect(await run()).toEqual([]);
    });

    it('fires once per lot and threshold across daily runs for two months', async () => {
      const seen: string[] = [];
      for (let day = 0; day <= 60; day++) {
        if (day > 0) t.clock.advanceDays(1);
        const raised = await run();
        seen.push(...raised.map((r) => `${r} @${day}`));
        // Running twice the same day adds nothing.
        expect(await run()).toEqual([]);
      }
      expect(seen).toEqual([
        `${JAM}/B lot.expiring:30 @0`,
        `${JAM}/B lot.sell_by:0 @0`,
        `${JAM}/C lot.expiring:7 @0`,
        `${JAM}/C lot.sell_by:0 @0`,
        `${JAM}/D lot.expired:0 @0`,
        `${STRAW}/S lot.expiring:3 @3`,
        `${JAM}/C lot.expired:0 @6`,
        `${STRAW}/S lot.expired:0 @7`,
        `${JAM}/A lot.expiring:30 @10`,
        `${JAM}/A lot.sell_by:0 @10`,
        `${JAM}/B lot.expiring:7 @13`,
        `${JAM}/B lot.expired:0 @21`,
        `${JAM}/A lot.expiring:7 @33`,
        `${JAM}/A lot.expired:0 @41`,
      ]);
      const all = await allPages(t.api, '/alerts');
      expect(new Set(all.map(idOf)).size).toBe(all.length);
      expect(all).toHaveLength(14);
    });

    it('skips a lot that is used up before its threshold comes', async () => {
      await ship(t.api, 'SHOP', [{ sku: JAM, lot: 'A', quantity: 5 }]);
      t.clock.advanceDays(45);
      expect((await run()).filter((a) => a.startsWith(`${JAM}/A `))).toEqual([]);
    });

    it('raises sell_by on the sell-by date itself', async () => {
      t.clock.advanceDays(9);
      expect((await run()).filter((a) => a.startsWith(`${JAM}/A `))).toEqual([]);
      t.clock.advanceDays(1);
      expect((await run()).filter((a) => a.startsWith(`${JAM}/A `))).toEqual([`${JAM}/A lot.expiring:30`, `${JAM}/A lot.sell_by:0`]);
    });

    it('lists alerts newest first with filters and paging, and acknowledges them', async () => {
      await run();
      t.clock.advanceDays(10);
      await run();
      const all = await allPages(t.api, '/alerts');
      expect(all.map((a) => a.raisedAt)).toEqual([...all.map((a) => a.raisedAt)].sort().reverse());
      expect(await allPages(t.api, '/alerts', 2)).toEqual(all);
      expect((await allPages(t.api, '/alerts?kind=lot.expired')).map(idOf).sort()).toEqual([`${JAM}/C lot.expired:0`, `${JAM}/D lot.expired:0`, `${STRAW}/S lot.expired:0`]);
      // S went from 6 days left to expired between two runs: its 3-day warning was never due on a run day.
      expect((await allPages(t.api, `/alerts?sku=${STRAW}`)).map(idOf)).toEqual([`${STRAW}/S lot.expired:0`]);

      const target = all.find((a) => a.lot === 'D')!;
      // daysLeft is live: D expired 11 days ago by now.
      expect(target.daysLeft).toBe(-11);
      const acked = await ok(t.api.post(`/alerts/${target.id}/acknowledge`, { note: 'destroyed' }));
      expect(acked).toMatchObject({ id: target.id, status: 'acknowledged', acknowledgedAt: '2026-06-25T10:00:00.000Z', note: 'destroyed' });
      t.clock.advanceDays(1);
      expect(await ok(t.api.post(`/alerts/${target.id}/acknowledge`))).toEqual({ ...acked, daysLeft: -12 });
      expect((await allPages(t.api, '/alerts?status=acknowledged')).map((a) => a.id)).toEqual([target.id]);
      expect((await allPages(t.api, '/alerts?status=open')).length).toBe(all.length - 1);
      expectError(await t.api.post('/alerts/nope/acknowledge'), 404, 'not_found');
      expectError(await t.api.get('/alerts?status=closed'), 400, 'invalid_request', 'status');
      expectError(await t.api.get('/alerts?kind=lot.dusty'), 400, 'invalid_request', 'kind');
    });

    it('keeps per-item thresholds: set, read, reset, validated', async () => {
      expect(await ok(t.api.get(`/items/${STRAW}/alert-thresholds`))).toEqual({ sku: STRAW, days: [3], source: 'item' });
      expect(await ok(t.api.get(`/items/${JAM}/alert-thresholds`))).toEqual({ sku: JAM, days: [30, 7], source: 'default' });
      expect(await ok(t.api.request('PUT', `/items/${JAM}/alert-thresholds`, { days: [7, 60, 7] }))).toEqual({ sku: JAM, days: [60, 7], source: 'item' });
      // Now A (40 days left) is inside the 60-day window.
      expect((await run()).filter((a) => a.startsWith(`${JAM}/A `))).toEqual([`${JAM}/A lot.expiring:60`]);
      expect(await ok(t.api.request('DELETE', `/items/${JAM}/alert-thresholds`))).toEqual({ sku: JAM, days: [30, 7], source: 'default' });
      // An empty list turns expiring alerts off for the item; expired still comes.
      await ok(t.api.request('PUT', `/items/${STRAW}/alert-thresholds`, { days: [] }));
      t.clock.advanceDays(4);
      expect((await run()).filter((a) => a.startsWith(`${STRAW}/`))).toEqual([]);
      t.clock.advanceDays(3);
      expect((await run()).filter((a) => a.startsWith(`${STRAW}/`))).toEqual([`${STRAW}/S lot.expired:0`]);

      expectError(await t.api.request('PUT', '/items/NOPE/alert-thresholds', { days: [1] }), 404, 'not_found');
      expectError(await t.api.get('/items/NOPE/alert-thresholds'), 404, 'not_found');
      expectError(await t.api.request('PUT', `/items/${JAM}/alert-thresholds`, { days: [-1] }), 400, 'invalid_request', 'days.0');
      expectError(await t.api.request('PUT', `/items/${JAM}/alert-thresholds`, { days: [1.5] }), 400, 'invalid_request', 'days.0');
      expectError(await t.api.request('PUT', `/items/${JAM}/alert-thresholds`, {}), 400, 'invalid_request', 'days');
    });

    it('takes the global default from LOTLINE_EXPIRY_ALERT_DAYS', async () => {
      expect(expiryAlertDays({})).toEqual([30, 7]);
      expect(expiryAlertDays({ LOTLINE_EXPIRY_ALERT_DAYS: '14, 45' })).toEqual([45, 14]);
      expect(() => expiryAlertDays({ LOTLINE_EXPIRY_ALERT_DAYS: 'soon' })).toThrow(/LOTLINE_EXPIRY_ALERT_DAYS "soon"/);
      const result = await evaluateAlerts(t.app, { defaultDays: expiryAlertDays({ LOTLINE_EXPIRY_ALERT_DAYS: '45' }) });
      expect(result.raised.map(idOf)).toEqual([`${JAM}/A lot.expiring:45`, `${JAM}/B lot.expiring:45`, `${JAM}/B lot.sell_by:0`, `${JAM}/C lot.expiring:45`, `${JAM}/C lot.sell_by:0`, `${JAM}/D lot.expired:0`]);
    });

    it('raises expired for held and recalled stock too, and nothing expiring for recalled lots', async () => {
      await receive(t.api, [{ sku: JAM, lot: 'R', quantity: 2, expiryDate: addDays(TODAY, 2) }], { location: WH2 });
      await created(t.api.post('/recalls', { lots: [{ sku: JAM, lot: 'R' }], reason: 'glass' }));
      expect((await run()).filter((a) => a.startsWith(`${JAM}/R `))).toEqual([]);
      t.clock.advanceDays(3);
      expect((await run()).filter((a) => a.startsWith(`${JAM}/R `))).toEqual([`${JAM}/R lot.expired:0`]);
    });

    it('refuses a bad cron pattern before scheduling anything', () => {
      expect(() => startAlertScheduler(t.app, { cron: 'every morning' })).toThrow(/LOTLINE_ALERT_CRON "every morning"/);
      expect(() => startAlertScheduler(t.app, { cron: '0 6 * * *', defaultDays: [-3] })).toThrow();
    });
  });
}
