import { describe, expect, it } from 'vitest';
import type { Trace, TraceLot } from './api';
import { mergeTraces } from './impact';

const balance = { received: 0, produced: 0, returned: 0, adjusted: 0, consumed: 0, shipped: 0, writtenOff: 0, returnedToSupplier: 0, onHand: 0, difference: 0, closes: true };

function lot(sku: string, code: string, depth: number, uom = 'ea'): TraceLot {
  return {
    sku,
    lot: code,
    uom,
    depth,
    side: depth === 0 ? 'root' : 'forward',
    status: 'available',
    origin: depth === 0 ? 'receipt' : 'production',
    supplier: null,
    supplierLot: null,
    productionDate: null,
    expiryDate: null,
    onHand: 0,
    massBalance: balance,
  };
}

function trace(root: string, lots: TraceLot[], customers: Trace['customers'], onHand: Trace['onHand']): Trace {
  return {
    root: { sku: 'RM', lot: root },
    roots: [{ sku: 'RM', lot: root }],
    direction: 'forward',
    lots,
    links: [],
    receipts: [],
    shipments: [],
    returns: [],
    customers,
    onHand,
    massBalance: { closes: true, lots: lots.length, unbalanced: [] },
  };
}

const customer = (code: string, lots: { sku: string; lot: string; shipped: number; returned: number }[]) => ({
  code,
  name: `Customer ${code}`,
  email: null,
  phone: null,
  address: null,
  quantity: lots.reduce((s, l) => s + l.shipped, 0),
  returned: lots.reduce((s, l) => s + l.returned, 0),
  lots,
});

describe('the impact of recalling several lots', () => {
  // Two strawberry lots went into the same jam batch J1; only S2 also went into J2.
  const s1 = trace(
    'S1',
    [lot('RM', 'S1', 0, 'kg'), lot('JAM', 'J1', 1)],
    [customer('C1', [{ sku: 'JAM', lot: 'J1', shipped: 50, returned: 10 }])],
    [{ sku: 'JAM', lot: 'J1', location: 'WH1', quantity: 190, status: 'available' }],
  );
  const s2 = trace(
    'S2',
    [lot('RM', 'S2', 0, 'kg'), lot('JAM', 'J1', 1), lot('JAM', 'J2', 1)],
    [customer('C1', [{ sku: 'JAM', lot: 'J1', shipped: 50, returned: 10 }, { sku: 'JAM', lot: 'J2', shipped: 5, returned: 0 }]), customer('C2', [{ sku: 'JAM', lot: 'J2', shipped: 70, returned: 0 }])],
    [
      { sku: 'JAM', lot: 'J1', location: 'WH1', quantity: 190, status: 'available' },
      { sku: 'RM', lot: 'S2', location: 'WH1', quantity: 12.5, status: 'available' },
    ],
  );

  it('counts a shared descendant, its shipments and its stock once', () => {
    const impact = mergeTraces([s1, s2]);
    expect(impact.lots.map((l) => `${l.lot}:${l.side}`)).toEqual(['S1:root', 'S2:root', 'J1:forward', 'J2:forward']);
    expect(impact.customers.map((c) => [c.code, c.quantity, c.returned, c.lots.length])).toEqual([
      ['C2', 70, 0, 1],
      ['C1', 55, 10, 2],
    ]);
    expect(impact.onHand.map((l) => `${l.lot}@${l.location}:${l.quantity}`)).toEqual(['J1@WH1:190', 'S2@WH1:12.5']);
  });

  it('marks a chosen lot as recalled even when another chosen lot was made from it', () => {
    const jam = trace('J1', [lot('JAM', 'J1', 0)], [], []);
    const impact = mergeTraces([s1, { ...jam, roots: [{ sku: 'JAM', lot: 'J1' }] }]);
    expect(impact.lots.find((l) => l.lot === 'J1')).toMatchObject({ side: 'root', depth: 0 });
  });
});
