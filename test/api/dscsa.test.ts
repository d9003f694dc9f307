import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { created, expectError, ok } from '../helpers/fixtures.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

const TABLETS = { sku: 'AMOX-BULK', name: 'Amoxicillin 500 mg tablets (bulk)', ndc: '12345-678-90', strength: '500 mg', dosageForm: 'tablet', containerSize: '1000 tablets' };
const PACK = { sku: 'AMOX-30', name: 'Amoxicillin 500 mg, 30 tablets', ndc: '12345-679-01', strength: '500 mg', dosageForm: 'tablet', containerSize: '30 tablets' };
const GLOVES = { sku: 'GLOVES', name: 'Nitrile gloves' };
const MANUFACTURER = { code: 'MANUF', name: 'Acme Pharma Inc.', roles: ['supplier'], address: '100 Lab Way, Newark NJ 07102' };
const PHARMACY = { code: 'PHARM', name: 'Main Street Pharmacy', roles: ['customer'], address: '7 Main Street, Trenton NJ 08608' };
const DC = { code: 'DC1', name: 'East distribution center', gln: '0614141000012', address: '20 Depot Road, Edison NJ 08817' };

for (const dialect of DIALECTS) {
  describe(`DSCSA transaction data (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
      for (const item of [TABLETS, PACK, GLOVES]) await created(t.api.post('/items', item));
      for (const party of [MANUFACTURER, PHARMACY]) await created(t.api.post('/parties', party));
      await created(t.api.post('/locations', DC));
    });
    afterEach(async () => t.close());

    it('gives transaction information, history back to the manufacturer and the statement', async () => {
      expect(await ok(t.api.get('/items/AMOX-30'))).toMatchObject({ ndc: '12345-679-01', strength: '500 mg', dosageForm: 'tablet', containerSize: '30 tablets', ftl: false });
      const receipt = await created(t.api.post('/receipts', { supplier: 'MANUF', location: 'DC1', time: '2026-06-01T09:00:00Z', documents: [{ type: 'Invoice', number: 'AP-1001' }], lines: [{ sku: 'AMOX-BULK', lot: 'B100', quantity: 10 }, { sku: 'GLOVES', lot: 'G1', quantity: 5 }] }));
      const repack = await created(t.api.post('/productions', { location: 'DC1', time: '2026-06-05T09:00:00Z', inputs: [{ sku: 'AMOX-BULK', lot: 'B100', quantity: 1 }], outputs: [{ sku: 'AMOX-30', lot: 'P30', quantity: 33 }] }));
      const shipment = await created(t.api.post('/shipments', { customer: 'PHARM', location: 'DC1', time: '2026-06-10T09:00:00Z', documents: [{ type: 'Invoice', number: 'INV-7' }], lines: [{ sku: 'AMOX-BULK', lot: 'B100', quantity: 2 }, { sku: 'AMOX-30', lot: 'P30', quantity: 12 }, { sku: 'GLOVES', lot: 'G1', quantity: 1 }] }));

      const d = await ok(t.api.get(`/shipments/${shipment.id}/dscsa`));
      expect(d).toMatchObject({
        shipment: shipment.id,
        transactionDate: '2026-06-10',
        shipmentDate: '2026-06-10',
        seller: { code: 'DC1', name: DC.name, address: DC.address, gln: DC.gln },
        buyer: { code: 'PHARM', name: PHARMACY.name, address: PHARMACY.address },
        documents: [{ type: 'Invoice', number: 'INV-7' }],
      });
      // The gloves have no NDC and are no part of the DSCSA transaction.
      expect(d.transactionInformation).toEqual([
        { productName: TABLETS.name, strength: '500 mg', dosageForm: 'tablet', ndc: '12345-678-90', containerSize: '1000 tablets', numberOfContainers: 2, sku: 'AMOX-BULK', lotNumber: 'B100' },
        { productName: PACK.name, strength: '500 mg', dosageForm: 'tablet', ndc: '12345-679-01', containerSize: '30 tablets', numberOfContainers: 12, sku: 'AMOX-30', lotNumber: 'P30' },
      ]);
      const manufacturerReceipt = { type: 'receipt', sku: 'AMOX-BULK', lot: 'B100', event: receipt.id, date: '2026-06-01', quantity: 10, from: { code: 'MANUF', name: MANUFACTURER.name, address: MANUFACTURER.address }, location: 'DC1', documents: [{ type: 'Invoice', number: 'AP-1001' }], inputs: [] };
      expect(d.transactionHistory).toEqual([
        { sku: 'AMOX-BULK', lot: 'B100', transactions: [manufacturerReceipt] },
        {
          sku: 'AMOX-30',
          lot: 'P30',
          transactions: [
            { type: 'production', sku: 'AMOX-30', lot: 'P30', event: repack.id, date: '2026-06-05', quantity: 33, from: null, location: 'DC1', documents: [], inputs: [{ sku: 'AMOX-BULK', lot: 'B100', quantity: 1 }] },
            manufacturerReceipt,
          ],
        },
      ]);
      expect(d.transactionStatement).toMatch(/authorized as required under the Drug Supply Chain Security Act/);
      expect(d.transactionStatement).toMatch(/did not knowingly ship a suspect or illegitimate product/);
    });

    it('404 for unknown events and events that are not shipments; 409 without an NDC line; 400 for a bad NDC', async () => {
      const receipt = await created(t.api.post('/receipts', { supplier: 'MANUF', location: 'DC1', lines: [{ sku: 'GLOVES', lot: 'G1', quantity: 5 }] }));
      const shipment = await created(t.api.post('/shipments', { customer: 'PHARM', location: 'DC1', lines: [{ sku: 'GLOVES', lot: 'G1', quantity: 1 }] }));
      expectError(await t.api.get('/shipments/nope/dscsa'), 404, 'not_found');
      expectError(await t.api.get(`/shipments/${receipt.id}/dscsa`), 404, 'not_found');
      expectError(await t.api.get(`/shipments/${shipment.id}/dscsa`), 409, 'conflict');
      expectError(await t.api.post('/items', { sku: 'BAD', name: 'bad', ndc: '12-34' }), 400, 'invalid_request', 'ndc');
    });
  });
}
