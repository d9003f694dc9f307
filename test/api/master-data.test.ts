import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allPages, created, expectError, ITEMS, LOCATIONS, NOW, ok, PARTIES, seedWorld } from '../helpers/fixtures.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

for (const dialect of DIALECTS) {
  describe(`master data (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
    });
    afterEach(async () => t.close());

    describe('items', () => {
      it('creates an item with defaults and reads it back', async () => {
        const item = await created(t.api.post('/items', { sku: 'BOLT-M6', name: 'Bolt M6' }));
        expect(item).toEqual({ sku: 'BOLT-M6', name: 'Bolt M6', uom: 'ea', gtin: null, shelfLifeDays: null, sellByDays: null, unitCost: null, allocation: 'fefo', expiryFromInputs: false, ftl: false, ndc: null, strength: null, dosageForm: null, containerSize: null, createdAt: new Date(NOW).toISOString() });
        expect(await ok(t.api.get('/items/BOLT-M6'))).toEqual(item);
      });

      it('keeps every given field; a GTIN-13 is stored in its 14-digit form', async () => {
        const item = await created(t.api.post('/items', { ...ITEMS.jam, uom: 'jar' }));
        expect(item).toMatchObject({ sku: 'JAM-500', uom: 'jar', gtin: '04006381333931', shelfLifeDays: 365, sellByDays: 30, unitCost: 1.25 });
        expect(await ok(t.api.get('/items/JAM-500'))).toEqual(item);
        const gtin14 = await created(t.api.post('/items', { sku: 'CASE', name: 'Case of 12', gtin: '10614141000415' }));
        expect(gtin14.gtin).toBe('10614141000415');
      });

      it('lists items in sku order', async () => {
        for (const sku of ['C', 'A', 'B']) await created(t.api.post('/items', { sku, name: `item ${sku}` }));
        const page = await ok(t.api.get('/items'));
        expect(page.items.map((i: { sku: string }) => i.sku)).toEqual(['A', 'B', 'C']);
        expect(page.nextCursor).toBeNull();
      });

      it('treats codes as case-sensitive and URL-decodes path segments', async () => {
        await created(t.api.post('/items', { sku: 'jam/500 g', name: 'odd code' }));
        await created(t.api.post('/items', { sku: 'JAM/500 G', name: 'other case' }));
        expect((await ok(t.api.get(`/items/${encodeURIComponent('jam/500 g')}`))).name).toBe('odd code');
        expect((await ok(t.api.get(`/items/${encodeURIComponent('JAM/500 G')}`))).name).toBe('other case');
      });

      it('refuses a duplicate sku and a GTIN already used with 409', async () => {
        await created(t.api.post('/items', ITEMS.jam));
        expectError(await t.api.post('/items', { sku: 'JAM-500', name: 'again' }), 409, 'conflict', 'sku');
        expectError(await t.api.post('/items', { sku: 'OTHER', name: 'same gtin', gtin: ITEMS.jam.gtin }), 409, 'conflict', 'gtin');
        expect((await ok(t.api.get('/items'))).items).toHaveLength(1);
      });

      it('refuses a GTIN with a wrong check digit, or of the wrong length, naming gtin', async () => {
        const bad = expectError(await t.api.post('/items', { sku: 'X', name: 'x', gtin: '4006381333932' }), 400, 'invalid_request', 'gtin');
        expect(bad.message).toMatch(/check digit/);
        expectError(await t.api.post('/items', { sku: 'X', name: 'x', gtin: '12345' }), 400, 'invalid_request', 'gtin');
        expectError(await t.api.post('/items', { sku: 'X', name: 'x', gtin: '40063813339A1' }), 400, 'invalid_request', 'gtin');
        expectError(await t.api.get('/items/X'), 404, 'not_found');
      });

      it('refuses a sell-by window longer than the shelf life', async () => {
        expectError(await t.api.post('/items', { sku: 'X', name: 'x', shelfLifeDays: 10, sellByDays: 11 }), 400, 'invalid_request', 'sellByDays');
      });

      it('refuses unknown fields', async () => {
        const error = expectError(await t.api.post('/items', { sku: 'X', name: 'x', colour: 'red' }), 400, 'invalid_request');
        expect(error.message).toContain('colour');
        expectError(await t.api.get('/items/X'), 404, 'not_found');
      });

      it('refuses wrong types and bad values with every field named in details', async () => {
        const error = expectError(await t.api.post('/items', { sku: 42, name: '', shelfLifeDays: 1.5, unitCost: '3' }), 400, 'invalid_request');
        expect(error.details!.map((d) => d.path).sort()).toEqual(['name', 'shelfLifeDays', 'sku', 'unitCost']);
        expectError(await t.api.post('/items', { sku: 'X', name: 'x', shelfLifeDays: -1 }), 400, 'invalid_request', 'shelfLifeDays');
        expectError(await t.api.post('/items', { sku: 'X'.repeat(65), name: 'x' }), 400, 'invalid_request', 'sku');
        expectError(await t.api.post('/items', { sku: 'A\u0007B', name: 'x' }), 400, 'invalid_request', 'sku');
        expectError(await t.api.post('/items', { sku: ' padded', name: 'x' }), 400, 'invalid_request', 'sku');
        expectError(await t.api.post('/items', { name: 'no sku' }), 400, 'invalid_request', 'sku');
        expectError(await t.api.post('/items', { sku: 'X', name: 'x', unitCost: 0.1234567 }), 400, 'invalid_request', 'unitCost');
        expectError(await t.api.post('/items', { sku: 'X', name: 'x', unitCost: -1 }), 400, 'invalid_request', 'unitCost');
        expect((await ok(t.api.get('/items'))).items).toEqual([]);
      });

      it('answers 404 for an unknown sku', async () => {
        const error = expectError(await t.api.get('/items/NOPE'), 404, 'not_found');
        expect(error.message).toContain('NOPE');
      });
    });

    describe('parties', () => {
      it('creates suppliers and customers and filters the list by role', async () => {
        await seedWorld(t.api, { items: [], locations: [] });
        const shop = await ok(t.api.get('/parties/SHOP'));
        expect(shop).toEqual({
          code: 'SHOP',
          name: 'Corner Shop',
          roles: ['customer'],
          email: 'orders@shop.example',
          phone: null,
          address: null,
          minShelfLifeDays: null,
          minShelfLifePercent: null,
          createdAt: new Date(NOW).toISOString(),
        });
        expect((await ok(t.api.get('/parties/TRADER'))).roles).toEqual(['supplier', 'customer']);
        expect((await ok(t.api.get('/parties/EXPORT'))).minShelfLifeDays).toBe(180);

        const codes = async (query: string) => (await allPages(t.api, `/parties${query}`)).map((p: { code: string }) => p.code);
        expect(await codes('')).toEqual(Object.values(PARTIES).map((p) => p.code).sort());
        expect(await codes('?role=supplier')).toEqual(['FARM', 'MILL', 'TRADER']);
        expect(await codes('?role=customer')).toEqual(['DELI', 'EXPORT', 'GROCER', 'SHOP', 'TRADER']);
        expectError(await t.api.get('/parties?role=carrier'), 400, 'invalid_request', 'role');
      });

      it('finds parties by a part of their code or name, any case, with the role filter', async () => {
        await seedWorld(t.api);
        const codes = async (query: string) => (await allPages(t.api, `/parties${query}`)).map((p: { code: string }) => p.code);
        expect(await codes('?q=SHOP')).toEqual(['SHOP']);
        expect(await codes('?q=days')).toEqual(['DELI', 'EXPORT', 'GROCER']);
        expect(await codes('?q=FAR')).toEqual(['FARM']);
        expect(await codes('?q=r&role=supplier')).toEqual(['FARM', 'MILL', 'TRADER']);
        expect(await codes('?q=trader&role=customer')).toEqual(['TRADER']);
        // LIKE wildcards are literal text, and blank text is no filter.
        expect(await codes('?q=%25')).toEqual([]);
        expect(await codes('?q=_')).toEqual([]);
        expect(await codes('?q=%20')).toHaveLength(Object.keys(PARTIES).length);
      });

      it('keeps a repeated role once', async () => {
        const party = await created(t.api.post('/parties', { code: 'P', name: 'p', roles: ['customer', 'customer'] }));
        expect(party.roles).toEqual(['customer']);
      });

      it('refuses a duplicate code with 409', async () => {
        await created(t.api.post('/parties', PARTIES.farm));
        expectError(await t.api.post('/parties', { ...PARTIES.farm, name: 'Other farm' }), 409, 'conflict', 'code');
        expect((await ok(t.api.get('/parties/FARM'))).name).toBe('Berry Farm');
      });

      it('refuses bad roles, e-mail, shelf life and unknown fields', async () => {
        expectError(await t.api.post('/parties', { code: 'P', name: 'p', roles: [] }), 400, 'invalid_request', 'roles');
        expectError(await t.api.post('/parties', { code: 'P', name: 'p', roles: ['carrier'] }), 400, 'invalid_request', 'roles.0');
        expectError(await t.api.post('/parties', { code: 'P', name: 'p', roles: 'customer' }), 400, 'invalid_request', 'roles');
        expectError(await t.api.post('/parties', { code: 'P', name: 'p', roles: ['customer'], email: 'not-an-address' }), 400, 'invalid_request', 'email');
        expectError(await t.api.post('/parties', { code: 'P', name: 'p', roles: ['customer'], minShelfLifeDays: 'thirty' }), 400, 'invalid_request', 'minShelfLifeDays');
        expectError(await t.api.post('/parties', { code: 'P', name: 'p', roles: ['customer'], vip: true }), 400, 'invalid_request');
        expectError(await t.api.get('/parties/P'), 404, 'not_found');
      });

      it('answers 404 for an unknown party', async () => {
        expectError(await t.api.get('/parties/NOPE'), 404, 'not_found');
      });
    });

    describe('locations', () => {
      it('creates, gets and lists locations', async () => {
        const main = await created(t.api.post('/locations', { ...LOCATIONS.main, address: '1 Dock Road' }));
        expect(main).toEqual({ code: 'WH1', name: 'Main warehouse', gln: '0614141000012', address: '1 Dock Road', createdAt: new Date(NOW).toISOString() });
        await created(t.api.post('/locations', LOCATIONS.store));
        expect(await ok(t.api.get('/locations/WH1'))).toEqual(main);
        const list = await ok(t.api.get('/locations'));
        expect(list.items.map((l: { code: string }) => l.code)).toEqual(['WH1', 'WH2']);
        expect(list.nextCursor).toBeNull();
      });

      it('refuses a GLN with a wrong check digit or length, naming gln', async () => {
        const error = expectError(await t.api.post('/locations', { code: 'L', name: 'l', gln: '0614141000013' }), 400, 'invalid_request', 'gln');
        expect(error.message).toMatch(/check digit/);
        expectError(await t.api.post('/locations', { code: 'L', name: 'l', gln: '061414100001' }), 400, 'invalid_request', 'gln');
        expectError(await t.api.post('/locations', { code: 'L', name: 'l', gln: 614141000012 }), 400, 'invalid_request', 'gln');
        expectError(await t.api.get('/locations/L'), 404, 'not_found');
      });

      it('refuses a duplicate code with 409 and unknown fields with 400', async () => {
        await created(t.api.post('/locations', LOCATIONS.main));
        expectError(await t.api.post('/locations', LOCATIONS.main), 409, 'conflict', 'code');
        expectError(await t.api.post('/locations', { code: 'L2', name: 'l', capacity: 5 }), 400, 'invalid_request');
      });

      it('answers 404 for an unknown location', async () => {
        expectError(await t.api.get('/locations/NOPE'), 404, 'not_found');
      });
    });
  });
}
