import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, allPages, created, expectError, JAM, ledgerSnapshot, linesOf, lot, ok, receive, seedWorld, ship, stock, WH1 } from '../helpers/fixtures.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

for (const dialect of DIALECTS) {
  describe(`holds (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
      await seedWorld(t.api);
      await receive(t.api, [
        { sku: JAM, lot: 'L1', quantity: 10, expiryDate: '2026-09-01' },
        { sku: JAM, lot: 'L2', quantity: 10, expiryDate: '2026-10-01' },
        { sku: JAM, lot: 'L/3 x', quantity: 1, expiryDate: '2026-10-01' },
      ]);
    });
    afterEach(async () => t.close());

    const holdLot = (lotCode: string, body: object = { reason: 'mould found' }) => t.api.post(`/lots/${JAM}/${encodeURIComponent(lotCode)}/hold`, body);
    const release = (lotCode: string, body: object = {}) => t.api.post(`/lots/${JAM}/${encodeURIComponent(lotCode)}/release`, body);

    it('holds and releases a lot: status available ⇄ hold, recorded as events without lines', async () => {
      const held = await created(holdLot('L1'));
      expect(held).toMatchObject({ type: 'hold', lot: { sku: JAM, lot: 'L1' }, reason: 'mould found', lines: [] });
      expect(await lot(t.api, JAM, 'L1')).toMatchObject({ status: 'hold', holdReason: 'mould found', onHand: [{ location: WH1, quantity: 10 }] });
      expect((await stock(t.api, 'lot=L1'))[0]!.status).toBe('hold');

      const released = await created(release('L1', { reason: 'lab test negative' }));
      expect(released).toMatchObject({ type: 'release', lot: { sku: JAM, lot: 'L1' }, reason: 'lab test negative', lines: [] });
      expect(await lot(t.api, JAM, 'L1')).toMatchObject({ status: 'available', holdReason: null });

      // Release without a body at all.
      await created(holdLot('L1'));
      await created(t.api.request('POST', `/lots/${JAM}/L1/release`));
      expect((await lot(t.api, JAM, 'L1')).status).toBe('available');

      const types = (await allPages(t.api, `/events?lot=L1`)).map((e: { type: string }) => e.type);
      expect(types).toEqual(['receipt', 'hold', 'release', 'hold', 'release']);
    });

    it('keeps held stock out of shipments until it is released', async () => {
      await created(holdLot('L1'));
      expect(linesOf(await ship(t.api, 'SHOP', [{ sku: JAM, quantity: 2 }]))).toEqual([[JAM, 'L2', WH1, -2]]);
      expectError(await t.api.post('/shipments', { customer: 'SHOP', location: WH1, lines: [{ sku: JAM, lot: 'L1', quantity: 1 }] }), 409, 'conflict', 'lines.0.lot');
      await created(release('L1'));
      expect(linesOf(await ship(t.api, 'SHOP', [{ sku: JAM, quantity: 2 }]))).toEqual([[JAM, 'L1', WH1, -2]]);
    });

    it('refuses to hold a held lot and to release a lot that is not held, with 409 and no event', async () => {
      await created(holdLot('L1'));
      const before = await ledgerSnapshot(t.api);
      expect(expectError(await holdLot('L1', { reason: 'again' }), 409, 'conflict').message).toMatch(/already on hold/);
      expect(expectError(await release('L2'), 409, 'conflict').message).toMatch(/not on hold/);
      expect(await ledgerSnapshot(t.api)).toEqual(before);
      expect((await lot(t.api, JAM, 'L1')).holdReason).toBe('mould found');
    });

    it('answers 404 for an unknown lot or item', async () => {
      expectError(await holdLot('NOPE'), 404, 'not_found');
      expectError(await release('NOPE'), 404, 'not_found');
      expectError(await t.api.post('/lots/NOPE/L1/hold', { reason: 'x' }), 404, 'not_found');
      expectError(await t.api.get(`/lots/${JAM}/NOPE`), 404, 'not_found');
    });

    it('requires a reason to hold and refuses unknown fields', async () => {
      expectError(await holdLot('L1', {}), 400, 'invalid_request', 'reason');
      expectError(await holdLot('L1', { reason: '' }), 400, 'invalid_request', 'reason');
      expectError(await holdLot('L1', { reason: 'x', until: '2026-07-01' }), 400, 'invalid_request');
      expectError(await release('L1', { reason: 5 }), 400, 'invalid_request', 'reason');
      expect((await lot(t.api, JAM, 'L1')).status).toBe('available');
    });

    it('finds lot codes with reserved characters through URL-encoded path segments', async () => {
      await created(holdLot('L/3 x'));
      expect((await lot(t.api, JAM, 'L/3 x')).status).toBe('hold');
    });

    it('shows hold over expired, and expired again after release', async () => {
      await created(holdLot('L1'));
      t.clock.set(`${addDays('2026-09-01', 1)}T10:00:00Z`);
      expect((await lot(t.api, JAM, 'L1')).status).toBe('hold');
      await created(release('L1'));
      expect((await lot(t.api, JAM, 'L1')).status).toBe('expired');
    });

    it('may hold a depleted lot (e.g. before a recall of what was shipped)', async () => {
      await ship(t.api, 'SHOP', [{ sku: JAM, lot: 'L2', quantity: 10 }]);
      expect((await lot(t.api, JAM, 'L2')).status).toBe('depleted');
      await created(holdLot('L2'));
      expect((await lot(t.api, JAM, 'L2')).status).toBe('hold');
      expect((await ok(t.api.get(`/lots?status=hold`))).items.map((l: { lot: string }) => l.lot)).toEqual(['L2']);
    });
  });
}
