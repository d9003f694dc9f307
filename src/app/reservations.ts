import { allocate, pickingOrder, type Allocation, type AllocationMethod, type Candidate, type ShelfLifeFacts, type ShelfLifePolicy } from '../domain/fefo.js';
import { fromMicro, type Micro } from '../domain/quantity.js';
import type { PartyRow } from '../store/master-data.repository.js';
import { addReservations, pickableStock, type ReservationWithLot } from '../store/reservations.repository.js';
import type { OrderKind } from '../store/schema.js';
import type { Tx } from '../store/transaction.js';

/**
 * Reservations are the pending side of the ledger (TigerBeetle's pending transfers): stock
 * promised to an open order, held back from every other shipment, production, transfer or
 * allocation until the order ships, completes or is cancelled. They are written only inside the
 * ledger transaction, so on PostgreSQL concurrent allocations queue behind the advisory lock and
 * can never promise more than is on hand.
 */

/** The order a reservation belongs to. */
export interface OrderRef {
  kind: OrderKind;
  id: string;
  number: string;
}

/** The shelf-life policy of a customer (none for production, which has no customer). */
export function customerPolicy(customer: PartyRow | undefined, shipDate: string): ShelfLifePolicy {
  return {
    shipDate,
    minShelfLifeDays: customer?.min_shelf_life_days ?? 0,
    minShelfLifePercent: customer?.min_shelf_life_percent ?? null,
  };
}

/** What can be picked of one item at a location: its lots with free stock, and how it is picked. */
export interface Pickable {
  method: AllocationMethod;
  candidates: Candidate[];
}

/**
 * Lots of the items at a location with their free stock (on hand − reserved), per sku. `forOrder`
 * is the order allocating, if any: what it holds itself is not free either, but it is not a
 * reason to name when the lot is passed over.
 */
export async function pickableBySku(trx: Tx, skus: readonly string[], location: string, forOrder?: string): Promise<Map<string, Pickable>> {
  const out = new Map<string, Pickable>();
  for (const r of await pickableStock(trx, skus, location)) {
    let entry = out.get(r.sku);
    if (entry === undefined) {
      entry = { method: r.allocation, candidates: [] };
      out.set(r.sku, entry);
    }
    entry.candidates.push({
      lotId: r.lot_id,
      lot: r.code,
      expiryDate: r.expiry_date,
      productionDate: r.production_date,
      shelfLifeDays: r.shelf_life_days,
      sequence: r.lot_id,
      firstIn: r.first_in ?? undefined,
      available: r.quantity - r.reserved,
      holdState: r.hold_state,
      reservedFor: r.holders.length === 0 ? r.holders : r.holders.filter((h) => h !== forOrder),
    });
  }
  return out;
}

export interface LineAllocationResult {
  sku: string;
  requested: Micro;
  allocation: Allocation;
}

/**
 * Allocates each line over the free stock of its item by the item's picking method and the
 * policy; stock taken by one line is not offered to the next.
 */
export function allocateLines(pickable: ReadonlyMap<string, Pickable>, lines: readonly { sku: string; quantity: Micro }[], policy: ShelfLifePolicy): LineAllocationResult[] {
  const taken = new Map<number, Micro>();
  return lines.map((l) => {
    const entry = pickable.get(l.sku);
    // Only the lots earlier lines took from are copied; `allocate` never changes a candidate.
    const candidates = (entry?.candidates ?? []).map((c) => {
      const took = taken.get(c.lotId);
      return took === undefined ? c : { ...c, available: c.available - took };
    });
    const allocation = allocate(candidates, l.quantity, policy, entry?.method ?? 'fefo');
    for (const p of allocation.picks) taken.set(p.lotId, (taken.get(p.lotId) ?? 0) + p.quantity);
    return { sku: l.sku, requested: l.quantity, allocation };
  });
}

/** Records the picks of allocated lines as the order's reservations at `location`. */
export async function reservePicks(trx: Tx, order: OrderRef, location: string, results: readonly LineAllocationResult[], at: string): Promise<void> {
  await addReservations(
    trx,
    results.flatMap((r) =>
      r.allocation.picks.map((p) => ({ order_kind: order.kind, order_id: order.id, order_number: order.number, lot_id: p.lotId, location, quantity: p.quantity, created_at: at })),
    ),
  );
}

/** A lot an allocation passed over, and why. */
export interface SkippedLot {
  sku: string;
  lot: string;
  reason: string;
}

/** One reserved lot as the API shows it. */
export interface ReservationView {
  sku: string;
  lot: string;
  location: string;
  quantity: number;
  expiryDate: string | null;
}

/** An order's reservations as the API shows them, in picking order (see `inPickingOrder`). */
export function reservationViews(rows: readonly ReservationWithLot[], skus: readonly string[]): ReservationView[] {
  return inPickingOrder(rows, skus).map((r) => ({ sku: r.sku, lot: r.code, location: r.location, quantity: fromMicro(r.quantity), expiryDate: r.expiry_date }));
}

/**
 * Reservations grouped by item in the order of `skus`, and within an item in the item's picking
 * order (FEFO or FIFO): the order a picker should take them in.
 */
export function inPickingOrder<R extends ReservationWithLot>(rows: readonly R[], skus: readonly string[]): R[] {
  const asCandidate = (r: R): Candidate => ({
    lotId: r.lot_id,
    lot: r.code,
    expiryDate: r.expiry_date,
    sequence: r.lot_id,
    firstIn: r.first_in ?? undefined,
    available: r.quantity,
    holdState: r.hold_state,
  });
  const order = [...new Set([...skus, ...rows.map((r) => r.sku)])];
  return order.flatMap((sku) => {
    const group = rows.filter((r) => r.sku === sku);
    const compare = pickingOrder(group[0]?.allocation ?? 'fefo');
    return group.sort((a, b) => compare(asCandidate(a), asCandidate(b)));
  });
}

/** What the shelf-life rules need to know about a reserved lot. */
export function reservationFacts(r: ReservationWithLot): ShelfLifeFacts {
  return { holdState: r.hold_state, expiryDate: r.expiry_date, productionDate: r.production_date, shelfLifeDays: r.shelf_life_days };
}

/** Sum of reserved micro-units per sku. */
export function reservedBySku(rows: readonly { sku: string; quantity: Micro }[]): Map<string, Micro> {
  const out = new Map<string, Micro>();
  for (const r of rows) out.set(r.sku, (out.get(r.sku) ?? 0) + r.quantity);
  return out;
}
