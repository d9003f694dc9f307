import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordEvents } from '../../src/app/event-batch.js';
import { createItem } from '../../src/app/items.js';
import { createLocation } from '../../src/app/locations.js';
import { getLot } from '../../src/app/lots.js';
import { createParty } from '../../src/app/parties.js';
import { recordProduction } from '../../src/app/productions.js';
import { receiptBuilder, recordReceipt } from '../../src/app/receipts.js';
import { recordShipment } from '../../src/app/shipments.js';
import { recordTransfer } from '../../src/app/transfers.js';
import { verifyLedger } from '../../src/app/verify.js';
import { up as lotFlowsMigration } from '../../src/store/migrations/2026-11-29-006-lot-flows.js';
import { DIALECTS, openTestApp, type TestContext } from '../helpers/test-app.js';

/** The lot-flow projection: kept by both event writers with the lines, and backfilled by its migration. */
for (const dialect of DIALECTS) {
  describe(`lot flows (${dialect})`, () => {
    let t: TestContext;
    const db = () => t.app.store.db;
    const flows = async () =>
      (await db().selectFrom('lot_flows').innerJoin('lots', 'lots.id', 'lot_flows.lot_id').select(['lots.code', 'lot_flows.movement', 'lot_flows.quantity']).orderBy('lots.code').orderBy('lot_flows.movement').execute()).map(
        (r) => `${r.code} ${r.movement} ${Number(r.quantity) / 1_000_000}`,
      );

    beforeEach(async () => {
      t = await openTestApp(dialect);
      const { app } = t;
      await createLocation(app, { code: 'WH1', name: 'Plant' });
      await createLocation(app, { code: 'WH2', name: 'Distribution centre' });
      await createItem(app, { sku: 'SUGAR', name: 'Sugar', uom: 'kg' });
      await createItem(app, { sku: 'JAM', name: 'Jam', shelfLifeDays: 365 });
      await createParty(app, { code: 'FARM', name: 'Farm', roles: ['supplier'] });
      await createParty(app, { code: 'SHOP', name: 'Shop', roles: ['customer'] });
      await recordReceipt(app, { supplier: 'FARM', location: 'WH1', lines: [{ sku: 'SUGAR', lot: 'S1', quantity: 50 }] });
      // Batched: two receipts into the same lot in one transaction add up in one upsert.
      const receipt = { supplier: 'FARM', location: 'WH1', lines: [{ sku: 'SUGAR', lot: 'S1', quantity: 25 }] };
      await recordEvents(app, [
        { request: { route: 'receipts', body: receipt }, build: receiptBuilder(app, receipt) },
        { request: { route: 'receipts', body: receipt }, build: receiptBuilder(app, receipt) },
      ]);
      for (const lot of ['J1', 'J2']) {
        await recordProduction(app, { location: 'WH1', inputs: [{ sku: 'SUGAR', lot: 'S1', quantity: 30 }], outputs: [{ sku: 'JAM', lot, quantity: 100 }] });
      }
      await recordTransfer(app, { from: 'WH1', to: 'WH2', lines: [{ sku: 'JAM', lot: 'J1', quantity: 80 }] });
      await recordShipment(app, { customer: 'SHOP', location: 'WH2', lines: [{ sku: 'JAM', lot: 'J1', quantity: 70 }] });
    });
    afterEach(() => t.close());

    it('holds the sums of the lines per lot and movement, written with them', async () => {
      expect(await flows()).toEqual([
        'J1 production 100',
        'J1 shipment -70',
        'J1 transfer_in 80',
        'J1 transfer_out -80',
        'J2 production 100',
        'S1 consumption -60',
        'S1 receipt 100',
      ]);
      expect((await verifyLedger(t.app)).lotFlows).toMatchObject({ ok: true, checked: 7 });
      const s1 = await getLot(t.app, 'SUGAR', 'S1');
      expect(s1.totals).toMatchObject({ received: 100, consumed: 60, onHand: 40 });
    });

    it('is backfilled from the ledger lines by its migration', async () => {
      const before = await flows();
      await sql`drop table lot_flows`.execute(db());
      await lotFlowsMigration(db(), dialect);
      expect(await flows()).toEqual(before);
      expect((await verifyLedger(t.app)).ok).toBe(true);
    });
  });
}
