import { expect } from 'vitest';
import type { Api } from '../helpers/test-app.js';

/** Posts and insists on success, so a broken setup fails at the step that broke. */
export async function ok(api: Api, path: string, body: unknown): Promise<any> {
  const res = await api.post(path, body);
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}

/**
 * A jam maker's ledger exercising every genealogy shape the trace must handle:
 * three levels (raw → jam → gift box), several farms' strawberries commingled into one jam lot,
 * one strawberry lot split over several batches and outputs, a transfer between warehouses,
 * a lot returned by one customer and re-shipped to another, and a rework cycle J2 → J4 → J2.
 */
export async function buildJamLedger(api: Api): Promise<{ shipments: Record<string, string> }> {
  for (const [sku, name, uom] of [
    ['STRAW', 'Strawberries', 'kg'],
    ['SUGAR', 'Sugar', 'kg'],
    ['JAM', 'Strawberry jam 370 g', 'ea'],
    ['BOX', 'Gift box of jams', 'ea'],
  ]) {
    await ok(api, '/items', { sku, name, uom, shelfLifeDays: 365 });
  }
  await ok(api, '/parties', { code: 'FARM-A', name: 'Farm A', roles: ['supplier'] });
  await ok(api, '/parties', { code: 'FARM-B', name: 'Farm B', roles: ['supplier'] });
  await ok(api, '/parties', { code: 'SUGARCO', name: 'Sugar Co', roles: ['supplier'] });
  await ok(api, '/parties', { code: 'C1', name: 'Big Box', roles: ['customer'], email: 'qa@bigbox.example', phone: '+1 555 0101' });
  await ok(api, '/parties', { code: 'C2', name: 'Corner Shop', roles: ['customer'], phone: '+1 555 0102' });
  await ok(api, '/parties', { code: 'C3', name: 'Discount Store', roles: ['customer'] });
  await ok(api, '/locations', { code: 'WH1', name: 'Plant' });
  await ok(api, '/locations', { code: 'WH2', name: 'Distribution centre' });

  await ok(api, '/receipts', {
    supplier: 'FARM-A',
    location: 'WH1',
    documents: [{ type: 'PO', number: 'PO-1' }, { type: 'invoice', number: 'INV-1' }],
    lines: [{ sku: 'STRAW', lot: 'S1', quantity: 100, supplierLot: 'FA-77' }],
  });
  await ok(api, '/receipts', { supplier: 'FARM-B', location: 'WH1', lines: [{ sku: 'STRAW', lot: 'S2', quantity: 100 }] });
  await ok(api, '/receipts', { supplier: 'SUGARCO', location: 'WH1', lines: [{ sku: 'SUGAR', lot: 'G1', quantity: 500 }] });

  await ok(api, '/productions', {
    location: 'WH1',
    inputs: [{ sku: 'STRAW', lot: 'S1', quantity: 40 }, { sku: 'STRAW', lot: 'S2', quantity: 30 }, { sku: 'SUGAR', lot: 'G1', quantity: 50 }],
    outputs: [{ sku: 'JAM', lot: 'J1', quantity: 300 }],
  });
  await ok(api, '/productions', {
    location: 'WH1',
    inputs: [{ sku: 'STRAW', lot: 'S1', quantity: 20 }, { sku: 'SUGAR', lot: 'G1', quantity: 20 }],
    outputs: [{ sku: 'JAM', lot: 'J2', quantity: 100 }, { sku: 'JAM', lot: 'J3', quantity: 50 }],
  });
  await ok(api, '/productions', {
    location: 'WH1',
    inputs: [{ sku: 'JAM', lot: 'J1', quantity: 10 }, { sku: 'JAM', lot: 'J2', quantity: 10 }],
    outputs: [{ sku: 'BOX', lot: 'B1', quantity: 10 }],
  });
  await ok(api, '/transfers', { from: 'WH1', to: 'WH2', lines: [{ sku: 'JAM', lot: 'J1', quantity: 100 }] });
  const toC1 = await ok(api, '/shipments', { customer: 'C1', location: 'WH2', documents: [{ type: 'invoice', number: 'INV-100' }], lines: [{ sku: 'JAM', lot: 'J1', quantity: 50 }] });
  const boxToC2 = await ok(api, '/shipments', { customer: 'C2', location: 'WH1', lines: [{ sku: 'BOX', lot: 'B1', quantity: 5 }, { sku: 'JAM', lot: 'J3', quantity: 20 }] });
  await ok(api, '/returns', { customer: 'C1', location: 'WH2', shipment: toC1.id, disposition: 'restock', lines: [{ sku: 'JAM', lot: 'J1', quantity: 10 }] });
  const toC3 = await ok(api, '/shipments', { customer: 'C3', location: 'WH2', lines: [{ sku: 'JAM', lot: 'J1', quantity: 10 }] });
  // Rework: part of J2 reprocessed into J4, and part of J4 blended back into J2.
  await ok(api, '/productions', { location: 'WH1', inputs: [{ sku: 'JAM', lot: 'J2', quantity: 5 }], outputs: [{ sku: 'JAM', lot: 'J4', quantity: 5 }] });
  await ok(api, '/productions', { location: 'WH1', inputs: [{ sku: 'JAM', lot: 'J4', quantity: 2 }], outputs: [{ sku: 'JAM', lot: 'J2', quantity: 2 }] });
  return { shipments: { toC1: toC1.id, boxToC2: boxToC2.id, toC3: toC3.id } };
}

export const lotNames = (lots: { sku: string; lot: string }[]): string[] => lots.map((l) => `${l.sku}/${l.lot}`).sort();
