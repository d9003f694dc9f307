import type { Tx } from './transaction.js';

/** Which date of a lot counts: its expiry date or its sell-by date. */
export type ExpiryBasis = 'expiry' | 'sellBy';

export interface DatedStockRow {
  lot_id: number;
  sku: string;
  code: string;
  item_name: string;
  uom: string;
  unit_cost: number | null;
  location: string;
  quantity: number;
  expiry_date: string | null;
  sell_by_date: string | null;
  hold_state: 'available' | 'hold' | 'recalled';
  /** The date of the chosen basis. */
  due_date: string;
}

// The balance row's copy of its lot's date: indexed with the location, so a page of the soonest
// dated stock is read in order (see the dated-balances migration).
const COLUMN = { expiry: 'balances.expiry_date', sellBy: 'balances.sell_by_date' } as const;

// Dated stock comes from balances (what is on hand) or from write-off lines (what was written
// off); either way a row is the same lot and item columns around its location and quantity, so
// a replayed write-off reads exactly like the stock it wrote off. The order is the row's order.
/** Which lot of which item, before the location and quantity. */
const LOT_ITEM_COLUMNS = ['lots.id as lot_id', 'lots.sku', 'lots.code', 'items.name as item_name', 'items.uom', 'items.unit_cost'] as const;
/** The lot's dates and state, after the location and quantity. */
const LOT_DATE_COLUMNS = ['lots.expiry_date', 'lots.sell_by_date', 'lots.hold_state'] as const;

/** Stock on hand per (lot, location) with its lot and item, starting from the dated lots. */
function datedStock(db: Tx, basis: ExpiryBasis, filter: { sku?: string; location?: string }) {
  const column = COLUMN[basis];
  let q = db
    .selectFrom('lots')
    .innerJoin('balances', 'balances.lot_id', 'lots.id')
    .innerJoin('items', 'items.sku', 'lots.sku')
    .select([...LOT_ITEM_COLUMNS, 'balances.location', 'balances.quantity', ...LOT_DATE_COLUMNS, (eb) => eb.ref(column).$notNull().as('due_date')])
    .where(column, 'is not', null)
    .where('balances.quantity', '>', 0);
  if (filter.sku !== undefined) q = q.where('lots.sku', '=', filter.sku);
  if (filter.location !== undefined) q = q.where('balances.location', '=', filter.location);
  return q;
}

function normalise(rows: DatedStockRow[]): DatedStockRow[] {
  return rows.map((r) => ({
    ...r,
    lot_id: Number(r.lot_id),
    quantity: Number(r.quantity),
    unit_cost: r.unit_cost === null ? null : Number(r.unit_cost),
  }));
}

export type ExpiryKey = [dueDate: string, sku: string, lot: string, location: string];

/**
 * Stock whose expiry (or sell-by) date is on or before `by`, soonest first, keyset-paged on
 * (date, sku, lot, location). One statement; the range on the dated column uses its index.
 */
export async function listExpiringStock(
  db: Tx,
  filter: { basis: ExpiryBasis; by: string; sku?: string; location?: string },
  page: { after?: ExpiryKey; limit: number },
): Promise<DatedStockRow[]> {
  const column = COLUMN[filter.basis];
  let q = datedStock(db, filter.basis, filter)
    .where(column, '<=', filter.by)
    .orderBy(column)
    .orderBy('lots.sku')
    .orderBy('lots.code')
    .orderBy('balances.location')
    .limit(page.limit);
  if (page.after) {
    const [date, sku, code, location] = page.after;
    q = q.where((eb) => eb(eb.refTuple(column, 'lots.sku', 'lots.code', 'balances.location'), '>', eb.tuple(date, sku, code, location)));
  }
  return normalise(await q.execute());
}

/** All stock of lots that expired before `asOf` (any hold state), ordered by location, sku, lot. */
export async function expiredStock(db: Tx, filter: { asOf: string; sku?: string; location?: string }): Promise<DatedStockRow[]> {
  const rows = await datedStock(db, 'expiry', filter)
    .where('lots.expiry_date', '<', filter.asOf)
    .orderBy('balances.location')
    .orderBy('lots.sku')
    .orderBy('lots.code')
    .execute();
  return normalise(rows);
}

/** The lines of recorded write-off events in the same shape, for replaying a bulk write-off. */
export async function writtenOffStock(db: Tx, eventIds: readonly string[]): Promise<DatedStockRow[]> {
  if (eventIds.length === 0) return [];
  const rows = await db
    .selectFrom('event_lines')
    .innerJoin('lots', 'lots.id', 'event_lines.lot_id')
    .innerJoin('items', 'items.sku', 'lots.sku')
    .select([
      ...LOT_ITEM_COLUMNS,
      'event_lines.location',
      (eb) => eb.neg(eb.ref('event_lines.quantity')).as('quantity'),
      ...LOT_DATE_COLUMNS,
      (eb) => eb.ref('lots.expiry_date').$notNull().as('due_date'),
    ])
    .where('event_lines.event_id', 'in', [...eventIds])
    .orderBy('event_lines.location')
    .orderBy('lots.sku')
    .orderBy('lots.code')
    .execute();
  return normalise(rows);
}
