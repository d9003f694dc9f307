import { sql, type Insertable, type Selectable } from 'kysely';
import type { LotStatus } from '../domain/lot-status.js';
import type { LotsTable } from './schema.js';
import { containsText } from './search.js';
import { executeForRows } from './multi-row.js';
import type { Tx } from './transaction.js';

export type LotRow = Selectable<LotsTable>;
export type LotWithStock = LotRow & { on_hand: number };

export interface LotKey {
  sku: string;
  code: string;
}

/** Loads lots by their (sku, code) keys, in one statement per 500 keys. */
export async function findLots(db: Tx, keys: readonly LotKey[]): Promise<LotRow[]> {
  return executeForRows(
    db,
    keys.map((k) => ({ sku: k.sku, code: k.code })),
    (part) => db.selectFrom('lots').selectAll().where((eb) => eb(eb.refTuple('sku', 'code'), 'in', part.map((k) => eb.tuple(k.sku, k.code)))),
  );
}

export async function findLotsByIds(db: Tx, ids: readonly number[]): Promise<LotRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('lots').selectAll().where('id', 'in', [...new Set(ids)]).execute();
}

/**
 * Inserts new lots in multi-row statements and returns their ids in the order of `rows`. Ids are
 * matched back by (sku, code), which is unique, since neither engine promises RETURNING rows in
 * VALUES order.
 */
export async function insertLots(db: Tx, rows: readonly Insertable<LotsTable>[]): Promise<number[]> {
  const ids = new Map<string, number>();
  // 13 columns × 500 rows stays far below both engines' bind-parameter limits.
  for (const r of await executeForRows(db, rows, (part) => db.insertInto('lots').values(part).returning(['id', 'sku', 'code']))) {
    ids.set(`${r.sku}\u0000${r.code}`, Number(r.id));
  }
  return rows.map((r) => ids.get(`${r.sku}\u0000${r.code}`)!);
}

export async function setHoldState(
  db: Tx,
  lotIds: readonly number[],
  state: LotRow['hold_state'],
  reason: string | null,
): Promise<void> {
  if (lotIds.length === 0) return;
  await db.updateTable('lots').set({ hold_state: state, hold_reason: reason }).where('id', 'in', [...lotIds]).execute();
}

/** Sums of a lot's lines per movement (the lot's totals), in one statement. */
export async function lotTotals(db: Tx, lotId: number): Promise<{ movement: string; quantity: number }[]> {
  // The lot-flow projection: a hub lot's thousands of consumption lines are one row there.
  const rows = await db.selectFrom('lot_flows').select(['movement', 'quantity']).where('lot_id', '=', lotId).execute();
  return rows.map((r) => ({ movement: r.movement, quantity: Number(r.quantity) }));
}

export interface LotFilter {
  sku?: string;
  status?: LotStatus;
  location?: string;
  /** Lots with stock whose expiry date is on or before this date. */
  expiringBy?: string;
  /** Text the lot code or the supplier's lot code contains, case-insensitively. */
  search?: string;
}

/**
 * Lots with their total on hand, filtered in SQL. The status filter mirrors `lotStatus` in the
 * domain: hold/recalled are stored decisions, expired and depleted follow from date and stock.
 */
export async function listLots(
  db: Tx,
  filter: LotFilter,
  today: string,
  page: { afterId?: number; limit: number; descending?: boolean },
): Promise<LotWithStock[]> {
  const onHand = sql<number>`coalesce((select sum(b.quantity) from balances b where b.lot_id = lots.id), 0)`;
  let q = db
    .selectFrom('lots')
    .selectAll('lots')
    .select(onHand.as('on_hand'))
    .orderBy('lots.id', page.descending ? 'desc' : 'asc')
    .limit(page.limit);
  if (page.afterId !== undefined) q = q.where('lots.id', page.descending ? '<' : '>', page.afterId);
  if (filter.sku !== undefined) q = q.where('lots.sku', '=', filter.sku);
  if (filter.search !== undefined) q = q.where(containsText(['lots.code', 'lots.supplier_lot'], filter.search));
  if (filter.location !== undefined) {
    const location = filter.location;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('balances')
          .select('balances.lot_id')
          .whereRef('balances.lot_id', '=', 'lots.id')
          .where('balances.location', '=', location)
          .where('balances.quantity', '<>', 0),
      ),
    );
  }
  if (filter.expiringBy !== undefined) {
    q = q.where('lots.expiry_date', '<=', filter.expiringBy).where(onHand, '>', 0);
  }
  switch (filter.status) {
    case 'hold':
    case 'recalled':
      q = q.where('lots.hold_state', '=', filter.status);
      break;
    case 'depleted':
      q = q.where('lots.hold_state', '=', 'available').where(onHand, '=', 0);
      break;
    case 'expired':
      q = q.where('lots.hold_state', '=', 'available').where(onHand, '>', 0).where('lots.expiry_date', '<', today);
      break;
    case 'available':
      q = q
        .where('lots.hold_state', '=', 'available')
        .where(onHand, '>', 0)
        .where((eb) => eb.or([eb('lots.expiry_date', 'is', null), eb('lots.expiry_date', '>=', today)]));
      break;
    case undefined:
      break;
  }
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), on_hand: Number(r.on_hand) }));
}
