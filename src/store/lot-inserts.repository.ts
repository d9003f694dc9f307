import type { Insertable } from 'kysely';
import type { LotsTable } from './schema.js';
import { chunks, type Tx } from './transaction.js';

/**
 * Inserts new lots in multi-row statements and returns their ids in the order of `rows`. Ids are
 * matched back by (sku, code), which is unique, since neither engine promises RETURNING rows in
 * VALUES order.
 */
export async function insertLots(db: Tx, rows: readonly Insertable<LotsTable>[]): Promise<number[]> {
  const ids = new Map<string, number>();
  // 13 columns × 500 rows stays far below both engines' bind-parameter limits.
  for (const part of chunks(rows, 500)) {
    for (const r of await db.insertInto('lots').values(part).returning(['id', 'sku', 'code']).execute()) {
      ids.set(`${r.sku}\u0000${r.code}`, Number(r.id));
    }
  }
  return rows.map((r) => ids.get(`${r.sku}\u0000${r.code}`)!);
}
