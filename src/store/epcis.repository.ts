import type { Insertable, Selectable } from 'kysely';
import type { EpcisEventsTable } from './schema.js';
import { chunks, type Tx } from './transaction.js';

export type EpcisEventRow = Selectable<EpcisEventsTable>;

/** Which of the given EPCIS event IDs were captured before. */
export async function capturedEventIds(db: Tx, ids: readonly string[]): Promise<Set<string>> {
  const seen = new Set<string>();
  for (const part of chunks([...new Set(ids)], 500)) {
    const rows = await db.selectFrom('epcis_events').select('event_id').where('event_id', 'in', part).execute();
    for (const r of rows) seen.add(r.event_id);
  }
  return seen;
}

export async function insertEpcisEvent(db: Tx, row: Insertable<EpcisEventsTable>): Promise<void> {
  await db.insertInto('epcis_events').values(row).execute();
}

export interface EpcisEventFilter {
  eventTypes?: string[];
  fromTime?: string;
  beforeTime?: string;
  bizSteps?: string[];
}

/** Stored EPCIS events in event-time order, filtered by the indexed columns. */
export async function findEpcisEvents(db: Tx, filter: EpcisEventFilter): Promise<EpcisEventRow[]> {
  let q = db.selectFrom('epcis_events').selectAll().orderBy('event_time').orderBy('event_id');
  if (filter.eventTypes) q = q.where('event_type', 'in', filter.eventTypes);
  if (filter.fromTime !== undefined) q = q.where('event_time', '>=', filter.fromTime);
  if (filter.beforeTime !== undefined) q = q.where('event_time', '<', filter.beforeTime);
  if (filter.bizSteps) q = q.where('biz_step', 'in', filter.bizSteps);
  return q.execute();
}

/** The ledger events that touch a lot, in ledger order. */
export async function ledgerEventIdsOfLot(db: Tx, lotId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('event_lines')
    .innerJoin('events', 'events.id', 'event_lines.event_id')
    .select(['events.id', 'events.seq'])
    .where('event_lines.lot_id', '=', lotId)
    .groupBy(['events.id', 'events.seq'])
    .orderBy('events.seq')
    .execute();
  return rows.map((r) => r.id);
}

/** The location carrying a GLN, if any. */
export async function findLocationByGln(db: Tx, gln: string): Promise<{ code: string } | undefined> {
  return db.selectFrom('locations').select('code').where('gln', '=', gln).orderBy('code').executeTakeFirst();
}

/** Makes an existing party a supplier or customer as well. */
export async function grantPartyRole(db: Tx, code: string, role: 'supplier' | 'customer'): Promise<void> {
  await db
    .updateTable('parties')
    .set(role === 'supplier' ? { is_supplier: 1 } : { is_customer: 1 })
    .where('code', '=', code)
    .execute();
}
