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

const STOCK_COLUMNS = sql`b.lot_id, b.location, b.quantity, b.sku, b.code, b.expiry_date, b.production_date, b.hold_state,
  item.shelf_life_days, item.allocation, item.last_expiry`;

/** Stock rows of an item looked at to find where its first lots end. */
const CUT_SCAN = 32;

/**
 * Lots of the given items with stock at a location, each with what orders reserved of it there
 * and who holds it, and per item whether that is all of its stock there (`complete`). One
 * statement reads the stock and what is reserved of it, by the (location, sku, expiry) index of
 * the stock rows (migration 012), whose rows carry what picking needs of their lots (migration
 * 013), so the work follows the stock at the location rather than every lot the items ever had;
 * a second one names the holders, only when some of that stock is reserved.
 *
 * With `demand` (quantity wanted per item, and the first expiry date that may be picked), an item
 * picked first-expiry-first-out yields only its lots up to the first expiry date by which its
 * stock there that expires late enough adds up to the demand (every lot of that date: the
 * picking order breaks ties by quantity) — the lots FEFO takes first, those it passes over as
 * expiring too soon included. The running sum is taken over the index alone, before any lot is
 * read. Lots without an expiry date come last in FEFO and are read only with the rest.
 */
export async function pickableStock(
  db: Tx,
  skus: readonly string[],
  location: string,
  demand?: { quantities: ReadonlyMap<string, number>; expiringFrom: string },
): Promise<{ rows: PickableRow[]; complete: Set<string> }> {
  if (skus.length === 0) return { rows: [], complete: new Set() };
  const wanted = [...new Set(skus)];
  const values = sql.join(wanted.map((sku) => sql`(${sku}, cast(${demand?.quantities.get(sku) ?? null} as bigint))`));
  const expiringFrom = demand?.expiringFrom ?? '';
  const { rows } = await sql<Omit<PickableRow, 'holders'> & { last_expiry: string | null }>`
    with wanted(sku, quantity) as (values ${values}),
    -- Per item, the expiry date by which its stock that expires late enough adds up to the demand,
    -- looked for among its first lots in expiry order, in the index alone; null when they fall
    -- short (then all lots are read).
    cut as materialized (
      select w.sku, (
        select min(f.expiry_date) from (
          select d.expiry_date, sum(case when d.expiry_date >= ${expiringFrom} then d.quantity else 0 end) over (order by d.expiry_date) as running
          from (
            select b.expiry_date, b.quantity from balances b
            where b.location = ${location} and b.sku = w.sku and b.quantity > 0 and b.expiry_date is not null
            order by b.expiry_date limit ${CUT_SCAN}) d) f
        where f.running >= w.quantity) as last_expiry
      from wanted w where w.quantity is not null),
    -- Per item, how far its stock is wanted: up to the cut, or all of it (dated, then undated).
    item as materialized (
      select items.sku, items.shelf_life_days, items.allocation, c.last_expiry,
        case when items.allocation = 'fifo' or c.last_expiry is null then '9999-12-31' else c.last_expiry end as upto,
        case when items.allocation = 'fifo' or c.last_expiry is null then 1 else 0 end as whole
      from items left join cut c on c.sku = items.sku where items.sku in (select sku from wanted)),
    -- Each item's stock as index ranges (location, sku, expiry ≤ upto), and its undated stock only
    -- when all of it is wanted. A stock row carries what picking needs of its lot (migration
    -- 013): the lot itself is read only for when it came in, for items picked first-in-first-out.
    stock as (
      select ${STOCK_COLUMNS} from item cross join balances b
      where b.location = ${location} and b.sku = item.sku and b.expiry_date <= item.upto and b.quantity > 0
      union all
      select ${STOCK_COLUMNS} from item cross join balances b
      where item.whole = 1 and b.location = ${location} and b.sku = item.sku and b.expiry_date is null and b.quantity > 0)
    select s.*,
      case when s.allocation = 'fifo' then (select e.time from lots join events e on e.id = lots.created_event_id where lots.id = s.lot_id) end as first_in,
      (select sum(r.quantity) from reservations r where r.lot_id = s.lot_id and r.location = s.location) as reserved
    from stock s`.execute(db);
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
