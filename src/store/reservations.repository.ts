import { sql, type Selectable } from 'kysely';
import { balanceKey, type Reserved } from '../domain/posting.js';
import type { LotRow } from './lots.repository.js';
import type { OrderKind, ReservationsTable } from './schema.js';
import type { Tx } from './transaction.js';

export type ReservationRow = Selectable<ReservationsTable>;

/** A reservation with what allocation and picking need to know about its lot. */
export type ReservationWithLot = ReservationRow &
  Pick<LotRow, 'sku' | 'code' | 'expiry_date' | 'production_date' | 'sell_by_date' | 'hold_state'> & {
    shelf_life_days: number | null;
    allocation: 'fefo' | 'fifo';
    first_in: string | null;
  };

const normalise = <R extends { id: number; lot_id: number; quantity: number }>(r: R): R => ({
  ...r,
  id: Number(r.id),
  lot_id: Number(r.lot_id),
  quantity: Number(r.quantity),
});

/** What orders hold of the given (lot, location) pairs, keyed by `balanceKey`, with the holders' numbers. */
export async function reservedAt(db: Tx, pairs: readonly { lotId: number; location: string }[]): Promise<Map<string, Reserved>> {
  const out = new Map<string, { quantity: number; holders: string[] }>();
  if (pairs.length === 0) return out;
  const rows = await db
    .selectFrom('reservations')
    .select(['lot_id', 'location', 'order_number', (eb) => eb.fn.sum<number>('quantity').as('quantity')])
    .where('lot_id', 'in', [...new Set(pairs.map((p) => p.lotId))])
    .groupBy(['lot_id', 'location', 'order_number'])
    .orderBy('order_number')
    .execute();
  for (const r of rows) {
    const key = balanceKey(Number(r.lot_id), r.location);
    const entry = out.get(key) ?? { quantity: 0, holders: [] };
    entry.quantity += Number(r.quantity);
    entry.holders.push(r.order_number);
    out.set(key, entry);
  }
  return out;
}

/** Reservations of the given orders with their lots, in reservation order. */
export async function reservationsOf(db: Tx, orderIds: readonly string[]): Promise<ReservationWithLot[]> {
  if (orderIds.length === 0) return [];
  const rows = await db
    .selectFrom('reservations')
    .innerJoin('lots', 'lots.id', 'reservations.lot_id')
    .innerJoin('items', 'items.sku', 'lots.sku')
    .leftJoin('events', 'events.id', 'lots.created_event_id')
    .selectAll('reservations')
    .select([
      'lots.sku',
      'lots.code',
      'lots.expiry_date',
      'lots.production_date',
      'lots.sell_by_date',
      'lots.hold_state',
      'items.shelf_life_days',
      'items.allocation',
      'events.time as first_in',
    ])
    .where('reservations.order_id', 'in', [...new Set(orderIds)])
    .orderBy('reservations.id')
    .execute();
  return rows.map(normalise);
}

/** Adds to an order's reservation of a lot at a location (one row per order, lot and location). */
export async function addReservations(
  db: Tx,
  rows: readonly { order_kind: OrderKind; order_id: string; order_number: string; lot_id: number; location: string; quantity: number; created_at: string }[],
): Promise<void> {
  for (const r of rows) {
    await db
      .insertInto('reservations')
      .values(r)
      .onConflict((oc) => oc.columns(['order_id', 'lot_id', 'location']).doUpdateSet({ quantity: sql`reservations.quantity + excluded.quantity` }))
      .execute();
  }
}

/** Releases reservations: all of an order's, or only the listed rows. */
export async function deleteReservations(db: Tx, orderId: string, ids?: readonly number[]): Promise<void> {
  if (ids !== undefined && ids.length === 0) return;
  let q = db.deleteFrom('reservations').where('order_id', '=', orderId);
  if (ids !== undefined) q = q.where('id', 'in', [...ids]);
  await q.execute();
}

/** A lot with stock at a location and what of it is already promised: a candidate for picking. */
export interface PickableRow {
  lot_id: number;
  location: string;
  quantity: number;
  reserved: number;
  sku: string;
  code: string;
  expiry_date: string | null;
  production_date: string | null;
  hold_state: LotRow['hold_state'];
  shelf_life_days: number | null;
  allocation: 'fefo' | 'fifo';
  /** When the lot came in, for FIFO items; null for FEFO items, whose picking order ignores it. */
  first_in: string | null;
  holders: readonly string[];
}

// Shared by every row nobody reserved: most stock, so no array per row.
const NO_HOLDERS: readonly string[] = [];

/**
 * Lots of the given items with stock at a location, each with what orders reserved of it there
 * and who holds it, and per item whether that is all of its stock there (`complete`). One
 * statement reads the stock, its lots and what is reserved of it, by the (location, sku,
 * expiry) index of the stock rows (migration 012), so the work follows the stock at the location
 * rather than every lot the items ever had; a second one names the holders, only when some of
 * that stock is reserved.
 *
 * With `firstLots`, an item picked first-expiry-first-out yields only its lots up to the expiry
 * date of its `firstLots`-th dated lot there (every lot of that date: the picking order breaks
 * ties by quantity), which are the lots FEFO considers first; lots without an expiry date come
 * last in FEFO and are read only with the rest.
 */
export async function pickableStock(db: Tx, skus: readonly string[], location: string, firstLots?: number): Promise<{ rows: PickableRow[]; complete: Set<string> }> {
  if (skus.length === 0) return { rows: [], complete: new Set() };
  const wanted = [...new Set(skus)];
  const rows = await db
    .with('item', (qb) =>
      qb
        .selectFrom('items')
        .select((eb) => [
          'items.sku',
          'items.shelf_life_days',
          'items.allocation',
          // The expiry date that ends the first lots in picking order; null when all are wanted.
          (firstLots === undefined
            ? sql<string | null>`null`
            : eb
                .selectFrom('balances as first')
                .select('first.expiry_date')
                .where('first.location', '=', location)
                .whereRef('first.sku', '=', 'items.sku')
                .where('first.quantity', '>', 0)
                .where('first.expiry_date', 'is not', null)
                .orderBy('first.expiry_date')
                .limit(1)
                .offset(firstLots - 1)
          ).as('last_expiry'),
        ])
        .where('items.sku', 'in', wanted),
    )
    .selectFrom('item')
    .innerJoin('balances', 'balances.sku', 'item.sku')
    .innerJoin('lots', 'lots.id', 'balances.lot_id')
    .select((eb) => [
      'balances.lot_id',
      'balances.location',
      'balances.quantity',
      'lots.sku',
      'lots.code',
      'lots.expiry_date',
      'lots.production_date',
      'lots.hold_state',
      'item.shelf_life_days',
      'item.allocation',
      'item.last_expiry',
      // The lot's wide creation event is read only where the picking order needs its time.
      eb
        .case()
        .when('item.allocation', '=', 'fifo')
        .then(eb.selectFrom('events').select('events.time').whereRef('events.id', '=', 'lots.created_event_id'))
        .end()
        .as('first_in'),
      eb
        .selectFrom('reservations')
        .select((r) => r.fn.sum<number>('reservations.quantity').as('quantity'))
        .whereRef('reservations.lot_id', '=', 'balances.lot_id')
        .whereRef('reservations.location', '=', 'balances.location')
        .as('reserved'),
    ])
    .where('balances.location', '=', location)
    .where('balances.quantity', '>', 0)
    .where((eb) => eb.or([eb('item.allocation', '=', 'fifo'), eb('item.last_expiry', 'is', null), eb('balances.expiry_date', '<=', eb.ref('item.last_expiry'))]))
    .execute();
  const complete = new Set(wanted);
  for (const r of rows) if (r.allocation === 'fefo' && r.last_expiry !== null) complete.delete(r.sku);
  const holders = new Map<number, string[]>();
  const reservedLots = rows.filter((r) => r.reserved !== null).map((r) => Number(r.lot_id));
  if (reservedLots.length > 0) {
    const held = await db
      .selectFrom('reservations')
      .select(['reservations.lot_id', 'reservations.order_number'])
      .where('reservations.location', '=', location)
      .where('reservations.lot_id', 'in', reservedLots)
      .groupBy(['reservations.lot_id', 'reservations.order_number'])
      .orderBy('reservations.order_number')
      .execute();
    for (const h of held) {
      const lotId = Number(h.lot_id);
      const names = holders.get(lotId) ?? [];
      names.push(h.order_number);
      holders.set(lotId, names);
    }
  }
  return {
    complete,
    rows: rows.map((r) => {
      const lotId = Number(r.lot_id);
      return {
        lot_id: lotId,
        location: r.location,
        quantity: Number(r.quantity),
        reserved: Number(r.reserved ?? 0),
        sku: r.sku,
        code: r.code,
        expiry_date: r.expiry_date,
        production_date: r.production_date,
        hold_state: r.hold_state,
        shelf_life_days: r.shelf_life_days,
        allocation: r.allocation,
        first_in: r.first_in ?? null,
        holders: holders.get(lotId) ?? NO_HOLDERS,
      };
    }),
  };
}

/** One reservation of a lot, named by its order, for lot detail. */
export interface LotReservationRow {
  order_kind: OrderKind;
  order_id: string;
  order_number: string;
  location: string;
  quantity: number;
}

/** Every reservation of a lot, by location and order number. */
export async function reservationsOfLot(db: Tx, lotId: number): Promise<LotReservationRow[]> {
  const rows = await db
    .selectFrom('reservations')
    .select(['order_kind', 'order_id', 'order_number', 'location', 'quantity'])
    .where('lot_id', '=', lotId)
    .orderBy('location')
    .orderBy('order_number')
    .execute();
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity) }));
}
