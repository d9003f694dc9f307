import { sql, type Insertable, type Selectable } from 'kysely';
import type { EventLinesTable, EventsTable, LotLinksTable } from './schema.js';
import { executeForRows } from './multi-row.js';
import { updatePartyMovements } from './party-movements.repository.js';
import { chunks, type Tx } from './transaction.js';

export type EventRow = Selectable<EventsTable>;
export type EventLineRow = Selectable<EventLinesTable> & { sku: string; lot: string };

export async function lastEvent(db: Tx): Promise<{ seq: number; hash: string } | undefined> {
  const row = await db.selectFrom('events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row && { seq: Number(row.seq), hash: row.hash };
}

export async function findEventByKey(db: Tx, key: string): Promise<EventRow | undefined> {
  return db.selectFrom('events').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
}

export async function insertEvent(
  db: Tx,
  event: Insertable<EventsTable>,
  lines: Insertable<EventLinesTable>[],
  links: Insertable<LotLinksTable>[],
): Promise<void> {
  await insertEvents(db, [event], lines, links);
}

/** The events recorded under any of the idempotency keys, in one statement per 500 keys. */
export async function findEventsByKeys(db: Tx, keys: readonly string[]): Promise<EventRow[]> {
  const out: EventRow[] = [];
  for (const part of chunks([...new Set(keys)], 500)) out.push(...(await db.selectFrom('events').selectAll().where('idempotency_key', 'in', part).execute()));
  return out;
}

/** Many events with their lines and links in multi-row statements (the batch writer's path). */
export async function insertEvents(
  db: Tx,
  events: Insertable<EventsTable>[],
  lines: Insertable<EventLinesTable>[],
  links: Insertable<LotLinksTable>[],
): Promise<void> {
  // 21 columns × 500 rows stays far below both engines' bind-parameter limits.
  await executeForRows(db, events, (part) => db.insertInto('events').values(part));
  await executeForRows(db, lines, (part) => db.insertInto('event_lines').values(part));
  await executeForRows(db, links, (part) => db.insertInto('lot_links').values(part));
  await updatePartyMovements(db, events, lines);
}

export async function findEvents(db: Tx, ids: readonly string[]): Promise<EventRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('events').selectAll().where('id', 'in', [...new Set(ids)]).execute();
  return rows.map(normaliseEvent);
}

/** The lines of the given events with their lot codes, in event and line order. */
export async function linesOfEvents(db: Tx, eventIds: readonly string[]): Promise<EventLineRow[]> {
  if (eventIds.length === 0) return [];
  const rows = await db
    .selectFrom('event_lines')
    .innerJoin('lots', 'lots.id', 'event_lines.lot_id')
    .selectAll('event_lines')
    .select(['lots.sku', 'lots.code as lot'])
    .where('event_lines.event_id', 'in', [...new Set(eventIds)])
    .orderBy('event_lines.event_id')
    .orderBy('event_lines.line_no')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), lot_id: Number(r.lot_id), quantity: Number(r.quantity) }));
}

/** Which of the given events have been reversed, and by which event. */
export async function reversalsOf(db: Tx, eventIds: readonly string[]): Promise<Map<string, string>> {
  if (eventIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('events')
    .select(['id', 'reverses'])
    .where('reverses', 'in', [...new Set(eventIds)])
    .execute();
  return new Map(rows.map((r) => [r.reverses as string, r.id]));
}

export interface EventFilter {
  type?: string;
  sku?: string;
  lot?: string;
  party?: string;
  from?: string;
  to?: string;
}

/** Events matching the filter in ledger order (or reverse), keyset-paged by sequence number. */
export async function listEvents(
  db: Tx,
  filter: EventFilter,
  page: { afterSeq?: number; limit: number; descending: boolean },
): Promise<EventRow[]> {
  let q = db
    .selectFrom('events')
    .selectAll()
    .orderBy('seq', page.descending ? 'desc' : 'asc')
    .limit(page.limit);
  if (page.afterSeq !== undefined) q = q.where('seq', page.descending ? '<' : '>', page.afterSeq);
  if (filter.type !== undefined) q = q.where('type', '=', filter.type);
  if (filter.party !== undefined) q = q.where('party', '=', filter.party);
  if (filter.from !== undefined) q = q.where('time', '>=', filter.from);
  if (filter.to !== undefined) q = q.where('time', '<', filter.to);
  if (filter.sku !== undefined || filter.lot !== undefined) {
    const { sku, lot } = filter;
    q = q.where((eb) => {
      let lots = eb.selectFrom('lots').select('lots.id');
      if (sku !== undefined) lots = lots.where('lots.sku', '=', sku);
      if (lot !== undefined) lots = lots.where('lots.code', '=', lot);
      return eb.or([
        eb('events.lot_id', 'in', lots),
        eb.exists(
          eb
            .selectFrom('event_lines')
            .select('event_lines.event_id')
            .whereRef('event_lines.event_id', '=', 'events.id')
            .where('event_lines.lot_id', 'in', lots),
        ),
      ]);
    });
  }
  const rows = await q.execute();
  return rows.map(normaliseEvent);
}

/**
 * Net quantity of each lot shipped to a customer minus what the customer already returned,
 * optionally within one shipment: the most that may still come back.
 */
export async function returnableByLot(
  db: Tx,
  customer: string,
  lotIds: readonly number[],
  shipmentId: string | undefined,
): Promise<Map<number, number>> {
  const net = await netMovedWithParty(db, customer, lotIds, ['shipment', 'return'], shipmentId);
  return new Map([...net].map(([lot, q]) => [lot, -q]));
}

/**
 * Net quantity of each lot received from a supplier minus what was already sent back to it,
 * optionally within one receipt: the most that may still be returned to the supplier.
 */
export async function returnableToSupplierByLot(
  db: Tx,
  supplier: string,
  lotIds: readonly number[],
  receiptId: string | undefined,
): Promise<Map<number, number>> {
  return netMovedWithParty(db, supplier, lotIds, ['receipt', 'supplier_return'], receiptId);
}

/**
 * Sum of the lines of the given movements per lot in events with a party, optionally within one
 * event: that event, its reversal, and returns made against it (whose reversals carry the same link).
 */
async function netMovedWithParty(
  db: Tx,
  party: string,
  lotIds: readonly number[],
  movements: readonly string[],
  againstId: string | undefined,
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (lotIds.length === 0) return out;
  let q = db
    .selectFrom('event_lines')
    .innerJoin('events', 'events.id', 'event_lines.event_id')
    .select(['event_lines.lot_id', sql<number>`sum(event_lines.quantity)`.as('quantity')])
    .where('events.party', '=', party)
    .where('event_lines.movement', 'in', [...movements])
    .where('event_lines.lot_id', 'in', [...new Set(lotIds)])
    .groupBy('event_lines.lot_id');
  if (againstId !== undefined) {
    q = q.where((eb) => eb.or([eb('events.id', '=', againstId), eb('events.reverses', '=', againstId), eb('events.shipment_id', '=', againstId)]));
  }
  for (const r of await q.execute()) out.set(Number(r.lot_id), Number(r.quantity));
  return out;
}

/** Customer and supplier returns made against each of the given events, in ledger order. */
export async function returnsAgainst(db: Tx, eventIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (eventIds.length === 0) return out;
  const rows = await db
    .selectFrom('events')
    .select(['id', 'shipment_id'])
    .where('shipment_id', 'in', [...new Set(eventIds)])
    .where('type', 'in', ['return', 'supplier_return'])
    .orderBy('seq')
    .execute();
  for (const r of rows) {
    const list = out.get(r.shipment_id!) ?? [];
    list.push(r.id);
    out.set(r.shipment_id!, list);
  }
  return out;
}

function normaliseEvent(row: EventRow): EventRow {
  return { ...row, seq: Number(row.seq), lot_id: row.lot_id === null ? null : Number(row.lot_id) };
}
