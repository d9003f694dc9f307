import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { buffer } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportLedger, exportStock } from '../../src/app/exports.js';
import { allPages, hold, JAM, receive, seedWorld, ship, stock, STRAW, WH1, WH2 } from '../helpers/fixtures.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

async function download(t: ApiTestContext, path: string) {
  const res = await t.server.inject({ method: 'GET', url: `/api/v1${path}` });
  return { status: res.statusCode, headers: res.headers, body: res.rawPayload, json: () => res.json() };
}

const csvRows = (body: Buffer): Record<string, string>[] => parse(body, { columns: true, bom: true }) as Record<string, string>[];

async function xlsxRows(body: Buffer): Promise<Record<string, string>[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const matrix: string[][] = [];
  sheet.eachRow((row) => matrix.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  const [head, ...rows] = matrix;
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
}

for (const dialect of DIALECTS) {
  describe(`CSV and XLSX exports (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
      await seedWorld(t.api);
      await receive(t.api, [{ sku: JAM, lot: 'J1', quantity: 100, expiryDate: '2027-01-31' }, { sku: STRAW, lot: 'S1', quantity: 20.5 }], { time: '2026-06-01T08:00:00Z' });
      await receive(t.api, [{ sku: JAM, lot: 'J2', quantity: 40, expiryDate: '2027-02-28' }], { location: WH2, time: '2026-06-05T08:00:00Z' });
      await ship(t.api, 'SHOP', [{ sku: JAM, lot: 'J1', quantity: 30 }], WH1);
      await hold(t.api, STRAW, 'S1');
    });
    afterEach(() => t.close());

    for (const format of ['csv', 'xlsx'] as const) {
      it(`exports stock as ${format}, the same rows as GET /stock`, async () => {
        const file = await download(t, `/exports/stock?format=${format}`);
        expect(file.status).toBe(200);
        expect(String(file.headers['content-disposition'])).toMatch(new RegExp(`attachment; filename="lotline-stock-.*\\.${format}"`));
        const rows = format === 'csv' ? csvRows(file.body) : await xlsxRows(file.body);
        const expected = (await stock(t.api)).map((s) => [s.sku, s.lot, s.location, String(s.quantity), s.expiryDate ?? '', s.status]);
        expect(rows.map((r) => [r.sku, r.lot, r.location, r.quantity, r.expiryDate, r.status])).toEqual(expected);
        expect(rows).toHaveLength(3);
      });

      it(`exports the ledger as ${format}, one row per event line`, async () => {
        const file = await download(t, `/exports/ledger?format=${format}`);
        expect(file.status).toBe(200);
        const rows = format === 'csv' ? csvRows(file.body) : await xlsxRows(file.body);
        const events = await allPages(t.api, '/events');
        const expected = events.flatMap((e: any) =>
          e.lines.length === 0
            ? [[e.id, String(e.seq), e.type, e.lot.sku, e.lot.lot, '', '', e.hash]]
            : e.lines.map((l: any) => [e.id, String(e.seq), e.type, l.sku, l.lot, String(l.quantity), l.movement, e.hash]),
        );
        expect(rows.map((r) => [r.eventId, r.seq, r.type, r.sku, r.lot, r.quantity, r.movement, r.hash])).toEqual(expected);
        expect(rows.map((r) => r.type)).toEqual(['receipt', 'receipt', 'receipt', 'shipment', 'hold']);
        expect(rows[3]!.party).toBe('SHOP');
        expect(rows[3]!.quantity).toBe('-30');
        expect(Object.keys(rows[0]!)).toEqual(['eventId', 'seq', 'type', 'time', 'party', 'location', 'documents', 'sku', 'lot', 'quantity', 'movement', 'hash']);
      });
    }

    it('limits the ledger export to [from, to) and refuses a bad range', async () => {
      const rows = csvRows((await download(t, '/exports/ledger?from=2026-06-02&to=2026-06-10')).body);
      expect(rows.map((r) => [r.type, r.lot, r.location])).toEqual([['receipt', 'J2', WH2]]);
      const bad = await download(t, '/exports/ledger?from=yesterday');
      expect(bad.status).toBe(400);
      expect(bad.json().error.code).toBe('invalid_request');
    });

    it('pages through the data in batches and still writes every row once', async () => {
      const whole = csvRows((await download(t, '/exports/ledger')).body);
      for (const format of ['csv', 'xlsx'] as const) {
        const body = await buffer(await exportLedger(t.app, {}, format, 2));
        expect(format === 'csv' ? csvRows(body) : await xlsxRows(body)).toEqual(whole);
      }
      expect(csvRows(await buffer(await exportStock(t.app, 'csv', 1)))).toEqual(csvRows((await download(t, '/exports/stock')).body));
    });

    it('lets viewers export', async () => {
      const token = (await t.api.post('/tokens', { name: 'viewer', role: 'viewer' })).body.token;
      for (const path of ['/exports/stock', '/exports/ledger?format=xlsx']) {
        const res = await t.server.inject({ method: 'GET', url: `/api/v1${path}`, headers: { authorization: `Bearer ${token}` } });
        expect(res.statusCode).toBe(200);
      }
    });
  });
}
