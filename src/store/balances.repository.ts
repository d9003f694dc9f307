import { CompiledQuery, sql, type Compilable } from 'kysely';
import type { Dialect } from './db.js';
import { balanceKey } from '../domain/posting.js';
import type { LotRow } from './lots.repository.js';
import { executeForRows } from './multi-row.js';
import type { Tx } from './transaction.js';

export interface BalanceRow {
  lot_id: number;
  location: string;
  quantity: number;
}

/** Current balances of the given (lot, location) pairs, keyed by `balanceKey`. */
export async function loadBalances(
  db: Tx,
  pairs: readonly { lotId: number; location: string }[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (pairs.length === 0) return out;
  const lotIds = [...new Set(pairs.map((p) => p.lotId))];
  const rows = await db.selectFrom('balances').selectAll().where('lot_id', 'in', lotIds).execute();
  for (const r of rows) out.set(balanceKey(Number(r.lot_id), r.location), Number(r.quantity));
  return out;
}

/** Writes new absolute balances; rows that reach zero are removed so the table holds only stock. */
export async function saveBalances(db: Tx, dialect: Dialect, balances: readonly BalanceRow[]): Promise<void> {
  const nonZero = balances.filter((b) => b.quantity !== 0);
  const zero = balances.filter((b) => b.quantity === 0);
  await executeForRows(db, nonZero, (part) =>
    dialect === 'sqlite'
      ? sqliteUpsertWithFacts(part)
      : db
          .insertInto('balances')
          .values(part)
          .onConflict((oc) => oc.columns(['lot_id', 'location']).doUpdateSet({ quantity: (eb) => eb.ref('excluded.quantity') })),
  );
  if (zero.length > 0) {
    await db
      .deleteFrom('balances')
      .where((eb) => eb(eb.refTuple('lot_id', 'location'), 'in', zero.map((z) => eb.tuple(z.lot_id, z.location))))
      .execute();
  }
}

/**
 * The SQLite upsert, carrying a new stock row's lot facts in the insert itself: SQLite's trigger
 * can only copy them in after the row is stored, rewriting it and its entry in every dated and
 * picking index (migration 015). PostgreSQL's trigger fills them in before the row is stored. The
 * left join keeps a row whose lot does not exist, for its foreign key to refuse; `where true`
 * tells SQLite's parser that `on conflict` belongs to the insert, not to the join.
 */
function sqliteUpsertWithFacts(rows: readonly BalanceRow[]): Compilable<unknown> {
  const text = `insert into balances (lot_id, location, quantity, sku, code, expiry_date, sell_by_date, production_date, hold_state)
    select v.column1, v.column2, v.column3, l.sku, l.code, l.expiry_date, l.sell_by_date, l.production_date, l.hold_state
    from (values ${rows.map(() => '(?, ?, ?)').join(', ')}) v left join lots l on l.id = v.column1
    where true
    on conflict (lot_id, location) do update set quantity = excluded.quantity`;
  return { compile: () => CompiledQuery.raw(text, rows.flatMap((r) => [r.lot_id, r.location, r.quantity])) };
}

/** Stock per location of one lot. */
export async function lotBalances(db: Tx, lotId: number): Promise<BalanceRow[]> {
  const rows = await db
    .selectFrom('balances')
    .selectAll()
    .where('lot_id', '=', lotId)
    .orderBy('location')
    .execute();
  return rows.map((r) => ({ ...r, lot_id: Number(r.lot_id), quantity: Number(r.quantity) }));
}

export type StockRow = BalanceRow & Pick<LotRow, 'sku' | 'code' | 'expiry_date' | 'hold_state'>;

export interface StockFilter {
  sku?: string;
  lot?: string;
  location?: string;
}

/** Non-zero balances joined with their lots, ordered by (sku, lot, location) for keyset paging. */
export async function listStock(
  db: Tx,
  filter: StockFilter,
  page: { after?: [string, string, string]; limit: number },
): Promise<(StockRow & { reserved: number })[]> {
  // What open orders hold of each row (see reservations.repository.ts).
  const reserved = sql<number>`coalesce((select sum(r.quantity) from reservations r where r.lot_id = balances.lot_id and r.location = balances.location), 0)`;
  let q = db
    .selectFrom('balances')
    .innerJoin('lots', 'lots.id', 'balances.lot_id')
    .select(['balances.lot_id', 'balances.location', 'balances.quantity', 'lots.sku', 'lots.code', 'lots.expiry_date', 'lots.hold_state', reserved.as('reserved')])
    .where('balances.quantity', '<>', 0)
    .orderBy('lots.sku')
    .orderBy('lots.code')
    .orderBy('balances.location')
    .limit(page.limit);
  if (filter.sku !== undefined) q = q.where('lots.sku', '=', filter.sku);
  if (filter.lot !== undefined) q = q.where('lots.code', '=', filter.lot);
  if (filter.location !== undefined) q = q.where('balances.location', '=', filter.location);
  if (page.after) {
    const [sku, code, location] = page.after;
    q = q.where((eb) => eb(eb.refTuple('lots.sku', 'lots.code', 'balances.location'), '>', eb.tuple(sku, code, location)));
  }
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, lot_id: Number(r.lot_id), quantity: Number(r.quantity), reserved: Number(r.reserved) }));
}
