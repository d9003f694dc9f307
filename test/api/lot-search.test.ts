import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, allPages, expectError, hold, JAM, ok, receive, seedWorld, STRAW, TODAY, WH2 } from '../helpers/fixtures.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

/**
 * GET /lots?q=: the text a user types or scans, found in the lot code or the supplier's lot code;
 * and ?order=desc, the newest lots first (what a lot list opens with).
 * Codes carry the characters LIKE treats specially ("%", "_", "\") so the search must take them literally.
 */
for (const dialect of DIALECTS) {
  describe(`lot list search and order (${dialect})`, () => {
    let t: ApiTestContext;
    const search = async (query: string) =>
      (await allPages(t.api, `/lots?${query}`)).map((l: { sku: string; lot: string }) => `${l.sku}/${l.lot}`);

    beforeAll(async () => {
      t = await openApiTest(dialect);
      await seedWorld(t.api);
      await receive(t.api, [
        { sku: JAM, lot: 'L-2026-001', quantity: 5, expiryDate: addDays(TODAY, 100), supplierLot: 'farm-a17' },
        { sku: JAM, lot: 'L-2026-002', quantity: 5, expiryDate: addDays(TODAY, 3) },
        { sku: JAM, lot: 'PCT%50', quantity: 1 },
        { sku: JAM, lot: 'UNDER_1', quantity: 1 },
        { sku: JAM, lot: 'BACK\\SLASH', quantity: 1 },
      ]);
      await receive(t.api, [{ sku: STRAW, lot: 'l-2026-001', quantity: 2, supplierLot: 'BERRY-9', expiryDate: addDays(TODAY, 5) }], { location: WH2 });
      await hold(t.api, JAM, 'L-2026-002');
    });
    afterAll(async () => t.close());

    it('finds the text anywhere in the lot code, ignoring case, across items', async () => {
      expect(await search('q=2026-00')).toEqual([`${JAM}/L-2026-001`, `${JAM}/L-2026-002`, `${STRAW}/l-2026-001`]);
      expect(await search('q=l-2026-001')).toEqual([`${JAM}/L-2026-001`, `${STRAW}/l-2026-001`]);
      expect(await search('q=nothing-like-it')).toEqual([]);
    });

    it("finds the supplier's lot code too", async () => {
      expect(await search('q=FARM-A')).toEqual([`${JAM}/L-2026-001`]);
      expect(await search('q=berry')).toEqual([`${STRAW}/l-2026-001`]);
    });

    it('takes %, _ and backslash literally', async () => {
      expect(await search(`q=${encodeURIComponent('%')}`)).toEqual([`${JAM}/PCT%50`]);
      expect(await search('q=_')).toEqual([`${JAM}/UNDER_1`]);
      expect(await search(`q=${encodeURIComponent('K\\S')}`)).toEqual([`${JAM}/BACK\\SLASH`]);
    });

    it('combines with the other filters and pages with the cursor', async () => {
      expect(await search(`q=2026&sku=${JAM}`)).toEqual([`${JAM}/L-2026-001`, `${JAM}/L-2026-002`]);
      expect(await search('q=2026&status=hold')).toEqual([`${JAM}/L-2026-002`]);
      expect(await search(`q=2026&location=${WH2}`)).toEqual([`${STRAW}/l-2026-001`]);
      expect(await search('q=2026&expiringWithinDays=4')).toEqual([`${JAM}/L-2026-002`]);
      const first = await ok(t.api.get('/lots?q=2026&limit=2'));
      expect(first.items.map((l: { lot: string }) => l.lot)).toEqual(['L-2026-001', 'L-2026-002']);
      const second = await ok(t.api.get(`/lots?q=2026&limit=2&cursor=${encodeURIComponent(first.nextCursor)}`));
      expect(second).toMatchObject({ items: [{ sku: STRAW, lot: 'l-2026-001', supplierLot: 'BERRY-9', onHand: 2 }], nextCursor: null });
    });

    it('lists newest first with order=desc, paging backwards with the cursor, filters still applied', async () => {
      expect(await search('order=desc')).toEqual([`${STRAW}/l-2026-001`, `${JAM}/BACK\\SLASH`, `${JAM}/UNDER_1`, `${JAM}/PCT%50`, `${JAM}/L-2026-002`, `${JAM}/L-2026-001`]);
      expect(await search('order=asc')).toEqual((await search('order=desc')).reverse());
      const first = await ok(t.api.get('/lots?q=2026&order=desc&limit=2'));
      expect(first.items.map((l: { lot: string }) => l.lot)).toEqual(['l-2026-001', 'L-2026-002']);
      const second = await ok(t.api.get(`/lots?q=2026&order=desc&limit=2&cursor=${encodeURIComponent(first.nextCursor)}`));
      expect(second).toMatchObject({ items: [{ sku: JAM, lot: 'L-2026-001' }], nextCursor: null });
      expectError(await t.api.get('/lots?order=newest'), 400, 'invalid_request', 'order');
    });

    it('treats a blank search as none and refuses an over-long one', async () => {
      expect(await search('q=%20%20')).toHaveLength(6);
      expectError(await t.api.get(`/lots?q=${'x'.repeat(65)}`), 400, 'invalid_request', 'q');
    });
  });
}
