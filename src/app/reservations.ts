import { allocate, expiryCut, pickingOrder, type Allocation, type AllocationMethod, type Candidate, type ShelfLifeFacts, type ShelfLifePolicy } from '../domain/fefo.js';
import { addDays, type CalendarDate } from '../domain/dates.js';
import { fromMicro, type Micro } from '../domain/quantity.js';
import type { PartyRow } from '../store/master-data.repository.js';
import type { Dialect } from '../store/db.js';
import { addReservations, pickableStock, stockHeads, type ReservationWithLot, type StockHead } from '../store/reservations.repository.js';
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
  /** False when only the lots first in picking order were read (see `allocateOverStock`). */
  complete: boolean;
}

/**
 * Lots of the items at a location with their free stock (on hand − reserved), per sku. `forOrder`
 * is the order allocating, if any: what it holds itself is not free either, but it is not a
 * reason to name when the lot is passed over. With `demand` (quantity wanted per sku, and the
 * first expiry date that may be picked), an item picked first-expiry-first-out yields only its
 * lots up to where its first lots that expire late enough add up to the demand (`expiryCut` over
 * its `stockHeads`) — the lots FEFO takes first, those it passes over as expiring too soon
 * included — and all of them only when its first lots fall short.
 */
export async function pickableBySku(
  trx: Tx,
  dialect: Dialect,
  skus: readonly string[],
  location: string,
  forOrder?: string,
  demand?: { quantities: ReadonlyMap<string, Micro>; expiringFrom: CalendarDate },
): Promise<Map<string, Pickable>> {
  const wanted = [...new Set(skus)];
  const heads = demand ? await stockHeads(trx, dialect, wanted, location) : new Map<string, StockHead>();
  const ranges = wanted.map((sku) => {
    const head = heads.get(sku);
    return { sku, upto: head && demand ? expiryCut(head, demand.quantities.get(sku) ?? 0, demand.expiringFrom) : null };
  });
  const partial = new Set(ranges.filter((r) => r.upto !== null).map((r) => r.sku));
  const out = new Map<string, Pickable>();
  for (const r of await pickableStock(trx, dialect, ranges, location)) {
    let entry = out.get(r.sku);
    if (entry === undefined) {
      entry = { method: r.allocation, candidates: [], complete: !partial.has(r.sku) };
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

/**
 * Runs an allocation over the lots first in picking order that add up to what the lines want of
 * each item (counting only lots that expire late enough for the policy's days) and, where that
 * leaves an item short (stock passed over as held, reserved or below the policy's share of shelf
 * life), once more with all of that item's lots. A busy warehouse holds hundreds of lots of an
 * item and an order line is nearly always covered by the few that expire first. Allocation takes
 * lots in picking order and stops when a line is covered, so a line covered by the first lots is
 * allocated exactly as over all of them: the result is always the allocation over all lots.
 */
export async function allocateOverStock<T>(
  trx: Tx,
  dialect: Dialect,
  wanted: readonly { sku: string; quantity: Micro }[],
  location: string,
  policy: ShelfLifePolicy,
  forOrder: string | undefined,
  allocateWith: (pickable: ReadonlyMap<string, Pickable>) => { result: T; short: Iterable<string> },
): Promise<T> {
  const quantities = new Map<string, Micro>();
  for (const w of wanted) quantities.set(w.sku, (quantities.get(w.sku) ?? 0) + w.quantity);
  const expiringFrom = addDays(policy.shipDate, policy.minShelfLifeDays);
  const pickable = await pickableBySku(trx, dialect, [...quantities.keys()], location, forOrder, { quantities, expiringFrom });
  const first = allocateWith(pickable);
  const more = [...new Set(first.short)].filter((sku) => pickable.get(sku)?.complete === false);
  if (more.length === 0) return first.result;
  for (const [sku, all] of await pickableBySku(trx, dialect, more, location, forOrder)) pickable.set(sku, all);
  return allocateWith(pickable).result;
}

/** `allocateLines` over the stock at a location (see `allocateOverStock`). */
export async function allocateLinesAt(
  trx: Tx,
  dialect: Dialect,
  location: string,
  lines: readonly { sku: string; quantity: Micro }[],
  policy: ShelfLifePolicy,
  forOrder?: string,
): Promise<LineAllocationResult[]> {
  return allocateOverStock(trx, dialect, lines, location, policy, forOrder, (pickable) => {
    const result = allocateLines(pickable, lines, policy);
    return { result, short: result.filter((r) => r.allocation.shortfall > 0).map((r) => r.sku) };
  });
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
