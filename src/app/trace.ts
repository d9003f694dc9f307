import { Invalid, NotFound } from '../domain/errors.js';
import type { DocumentRef, Movement } from '../domain/ledger.js';
import { lotStatus, type LotStatus } from '../domain/lot-status.js';
import { fromMicro } from '../domain/quantity.js';
import { addFlow, massBalance, noFlows, placeLots, type Flows, type MassBalance, type Placement, type TraceDirection } from '../domain/trace.js';
import { findLots, type LotRow } from '../store/lots.repository.js';
import { traceRows, type BalanceOfLot, type ClosureLot, type LinkRow, type MovementRow, type PartyContact } from '../store/trace.repository.js';
import type { Tx } from '../store/transaction.js';
import type { App } from './context.js';
import { lotLabel } from './references.js';

/** Everything known about the closure of some lots, in micro-units, before it is shaped for output. */
export interface TraceData {
  roots: LotRow[];
  lots: ClosureLot[];
  placement: Map<number, Placement>;
  links: LinkRow[];
  balances: BalanceOfLot[];
  movements: MovementRow[];
  /** The suppliers and customers of the movements, by code. */
  parties: Map<string, PartyContact>;
  balanceByLot: Map<number, MassBalance>;
}

/**
 * Collects the closure of the roots and its receipts, shipments, returns, stock and mass balance
 * in one statement whatever the size of the closure (see `traceRows`).
 */
export async function collectTrace(app: App, trx: Tx, roots: readonly LotRow[], direction: TraceDirection): Promise<TraceData> {
  const rootIds = roots.map((r) => r.id);
  const { lots, links, flows, balances, movements, parties } = await traceRows(trx, app.store.dialect, rootIds, direction);
  const flowsByLot = new Map<number, Flows>();
  for (const l of lots) flowsByLot.set(l.id, noFlows());
  for (const f of flows) addFlow(flowsByLot.get(f.lot_id)!, f.movement as Movement, f.quantity);
  const onHand = new Map<number, number>();
  for (const b of balances) onHand.set(b.lot_id, (onHand.get(b.lot_id) ?? 0) + b.quantity);
  const balanceByLot = new Map<number, MassBalance>();
  for (const l of lots) balanceByLot.set(l.id, massBalance(flowsByLot.get(l.id)!, onHand.get(l.id) ?? 0));
  const placement = placeLots(
    rootIds,
    links.map((l) => ({ fromLotId: l.from_lot_id, toLotId: l.to_lot_id })),
    direction,
  );
  return { roots: [...roots], lots, placement, links, balances, movements, parties: new Map(parties.map((p) => [p.code, p])), balanceByLot };
}

/** Resolves `{sku, lot}` references to lot rows; unknown lots are reported by `path`. */
export async function resolveLots(trx: Tx, refs: readonly { sku: string; lot: string }[], notFound: 'invalid' | 'not_found'): Promise<LotRow[]> {
  const rows = await findLots(trx, refs.map((r) => ({ sku: r.sku, code: r.lot })));
  const byKey = new Map(rows.map((r) => [lotLabel(r.sku, r.code), { ...r, id: Number(r.id) }]));
  return refs.map((r, i) => {
    const row = byKey.get(lotLabel(r.sku, r.lot));
    if (row) return row;
    if (notFound === 'not_found') throw new NotFound(`lot "${r.lot}" of item "${r.sku}" not found`);
    throw Invalid.at(`lots.${i}`, `unknown lot "${r.lot}" of item "${r.sku}"`);
  });
}

export interface LotRef {
  sku: string;
  lot: string;
}

export interface MassBalanceView {
  received: number;
  produced: number;
  returned: number;
  adjusted: number;
  consumed: number;
  shipped: number;
  writtenOff: number;
  returnedToSupplier: number;
  onHand: number;
  difference: number;
  closes: boolean;
}

export function massBalanceView(b: MassBalance): MassBalanceView {
  return {
    received: fromMicro(b.received),
    produced: fromMicro(b.produced),
    returned: fromMicro(b.returned),
    adjusted: fromMicro(b.adjusted),
    consumed: fromMicro(b.consumed),
    shipped: fromMicro(b.shipped),
    writtenOff: fromMicro(b.writtenOff),
    returnedToSupplier: fromMicro(b.returnedToSupplier),
    onHand: fromMicro(b.onHand),
    difference: fromMicro(b.difference),
    closes: b.closes,
  };
}

export interface TraceLotView extends LotRef {
  /** The item's unit of measure, in which every quantity of this lot is given. */
  uom: string;
  depth: number;
  side: Placement['side'];
  status: LotStatus;
  origin: string;
  supplier: string | null;
  supplierLot: string | null;
  productionDate: string | null;
  expiryDate: string | null;
  onHand: number;
  massBalance: MassBalanceView;
}

export interface ShipmentView extends LotRef {
  uom: string;
  event: string;
  customer: string;
  location: string;
  quantity: number;
  time: string;
  documents: DocumentRef[];
}

export interface CustomerView {
  code: string;
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  /** Units of the traced lots shipped to this customer (reversed shipments excluded). */
  quantity: number;
  /** Units of those lots the customer sent back. */
  returned: number;
  lots: (LotRef & { shipped: number; returned: number })[];
}

export interface TraceView {
  root: LotRef;
  roots: LotRef[];
  direction: TraceDirection;
  lots: TraceLotView[];
  links: { from: LotRef; to: LotRef; quantity: number; event: string }[];
  receipts: (LotRef & { event: string; supplier: string; supplierName: string; supplierLot: string | null; location: string; quantity: number; time: string; documents: DocumentRef[] })[];
  shipments: ShipmentView[];
  returns: (LotRef & { event: string; customer: string; location: string; shipment: string | null; quantity: number; time: string })[];
  customers: CustomerView[];
  onHand: (LotRef & { location: string; quantity: number; status: LotStatus })[];
  massBalance: { closes: boolean; lots: number; unbalanced: (LotRef & { difference: number })[] };
}

/** What one customer received of the traced lots and sent back, in micro-units. */
export interface Exposure {
  code: string;
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  shipped: number;
  returned: number;
  lots: Map<number, { shipped: number; returned: number }>;
}

/** Shipments and returns of the traced lots per customer (and per lot), summed exactly. */
export function customerExposures(data: TraceData): Map<string, Exposure> {
  const out = new Map<string, Exposure>();
  for (const m of data.movements) {
    if (m.type === 'receipt') continue;
    let c = out.get(m.party);
    if (!c) {
      const p = data.parties.get(m.party);
      c = { code: m.party, name: p?.name ?? m.party, email: p?.email ?? null, phone: p?.phone ?? null, address: p?.address ?? null, shipped: 0, returned: 0, lots: new Map() };
      out.set(m.party, c);
    }
    let perLot = c.lots.get(m.lot_id);
    if (!perLot) c.lots.set(m.lot_id, (perLot = { shipped: 0, returned: 0 }));
    const q = Math.abs(m.quantity);
    if (m.type === 'shipment') {
      perLot.shipped += q;
      c.shipped += q;
    } else {
      perLot.returned += q;
      c.returned += q;
    }
  }
  return out;
}

/** Shapes collected trace data for clients: codes instead of ids, decimal quantities. */
export function traceView(data: TraceData, direction: TraceDirection, today: string): TraceView {
  // A hub trace shapes tens of thousands of rows: each lot's reference is built once and shared by
  // every row that mentions it.
  const byId = new Map<number, ClosureLot>();
  const refs = new Map<number, LotRef>();
  for (const l of data.lots) {
    byId.set(l.id, l);
    refs.set(l.id, { sku: l.sku, lot: l.code });
  }
  const ref = (id: number): LotRef => refs.get(id)!;
  const onHandOf = new Map<number, number>();
  for (const b of data.balances) onHandOf.set(b.lot_id, (onHandOf.get(b.lot_id) ?? 0) + b.quantity);
  const statusOf = (l: LotRow) => lotStatus({ holdState: l.hold_state, expiryDate: l.expiry_date }, onHandOf.get(l.id) ?? 0, today);

  const lots: TraceLotView[] = data.lots
    .map((l) => {
      const place = data.placement.get(l.id) ?? { depth: 0, side: 'root' as const };
      return {
        sku: l.sku,
        lot: l.code,
        uom: l.uom,
        depth: place.depth,
        side: place.side,
        status: statusOf(l),
        origin: l.origin,
        supplier: l.supplier,
        supplierLot: l.supplier_lot,
        productionDate: l.production_date,
        expiryDate: l.expiry_date,
        onHand: fromMicro(onHandOf.get(l.id) ?? 0),
        massBalance: massBalanceView(data.balanceByLot.get(l.id)!),
      };
    })
    .sort((a, b) => a.depth - b.depth || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : a.lot < b.lot ? -1 : a.lot > b.lot ? 1 : 0));

  const receipts: TraceView['receipts'] = [];
  const shipments: ShipmentView[] = [];
  const returns: TraceView['returns'] = [];
  for (const m of data.movements) {
    const lot = byId.get(m.lot_id)!;
    if (m.type === 'receipt') {
      const supplierName = data.parties.get(m.party)?.name ?? m.party;
      receipts.push({ sku: lot.sku, lot: lot.code, event: m.event_id, supplier: m.party, supplierName, supplierLot: lot.supplier_lot, location: m.location, quantity: fromMicro(m.quantity), time: m.time, documents: m.documents });
    } else if (m.type === 'shipment') {
      shipments.push({ sku: lot.sku, lot: lot.code, uom: lot.uom, event: m.event_id, customer: m.party, location: m.location, quantity: fromMicro(-m.quantity), time: m.time, documents: m.documents });
    } else {
      returns.push({ sku: lot.sku, lot: lot.code, event: m.event_id, customer: m.party, location: m.location, shipment: m.shipment_id, quantity: fromMicro(m.quantity), time: m.time });
    }
  }
  const customerViews = [...customerExposures(data).values()]
    .map((c) => ({
      code: c.code,
      name: c.name,
      email: c.email,
      phone: c.phone,
      address: c.address,
      quantity: fromMicro(c.shipped),
      returned: fromMicro(c.returned),
      lots: [...c.lots].map(([id, q]) => {
        const lot = byId.get(id)!;
        return { sku: lot.sku, lot: lot.code, shipped: fromMicro(q.shipped), returned: fromMicro(q.returned) };
      }),
    }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));

  const unbalanced = lots.filter((l) => !l.massBalance.closes).map((l) => ({ sku: l.sku, lot: l.lot, difference: l.massBalance.difference }));
  const roots = data.roots.map((r) => ({ sku: r.sku, lot: r.code }));
  return {
    root: roots[0]!,
    roots,
    direction,
    lots,
    links: data.links.map((l) => ({ from: ref(l.from_lot_id), to: ref(l.to_lot_id), quantity: fromMicro(l.quantity), event: l.event_id })),
    receipts,
    shipments,
    returns,
    customers: customerViews,
    onHand: data.balances.map((b) => {
      const l = byId.get(b.lot_id)!;
      return { sku: l.sku, lot: l.code, location: b.location, quantity: fromMicro(b.quantity), status: statusOf(l) };
    }),
    massBalance: { closes: unbalanced.length === 0, lots: lots.length, unbalanced },
  };
}

const DIRECTIONS: readonly TraceDirection[] = ['backward', 'forward', 'both'];

/** Where a lot came from and/or where it went: the genealogy closure with suppliers, customers and stock. */
export async function traceLot(app: App, sku: string, lot: string, direction: TraceDirection = 'both'): Promise<TraceView> {
  if (!DIRECTIONS.includes(direction)) throw Invalid.at('direction', `must be one of ${DIRECTIONS.join(', ')}`);
  return traceView(await traceOf(app, { sku, lot }, direction), direction, app.today());
}

/**
 * The trace data of one lot: two statements and no transaction — the trace statement is its own
 * consistent snapshot, and what it reads of the root (its id) never changes.
 */
export async function traceOf(app: App, root: LotRef, direction: TraceDirection): Promise<TraceData> {
  const roots = await resolveLots(app.store.db, [root], 'not_found');
  return collectTrace(app, app.store.db, roots, direction);
}
