import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, openApiTest, type ApiResponse, type ApiTestContext } from '../helpers/test-app.js';

/** pdftotext (Debian's poppler-utils) reads the PDF's text back; without it those checks are skipped. */
const PDFTOTEXT = spawnSync('pdftotext', ['-v']).error === undefined;
const NO_PDFTOTEXT = 'pdftotext is not installed (apt-get install poppler-utils); PDF text not checked';

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'lotline-report-'));
  try {
    writeFileSync(join(dir, 'report.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Pages counted from the file itself, so this needs no external tool (pdfkit writes no object streams). */
const pdfPages = (pdf: Buffer): number => pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;

function expectStatus<T>(res: ApiResponse<T>, status: number): T {
  expect(res.status, `HTTP ${res.status}: ${JSON.stringify(res.body)}`).toBe(status);
  return res.body;
}

/** A report as the raw bytes a browser would save. */
async function download(t: ApiTestContext, id: string, format: string) {
  const res = await t.server.inject({ method: 'GET', url: `/api/v1/recalls/${id}/report?format=${format}` });
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload, text: res.body };
}

/** Splits a sectioned CSV (title row, header row, rows, blank line) into its sections by title. */
function csvSections(csv: string): Map<string, { header: string[]; rows: string[][] }> {
  const records: string[][] = parse(csv, { bom: true, relax_column_count: true, skip_empty_lines: false });
  const sections = new Map<string, { header: string[]; rows: string[][] }>();
  let i = 0;
  while (i < records.length) {
    const title = records[i]![0]!;
    const header = records[i + 1]!;
    const rows: string[][] = [];
    i += 2;
    while (i < records.length && !(records[i]!.length === 1 && records[i]![0] === '')) rows.push(records[i++]!);
    i++;
    sections.set(title, { header, rows });
  }
  return sections;
}

/** Rows of a section keyed by the named column, each row as {header: cell}. */
function keyed(section: { header: string[]; rows: string[][] }, key: string): Map<string, Record<string, string>> {
  return new Map(
    section.rows.map((r) => {
      const record = Object.fromEntries(section.header.map((h, i) => [h, r[i] ?? '']));
      return [record[key]!, record];
    }),
  );
}

const SECTIONS = ['Summary', 'Affected lots', 'Customers', 'Shipments', 'Returns', 'On hand', 'Mass balance'];

const CUSTOMERS = [
  { code: 'SHOP', name: 'Corner Shop', roles: ['customer'], email: 'orders@shop.example', phone: '+44 20 7946 0001', address: '1 High Street, Springfield' },
  { code: 'DELI', name: 'Deli & Co', roles: ['customer'], email: 'qa@deli.example', phone: '+44 20 7946 0002' },
  { code: 'GROCER', name: 'Green Grocer', roles: ['customer'], email: 'buyer@grocer.example', address: 'ul. Rynek 9, Łódź' },
];

/**
 * Strawberry lot S1 (100 kg, received under PO-100 and invoice FARM-INV-7) went into jam lots J1
 * (100 jars) and J2 (50 jars); the jam went to three customers and SHOP sent 5 jars back. Sugar
 * lot G1 is an input, not downstream, so its shipment to GROCER must stay out of the recall.
 */
async function buildLedger(t: ApiTestContext): Promise<string> {
  const post = async (path: string, body: object, status = 201) => expectStatus(await t.api.post(path, body), status);
  await post('/items', { sku: 'STRAW', name: 'Strawberries', uom: 'kg', shelfLifeDays: 10 });
  await post('/items', { sku: 'SUGAR', name: 'Cane sugar', uom: 'kg' });
  await post('/items', { sku: 'JAM-500', name: 'Strawberry jam 500 g', shelfLifeDays: 365 });
  await post('/parties', { code: 'FARM', name: 'Berry Farm', roles: ['supplier'], email: 'sales@farm.example' });
  for (const c of CUSTOMERS) await post('/parties', c);
  await post('/locations', { code: 'WH1', name: 'Main warehouse' });

  t.clock.set('2026-06-01T08:00:00Z');
  await post('/receipts', {
    supplier: 'FARM',
    location: 'WH1',
    documents: [{ type: 'PO', number: 'PO-100' }, { type: 'invoice', number: 'FARM-INV-7' }],
    lines: [
      { sku: 'STRAW', lot: 'S1', quantity: 100, supplierLot: 'F-2026-06' },
      { sku: 'SUGAR', lot: 'G1', quantity: 50 },
    ],
  });
  t.clock.set('2026-06-02T09:00:00Z');
  await post('/productions', { location: 'WH1', inputs: [{ sku: 'STRAW', lot: 'S1', quantity: 40 }, { sku: 'SUGAR', lot: 'G1', quantity: 20 }], outputs: [{ sku: 'JAM-500', lot: 'J1', quantity: 100 }] });
  await post('/productions', { location: 'WH1', inputs: [{ sku: 'STRAW', lot: 'S1', quantity: 30 }], outputs: [{ sku: 'JAM-500', lot: 'J2', quantity: 50 }] });
  t.clock.set('2026-06-05T14:00:00Z');
  const toShop = await post('/shipments', {
    customer: 'SHOP',
    location: 'WH1',
    documents: [{ type: 'invoice', number: 'INV-1' }, { type: 'order', number: 'SO-9' }],
    lines: [{ sku: 'JAM-500', lot: 'J1', quantity: 30 }],
  });
  await post('/shipments', { customer: 'DELI', location: 'WH1', documents: [{ type: 'invoice', number: 'INV-2' }], lines: [{ sku: 'JAM-500', lot: 'J1', quantity: 20 }, { sku: 'JAM-500', lot: 'J2', quantity: 10 }] });
  await post('/shipments', { customer: 'GROCER', location: 'WH1', documents: [{ type: 'invoice', number: 'INV-3' }], lines: [{ sku: 'JAM-500', lot: 'J2', quantity: 15 }] });
  await post('/shipments', { customer: 'GROCER', location: 'WH1', documents: [{ type: 'invoice', number: 'INV-4' }], lines: [{ sku: 'SUGAR', lot: 'G1', quantity: 5 }] });
  t.clock.set('2026-06-08T11:00:00Z');
  await post('/returns', { customer: 'SHOP', location: 'WH1', shipment: toShop.id, disposition: 'hold', lines: [{ sku: 'JAM-500', lot: 'J1', quantity: 5 }] });

  t.clock.set('2026-06-10T07:30:00Z');
  const recall = await post('/recalls', { lots: [{ sku: 'STRAW', lot: 'S1' }], reason: 'Listeria found in strawberry lot S1' });
  t.clock.set('2026-06-10T08:15:00Z');
  await post(`/recalls/${recall.id}/customers/SHOP/notified`, {}, 200);
  t.clock.set('2026-06-11T16:45:00Z');
  return recall.id;
}

for (const dialect of DIALECTS) {
  describe(`recall report (${dialect})`, () => {
    let t: ApiTestContext;
    let id: string;
    beforeAll(async () => {
      t = await openApiTest(dialect);
      id = await buildLedger(t);
    });
    afterAll(async () => t.close());

    it('gives the live recall as JSON with the time it was generated', async () => {
      const res = await download(t, id, 'json');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="recall-${id}.json"`);
      const report = JSON.parse(res.text);
      const live = expectStatus(await t.api.get(`/recalls/${id}`), 200);
      expect(report).toEqual({ ...live, generatedAt: '2026-06-11T16:45:00.000Z' });
      // The default format is JSON.
      expect(JSON.parse((await t.server.inject(`/api/v1/recalls/${id}/report`)).body)).toEqual(report);

      expect(report.affectedLots.map((l: { sku: string; lot: string }) => `${l.sku}/${l.lot}`)).toEqual(['STRAW/S1', 'JAM-500/J1', 'JAM-500/J2']);
      const shipped = Object.fromEntries(report.customers.map((c: { code: string; quantity: number; recovered: number }) => [c.code, [c.quantity, c.recovered]]));
      expect(shipped).toEqual({ DELI: [30, 0], GROCER: [15, 0], SHOP: [30, 5] });
      expect(report.effectiveness).toEqual({ shipped: 75, recovered: 5, outstanding: 70, ratio: 0.0667 });
      expect(report.counts).toEqual({ affectedLots: 3, customers: 3, customersNotified: 1, customersAcknowledged: 0, shipments: 3, locationsWithStock: 1 });
      expect(report.customers.find((c: { code: string }) => c.code === 'SHOP').notifiedAt).toBe('2026-06-10T08:15:00.000Z');
      expect(report.shipments).toHaveLength(4);
      expect(report.returns).toHaveLength(1);
      expect(report.accountedFor).toBe(true);
      const balance = Object.fromEntries(report.affectedLots.map((l: { lot: string; massBalance: object }) => [l.lot, l.massBalance]));
      expect(balance.S1).toMatchObject({ received: 100, consumed: 70, onHand: 30, difference: 0, closes: true });
      expect(balance.J1).toMatchObject({ produced: 100, shipped: 50, returned: 5, onHand: 55, difference: 0, closes: true });
      expect(balance.J2).toMatchObject({ produced: 50, shipped: 25, onHand: 25, closes: true });
    });

    it('gives a sectioned CSV with every lot, customer, quantity and document', async () => {
      const res = await download(t, id, 'csv');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="recall-${id}.csv"`);
      const sections = csvSections(res.text);
      expect([...sections.keys()]).toEqual(SECTIONS);

      const summary = new Map(sections.get('Summary')!.rows.map(([field, value]) => [field, value]));
      expect(summary.get('Recall id')).toBe(id);
      expect(summary.get('Status')).toBe('open');
      expect(summary.get('Reason')).toBe('Listeria found in strawberry lot S1');
      expect(summary.get('Recalled (root) lots')).toBe('STRAW/S1');
      expect(summary.get('Affected lots')).toBe('3');
      expect(summary.get('Customers notified')).toBe('1');
      expect(summary.get('Units shipped')).toBe('75');
      expect(summary.get('Units recovered')).toBe('5');
      expect(summary.get('Units outstanding')).toBe('70');
      expect(summary.get('Effectiveness (%)')).toBe('6.67');
      expect(summary.get('Every unit accounted for')).toBe('yes');
      expect(summary.get('Generated at')).toBe('2026-06-11T16:45:00.000Z');

      const lots = keyed(sections.get('Affected lots')!, 'Lot');
      expect([...lots.keys()]).toEqual(['S1', 'J1', 'J2']);
      expect(lots.get('S1')).toMatchObject({ SKU: 'STRAW', Root: 'yes', Supplier: 'FARM', 'Supplier lot': 'F-2026-06', 'Received under': 'PO PO-100; invoice FARM-INV-7', 'On hand': '30' });
      expect(lots.get('J1')).toMatchObject({ Root: 'no', Depth: '1', Status: 'recalled', 'Made from': 'STRAW/S1 (40)', 'On hand': '55' });
      expect(lots.get('J2')).toMatchObject({ 'Made from': 'STRAW/S1 (30)', 'Received under': '' });

      const customers = keyed(sections.get('Customers')!, 'Code');
      expect(customers.get('SHOP')).toMatchObject({
        Name: 'Corner Shop',
        Email: 'orders@shop.example',
        // A leading + would start a formula in a spreadsheet; csv-stringify's formula escaping quotes it.
        Phone: "'+44 20 7946 0001",
        Address: '1 High Street, Springfield',
        Shipped: '30',
        Recovered: '5',
        Outstanding: '25',
        'Effectiveness (%)': '16.67',
        'Notified at': '2026-06-10T08:15:00.000Z',
        'Acknowledged at': '',
      });
      expect(customers.get('DELI')).toMatchObject({ Name: 'Deli & Co', Shipped: '30', Recovered: '0', 'Notified at': '' });
      expect(customers.get('GROCER')).toMatchObject({ Name: 'Green Grocer', Address: 'ul. Rynek 9, Łódź', Shipped: '15' });

      const shipments = sections.get('Shipments')!;
      expect(shipments.header).toEqual(['Time', 'Shipment', 'Customer', 'SKU', 'Lot', 'From location', 'Quantity', 'Documents', 'Unit']);
      expect(shipments.rows.map((r) => [r[2], r[4], r[6], r[7], r[8]]).sort()).toEqual([
        ['DELI', 'J1', '20', 'invoice INV-2', 'ea'],
        ['DELI', 'J2', '10', 'invoice INV-2', 'ea'],
        ['GROCER', 'J2', '15', 'invoice INV-3', 'ea'],
        ['SHOP', 'J1', '30', 'invoice INV-1; order SO-9', 'ea'],
      ]);
      // The sugar lot was an input, not downstream of the strawberries.
      expect(res.text).not.toContain('INV-4');
      expect(res.text).not.toContain('G1');

      expect(sections.get('Returns')!.rows.map((r) => [r[2], r[4], r[6]])).toEqual([['SHOP', 'J1', '5']]);
      expect(sections.get('On hand')!.rows.map((r) => [r[1], r[2], r[3]]).sort()).toEqual([['J1', 'WH1', '55'], ['J2', 'WH1', '25'], ['S1', 'WH1', '30']]);
      const balance = keyed(sections.get('Mass balance')!, 'Lot');
      expect(sections.get('Mass balance')!.header).toEqual(['SKU', 'Lot', 'Received', 'Produced', 'Returned', 'Adjusted', 'Consumed', 'Shipped', 'Written off', 'Returned to supplier', 'On hand', 'Difference', 'Closes']);
      expect(balance.get('J1')).toMatchObject({ Produced: '100', Returned: '5', Shipped: '50', 'On hand': '55', Difference: '0', Closes: 'yes' });
      expect(balance.get('S1')).toMatchObject({ Received: '100', Consumed: '70', 'On hand': '30', Closes: 'yes' });
    });

    it('gives an XLSX workbook with a sheet per section, bold frozen headers and number cells', async () => {
      const res = await download(t, id, 'xlsx');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="recall-${id}.xlsx"`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.bytes as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(SECTIONS);

      const rowCounts = Object.fromEntries(workbook.worksheets.map((s) => [s.name, s.rowCount]));
      expect(rowCounts).toEqual({ Summary: 25, 'Affected lots': 4, Customers: 4, Shipments: 5, Returns: 2, 'On hand': 4, 'Mass balance': 4 });
      for (const sheet of workbook.worksheets) {
        expect(sheet.getRow(1).font?.bold, sheet.name).toBe(true);
        expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
        // exceljs leaves out a width equal to its default of 9 characters.
        for (const column of sheet.columns) expect(column.width ?? 9, `${sheet.name} ${column.letter}`).toBeGreaterThanOrEqual(String(sheet.getCell(1, column.number).value).length);
      }

      const customers = workbook.getWorksheet('Customers')!;
      const header = (customers.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual(['Code', 'Name', 'Email', 'Phone', 'Address', 'Shipped', 'Recovered', 'Outstanding', 'Effectiveness (%)', 'Notified at', 'Acknowledged at', 'Note']);
      const shop = customers.getRow(4);
      expect(shop.getCell(1).value).toBe('SHOP');
      expect(shop.getCell(6).value).toBe(30);
      expect(shop.getCell(7).value).toBe(5);
      expect(shop.getCell(9).value).toBe(0.1667);
      expect(shop.getCell(9).numFmt).toBe('0.00%');
      expect(shop.getCell(10).value).toBe('2026-06-10T08:15:00.000Z');
      expect(customers.getRow(2).getCell(1).value).toBe('DELI');
      expect(customers.getRow(2).getCell(6).value).toBe(30);

      const summary = workbook.getWorksheet('Summary')!;
      const fields = new Map<string, unknown>();
      summary.eachRow((row, n) => n > 1 && fields.set(String(row.getCell(1).value), row.getCell(2).value));
      expect(fields.get('Units shipped')).toBe(75);
      expect(fields.get('Opened')).toBe('2026-06-10T07:30:00.000Z');
      expect(fields.get('Every unit accounted for')).toBe('yes');

      const shipments = workbook.getWorksheet('Shipments')!;
      const docs: unknown[] = [];
      shipments.eachRow((row, n) => n > 1 && docs.push(row.getCell(8).value));
      expect(docs).toContain('invoice INV-1; order SO-9');
      expect(workbook.getWorksheet('Mass balance')!.getRow(2).getCell(3).value).toBe(100);
    });

    it('gives one A4 PDF with the title, summary and tables', async (ctx) => {
      const res = await download(t, id, 'pdf');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="recall-${id}.pdf"`);
      expect(res.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(res.bytes.length).toBeGreaterThan(3000);
      expect(pdfPages(res.bytes)).toBeGreaterThan(0);
      expect(res.bytes.toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);

      if (!PDFTOTEXT) ctx.skip(NO_PDFTOTEXT);
      const text = pdfText(res.bytes);
      expect(text).toContain('Recall report');
      for (const name of ['Corner Shop', 'Deli & Co', 'Green Grocer']) expect(text).toContain(name);
      for (const lot of ['S1', 'J1', 'J2', 'JAM-500', 'STRAW']) expect(text).toContain(lot);
      for (const heading of ['Summary', 'Affected lots (3)', 'Customers (3)', 'Shipments (4)', 'Returns (1)', 'On hand (3)', 'Mass balance (3)']) expect(text).toContain(heading);
      expect(text).toContain('invoice INV-1; order SO-9');
      expect(text).toContain('orders@shop.example');
      // The standard fonts only cover Windows-1252: Ł and ź lose their marks, ó (in Latin-1) keeps its.
      expect(text).toContain('ul. Rynek 9, Lódz');
      expect(text).toContain('Listeria found in strawberry lot S1');
      expect(text).toMatch(new RegExp(`Page 1 of ${pdfPages(res.bytes)}`));
      expect(text).toContain('generated 2026-06-11T16:45:00.000Z');
    });

    it('answers 404 for an unknown recall and 400 for an unknown format', async () => {
      for (const format of ['json', 'csv', 'xlsx', 'pdf']) {
        const res = await t.api.get(`/recalls/nope/report?format=${format}`);
        expect(res.status).toBe(404);
        expect(res.body.error).toMatchObject({ code: 'not_found', message: 'recall "nope" not found' });
        expect(res.headers['content-disposition']).toBeUndefined();
      }
      const bad = await t.api.get(`/recalls/${id}/report?format=doc`);
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('invalid_request');
      expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(['format']);
      expect((await t.api.get(`/recalls/${id}/report?format=pdf&lang=de`)).status).toBe(400);
    });

    it('documents the endpoint in the OpenAPI document', async () => {
      const doc = expectStatus(await t.api.get('/api/openapi.json'), 200);
      const get = doc.paths['/api/v1/recalls/{id}/report'].get;
      expect(get.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['format', 'id']);
      expect(Object.keys(get.responses).sort()).toEqual(['400', '404']);
    });
  });

  describe(`recall report layouts (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
    });
    afterEach(async () => t.close());

    it('breaks long tables over pages, repeats their headers and numbers every page', async (ctx) => {
      const post = async (path: string, body: object) => expectStatus(await t.api.post(path, body), 201);
      await post('/items', { sku: 'JAM-500', name: 'Strawberry jam 500 g' });
      await post('/parties', { code: 'FARM', name: 'Berry Farm', roles: ['supplier'] });
      await post('/locations', { code: 'WH1', name: 'Main warehouse' });
      await post('/receipts', { supplier: 'FARM', location: 'WH1', lines: [{ sku: 'JAM-500', lot: 'L1', quantity: 5000 }] });
      const note = 'Deliveries only between 06:00 and 09:00 at the loading bay behind the building; ask for the duty manager. '.repeat(4);
      for (let i = 1; i <= 45; i++) {
        const code = `C${String(i).padStart(2, '0')}`;
        await post('/parties', { code, name: `Customer number ${i} with a rather long trading name Ltd`, roles: ['customer'], email: `recall-contact-${i}@customer-${i}.example`, address: note });
        await post('/shipments', { customer: code, location: 'WH1', documents: [{ type: 'invoice', number: `INV-${i}` }], lines: [{ sku: 'JAM-500', lot: 'L1', quantity: i }] });
      }
      const recall = await post('/recalls', { lots: [{ sku: 'JAM-500', lot: 'L1' }], reason: 'Glass fragments reported by a customer; '.repeat(30) });

      const res = await download(t, recall.id, 'pdf');
      expect(res.status).toBe(200);
      const pages = pdfPages(res.bytes);
      expect(pages).toBeGreaterThan(2);

      if (!PDFTOTEXT) ctx.skip(NO_PDFTOTEXT);
      const text = pdfText(res.bytes);
      const perPage = text.split('\f').filter((p) => p.trim() !== '');
      expect(perPage).toHaveLength(pages);
      perPage.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages}`));
      expect(text).toContain('Customers (continued)');
      // Every page a customer table runs onto starts with its header row again.
      const customerPages = perPage.filter((p) => p.includes('Customers (continued)'));
      expect(customerPages.length).toBeGreaterThan(0);
      for (const page of customerPages) expect(page).toMatch(/Code\s+Name\s+Email/);
      for (let i = 1; i <= 45; i++) expect(text).toContain(`INV-${i}`);
    });

    it('reports a closed drill that reached no customer, with empty sections kept', async (ctx) => {
      const post = async (path: string, body: object, status = 201) => expectStatus(await t.api.post(path, body), status);
      await post('/items', { sku: 'JAM-500', name: 'Strawberry jam 500 g' });
      await post('/parties', { code: 'FARM', name: 'Berry Farm', roles: ['supplier'] });
      await post('/locations', { code: 'WH1', name: 'Main warehouse' });
      await post('/receipts', { supplier: 'FARM', location: 'WH1', lines: [{ sku: 'JAM-500', lot: 'X1', quantity: 12 }] });
      const drill = await post('/recalls', { lots: [{ sku: 'JAM-500', lot: 'X1' }], reason: 'Quarterly mock recall', drill: true });
      await post(`/recalls/${drill.id}/close`, { note: 'Traced in under a second' }, 200);

      const csv = csvSections((await download(t, drill.id, 'csv')).text);
      expect([...csv.keys()]).toEqual(SECTIONS);
      const summary = new Map(csv.get('Summary')!.rows.map(([field, value]) => [field, value]));
      expect(summary.get('Status')).toBe('closed');
      expect(summary.get('Drill (mock recall)')).toBe('yes');
      expect(summary.get('Affected stock put on hold')).toBe('no');
      expect(summary.get('Close note')).toBe('Traced in under a second');
      expect(summary.get('Closed')).toBe('2026-06-15T10:00:00.000Z');
      expect(summary.get('Effectiveness (%)')).toBe('');
      expect(summary.get('Ledger event')).toBe('');
      for (const empty of ['Customers', 'Shipments', 'Returns']) {
        expect(csv.get(empty)!.header.length, empty).toBeGreaterThan(1);
        expect(csv.get(empty)!.rows, empty).toEqual([]);
      }
      expect(csv.get('On hand')!.rows).toEqual([['JAM-500', 'X1', 'WH1', '12', 'available']]);

      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await download(t, drill.id, 'xlsx')).bytes as unknown as ArrayBuffer);
      expect(workbook.getWorksheet('Customers')!.rowCount).toBe(1);
      expect(workbook.getWorksheet('On hand')!.getRow(2).getCell(4).value).toBe(12);

      const pdf = (await download(t, drill.id, 'pdf')).bytes;
      expect(pdfPages(pdf)).toBeGreaterThan(0);
      if (!PDFTOTEXT) ctx.skip(NO_PDFTOTEXT);
      const text = pdfText(pdf);
      expect(text).toContain(`Mock recall (drill) ${drill.id}`);
      expect(text).toContain('status: closed');
      expect(text).toMatch(/Customers \(0\)\s+None\./);
    });
  });
}
