import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/context.js';
import { createItem } from '../../src/app/items.js';
import { createLocation } from '../../src/app/locations.js';
import { createParty } from '../../src/app/parties.js';
import { recordProduction } from '../../src/app/productions.js';
import { recordReceipt } from '../../src/app/receipts.js';
import { recordShipment } from '../../src/app/shipments.js';
import { recordTransfer } from '../../src/app/transfers.js';
import { DIALECTS } from '../helpers/test-app.js';
import { freshDatabaseUrl, migrating, openCliDatabase, runCli, type CliDatabase } from './cli-harness.js';

/**
 * A small ledger: sugar received, cooked into one jam lot, most of it moved to the distribution
 * centre and part of that shipped. Stock after: SUGAR/S-1@WH1 800.5, JAM-370/L1@WH1 200, @WH2 760.
 */
async function seedLedger(app: App): Promise<void> {
  await createLocation(app, { code: 'WH1', name: 'Plant' });
  await createLocation(app, { code: 'WH2', name: 'Distribution centre' });
  await createItem(app, { sku: 'SUGAR', name: 'Sugar', uom: 'kg', shelfLifeDays: 730 });
  await createItem(app, { sku: 'JAM-370', name: 'Strawberry jam 370 g', shelfLifeDays: 365, sellByDays: 60 });
  await createParty(app, { code: 'SUP-1', name: 'Sugar Co', roles: ['supplier'] });
  await createParty(app, { code: 'CUST-1', name: 'Corner Deli', roles: ['customer'], minShelfLifeDays: 30 });
  await recordReceipt(app, {
    supplier: 'SUP-1',
    location: 'WH1',
    time: '2026-06-01T08:00:00Z',
    documents: [{ type: 'PO', number: 'PO-1' }],
    lines: [{ sku: 'SUGAR', lot: 'S-1', quantity: 1000.5, expiryDate: '2027-06-01' }],
  });
  await recordProduction(app, {
    location: 'WH1',
    time: '2026-06-02T08:00:00Z',
    inputs: [{ sku: 'SUGAR', lot: 'S-1', quantity: 200 }],
    outputs: [{ sku: 'JAM-370', lot: 'L1', quantity: 1200 }],
  });
  await recordTransfer(app, { from: 'WH1', to: 'WH2', time: '2026-06-03T08:00:00Z', lines: [{ sku: 'JAM-370', lot: 'L1', quantity: 1000 }] });
  await recordShipment(app, {
    customer: 'CUST-1',
    location: 'WH2',
    time: '2026-06-04T08:00:00Z',
    documents: [{ type: 'order', number: 'SO-1' }],
    lines: [{ sku: 'JAM-370', quantity: 240 }],
  });
}

/** A failed command says so in exactly one line on stderr, nothing on stdout. */
function expectOneLineError(result: { code: number; out: string; err: string }, pattern: RegExp): void {
  expect(result.code).not.toBe(0);
  expect(result.out).toBe('');
  expect(result.err.trimEnd().split('\n')).toHaveLength(1);
  expect(result.err).toMatch(/^lotline: /);
  expect(result.err).toMatch(pattern);
}

for (const dialect of DIALECTS) {
  describe(`lotline CLI (${dialect})`, () => {
    let db: CliDatabase;
    beforeEach(async () => {
      db = await openCliDatabase(dialect);
      await seedLedger(db.app);
    });
    afterEach(async () => db.close());

    it('lists stock as a table and as JSON', async () => {
      const table = await db.cli(['stock']);
      expect(table.code).toBe(0);
      expect(table.err).toBe('');
      expect(table.out).toMatch(/SKU.*Lot.*Location.*Quantity.*Expiry.*Status/);
      expect(table.out).toMatch(/SUGAR\s+│ S-1\s+│ WH1\s+│\s+800\.5 │ 2027-06-01 │ available/);
      expect(table.out).toMatch(/JAM-370\s+│ L1\s+│ WH2\s+│\s+760 │ 2027-06-02 │ available/);
      expect(table.out).toContain('3 balances');

      const json = await db.cli(['stock', '--json']);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.out)).toEqual([
        { sku: 'JAM-370', lot: 'L1', location: 'WH1', quantity: 200, reserved: 0, free: 200, expiryDate: '2027-06-02', status: 'available' },
        { sku: 'JAM-370', lot: 'L1', location: 'WH2', quantity: 760, reserved: 0, free: 760, expiryDate: '2027-06-02', status: 'available' },
        { sku: 'SUGAR', lot: 'S-1', location: 'WH1', quantity: 800.5, reserved: 0, free: 800.5, expiryDate: '2027-06-01', status: 'available' },
      ]);

      const filtered = JSON.parse((await db.cli(['stock', '--sku', 'JAM-370', '--location', 'WH2', '--json'])).out);
      expect(filtered).toEqual([expect.objectContaining({ lot: 'L1', location: 'WH2', quantity: 760 })]);
    });

    it('reads every page of stock, not only the first', async () => {
      const lines = Array.from({ length: 1005 }, (_, i) => ({ sku: 'SUGAR', lot: `BULK-${String(i).padStart(4, '0')}`, quantity: 1 }));
      await recordReceipt(db.app, { supplier: 'SUP-1', location: 'WH1', lines });
      const rows = JSON.parse((await db.cli(['stock', '--json'])).out);
      expect(rows).toHaveLength(1008);
    });

    it('shows one lot with dates, stock per location and totals', async () => {
      const table = await db.cli(['lot', 'JAM-370', 'L1']);
      expect(table.code).toBe(0);
      expect(table.out).toMatch(/Status\s+│ available/);
      expect(table.out).toMatch(/Production date\s+│ 2026-06-02/);
      expect(table.out).toMatch(/Expiry date\s+│ 2027-06-02/);
      expect(table.out).toMatch(/Sell-by date\s+│ 2027-04-03/);
      expect(table.out).toMatch(/WH2\s+│\s+760 │/);
      expect(table.out).toMatch(/total\s+│\s+960 │/);

      const lot = JSON.parse((await db.cli(['lot', 'JAM-370', 'L1', '--json'])).out);
      expect(lot).toMatchObject({
        sku: 'JAM-370',
        lot: 'L1',
        status: 'available',
        origin: 'production',
        onHand: [
          { location: 'WH1', quantity: 200 },
          { location: 'WH2', quantity: 760 },
        ],
        totals: expect.objectContaining({ produced: 1200, shipped: 240, onHand: 960 }),
      });
    });

    it('fails with one line on stderr for an unknown lot', async () => {
      const result = await db.cli(['lot', 'JAM-370', 'NOPE']);
      expectOneLineError(result, /^lotline: not_found: lot "NOPE" of item "JAM-370" not found\n$/);
    });

    it('lists events newest first, filtered, as a table and as JSON', async () => {
      const table = await db.cli(['events']);
      expect(table.code).toBe(0);
      const seqs = [...table.out.matchAll(/^│\s+(\d+) │/gm)].map((m) => Number(m[1]));
      expect(seqs).toEqual([4, 3, 2, 1]);
      expect(table.out).toMatch(/shipment\s+│ CUST-1/);
      expect(table.out).toContain('-240 JAM-370/L1 @WH2');
      expect(table.out).toContain('order SO-1');
      expect(table.out).toMatch(/WH1 → WH2/);

      const shipments = JSON.parse((await db.cli(['events', '--type', 'shipment', '--json'])).out);
      expect(shipments).toHaveLength(1);
      expect(shipments[0]).toMatchObject({ type: 'shipment', party: 'CUST-1', documents: [{ type: 'order', number: 'SO-1' }] });

      const sugar = JSON.parse((await db.cli(['events', '--sku', 'SUGAR', '--json'])).out);
      expect(sugar.map((e: { type: string }) => e.type)).toEqual(['production', 'receipt']);

      const limited = await db.cli(['events', '--limit', '2']);
      expect(limited.out).toContain('2 events (more with --limit)');
    });

    it('rejects bad options and bad configuration with one line', async () => {
      expectOneLineError(await db.cli(['events', '--limit', '0']), /--limit.*must be a whole number from 1 to 1000/);
      expectOneLineError(await db.cli(['events', '--type', 'party']), /--type.*Allowed choices/);
      expectOneLineError(await db.cli(['frobnicate']), /unknown command 'frobnicate'/);
      expectOneLineError(await db.cli(['stock'], { env: { LOTLINE_DATABASE_URL: 'mysql://db/lotline' } }), /LOTLINE_DATABASE_URL must start with sqlite: or postgres:\/\//);
      expectOneLineError(await db.cli(['stock'], { env: { LOTLINE_NOW: 'yesterday' } }), /LOTLINE_NOW must be an ISO 8601 time/);
      expectOneLineError(await db.cli(['serve'], { env: { PORT: 'eighty' } }), /PORT must be a port number/);
    });

    it('refuses to seed the demo into a database that has data', async () => {
      expectOneLineError(await db.cli(['demo']), /^lotline: conflict: the database already has data/);
    });

    it('verifies a clean ledger', async () => {
      const result = await db.cli(['verify']);
      expect(result.code).toBe(0);
      expect(result.err).toBe('');
      expect(result.out).toMatch(/hash chain\s+│ ok/);
      expect(result.out).toMatch(/balances\s+│ ok\s+│ 3 \(lot, location\) balances/);
      const report = JSON.parse((await db.cli(['verify', '--json'])).out);
      expect(report).toMatchObject({ ok: true, chain: { ok: true, eventsChecked: 4, firstBreak: null }, balances: { ok: true, checked: 3, mismatchCount: 0 } });
    });

    it('fails verification when a balance row is edited behind the ledger', async () => {
      await db.app.store.db
        .updateTable('balances')
        .set({ quantity: sql`quantity + 1` })
        .where('location', '=', 'WH2')
        .execute();
      const result = await db.cli(['verify']);
      expect(result.code).toBe(1);
      expect(result.out).toMatch(/balances\s+│ FAILED/);
      expect(result.out).toMatch(/JAM-370\s+│ L1\s+│ WH2\s+│\s+760 │\s+760\.000001 │/);
      expect(result.err).toBe('lotline: verify: the ledger failed verification: 1 balance(s) differ from the ledger\n');

      const report = JSON.parse((await db.cli(['verify', '--json'])).out);
      expect(report.ok).toBe(false);
      expect(report.chain.ok).toBe(true);
      expect(report.balances.mismatches).toEqual([{ sku: 'JAM-370', lot: 'L1', location: 'WH2', ledger: 760, projection: 760.000001 }]);
    });

    it('fails verification when an event row is edited', async () => {
      await db.app.store.db.updateTable('events').set({ documents: JSON.stringify([{ type: 'order', number: 'SO-9' }]) }).where('seq', '=', 4).execute();
      const result = await db.cli(['verify']);
      expect(result.code).toBe(1);
      expect(result.out).toMatch(/hash chain\s+│ FAILED\s+│ event #4 was changed after it was recorded/);
      // The trace's party-movement projection keeps the documents as recorded, so it disagrees too.
      expect(result.err).toBe('lotline: verify: the ledger failed verification: hash chain broken at event #4; 1 party movement(s) differ from the ledger\n');
      const report = JSON.parse((await db.cli(['verify', '--json'])).out);
      expect(report.chain).toMatchObject({ ok: false, eventsChecked: 3, firstBreak: { seq: 4, problem: 'hash_mismatch' } });
      expect(report.balances.ok).toBe(true);
    });

    it('applies migrations to a new database, then has nothing to do', async () => {
      const { url, drop } = await freshDatabaseUrl(dialect);
      try {
        const env = { LOTLINE_DATABASE_URL: url, LOTLINE_TIMEZONE: 'UTC' };
        const first = await migrating(dialect, () => runCli(['migrate', '--json'], { env }));
        expect(first.code).toBe(0);
        expect(JSON.parse(first.out).applied).toContain('2026-11-24-001-ledger');
        const again = await migrating(dialect, () => runCli(['migrate'], { env }));
        expect(again).toEqual({ code: 0, out: 'the schema is up to date; no migrations to apply\n', err: '' });
      } finally {
        await drop();
      }
    });
  });
}

describe('lotline CLI without a database', () => {
  it('prints help and version on stdout with exit code 0', async () => {
    const help = await runCli(['--help'], { env: {} });
    expect(help.code).toBe(0);
    for (const command of ['serve', 'migrate', 'demo', 'stock', 'lot', 'events', 'verify']) expect(help.out).toContain(command);
    const version = await runCli(['--version'], { env: {} });
    expect(version.code).toBe(0);
    expect(version.out).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
