import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/context.js';
import { createItem } from '../../src/app/items.js';
import { createLocation } from '../../src/app/locations.js';
import { createParty } from '../../src/app/parties.js';
import { recordProduction } from '../../src/app/productions.js';
import { recordReceipt } from '../../src/app/receipts.js';
import { recordShipment } from '../../src/app/shipments.js';
import { DIALECTS } from '../helpers/test-app.js';
import { openCliDatabase, type CliDatabase } from './cli-harness.js';

/** Strawberries from a farm, cooked into jam, the jam boxed; jam and boxes shipped to two customers. */
async function seedGenealogy(app: App): Promise<void> {
  await createLocation(app, { code: 'WH1', name: 'Plant' });
  await createItem(app, { sku: 'STRAW', name: 'Strawberries', uom: 'kg' });
  await createItem(app, { sku: 'JAM', name: 'Jam', shelfLifeDays: 365 });
  await createItem(app, { sku: 'BOX', name: 'Gift box', shelfLifeDays: 365 });
  await createParty(app, { code: 'FARM', name: 'Sunny Farm', roles: ['supplier'] });
  await createParty(app, { code: 'SHOP', name: 'Corner Shop', roles: ['customer'], email: 'buyer@shop.example' });
  await createParty(app, { code: 'DELI', name: 'Deli & Co', roles: ['customer'] });
  await recordReceipt(app, {
    supplier: 'FARM',
    location: 'WH1',
    documents: [{ type: 'PO', number: 'PO-7' }],
    lines: [{ sku: 'STRAW', lot: 'S1', quantity: 100, supplierLot: 'SF-1' }],
  });
  await recordProduction(app, { location: 'WH1', inputs: [{ sku: 'STRAW', lot: 'S1', quantity: 40 }], outputs: [{ sku: 'JAM', lot: 'J1', quantity: 120 }] });
  await recordProduction(app, { location: 'WH1', inputs: [{ sku: 'JAM', lot: 'J1', quantity: 20 }], outputs: [{ sku: 'BOX', lot: 'B1', quantity: 10 }] });
  await recordShipment(app, { customer: 'SHOP', location: 'WH1', documents: [{ type: 'invoice', number: 'INV-1' }], lines: [{ sku: 'JAM', lot: 'J1', quantity: 30 }] });
  await recordShipment(app, { customer: 'DELI', location: 'WH1', lines: [{ sku: 'BOX', lot: 'B1', quantity: 4 }] });
}

for (const dialect of DIALECTS) {
  describe(`lotline trace and recall (${dialect})`, () => {
    let db: CliDatabase;
    beforeEach(async () => {
      db = await openCliDatabase(dialect);
      await seedGenealogy(db.app);
    });
    afterEach(async () => db.close());

    it('prints where a lot went as a tree with quantities and customers', async () => {
      const { code, out } = await db.cli(['trace', 'STRAW', 'S1', '--forward']);
      expect(code).toBe(0);
      const lines = out.split('\n');
      expect(lines[0]).toBe('Where it went');
      expect(lines[1]).toMatch(/^STRAW\/S1 {2}available, on hand 60 kg$/);
      expect(out).toContain('└─ JAM/J1  available');
      expect(out).toContain('(40 kg of it used)');
      expect(out).toMatch(/├─ shipped to SHOP \(Corner Shop\): 30 ea on 2026-06-15 from WH1 \[invoice INV-1\]/);
      expect(out).toMatch(/└─ BOX\/B1 .*\(20 ea of it used\)/);
      expect(out).toMatch(/└─ shipped to DELI \(Deli & Co\): 4 ea/);
      expect(out).toContain('buyer@shop.example');
      expect(out).toContain('3 lots, 2 customers');
      expect(out).toContain('mass balance closes for all 3 lots');
      expect(out).not.toContain('Where it came from');
    });

    it('prints where a lot came from down to the supplier and purchase documents', async () => {
      const { code, out } = await db.cli(['trace', 'BOX', 'B1', '--backward']);
      expect(code).toBe(0);
      expect(out).toMatch(/received from FARM \(Sunny Farm\), supplier lot SF-1: 100 kg on 2026-06-15 at WH1 \[PO PO-7\]/);
      expect(out).not.toContain('Where it went');
    });

    it('gives the API shape with --json and one error line for an unknown lot', async () => {
      const json = JSON.parse((await db.cli(['trace', 'JAM', 'J1', '--json'])).out);
      expect(json.lots.map((l: { lot: string }) => l.lot).sort()).toEqual(['B1', 'J1', 'S1']);
      const missing = await db.cli(['trace', 'JAM', 'NOPE']);
      expect(missing.code).toBe(1);
      expect(missing.err).toBe('lotline: not_found: lot "NOPE" of item "JAM" not found\n');
    });

    it('runs a drill that holds nothing and reports its time and the mass balance', async () => {
      const { code, out } = await db.cli(['recall', 'drill', 'STRAW', 'S1']);
      expect(code).toBe(0);
      expect(out).toMatch(/Drill passed: 3 lots and 2 customers traced in \d+ ms \(BRCGS allows 4 hours\), every unit accounted for\./);
      expect((await db.cli(['lot', 'JAM', 'J1', '--json'])).out).toContain('"status": "available"');
    });

    it('opens a recall that holds the stock, shows it, writes its reports and closes it', async () => {
      const created = await db.cli(['recall', 'create', 'JAM', 'J1', '--reason', 'glass fragments', '--json']);
      expect(created.code).toBe(0);
      const recall = JSON.parse(created.out);
      expect(recall.counts).toMatchObject({ affectedLots: 2, customers: 2 });
      expect(JSON.parse((await db.cli(['lot', 'BOX', 'B1', '--json'])).out).status).toBe('recalled');

      const shown = await db.cli(['recall', 'show', recall.id]);
      expect(shown.out).toContain('glass fragments');
      expect(shown.out).toMatch(/Corner Shop .*30/);

      const listed = await db.cli(['recall', 'list', '--open']);
      expect(listed.out).toContain(recall.id);

      const dir = mkdtempSync(join(tmpdir(), 'lotline-report-'));
      const pdf = join(dir, 'r.pdf');
      expect((await db.cli(['recall', 'report', recall.id, '--format', 'pdf', '--output', pdf])).out).toBe(`wrote ${pdf}\n`);
      expect(existsSync(pdf) && readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      const csv = await db.cli(['recall', 'report', recall.id, '--format', 'csv', '--output', '-']);
      expect(csv.out).toContain('Corner Shop');
      const binary = await db.cli(['recall', 'report', recall.id, '--format', 'xlsx', '--output', '-']);
      expect(binary.code).toBe(1);
      expect(binary.err).toMatch(/^lotline: recall report: xlsx is binary/);
      const badFormat = await db.cli(['recall', 'report', recall.id, '--format', 'doc']);
      expect(badFormat.err).toMatch(/^lotline: recall report: --format must be one of/);

      const closed = await db.cli(['recall', 'close', recall.id, '--note', 'destroyed', '--json']);
      expect(JSON.parse(closed.out)).toMatchObject({ status: 'closed', closeNote: 'destroyed' });
    });

    it('insists on a reason for a recall', async () => {
      const res = await db.cli(['recall', 'create', 'JAM', 'J1']);
      expect(res.code).not.toBe(0);
      expect(res.err).toMatch(/^lotline: required option '-r, --reason <text>' not specified/);
    });
  });
}
