import { sql, type Insertable, type Selectable } from 'kysely';
import type { RecallCustomersTable, RecallsTable } from './schema.js';
import { chunks, type Tx } from './transaction.js';

export type RecallRow = Selectable<RecallsTable>;
export type RecallCustomerRow = Selectable<RecallCustomersTable>;

export async function insertRecall(
  db: Tx,
  recall: Insertable<RecallsTable>,
  lots: { lot_id: number; is_root: number }[],
  customers: { party: string; shipped: number }[],
): Promise<void> {
  await db.insertInto('recalls').values(recall).execute();
  for (const part of chunks(lots, 1000)) {
    await db.insertInto('recall_lots').values(part.map((l) => ({ ...l, recall_id: recall.id }))).execute();
  }
  for (const part of chunks(customers, 500)) {
    await db
      .insertInto('recall_customers')
      .values(part.map((c) => ({ ...c, recall_id: recall.id, notified_at: null, acknowledged_at: null, note: null })))
      .execute();
  }
}

export async function findRecall(db: Tx, id: string): Promise<RecallRow | undefined> {
  const row = await db.selectFrom('recalls').selectAll().where('id', '=', id).executeTakeFirst();
  return row && { ...row, duration_ms: Number(row.duration_ms) };
}

export async function findRecallByEvent(db: Tx, eventId: string): Promise<RecallRow | undefined> {
  return db.selectFrom('recalls').selectAll().where('event_id', '=', eventId).executeTakeFirst();
}

export async function rootLotIds(db: Tx, recallId: string): Promise<number[]> {
  const rows = await db.selectFrom('recall_lots').select('lot_id').where('recall_id', '=', recallId).where('is_root', '=', 1).orderBy('lot_id').execute();
  return rows.map((r) => Number(r.lot_id));
}

export async function recallCustomers(db: Tx, recallId: string): Promise<RecallCustomerRow[]> {
  const rows = await db.selectFrom('recall_customers').selectAll().where('recall_id', '=', recallId).execute();
  return rows.map((r) => ({ ...r, shipped: Number(r.shipped) }));
}

export async function updateRecallCustomer(
  db: Tx,
  recallId: string,
  party: string,
  changes: Partial<Pick<RecallCustomerRow, 'notified_at' | 'acknowledged_at' | 'note'>>,
): Promise<void> {
  await db.updateTable('recall_customers').set(changes).where('recall_id', '=', recallId).where('party', '=', party).execute();
}

export async function closeRecallRow(db: Tx, id: string, closedAt: string, note: string | null): Promise<void> {
  await db.updateTable('recalls').set({ status: 'closed', closed_at: closedAt, close_note: note }).where('id', '=', id).execute();
}

/** Ids of the given lots that an open, holding recall still covers. */
export async function lotsUnderOpenRecall(db: Tx, lotIds: readonly number[]): Promise<Set<number>> {
  if (lotIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('recall_lots')
    .innerJoin('recalls', 'recalls.id', 'recall_lots.recall_id')
    .select('recall_lots.lot_id')
    .where('recall_lots.lot_id', 'in', [...lotIds])
    .where('recalls.status', '=', 'open')
    .where('recalls.hold', '=', 1)
    .execute();
  return new Set(rows.map((r) => Number(r.lot_id)));
}

export type RecallSummaryRow = RecallRow & { affected_lots: number; customers: number; customers_notified: number; customers_acknowledged: number };

/** Recalls newest first with their lot and customer counts, keyset-paged by id (time-sortable). */
export async function listRecalls(
  db: Tx,
  filter: { status?: 'open' | 'closed'; drill?: boolean },
  page: { before?: string; limit: number },
): Promise<RecallSummaryRow[]> {
  let q = db
    .selectFrom('recalls')
    .selectAll('recalls')
    .select([
      sql<number>`(select count(*) from recall_lots rl where rl.recall_id = recalls.id)`.as('affected_lots'),
      sql<number>`(select count(*) from recall_customers rc where rc.recall_id = recalls.id)`.as('customers'),
      sql<number>`(select count(*) from recall_customers rc where rc.recall_id = recalls.id and rc.notified_at is not null)`.as('customers_notified'),
      sql<number>`(select count(*) from recall_customers rc where rc.recall_id = recalls.id and rc.acknowledged_at is not null)`.as('customers_acknowledged'),
    ])
    .orderBy('recalls.id', 'desc')
    .limit(page.limit);
  if (filter.status !== undefined) q = q.where('recalls.status', '=', filter.status);
  if (filter.drill !== undefined) q = q.where('recalls.drill', '=', filter.drill ? 1 : 0);
  if (page.before !== undefined) q = q.where('recalls.id', '<', page.before);
  const rows = await q.execute();
  return rows.map((r) => ({
    ...r,
    duration_ms: Number(r.duration_ms),
    affected_lots: Number(r.affected_lots),
    customers: Number(r.customers),
    customers_notified: Number(r.customers_notified),
    customers_acknowledged: Number(r.customers_acknowledged),
  }));
}

/**
 * Units of several recalls' affected lots shipped to and returned by customers (micro-units,
 * positive), in one query for list views. Same rules as a trace's customer movements: events
 * with a party, reversed events left out.
 */
export async function recoveryOf(db: Tx, recallIds: readonly string[]): Promise<Map<string, { shipped: number; returned: number }>> {
  const out = new Map<string, { shipped: number; returned: number }>();
  if (recallIds.length === 0) return out;
  const rows = await db
    .selectFrom('recall_lots as rl')
    .innerJoin('event_lines as l', 'l.lot_id', 'rl.lot_id')
    .innerJoin('events as e', 'e.id', 'l.event_id')
    .innerJoin('parties as p', 'p.code', 'e.party')
    .select(['rl.recall_id', 'l.movement', sql<number>`sum(l.quantity)`.as('quantity')])
    .where('rl.recall_id', 'in', [...recallIds])
    .where('l.movement', 'in', ['shipment', 'return'])
    // A shipment event's shipment lines and a return event's return lines, as in a trace.
    .whereRef('e.type', '=', 'l.movement')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('events as r').select('r.id').whereRef('r.reverses', '=', 'e.id'))))
    .groupBy(['rl.recall_id', 'l.movement'])
    .execute();
  for (const r of rows) {
    const totals = out.get(r.recall_id) ?? { shipped: 0, returned: 0 };
    totals[r.movement === 'shipment' ? 'shipped' : 'returned'] += Math.abs(Number(r.quantity));
    out.set(r.recall_id, totals);
  }
  return out;
}

/** Root lots (sku, code) of several recalls at once, for list views. */
export async function rootLotsOf(db: Tx, recallIds: readonly string[]): Promise<{ recall_id: string; sku: string; code: string }[]> {
  if (recallIds.length === 0) return [];
  return db
    .selectFrom('recall_lots')
    .innerJoin('lots', 'lots.id', 'recall_lots.lot_id')
    .select(['recall_lots.recall_id', 'lots.sku', 'lots.code'])
    .where('recall_lots.recall_id', 'in', [...recallIds])
    .where('recall_lots.is_root', '=', 1)
    .orderBy('lots.sku')
    .orderBy('lots.code')
    .execute();
}
