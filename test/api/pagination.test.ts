import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { allPages, created, expectError, JAM, ok, receive, seedWorld, SUGAR, WH1, WH2 } from '../helpers/fixtures.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

/** How each list identifies a row, to check that paging returns every row exactly once. */
const LISTS = {
  '/items': (r: { sku: string }) => r.sku,
  '/parties': (r: { code: string }) => r.code,
  '/locations': (r: { code: string }) => r.code,
  '/lots': (r: { sku: string; lot: string }) => `${r.sku}/${r.lot}`,
  '/stock': (r: { sku: string; lot: string; location: string }) => `${r.sku}/${r.lot}@${r.location}`,
  '/events': (r: { id: string }) => r.id,
} as const;

for (const dialect of DIALECTS) {
  describe(`pagination (${dialect})`, () => {
    let t: ApiTestContext;
    // One shared, read-only world for the walks; the tests that write open their own.
    let walk: ApiTestContext;
    beforeAll(async () => {
      walk = await openApiTest(dialect);
      await seedWorld(walk.api);
      for (let i = 1; i <= 5; i++) await created(walk.api.post('/items', { sku: `X-${i}`, name: `extra ${i}` }));
      for (let i = 1; i <= 3; i++) await created(walk.api.post('/locations', { code: `DOCK-${i}`, name: `dock ${i}` }));
      // 7 lots, 10 stock rows (3 lots in both warehouses), 9 events.
      for (let i = 1; i <= 7; i++) await receive(walk.api, [{ sku: i % 2 ? JAM : SUGAR, lot: `P${i}`, quantity: i }], { location: i <= 4 ? WH1 : WH2 });
      await created(walk.api.post('/transfers', { from: WH1, to: WH2, lines: [1, 2, 3].map((i) => ({ sku: i % 2 ? JAM : SUGAR, lot: `P${i}`, quantity: 0.5 })) }));
      await created(walk.api.post(`/lots/${SUGAR}/P2/hold`, { reason: 'check' }));
      return () => walk.close();
    });
    beforeEach(async () => {
      t = await openApiTest(dialect);
    });
    afterEach(async () => t.close());

    for (const [path, id] of Object.entries(LISTS)) {
      it(`${path}: every page size walks all rows exactly once, in the same order`, async () => {
        const all = await allPages(walk.api, path, 1000);
        expect(all.length).toBeGreaterThanOrEqual(5);
        const ids = all.map(id as (r: unknown) => string);
        expect(new Set(ids).size).toBe(ids.length);
        for (const limit of [1, 2, 3, all.length - 1, all.length, all.length + 1]) {
          expect((await allPages(walk.api, path, limit)).map(id as (r: unknown) => string), `limit=${limit}`).toEqual(ids);
        }
        // Without a limit the default (100) holds everything here.
        expect((await ok(walk.api.get(path))).nextCursor).toBeNull();
      });
    }

    it('offers no cursor after an exactly full last page', async () => {
      const first = await ok(walk.api.get('/lots?limit=4'));
      expect(first.items).toHaveLength(4);
      expect(first.nextCursor).toEqual(expect.any(String));
      const last = await ok(walk.api.get(`/lots?limit=3&cursor=${encodeURIComponent(first.nextCursor)}`));
      expect(last.items).toHaveLength(3);
      expect(last.nextCursor).toBeNull();
    });

    it('pages filtered lists within the filter', async () => {
      expect((await allPages(walk.api, `/events?type=receipt`, 2)).map((e: { lines: { lot: string }[] }) => e.lines[0]!.lot)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7']);
      expect((await allPages(walk.api, `/stock?location=${WH2}`, 2)).map((s: { lot: string }) => s.lot)).toEqual(['P1', 'P3', 'P5', 'P7', 'P2', 'P6']);
      expect((await allPages(walk.api, `/lots?sku=${SUGAR}`, 1)).map((l: { lot: string }) => l.lot)).toEqual(['P2', 'P4', 'P6']);
      expect((await allPages(walk.api, `/parties?role=customer`, 2)).map((p: { code: string }) => p.code)).toEqual(['DELI', 'EXPORT', 'GROCER', 'SHOP', 'TRADER']);
      expect((await allPages(walk.api, `/events?order=desc`, 4)).map((e: { seq: number }) => e.seq)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
    });

    it('defaults to 100 rows a page', async () => {
      for (let i = 0; i < 101; i++) await created(t.api.post('/items', { sku: `I${String(i).padStart(3, '0')}`, name: 'n' }));
      const page = await ok(t.api.get('/items'));
      expect(page.items).toHaveLength(100);
      const rest = await ok(t.api.get(`/items?cursor=${encodeURIComponent(page.nextCursor)}`));
      expect(rest.items.map((i: { sku: string }) => i.sku)).toEqual(['I100']);
      expect(rest.nextCursor).toBeNull();
    });

    it('refuses a limit outside 1..1000 or not a whole number with 400 naming limit', async () => {
      for (const path of Object.keys(LISTS)) {
        for (const limit of ['0', '1001', '-1', '2.5', 'ten', '']) {
          expectError(await t.api.get(`${path}?limit=${limit}`), 400, 'invalid_request', 'limit');
        }
        await ok(t.api.get(`${path}?limit=1000`));
      }
    });

    it('refuses a cursor it did not issue with 400 naming cursor', async () => {
      const foreign = (await ok(walk.api.get('/items?limit=1'))).nextCursor as string;
      const numberCursor = Buffer.from('42').toString('base64url');
      const garbage = ['garbage', '!!!', '%7B%7D', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('1.5').toString('base64url')];
      for (const path of Object.keys(LISTS)) {
        for (const cursor of garbage) expectError(await t.api.get(`${path}?cursor=${cursor}`), 400, 'invalid_request', 'cursor');
      }
      // A cursor from one list is no cursor of a list sorted another way.
      for (const path of ['/lots', '/events', '/stock']) expectError(await walk.api.get(`${path}?cursor=${foreign}`), 400, 'invalid_request', 'cursor');
      for (const path of ['/items', '/parties', '/locations', '/stock']) expectError(await walk.api.get(`${path}?cursor=${numberCursor}`), 400, 'invalid_request', 'cursor');
    });
  });
}
