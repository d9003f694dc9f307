import { sql, type Selectable } from 'kysely';
import { balanceKey, type Reserved } from '../domain/posting.js';
import type { CalendarDate } from '../domain/dates.js';
import type { Dialect } from './db.js';
import { jsonRows, tuples } from './json-rows.js';
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

const STOCK_COLUMNS = sql`b.lot_id, b.quantity, b.sku, b.code, b.expiry_date, b.production_date, b.hold_state, item.shelf_life_days, item.allocation`;

/** Dated stock rows of an item read to find where its first lots end. */
const HEAD_SIZE = 32;

/** An item's first dated lots with stock at a location, in expiry order: expiry date and quantity. */
export type StockHead = (readonly [expiryDate: CalendarDate, quantity: number])[];

/**
 * Per item picked first-expiry-first-out, the expiry dates and quantities of its first
 * `HEAD_SIZE` dated lots with stock at a location, in expiry order (items picked first-in-first-out
 * and unknown items are absent). One statement over the (location, sku, expiry) index of the stock
 * rows, which carries the quantity on SQLite (migration 012): no stock row is read.
 */
export async function stockHeads(db: Tx, dialect: Dialect, skus: readonly string[], location: string): Promise<Map<string, StockHead>> {
  const out = new Map<string, StockHead>();
  if (skus.length === 0) return out;
  const { rows } = await sql<{ sku: string; head: unknown }>`
    select items.sku, (select ${jsonRows(dialect, sql`d.expiry_date, d.quantity`)} from (
      select b.expiry_date, b.quantity from balances b
      where b.location = ${location} and b.sku = items.sku and b.quantity > 0 and b.expiry_date is not null
      order by b.expiry_date limit ${HEAD_SIZE}) d) as head
    from items where items.sku in (${sql.join([...new Set(skus)])}) and items.allocation = 'fefo'`.execute(db);
  for (const r of rows) {
    const head = tuples(r.head).map((t) => [t[0] as CalendarDate, Number(t[1])] as const);
    // An aggregate's order is its input's only by custom: put it beyond doubt.
    head.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    out.set(r.sku, head);
  }
  return out;
}

/**
 * Lots of the given items with stock at a location, each with what orders reserved of it there
 * and who holds it. `upto` limits an item to its lots expiring by that date (lots without an
 * expiry date come last in picking order and are then left out); without it, all of the item's
 * stock is read. One statement reads the stock and what is reserved of it, by the (location, sku,
 * expiry) index of the stock rows (migration 012), whose rows carry what picking needs of their
 * lots (migration 013), so the work follows the stock at the location rather than every lot the
 * items ever had, and returns it as one JSON value (see `jsonRows`); a second one names the
 * holders, only when some of that stock is reserved.
 */
export async function pickableStock(db: Tx, dialect: Dialect, ranges: readonly { sku: string; upto: CalendarDate | null }[], location: string): Promise<PickableRow[]> {
  if (ranges.length === 0) return [];
  const wanted = sql.join(ranges.map((r) => sql`(${r.sku}, cast(${r.upto} as varchar(10)))`));
  const { rows: found } = await sql<{ stock: unknown }>`
    with wanted(sku, upto) as (values ${wanted}),
    item as materialized (
      select items.sku, items.shelf_life_days, items.allocation,
        coalesce(w.upto, '9999-12-31') as upto, case when w.upto is null then 1 else 0 end as whole
      from items join wanted w on w.sku = items.sku),
    -- Each item's stock as index ranges (location, sku, expiry ≤ upto), and its undated stock only
    -- when all of it is wanted.
    stock as (
      select ${STOCK_COLUMNS} from item cross join balances b
      where b.location = ${location} and b.sku = item.sku and b.expiry_date <= item.upto and b.quantity > 0
      union all
      select ${STOCK_COLUMNS} from item cross join balances b
      where item.whole = 1 and b.location = ${location} and b.sku = item.sku and b.expiry_date is null and b.quantity > 0)
    -- The lot itself is read only for when it came in, for items picked first-in-first-out.
    select ${jsonRows(
      dialect,
      sql`s.lot_id, s.quantity, s.sku, s.code, s.expiry_date, s.production_date, s.hold_state, s.shelf_life_days, s.allocation,
        case when s.allocation = 'fifo' then (select e.time from lots join events e on e.id = lots.created_event_id where lots.id = s.lot_id) end,
        (select sum(r.quantity) from reservations r where r.lot_id = s.lot_id and r.location = ${location})`,
    )} as stock
    from stock s`.execute(db);
  const rows = tuples(found[0]!.stock).map((t): PickableRow => ({
    lot_id: Number(t[0]),
    location,
    quantity: Number(t[1]),
    sku: t[2] as string,
    code: t[3] as string,
    expiry_date: t[4] as string | null,
    production_date: t[5] as string | null,
    hold_state: t[6] as LotRow['hold_state'],
    shelf_life_days: t[7] as number | null,
    allocation: t[8] as PickableRow['allocation'],
    first_in: t[9] as string | null,
    reserved: Number(t[10] ?? 0),
    holders: NO_HOLDERS,
  }));
  // Reservations are of positive quantities: a lot with none has nothing reserved.
  const reservedRows = rows.filter((r) => r.reserved !== 0);
  if (reservedRows.length > 0) {
    const holders = new Map<number, string[]>();
    const held = await db
      .selectFrom('reservations')
      .select(['reservations.lot_id', 'reservations.order_number'])
      .where('reservations.location', '=', location)
      .where('reservations.lot_id', 'in', reservedRows.map((r) => r.lot_id))
      .groupBy(['reservations.lot_id', 'reservations.order_number'])
      .orderBy('reservations.order_number')
      .execute();
    for (const h of held) {
      const lotId = Number(h.lot_id);
      const names = holders.get(lotId) ?? [];
      names.push(h.order_number);
      holders.set(lotId, names);
    }
    for (const r of reservedRows) r.holders = holders.get(r.lot_id) ?? NO_HOLDERS;
  }
  return rows;
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
