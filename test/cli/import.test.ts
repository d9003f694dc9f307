import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listItems } from '../../src/app/items.js';
import { listStock } from '../../src/app/stock.js';
import { verifyLedger } from '../../src/app/verify.js';
import { DIALECTS } from '../helpers/test-app.js';
import { openCliDatabase, type CliDatabase } from './cli-harness.js';

for (const dialect of DIALECTS) {
  describe(`lotline import (${dialect})`, () => {
    let db: CliDatabase;
    let dir: string;
    const file = (name: string, content: string | Buffer) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    };
    beforeEach(async () => {
      db = await openCliDatabase(dialect);
      dir = mkdtempSync(join(tmpdir(), 'lotline-import-'));
    });
    afterEach(async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('imports master data and opening stock from CSV and XLSX and prints a summary', async () => {
      const items = await db.cli(['import', 'items', file('items.csv', 'sku,name,uom\nJAM,Jam,ea\nSUGAR,Sugar,kg\n')]);
      expect(items.code, items.err).toBe(0);
      expect(items.out).toMatch(/Created\s*│\s*2/);
      expect((await db.cli(['import', 'parties', file('p.csv', 'code,name,roles\nFARM,Farm,supplier\n')])).code).toBe(0);
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('locations');
      sheet.addRow(['code', 'name']);
      sheet.addRow(['WH1', 'Main']);
      const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
      expect((await db.cli(['import', 'locations', file('locations.xlsx', xlsx)])).code).toBe(0);

      const stock = await db.cli(['import', 'stock', file('stock.csv', 'sku,lot,location,quantity,expiryDate,supplier\nJAM,J1,WH1,10,2027-01-01,FARM\nSUGAR,S1,WH1,2.5,,FARM\n'), '--json']);
      expect(stock.code, stock.err).toBe(0);
      expect(JSON.parse(stock.out)).toEqual({ kind: 'stock', rows: 2, created: 2, events: 1 });
      const onHand = await listStock(db.app, {}, {});
      expect(onHand.items.map((s) => [s.sku, s.lot, s.quantity])).toEqual([['JAM', 'J1', 10], ['SUGAR', 'S1', 2.5]]);
      expect((await verifyLedger(db.app)).ok).toBe(true);
    });

    it('fails with exit code 1, a one-line summary and the first row problems, importing nothing', async () => {
      const res = await db.cli(['import', 'items', file('bad.csv', 'sku,name,shelfLifeDays\nA,,\nB,Bee,x\nC,Cee,1\nC,Again,2\n')]);
      expect(res.code).toBe(1);
      const lines = res.err.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^lotline: import: invalid_request: 3 problems in the file, nothing was imported/);
      expect(lines.slice(1)).toEqual(['  row 2, name: is required', '  row 3, shelfLifeDays: "x" is not a number', '  row 5, sku: duplicate of row 4 (C)']);
      expect((await listItems(db.app, {})).items).toEqual([]);
    });

    it('names an unknown kind and an unreadable file in one line', async () => {
      const kind = await db.cli(['import', 'widgets', file('w.csv', 'a\n1\n')]);
      expect(kind.code).toBe(1);
      expect(kind.err).toMatch(/^lotline: import: kind must be one of items, parties, locations, stock/);
      const missing = await db.cli(['import', 'items', join(dir, 'nope.csv')]);
      expect(missing.code).toBe(1);
      expect(missing.err.trimEnd().split('\n')).toHaveLength(1);
    });
  });
}
