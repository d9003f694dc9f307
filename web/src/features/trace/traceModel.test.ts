import { describe, expect, it } from 'vitest';
import { buildTraceGraph, type CustomerExposure, type Trace, type TraceLot } from './traceModel';

const balance = { received: 0, produced: 0, returned: 0, adjusted: 0, consumed: 0, shipped: 0, writtenOff: 0, returnedToSupplier: 0, onHand: 0, difference: 0, closes: true };

function lot(sku: string, code: string, depth: number, side: TraceLot['side'], uom: string, shipped = 0): TraceLot {
  return {
    sku,
    lot: code,
    uom,
    depth,
    side,
    status: 'available',
    origin: depth === 0 ? 'receipt' : 'production',
    supplier: null,
    supplierLot: null,
    productionDate: null,
    expiryDate: null,
    onHand: 0,
    massBalance: { ...balance, shipped },
  };
}

function customer(code: string, shipments: { lot: string; shipped: number }[]): CustomerExposure {
  return {
    code,
    name: `Customer ${code}`,
    email: null,
    phone: null,
    address: null,
    quantity: shipments.reduce((sum, s) => sum + s.shipped, 0),
    returned: 0,
    lots: shipments.map((s) => ({ sku: 'JAM', lot: s.lot, shipped: s.shipped, returned: 0 })),
  };
}

function trace(parts: Partial<Trace>): Trace {
  return {
    root: { sku: 'RM', lot: 'R1' },
    roots: [{ sku: 'RM', lot: 'R1' }],
    direction: 'forward',
    lots: [],
    links: [],
    receipts: [],
    shipments: [],
    returns: [],
    customers: [],
    onHand: [],
    massBalance: { closes: true, lots: 0, unbalanced: [] },
    ...parts,
  };
}

describe('buildTraceGraph', () => {
  const lots = [lot('RM', 'R1', 0, 'root', 'kg'), lot('JAM', 'A', 1, 'forward', 'ea'), lot('JAM', 'B', 1, 'forward', 'ea')];
  const links = [
    { from: { sku: 'RM', lot: 'R1' }, to: { sku: 'JAM', lot: 'A' }, quantity: 10.5, event: 'e1' },
    { from: { sku: 'RM', lot: 'R1' }, to: { sku: 'JAM', lot: 'A' }, quantity: 0.25, event: 'e2' },
    { from: { sku: 'RM', lot: 'R1' }, to: { sku: 'JAM', lot: 'B' }, quantity: 4, event: 'e3' },
  ];
  const receipts = [
    { sku: 'RM', lot: 'R1', event: 'r1', supplier: 'FARM', supplierName: 'The Farm', supplierLot: 'F-1', location: 'WH1', quantity: 20, time: '2026-01-01T00:00:00Z', documents: [] },
  ];

  it('draws suppliers, lots and customers with the quantities on the edges, in each lot’s unit', () => {
    const graph = buildTraceGraph(trace({ lots, links, receipts, customers: [customer('C1', [{ lot: 'A', shipped: 12 }])] }));
    expect(graph.nodes.map((n) => n.kind).sort()).toEqual(['customer', 'lot', 'lot', 'lot', 'supplier']);
    const labels = graph.edges.map((e) => e.label).sort();
    // Two productions from R1 into A become one edge with their sum.
    expect(labels).toEqual(['10.75 kg', '12 ea', '20 kg', '4 kg']);
    expect(graph.nodes.find((n) => n.kind === 'lot' && n.root)).toMatchObject({ lot: { lot: 'R1' } });
    expect(graph.hiddenCustomers).toBe(0);
  });

  it('keeps the largest customers and folds the rest into one "+N more" node per lot they came from', () => {
    const customers = [
      customer('BIG', [{ lot: 'A', shipped: 100 }]),
      customer('MID', [{ lot: 'B', shipped: 50 }]),
      customer('S1', [{ lot: 'A', shipped: 3 }]),
      customer('S2', [
        { lot: 'A', shipped: 2 },
        { lot: 'B', shipped: 1 },
      ]),
      customer('S3', [{ lot: 'B', shipped: 1 }]),
    ];
    const graph = buildTraceGraph(trace({ lots, links, customers }), 2);
    const drawn = graph.nodes.flatMap((n) => (n.kind === 'customer' ? [n.customer.code] : []));
    expect(drawn).toEqual(['BIG', 'MID']);
    const more = graph.nodes.flatMap((n) => (n.kind === 'more' ? [{ count: n.count, totals: [...n.totals] }] : []));
    expect(more).toEqual([
      { count: 2, totals: [['ea', 5]] },
      { count: 2, totals: [['ea', 2]] },
    ]);
    expect(graph.hiddenCustomers).toBe(3);
  });

  it('folds the smallest lots of a crowded depth and what only they reach', () => {
    const crowded = [lot('RM', 'R1', 0, 'root', 'kg'), lot('JAM', 'A', 1, 'forward', 'ea', 90), lot('JAM', 'B', 1, 'forward', 'ea', 10), lot('JAM', 'C', 1, 'forward', 'ea', 5)];
    const crowdedLinks = [...links, { from: { sku: 'RM', lot: 'R1' }, to: { sku: 'JAM', lot: 'C' }, quantity: 1, event: 'e4' }];
    const customers = [customer('ONLY-C', [{ lot: 'C', shipped: 5 }]), customer('A1', [{ lot: 'A', shipped: 90 }])];
    const graph = buildTraceGraph(trace({ lots: crowded, links: crowdedLinks, customers }), 2);
    const drawnLots = graph.nodes.flatMap((n) => (n.kind === 'lot' ? [n.lot.lot] : []));
    expect(drawnLots.sort()).toEqual(['A', 'B', 'R1']);
    const more = graph.nodes.find((n) => n.kind === 'more');
    expect(more).toMatchObject({ what: 'lots', count: 1 });
    expect(graph.edges.find((e) => e.target === more?.id)).toMatchObject({ label: '1 kg' });
    expect(graph.nodes.some((n) => n.kind === 'customer' && n.customer.code === 'ONLY-C')).toBe(false);
    expect(graph.hiddenLots).toBe(1);
    expect(graph.hiddenCustomers).toBe(1);
  });
});
