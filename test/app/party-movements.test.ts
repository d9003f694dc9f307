import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordEvents } from '../../src/app/event-batch.js';
import { createItem } from '../../src/app/items.js';
import { createLocation } from '../../src/app/locations.js';
import { createParty } from '../../src/app/parties.js';
import { recordProduction } from '../../src/app/productions.js';
import { receiptBuilder, recordReceipt } from '../../src/app/receipts.js';
import { recordReturn } from '../../src/app/returns.js';
import { reverseEvent } from '../../src/app/reversals.js';
import { recordShipment } from '../../src/app/shipments.js';
import { traceLot } from '../../src/app/trace.js';
import { verifyLedger } from '../../src/app/verify.js';
import { up as partyMovementsMigration } from '../../src/store/migrations/2026-12-02-009-party-movements.js';
import { DIALECTS, openTestApp, type TestContext } from '../helpers/test-app.js';

/**
 * The party-movement projection the trace reads: kept by both event writers with the lines,
 * emptied of reversed events, backfilled by its migration and checked by `verifyLedger`.
 */
for (const dialect of DIALECTS) {
  describe(`party movements (${dialect})`, () => {
    let t: TestContext;
    let reversedShipment: string;
    const db = () => t.app.store.db;
    const rows = async () =>
      (
        await db()
          .selectFrom('party_movements')
          .innerJoin('lots', 'lots.id', 'party_movements.lot_id')
          .select(['party_movements.type', 'party_movements.party', 'lots.code', 'party_movements.quantity', 'party_movements.event_id'])
          .orderBy('party_movements.seq')
          .orderBy('party_movements.line_no')
          .execute()
      ).map((r) => `${r.type} ${r.party} ${r.code} ${Number(r.quantity) / 1_000_000}`);

    beforeEach(async () => {
      t = await openTestApp(dialect);
      const { app } = t;
      await createLocation(app, { code: 'WH1', name: 'Plant' });
      await createItem(app, { sku: 'SUGAR', name: 'Sugar', uom: 'kg' });
      await createItem(app, { sku: 'JAM', name: 'Jam', shelfLifeDays: 365 });
      await createParty(app, { code: 'FARM', name: 'Farm', roles: ['supplier'] });
      await createParty(app, { code: 'SHOP', name: 'Shop', roles: ['customer'] });
      await createParty(app, { code: 'DELI', name: 'Deli', roles: ['customer'] });
      await recordReceipt(app, { supplier: 'FARM', location: 'WH1', documents: [{ type: 'invoice', number: 'INV-1' }], lines: [{ sku: 'SUGAR', lot: 'S1', quantity: 50 }] });
      const receipt = { supplier: 'FARM', location: 'WH1', lines: [{ sku: 'SUGAR', lot: 'S2', quantity: 25 }] };
      await recordEvents(app, [{ request: { route: 'receipts', body: receipt }, build: receiptBuilder(app, receipt) }]);
      await recordProduction(app, { location: 'WH1', inputs: [{ sku: 'SUGAR', lot: 'S1', quantity: 30 }], outputs: [{ sku: 'JAM', lot: 'J1', quantity: 100 }] });
      const shipped = await recordShipment(app, { customer: 'SHOP', location: 'WH1', lines: [{ sku: 'JAM', lot: 'J1', quantity: 40 }] });
      await recordReturn(app, { customer: 'SHOP', location: 'WH1', shipment: shipped.event.id, disposition: 'restock', lines: [{ sku: 'JAM', lot: 'J1', quantity: 5 }] });
      reversedShipment = (await recordShipment(app, { customer: 'DELI', location: 'WH1', lines: [{ sku: 'JAM', lot: 'J1', quantity: 10 }] })).event.id;
      await reverseEvent(app, reversedShipment, { reason: 'keyed twice' });
    });
    afterEach(() => t.close());

    it('holds the receipt, shipment and return lines of events not reversed, and nothing else', async () => {
      expect(await rows()).toEqual(['receipt FARM S1 50', 'receipt FARM S2 25', 'shipment SHOP J1 -40', 'return SHOP J1 5']);
      expect((await verifyLedger(t.app)).partyMovements).toMatchObject({ ok: true, checked: 4, mismatchCount: 0 });
      const trace = await traceLot(t.app, 'SUGAR', 'S1', 'forward');
      expect(trace.shipments.map((s) => [s.customer, s.quantity])).toEqual([['SHOP', 40]]);
      expect(trace.customers.map((c) => [c.code, c.name, c.quantity, c.returned])).toEqual([['SHOP', 'Shop', 40, 5]]);
      const back = await traceLot(t.app, 'JAM', 'J1', 'backward');
      expect(back.receipts.map((r) => [r.lot, r.supplierName, r.documents])).toEqual([['S1', 'Farm', [{ type: 'invoice', number: 'INV-1' }]]]);
    });

    it('is backfilled from the ledger by its migration', async () => {
      const before = await rows();
      await sql`drop table party_movements`.execute(db());
      await partyMovementsMigration(db(), dialect);
      expect(await rows()).toEqual(before);
      expect((await verifyLedger(t.app)).ok).toBe(true);
    });

    it('is checked by verify in both directions, and against edits of its events', async () => {
      await db().deleteFrom('party_movements').where('type', '=', 'return').execute();
      const deli = await db().selectFrom('events').select(['seq', 'documents']).where('id', '=', reversedShipment).executeTakeFirstOrThrow();
      const j1 = await db().selectFrom('lots').select('id').where('code', '=', 'J1').executeTakeFirstOrThrow();
      await db()
        .insertInto('party_movements')
        .values({ lot_id: j1.id, seq: deli.seq, line_no: 1, event_id: reversedShipment, type: 'shipment', time: '2026-01-01T00:00:00.000Z', party: 'DELI', location: 'WH1', quantity: -10_000_000, shipment_id: null, documents: deli.documents })
        .execute();
      const report = await verifyLedger(t.app);
      expect(report.ok).toBe(false);
      expect(report.partyMovements).toMatchObject({ ok: false, mismatchCount: 2 });
      expect(report.partyMovements.mismatches.map((m) => [m.lot, m.problem])).toEqual([
        ['J1', 'missing'],
        ['J1', 'unexpected'],
      ]);
      // The projection keeps what was recorded: an event edited afterwards no longer matches it.
      await db().updateTable('events').set({ documents: '[]' }).where('type', '=', 'receipt').execute(); // S1's invoice
      expect((await verifyLedger(t.app)).partyMovements.mismatches.map((m) => [m.lot, m.problem])).toEqual([
        ['S1', 'differs'],
        ['J1', 'missing'],
        ['J1', 'unexpected'],
      ]);
    });
  });
}
