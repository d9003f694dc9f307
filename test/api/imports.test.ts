import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/app/verify.js';
import { allPages, created, stock } from '../helpers/fixtures.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function xlsx(rows: (string | number | null)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('data');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function upload(t: ApiTestContext, kind: string, body: Buffer | string, type = CSV, token?: string) {
  const api = token ? t.api.as(token) : t.api;
  return api.post(`/imports/${kind}`, typeof body === 'string' ? Buffer.from(body) : body, { 'content-type': type });
}

async function download(t: ApiTestContext, path: string): Promise<{ status: number; type: string; body: Buffer }> {
  const res = await t.server.inject({ method: 'GET', url: `/api/v1${path}` });
  return { status: res.statusCode, type: String(res.headers['content-type']), body: res.rawPayload };
}

const codes = async (t: ApiTestContext, path: string, key: string) => (await allPages(t.api, path)).map((r: any) => r[key]);

for (const dialect of DIALECTS) {
  describe(`CSV and XLSX imports (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
    });
    afterEach(() => t.close());

    it('imports items, parties and locations from CSV, with the audit trail', async () => {
      const items = 'sku,name,uom,gtin,shelfLifeDays,sellByDays,unitCost,expiryFromInputs,ftl,ndc\nJAM,Jam 500 g,ea,4006381333931,365,30,1.25,true,yes,\nSUGAR,Sugar,kg,,,,,,,0002-1433-80\n';
      expect(await created(upload(t, 'items', items))).toEqual({ kind: 'items', rows: 2, created: 2 });
      const jam = (await t.api.get('/items/JAM')).body;
      expect(jam).toMatchObject({ sku: 'JAM', uom: 'ea', gtin: '04006381333931', shelfLifeDays: 365, sellByDays: 30, unitCost: 1.25, expiryFromInputs: true, ftl: true });
      expect((await t.api.get('/items/SUGAR')).body).toMatchObject({ ftl: false, ndc: '0002-1433-80' });

      const parties = 'code,name,roles,email,minShelfLifeDays\nFARM,Berry Farm,supplier,,\nTRADER,Fruit Trader,supplier;customer,t@trader.example,30\n';
      expect(await created(upload(t, 'parties', parties))).toMatchObject({ created: 2 });
      expect((await t.api.get('/parties/TRADER')).body).toMatchObject({ roles: ['supplier', 'customer'], email: 't@trader.example', minShelfLifeDays: 30 });

      expect(await created(upload(t, 'locations', 'code,name,gln\nWH1,Main,0614141000012\nWH2,Store,\n'))).toMatchObject({ created: 2 });
      const audit = await allPages(t.api, '/audit');
      expect(audit.filter((a: any) => ['item', 'party', 'location'].includes(a.entity)).map((a: any) => a.entityId).sort()).toEqual(['FARM', 'JAM', 'SUGAR', 'TRADER', 'WH1', 'WH2']);
    });

    it('imports each kind from XLSX, and opening stock shows in GET /stock and passes verify', async () => {
      await created(upload(t, 'items', await xlsx([['sku', 'name', 'uom', 'shelfLifeDays'], ['JAM', 'Jam', 'ea', 365], ['STRAW', 'Strawberries', 'kg', 10]]), XLSX));
      await created(upload(t, 'parties', await xlsx([['code', 'name', 'roles'], ['FARM', 'Berry Farm', 'supplier'], ['MILL', 'Mill', 'supplier']]), XLSX));
      await created(upload(t, 'locations', await xlsx([['code', 'name'], ['WH1', 'Main'], ['WH2', 'Store']]), XLSX));
      const file = await xlsx([
        ['sku', 'lot', 'location', 'quantity', 'expiryDate', 'productionDate', 'supplier', 'supplierLot'],
        ['JAM', 'J1', 'WH1', 120, '2027-06-30', '2026-06-01', 'FARM', 'BF-1'],
        ['JAM', 'J1', 'WH2', 30, '2027-06-30', '2026-06-01', 'FARM', 'BF-1'],
        ['STRAW', 'S1', 'WH1', 12.5, '2026-06-20', null, 'MILL', null],
      ]);
      expect(await created(upload(t, 'stock', file, XLSX))).toEqual({ kind: 'stock', rows: 3, created: 3, events: 3 });
      const rows = (await stock(t.api)).map((s) => [s.sku, s.lot, s.location, s.quantity, s.expiryDate]);
      expect(rows).toEqual([
        ['JAM', 'J1', 'WH1', 120, '2027-06-30'],
        ['JAM', 'J1', 'WH2', 30, '2027-06-30'],
        ['STRAW', 'S1', 'WH1', 12.5, '2026-06-20'],
      ]);
      expect((await t.api.get('/lots/JAM/J1')).body).toMatchObject({ supplier: 'FARM', supplierLot: 'BF-1', productionDate: '2026-06-01' });
      const events = await allPages(t.api, '/events');
      expect(events.map((e: any) => e.type)).toEqual(['receipt', 'receipt', 'receipt']);
      expect(events[0].documents[0].type).toBe('opening-balance');
      expect((await verifyLedger(t.app)).ok).toBe(true);
    });

    it('rejects a file with several bad rows, naming every row and column, and imports nothing', async () => {
      await created(t.api.post('/items', { sku: 'OLD', name: 'Already there' }));
      const before = await codes(t, '/items', 'sku');
      const file = [
        'sku,name,uom,gtin,shelfLifeDays',
        'A,Good one,ea,,',
        'B,,ea,,', // row 3: name missing
        'C,Bad gtin,ea,4006381333932,', // row 4: check digit
        'D,Bad number,ea,,ten', // row 5
        'A,Again,ea,,', // row 6: duplicate inside the file
        'OLD,Clash,ea,,', // row 7: duplicate against the database
        '',
        'E,Good too,ea,,',
      ].join('\n');
      const res = await upload(t, 'items', file);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      const details = res.body.error.details.map((d: any) => [d.row, d.column]);
      expect(details).toEqual([
        [3, 'name'],
        [4, 'gtin'],
        [5, 'shelfLifeDays'],
        [6, 'sku'],
        [7, 'sku'],
      ]);
      expect(res.body.error.details[3].message).toMatch(/duplicate of row 2/);
      expect(res.body.error.details[4].message).toMatch(/already exists/);
      expect(await codes(t, '/items', 'sku')).toEqual(before);
      expect((await allPages(t.api, '/audit')).filter((a: any) => a.entity === 'item')).toHaveLength(1);
    });

    it('rejects bad parties, locations and stock rows, with nothing created and no events', async () => {
      const parties = await upload(t, 'parties', 'code,name,roles,email\nP1,One,supplier,\nP1,Two,customer,\nP3,Three,seller,\nP4,Four,customer,not-an-email\n');
      expect(parties.status).toBe(400);
      expect(parties.body.error.details.map((d: any) => `${d.row}:${d.column}`)).toEqual(['3:code', '4:roles', '5:email']);
      expect(await codes(t, '/parties', 'code')).toEqual([]);

      const locations = await upload(t, 'locations', 'code,name,gln,colour\nL1,One,123,red\n');
      expect(locations.status).toBe(400);
      expect(locations.body.error.details.map((d: any) => `${d.row}:${d.column}`)).toEqual(['1:colour']);

      await created(upload(t, 'items', 'sku,name\nJAM,Jam\n'));
      await created(upload(t, 'parties', 'code,name,roles\nFARM,Farm,supplier\nSHOP,Shop,customer\n'));
      await created(upload(t, 'locations', 'code,name\nWH1,Main\n'));
      const bad = [
        'sku,lot,location,quantity,expiryDate,supplier',
        'JAM,J1,WH1,10,2027-01-01,FARM',
        'NOPE,J2,WH1,5,,FARM', // row 3: unknown item
        'JAM,J3,WH9,5,,FARM', // row 4: unknown location
        'JAM,J4,WH1,-1,,FARM', // row 5: quantity
        'JAM,J5,WH1,1,2027-13-01,FARM', // row 6: date
        'JAM,J6,WH1,1,,SHOP', // row 7: not a supplier
        'JAM,J1,WH1,3,,FARM', // row 8: duplicate
        'JAM,J7,WH1,,,', // row 9: quantity and supplier missing
      ].join('\n');
      const res = await upload(t, 'stock', bad);
      expect(res.status).toBe(400);
      const rows = new Set(res.body.error.details.map((d: any) => d.row));
      expect([...rows].sort()).toEqual([3, 4, 5, 6, 7, 8, 9]);
      expect(res.body.error.details).toContainEqual(expect.objectContaining({ row: 9, column: 'quantity' }));
      expect(res.body.error.details).toContainEqual(expect.objectContaining({ row: 9, column: 'supplier' }));
      expect(res.body.error.details).toContainEqual(expect.objectContaining({ row: 3, column: 'sku' }));
      expect(await stock(t.api)).toEqual([]);
      expect(await allPages(t.api, '/events')).toEqual([]);
      expect(await allPages(t.api, '/lots')).toEqual([]);
      expect((await verifyLedger(t.app)).ok).toBe(true);
    });

    it('names missing columns and refuses a body that is not a file', async () => {
      const res = await upload(t, 'items', 'sku,uom\nA,ea\n');
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([{ row: 1, column: 'name', message: 'required column is missing' }]);
      expect((await t.api.post('/imports/items', { sku: 'A' })).status).toBe(400);
      expect((await upload(t, 'items', 'sku,name\n')).status).toBe(400);
    });

    for (const format of ['csv', 'xlsx'] as const) {
      it(`serves ${format} templates that import as they are`, async () => {
        for (const kind of ['locations', 'parties', 'items', 'stock']) {
          const file = await download(t, `/imports/${kind}/template?format=${format}`);
          expect(file.status).toBe(200);
          expect(file.type).toContain(format === 'csv' ? 'text/csv' : 'spreadsheetml');
          const res = await upload(t, kind, file.body, format === 'csv' ? CSV : XLSX);
          expect(res.status, `${kind}: ${JSON.stringify(res.body)}`).toBe(201);
          expect(res.body.created).toBe(1);
        }
        expect((await stock(t.api)).map((s) => [s.sku, s.lot, s.location, s.quantity])).toEqual([['JAM-STRAW-250', 'L2026-001', 'WH-MAIN', 120]]);
      });
    }

    it('gives master-data imports to admins and stock imports to the warehouse', async () => {
      const tokens: Record<string, string> = {};
      for (const role of ['warehouse', 'viewer', 'qa']) tokens[role] = (await created(t.api.post('/tokens', { name: role, role }))).token;
      expect((await upload(t, 'items', 'sku,name\nA,A\n', CSV, tokens.warehouse!)).status).toBe(403);
      expect((await upload(t, 'stock', 'sku,lot,location,quantity,supplier\n', CSV, tokens.viewer!)).status).toBe(403);
      expect((await upload(t, 'stock', 'sku,lot,location,quantity,supplier\n', CSV, tokens.qa!)).status).toBe(403);
      // The warehouse may import stock: this file fails validation, not the policy.
      expect((await upload(t, 'stock', 'sku,lot,location,quantity,supplier\nX,L,W,1,S\n', CSV, tokens.warehouse!)).status).toBe(400);
      expect((await t.api.as(tokens.viewer!).get('/imports/items/template')).status).toBe(200);
    });
  });
}
