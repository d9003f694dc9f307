import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordEvents } from '../../src/app/event-batch.js';
import { loadEventViews } from '../../src/app/event-views.js';
import type { Recorded } from '../../src/app/event-writer.js';
import { holdLot } from '../../src/app/holds.js';
import { createItem } from '../../src/app/items.js';
import { createLocation } from '../../src/app/locations.js';
import { createParty } from '../../src/app/parties.js';
import { productionBuilder, recordProduction } from '../../src/app/productions.js';
import { receiptBuilder, recordReceipt } from '../../src/app/receipts.js';
import { recordReturn } from '../../src/app/returns.js';
import { reverseEvent } from '../../src/app/reversals.js';
import { recordShipment, shipmentBuilder } from '../../src/app/shipments.js';
import { recordSupplierReturn } from '../../src/app/supplier-returns.js';
import { recordTransfer } from '../../src/app/transfers.js';
import { DIALECTS, openTestApp, type TestContext } from '../helpers/test-app.js';

/**
 * The writers build the view of an event they have just appended from the rows they wrote rather
 * than reading it back: it must be exactly what reading it back gives, for every shape of event.
 */
for (const dialect of DIALECTS) {
  describe(`views of recorded events (${dialect})`, () => {
    let t: TestContext;
    const stored = async (recorded: Recorded) => {
      const [view] = await loadEventViews(t.app.store.db, [recorded.event.id]);
      return view;
    };
    const same = async (recorded: Recorded) => expect(recorded.event).toEqual(await stored(recorded));

    beforeEach(async () => {
      t = await openTestApp(dialect);
      const { app } = t;
      await createLocation(app, { code: 'WH1', name: 'Plant' });
      await createLocation(app, { code: 'WH2', name: 'Distribution centre' });
      await createItem(app, { sku: 'SUGAR', name: 'Sugar', uom: 'kg' });
      await createItem(app, { sku: 'JAM', name: 'Jam', shelfLifeDays: 365 });
      await createParty(app, { code: 'FARM', name: 'Farm', roles: ['supplier'] });
      await createParty(app, { code: 'SHOP', name: 'Shop', roles: ['customer'] });
    });
    afterEach(() => t.close());

    it('is the stored event for every kind the writer appends one by one', async () => {
      const { app } = t;
      const receipt = await recordReceipt(app, {
        supplier: 'FARM',
        location: 'WH1',
        documents: [{ type: 'invoice', number: 'INV-1' }],
        lines: [
          { sku: 'SUGAR', lot: 'S1', quantity: 50, expiryDate: '2027-01-01' },
          { sku: 'SUGAR', lot: 'S2', quantity: 0.25 },
          { sku: 'SUGAR', lot: 'S1', quantity: 5 },
        ],
      });
      await same(receipt);
      const production = await recordProduction(app, { location: 'WH1', inputs: [{ sku: 'SUGAR', lot: 'S1', quantity: 30 }, { sku: 'SUGAR', lot: 'S2', quantity: 0.25 }], outputs: [{ sku: 'JAM', lot: 'J1', quantity: 100 }] });
      await same(production);
      await same(await recordTransfer(app, { from: 'WH1', to: 'WH2', lines: [{ sku: 'JAM', lot: 'J1', quantity: 80 }] }));
      const shipment = await recordShipment(app, { customer: 'SHOP', location: 'WH2', lines: [{ sku: 'JAM', quantity: 70 }] });
      await same(shipment);
      expect(shipment.event.allocation).not.toBeNull();
      await same(await recordReturn(app, { customer: 'SHOP', location: 'WH2', shipment: shipment.event.id, disposition: 'restock', lines: [{ sku: 'JAM', lot: 'J1', quantity: 5 }] }));
      const supplierReturn = await recordSupplierReturn(app, { supplier: 'FARM', location: 'WH1', receipt: receipt.event.id, lines: [{ sku: 'SUGAR', lot: 'S1', quantity: 1 }] });
      await same(supplierReturn);
      await same(await holdLot(app, 'JAM', 'J1', { reason: 'QA' }));
      await same(await reverseEvent(app, supplierReturn.event.id, { reason: 'sent back by mistake' }));
      // Replays come from the stored event.
      const key = 'same-receipt';
      const body = { supplier: 'FARM', location: 'WH1', lines: [{ sku: 'SUGAR', lot: 'S3', quantity: 1 }] };
      await same(await recordReceipt(app, body, key));
      const replay = await recordReceipt(app, body, key);
      expect(replay.replayed).toBe(true);
      await same(replay);
    });

    it('is the stored event for every event of a batch, replayed ones included', async () => {
      const { app } = t;
      const receipt = { supplier: 'FARM', location: 'WH1', lines: [{ sku: 'SUGAR', lot: 'S1', quantity: 50 }] };
      const production = { location: 'WH1', inputs: [{ sku: 'SUGAR', lot: 'S1', quantity: 10 }], outputs: [{ sku: 'JAM', lot: 'J1', quantity: 20 }, { sku: 'JAM', lot: 'J2', quantity: 20 }] };
      const shipment = { customer: 'SHOP', location: 'WH1', lines: [{ sku: 'JAM', lot: 'J1', quantity: 5 }, { sku: 'JAM', lot: 'J2', quantity: 5 }] };
      const first = await recordEvents(app, [{ request: { route: 'receipts', body: receipt, idempotencyKey: 'r1' }, build: receiptBuilder(app, receipt) }]);
      const batch = await recordEvents(app, [
        { request: { route: 'receipts', body: receipt, idempotencyKey: 'r1' }, build: receiptBuilder(app, receipt) },
        { request: { route: 'receipts', body: receipt }, build: receiptBuilder(app, receipt) },
        { request: { route: 'productions', body: production }, build: productionBuilder(app, production) },
        { request: { route: 'shipments', body: shipment }, build: shipmentBuilder(app, shipment) },
      ]);
      expect(batch.map((r) => r.replayed)).toEqual([true, false, false, false]);
      expect(batch[0]!.event).toEqual(first[0]!.event);
      for (const recorded of batch) await same(recorded);
    });
  });
}
