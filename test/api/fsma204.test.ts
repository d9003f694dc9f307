import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { created, expectError, ok } from '../helpers/fixtures.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

const LETTUCE = { sku: 'LETTUCE', name: 'Romaine lettuce', uom: 'kg', gtin: '4006381333931', ftl: true };
const SALAD = { sku: 'SALAD', name: 'Ready-to-eat salad', uom: 'ea', ftl: true };
const DRESSING = { sku: 'DRESSING', name: 'Salad dressing', uom: 'l' };
const FARM = { code: 'FARM', name: 'Green Valley Farm', roles: ['supplier'], address: '1 Field Road, Salinas CA 93901' };
const SHOP = { code: 'SHOP', name: 'Corner Shop', roles: ['customer'], address: '5 Main Street, Springfield IL 62701' };
const PLANT = { code: 'PLANT', name: 'Salad plant', gln: '0614141000012', address: '9 Dock Lane, Fresno CA 93701' };

/** The CTE each KDE column is required for, by header (what the export must fill). */
const REQUIRED: Record<string, string[]> = {
  'Critical Tracking Event (CTE)': ['Receiving', 'Transformation', 'Shipping'],
  'Traceability Lot Code (TLC)': ['Receiving', 'Transformation', 'Shipping'],
  'Traceability Lot Code Source Location Description': ['Receiving', 'Transformation', 'Shipping'],
  'Traceability Lot Code Source Reference': ['Receiving', 'Transformation', 'Shipping'],
  'Product Description': ['Receiving', 'Transformation', 'Shipping'],
  Quantity: ['Receiving', 'Transformation', 'Shipping'],
  'Unit of Measure': ['Receiving', 'Transformation', 'Shipping'],
  'Event Date': ['Receiving', 'Transformation', 'Shipping'],
  'Immediate Previous Source Location Description': ['Receiving'],
  'Receiving Location Description': ['Receiving'],
  'Ship From Location Description': ['Shipping'],
  'Ship To Location Description': ['Shipping'],
  'Transformation Location Description': ['Transformation'],
  'Input Traceability Lot Codes (Quantity, Unit of Measure)': ['Transformation'],
  'Reference Document Type': ['Receiving', 'Transformation', 'Shipping'],
  'Reference Document Number': ['Receiving', 'Transformation', 'Shipping'],
};

async function download(t: ApiTestContext, query: string) {
  const res = await t.server.inject({ method: 'GET', url: `/api/v1/exports/fsma204?${query}` });
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload, text: res.body };
}

async function csvRows(t: ApiTestContext, query: string): Promise<Record<string, string>[]> {
  const res = await download(t, query);
  expect(res.status, res.text).toBe(200);
  expect(String(res.headers['content-type'])).toContain('text/csv');
  return parse(res.text, { bom: true, columns: true });
}

async function xlsxRows(t: ApiTestContext, query: string): Promise<Record<string, string | number>[]> {
  const res = await download(t, `${query}&format=xlsx`);
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.bytes as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('FSMA 204')!;
  const header = (sheet.getRow(1).values as (string | undefined)[]).slice(1) as string[];
  const rows: Record<string, string | number>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const v = (row.values as (string | number | null | undefined)[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, i) => [h, v[i] ?? ''])) as Record<string, string | number>);
  });
  return rows;
}

function expectKdesFilled(rows: Record<string, string | number>[]): void {
  for (const row of rows) {
    const cte = String(row['Critical Tracking Event (CTE)']);
    for (const [header, ctes] of Object.entries(REQUIRED)) {
      expect(header in row, `column ${header}`).toBe(true);
      if (ctes.includes(cte)) expect(String(row[header] ?? '').trim(), `${cte}: ${header}`).not.toBe('');
    }
  }
}

for (const dialect of DIALECTS) {
  describe(`FSMA 204 sortable spreadsheet (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
      for (const item of [LETTUCE, SALAD, DRESSING]) await created(t.api.post('/items', item));
      for (const party of [FARM, SHOP]) await created(t.api.post('/parties', party));
      await created(t.api.post('/locations', PLANT));
      // Receive → transform → ship, and a later receipt outside the first range.
      await created(t.api.post('/receipts', { supplier: 'FARM', location: 'PLANT', time: '2026-06-10T08:00:00Z', documents: [{ type: 'BOL', number: 'BOL-1' }], lines: [{ sku: 'LETTUCE', lot: 'L1', quantity: 50, supplierLot: 'GV-77' }, { sku: 'DRESSING', lot: 'D1', quantity: 10 }] }));
      await created(t.api.post('/productions', { location: 'PLANT', time: '2026-06-12T08:00:00Z', documents: [{ type: 'Batch log', number: 'B-12' }], inputs: [{ sku: 'LETTUCE', lot: 'L1', quantity: 20 }, { sku: 'DRESSING', lot: 'D1', quantity: 2 }], outputs: [{ sku: 'SALAD', lot: 'S1', quantity: 100 }] }));
      await created(t.api.post('/shipments', { customer: 'SHOP', location: 'PLANT', time: '2026-06-14T08:00:00Z', documents: [{ type: 'Invoice', number: 'INV-9' }], lines: [{ sku: 'SALAD', lot: 'S1', quantity: 40 }] }));
      await created(t.api.post('/receipts', { supplier: 'FARM', location: 'PLANT', time: '2026-06-15T08:00:00Z', lines: [{ sku: 'LETTUCE', lot: 'L2', quantity: 30 }] }));
    });
    afterEach(async () => t.close());

    it('items carry the FTL flag', async () => {
      expect((await ok(t.api.get('/items/LETTUCE'))).ftl).toBe(true);
      expect((await ok(t.api.get('/items/DRESSING'))).ftl).toBe(false);
    });

    it('exports one row per CTE of FTL items with every KDE filled, in CSV and XLSX alike', async () => {
      const rows = await csvRows(t, 'from=2026-06-01&to=2026-06-14');
      expect(rows.map((r) => [r['Critical Tracking Event (CTE)'], r['Traceability Lot Code (TLC)']])).toEqual([
        ['Receiving', 'L1'],
        ['Transformation', 'S1'],
        ['Shipping', 'S1'],
      ]);
      expectKdesFilled(rows);
      const [receiving, transformation, shipping] = rows as [Record<string, string>, Record<string, string>, Record<string, string>];
      expect(receiving['Traceability Lot Code Source Location Description']).toBe('Green Valley Farm, 1 Field Road, Salinas CA 93901');
      expect(receiving['Traceability Lot Code Source Reference']).toBe('Supplier FARM, supplier lot GV-77');
      expect(receiving['Product Description']).toBe('Romaine lettuce (SKU LETTUCE, GTIN 04006381333931)');
      expect(receiving.Quantity).toBe('50');
      expect(receiving['Unit of Measure']).toBe('kg');
      expect(receiving['Event Date']).toBe('2026-06-10');
      expect(receiving['Immediate Previous Source Location Description']).toBe('Green Valley Farm, 1 Field Road, Salinas CA 93901');
      expect(receiving['Receiving Location Description']).toBe('Salad plant, 9 Dock Lane, Fresno CA 93701, GLN 0614141000012');
      expect([receiving['Reference Document Type'], receiving['Reference Document Number']]).toEqual(['BOL', 'BOL-1']);
      expect(receiving['Ship To Location Description']).toBe('');
      expect(transformation['Input Traceability Lot Codes (Quantity, Unit of Measure)']).toBe('L1 (Romaine lettuce, SKU LETTUCE): 20 kg; D1 (Salad dressing, SKU DRESSING): 2 l');
      expect(transformation['Traceability Lot Code Source Reference']).toBe('GLN 0614141000012');
      expect(transformation.Quantity).toBe('100');
      expect(shipping['Ship To Location Description']).toBe('Corner Shop, 5 Main Street, Springfield IL 62701');
      expect(shipping['Ship From Location Description']).toBe('Salad plant, 9 Dock Lane, Fresno CA 93701, GLN 0614141000012');
      expect(shipping['Traceability Lot Code Source Location Description']).toBe('Salad plant, 9 Dock Lane, Fresno CA 93701, GLN 0614141000012');
      expect([shipping['Reference Document Type'], shipping['Reference Document Number'], shipping.Quantity]).toEqual(['Invoice', 'INV-9', '40']);

      const sheet = await xlsxRows(t, 'from=2026-06-01&to=2026-06-14');
      expectKdesFilled(sheet);
      expect(sheet.map((r) => r.Quantity)).toEqual([50, 100, 40]);
      expect(sheet.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])))).toEqual(rows);
    });

    it('filters by date range, sku and lot (with its trace); non-FTL items never appear', async () => {
      const all = await csvRows(t, '');
      expect(all.map((r) => r['Traceability Lot Code (TLC)'])).toEqual(['L1', 'S1', 'S1', 'L2']);
      expect(all.some((r) => r['Product Description']!.includes('DRESSING') && r['Critical Tracking Event (CTE)'] !== 'Transformation')).toBe(false);
      expect((await csvRows(t, 'from=2026-06-13&to=2026-06-15')).map((r) => r['Traceability Lot Code (TLC)'])).toEqual(['S1', 'L2']);
      expect((await csvRows(t, 'from=2026-06-11&to=2026-06-11'))).toEqual([]);
      expect((await csvRows(t, 'sku=SALAD')).map((r) => r['Critical Tracking Event (CTE)'])).toEqual(['Transformation', 'Shipping']);
      // The lot's closure: L1 went into S1, which was shipped; L2 is unrelated.
      expect((await csvRows(t, 'lot=L1&sku=LETTUCE')).map((r) => r['Traceability Lot Code (TLC)'])).toEqual(['L1', 'S1', 'S1']);
      expect((await csvRows(t, 'lot=S1')).map((r) => r['Traceability Lot Code (TLC)'])).toEqual(['L1', 'S1', 'S1']);
      expect((await csvRows(t, 'lot=L2')).map((r) => r['Traceability Lot Code (TLC)'])).toEqual(['L2']);
      expect((await csvRows(t, 'lot=S1&from=2026-06-13')).map((r) => r['Critical Tracking Event (CTE)'])).toEqual(['Shipping']);
      // A lot of a non-FTL item alone has no FSMA events of its own, but its transformation into an FTL food counts.
      expect((await csvRows(t, 'lot=D1')).map((r) => r['Traceability Lot Code (TLC)'])).toEqual(['S1', 'S1']);
    });

    it('rejects bad dates and formats, and unknown lots', async () => {
      expectError(await t.api.get('/exports/fsma204?from=2026-13-01'), 400, 'invalid_request', 'from');
      expectError(await t.api.get('/exports/fsma204?to=yesterday'), 400, 'invalid_request', 'to');
      expectError(await t.api.get('/exports/fsma204?from=2026-06-10&to=2026-06-01'), 400, 'invalid_request', 'to');
      expect((await t.api.get('/exports/fsma204?format=pdf')).status).toBe(400);
      expectError(await t.api.get('/exports/fsma204?lot=NOPE'), 404, 'not_found');
    });
  });
}
