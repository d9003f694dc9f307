import { sql } from 'kysely';
import { executeForRows } from './multi-row.js';
import type { Tx } from './transaction.js';

/**
 * The lot-flow projection: per (lot, movement), the sum of the ledger lines. Adds the lines'
 * quantities to it, one multi-row upsert per 500 (lot, movement) pairs touched; call it in the
 * transaction that writes the lines.
 */
export async function addLotFlows(db: Tx, lines: readonly { lotId: number; movement: string; quantity: number }[]): Promise<void> {
  if (lines.length === 0) return;
  const sums = new Map<string, { lot_id: number; movement: string; quantity: number }>();
  for (const l of lines) {
    const key = `${l.lotId}\u0000${l.movement}`;
    const row = sums.get(key);
    if (row) row.quantity += l.quantity;
    else sums.set(key, { lot_id: l.lotId, movement: l.movement, quantity: l.quantity });
  }
  await executeForRows(db, [...sums.values()], (part) =>
    db
      .insertInto('lot_flows')
      .values(part)
      .onConflict((oc) => oc.columns(['lot_id', 'movement']).doUpdateSet({ quantity: sql<number>`lot_flows.quantity + excluded.quantity` })),
  );
}

