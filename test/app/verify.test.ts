import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createItem } from '../../src/app/items.js';
import { createLocation } from '../../src/app/locations.js';
import { createParty } from '../../src/app/parties.js';
import { recordProduction } from '../../src/app/productions.js';
import { recordReceipt } from '../../src/app/receipts.js';
import { recordShipment } from '../../src/app/shipments.js';
import { recordTransfer } from '../../src/app/transfers.js';
import { verifyLedger } from '../../src/app/verify.js';
import { DIALECTS, openTestApp, type TestContext } from '../helpers/test-app.js';

for (const dialect of DIALECTS) {
  describe(`verifyLedger (${dialect})`, () => {
    let t: TestContext;
    beforeEach(async () => {
      t = await openTestApp(dialect);
      const { app } = t;
      await createLocation(app, { code: 'WH1', name: 'Plant' });
      await createLocation(app, { code: 'WH2', name: 'Distribution centre' });
      await createItem(app, { sku: 'FRUIT', name: 'Fruit', uom: 'kg', shelfLifeDays: 10 });
      await createItem(app, { sku: 'SUGAR', name: 'Sugar', uom: 'kg' });
      await createItem(app, { sku: 'JAM', name: 'Jam', shelfLifeDays: 365 });
      await createParty(app, { code: 'FARM', name: 'Farm', roles: ['supplier'] });
      await createParty(app, { code: 'SHOP', name: 'Shop', roles: ['customer'] });
      // seq 1 receipt, 2 production (with genealogy links), 3 transfer, 4 shipment (FEFO-allocated)
      await recordReceipt(app, {
        supplier: 'FARM',
        location: 'WH1',
        lines: [
          { sku: 'FRUIT', lot: 'F1', quantity: 100.25 },
          { sku: 'SUGAR', lot: 'S1', quantity: 50 },
        ],
      });
      await recordProduction(app, {
        location: 'WH1',
        inputs: [
          { sku: 'FRUIT', lot: 'F1', quantity: 60 },
          { sku: 'SUGAR', lot: 'S1', quantity: 40 },
        ],
        outputs: [{ sku: 'JAM', lot: 'J1', quantity: 300 }],
      });
      await recordTransfer(app, { from: 'WH1', to: 'WH2', lines: [{ sku: 'JAM', lot: 'J1', quantity: 250 }] });
      await recordShipment(app, { customer: 'SHOP', location: 'WH2', lines: [{ sku: 'JAM', quantity: 100 }] });
    });
    afterEach(async () => t.close());

    const db = () => t.app.store.db;

    it('passes on an untouched ledger, whatever the batch size', async () => {
      for (const batchSize of [1, 3, 5000]) {
        const report = await verifyLedger(t.app, { batchSize });
        expect(report.ok).toBe(true);
        expect(report.chain).toMatchObject({ ok: true, eventsChecked: 4, firstBreak: null });
        expect(report.chain.lastHash).toMatch(/^[0-9a-f]{64}$/);
        expect(report.balances).toEqual({ ok: true, checked: 4, mismatchCount: 0, mismatches: [] });
      }
    });

    it('passes on an empty ledger', async () => {
      const empty = await openTestApp(dialect);
      try {
        expect((await verifyLedger(empty.app)).ok).toBe(true);
      } finally {
        await empty.close();
      }
    });

    it('reads events in bounded batches: statements grow with batches, not events', async () => {
      t.resetQueries();
      await verifyLedger(t.app, { batchSize: 5000 });
      const oneBatch = t.queries.length;
      t.resetQueries();
      await verifyLedger(t.app, { batchSize: 2 });
      // Two batches of events (+1 empty read) instead of one: three statements per extra batch.
      // The audit chain's 7 entries (the master data above) take 4 batches instead of 1: one
      // statement per extra batch.
      expect(t.queries.length).toBe(oneBatch + 3 + 3);
    });

    it('names balances that differ from their lines, including rows missing on either side', async () => {
      const jam = await db().selectFrom('lots').select('id').where('code', '=', 'J1').executeTakeFirstOrThrow();
      await db().updateTable('balances').set({ quantity: 149_000_000 }).where('lot_id', '=', jam.id).where('location', '=', 'WH2').execute();
      await db().deleteFrom('balances').where('lot_id', '=', jam.id).where('location', '=', 'WH1').execute();
      const report = await verifyLedger(t.app);
      expect(report.ok).toBe(false);
      expect(report.chain.ok).toBe(true);
      expect(report.balances.mismatchCount).toBe(2);
      expect(report.balances.mismatches).toEqual([
        { sku: 'JAM', lot: 'J1', location: 'WH1', ledger: 50, projection: 0 },
        { sku: 'JAM', lot: 'J1', location: 'WH2', ledger: 150, projection: 149 },
      ]);
    });

    it('finds an edited event column by its hash', async () => {
      await db().updateTable('events').set({ time: '2020-01-01T00:00:00.000Z' }).where('seq', '=', 3).execute();
      expect((await verifyLedger(t.app)).chain.firstBreak).toMatchObject({ seq: 3, problem: 'hash_mismatch' });
    });

    it('finds an edited ledger line (and the balance it no longer explains)', async () => {
      const shipment = await db().selectFrom('events').select('id').where('seq', '=', 4).executeTakeFirstOrThrow();
      await db().updateTable('event_lines').set({ quantity: -90_000_000 }).where('event_id', '=', shipment.id).execute();
      const report = await verifyLedger(t.app);
      expect(report.chain).toMatchObject({ ok: false, eventsChecked: 3, firstBreak: { seq: 4, problem: 'hash_mismatch' } });
      expect(report.balances.mismatches).toEqual([{ sku: 'JAM', lot: 'J1', location: 'WH2', ledger: 160, projection: 150 }]);
    });

    it('finds an edited genealogy link', async () => {
      await db().updateTable('lot_links').set({ quantity: sql`quantity * 2` }).execute();
      expect((await verifyLedger(t.app)).chain.firstBreak).toMatchObject({ seq: 2, problem: 'hash_mismatch' });
    });

    it('finds an edit whose hash was recomputed: the next event no longer links to it', async () => {
      await db().updateTable('events').set({ time: '2020-01-01T00:00:00.000Z' }).where('seq', '=', 2).execute();
      const edited = await verifyLedger(t.app);
      expect(edited.chain.firstBreak).toMatchObject({ seq: 2, problem: 'hash_mismatch' });
      // A careful forger also stores the matching hash of the edited event …
      await db().updateTable('events').set({ hash: edited.chain.firstBreak!.expected }).where('seq', '=', 2).execute();
      // … and is caught one event later, unless every later event is rewritten too.
      const forged = await verifyLedger(t.app);
      expect(forged.chain).toMatchObject({ ok: false, eventsChecked: 2, firstBreak: { seq: 3, problem: 'prev_hash_mismatch', expected: edited.chain.firstBreak!.expected } });
    });

    it('finds a deleted event by the gap in sequence numbers', async () => {
      const transfer = await db().selectFrom('events').select('id').where('seq', '=', 3).executeTakeFirstOrThrow();
      await db().deleteFrom('event_lines').where('event_id', '=', transfer.id).execute();
      await db().deleteFrom('events').where('id', '=', transfer.id).execute();
      const report = await verifyLedger(t.app);
      expect(report.chain.firstBreak).toMatchObject({ seq: 4, problem: 'sequence_gap', expected: '3', actual: '4' });
      expect(report.balances.ok).toBe(false);
    });
  });
}
