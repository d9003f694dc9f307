import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createItem } from '../../src/app/items.js';
import { createLocation } from '../../src/app/locations.js';
import { createParty } from '../../src/app/parties.js';
import { recordReceipt } from '../../src/app/receipts.js';
import { recordWriteOff } from '../../src/app/write-offs.js';
import { DIALECTS } from '../helpers/test-app.js';
import { openCliDatabase, type CliDatabase } from './cli-harness.js';

// The harness clock stands at 2026-06-15: lot OLD expired on 06-10, SOON expires on 06-20.
for (const dialect of DIALECTS) {
  describe(`lotline expiry, alerts, write-offs and waste (${dialect})`, () => {
    let db: CliDatabase;
    beforeEach(async () => {
      db = await openCliDatabase(dialect);
      const { app } = db;
      await createLocation(app, { code: 'WH1', name: 'Plant' });
      await createItem(app, { sku: 'JAM', name: 'Jam', unitCost: 1.5, sellByDays: 10 });
      await createParty(app, { code: 'SUP', name: 'Supplier', roles: ['supplier'] });
      await recordReceipt(app, {
        supplier: 'SUP',
        location: 'WH1',
        time: '2026-06-01T08:00:00Z',
        lines: [
          { sku: 'JAM', lot: 'OLD', quantity: 10, expiryDate: '2026-06-10' },
          { sku: 'JAM', lot: 'SOON', quantity: 20, expiryDate: '2026-06-20' },
          { sku: 'JAM', lot: 'LATER', quantity: 30, expiryDate: '2027-01-01' },
        ],
      });
    });
    afterEach(async () => db.close());

    it('lists stock by days left and writes off what expired, after a dry run', async () => {
      const expiry = await db.cli(['expiry', '--within', '30', '--json']);
      expect(JSON.parse(expiry.out).map((r: { lot: string; daysLeft: number }) => [r.lot, r.daysLeft])).toEqual([['OLD', -5], ['SOON', 5]]);
      const dry = await db.cli(['write-off-expired', '--dry-run']);
      expect(dry.out).toContain('would write off 1 lots, value 15');
      expect(JSON.parse((await db.cli(['lot', 'JAM', 'OLD', '--json'])).out).totals.onHand).toBe(10);
      const real = await db.cli(['write-off-expired']);
      expect(real.out).toContain('wrote off (1 events) 1 lots, value 15');
      expect(JSON.parse((await db.cli(['lot', 'JAM', 'OLD', '--json'])).out).totals.onHand).toBe(0);
    });

    it('raises each alert once and lists it', async () => {
      const first = await db.cli(['alerts', 'run', '--json']);
      const kinds = JSON.parse(first.out).raised.map((a: { lot: string; kind: string }) => `${a.lot}:${a.kind}`).sort();
      expect(kinds).toEqual(['OLD:lot.expired', 'SOON:lot.expiring', 'SOON:lot.sell_by']);
      expect((await db.cli(['alerts', 'run'])).out).toBe('no new alerts for 2026-06-15\n');
      expect((await db.cli(['alerts', 'list'])).out).toMatch(/lot\.expired .*OLD/);
    });

    it('reports the monthly waste with its value', async () => {
      await recordWriteOff(db.app, { location: 'WH1', reason: 'damaged', time: '2026-06-02T08:00:00Z', lines: [{ sku: 'JAM', lot: 'LATER', quantity: 4 }] });
      const report = JSON.parse((await db.cli(['waste', '--from', '2026-06', '--to', '2026-06', '--json'])).out);
      expect(report.totals).toMatchObject({ writtenOff: 4, value: '6', shipped: 0, wasteRate: 1 });
      const table = (await db.cli(['waste', '--from', '2026-05', '--to', '2026-06', '--group-by', 'reason'])).out;
      expect(table).toMatch(/damaged +│ +4 │ +6 │/);
    });
  });
}
