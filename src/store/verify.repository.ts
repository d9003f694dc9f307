import { sql } from 'kysely';
import type { EventRow } from './events.repository.js';
import type { Tx } from './transaction.js';

/** A (lot, location) whose stored balance differs from the sum of its ledger lines. */
export interface BalanceMismatchRow {
  lot_id: number;
  sku: string;
  code: string;
  location: string;
  /** Sum of the ledger lines: what the balance must be. */
  ledger: number;
  /** What the balance table says. */
  projection: number;
}

/**
 * Lines and balances side by side in one grouped scan: a pair is wrong when the sums differ,
 * whichever side is missing, so no per-lot query and no full load of either table into memory.
 */
function differences(db: Tx) {
  const sides = db
    .selectFrom('event_lines')
    .select(['lot_id', 'location', 'quantity as ledger', sql<number>`0`.as('projection')])
    .unionAll(db.selectFrom('balances').select(['lot_id', 'location', sql<number>`0`.as('ledger'), 'quantity as projection']));
  return db
    .selectFrom(sides.as('u'))
    .select(['u.lot_id', 'u.location', sql<number>`sum(u.ledger)`.as('ledger'), sql<number>`sum(u.projection)`.as('projection')])
    .groupBy(['u.lot_id', 'u.location'])
    .having(sql`sum(u.ledger)`, '<>', sql`sum(u.projection)`);
}

/** The first `limit` mismatched balances (by lot id and location) and how many there are in all. */
export async function balanceMismatches(db: Tx, limit: number): Promise<{ count: number; rows: BalanceMismatchRow[] }> {
  const [counted, rows] = await Promise.all([
    db.selectFrom(differences(db).as('d')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom(differences(db).as('d'))
      .innerJoin('lots', 'lots.id', 'd.lot_id')
      .select(['d.lot_id', 'lots.sku', 'lots.code', 'd.location', 'd.ledger', 'd.projection'])
      .orderBy('d.lot_id')
      .orderBy('d.location')
      .limit(limit)
      .execute(),
  ]);
  return {
    count: Number(counted.n),
    rows: rows.map((r) => ({ ...r, lot_id: Number(r.lot_id), ledger: Number(r.ledger), projection: Number(r.projection) })),
  };
}

/** A (lot, movement) whose lot-flow total differs from the sum of its ledger lines. */
export interface LotFlowMismatchRow {
  lot_id: number;
  sku: string;
  code: string;
  movement: string;
  ledger: number;
  projection: number;
}

/** Lines and lot flows side by side in one grouped scan, as `differences` does for balances. */
function flowDifferences(db: Tx) {
  const sides = db
    .selectFrom('event_lines')
    .select(['lot_id', 'movement', 'quantity as ledger', sql<number>`0`.as('projection')])
    .unionAll(db.selectFrom('lot_flows').select(['lot_id', 'movement', sql<number>`0`.as('ledger'), 'quantity as projection']));
  return db
    .selectFrom(sides.as('u'))
    .select(['u.lot_id', 'u.movement', sql<number>`sum(u.ledger)`.as('ledger'), sql<number>`sum(u.projection)`.as('projection')])
    .groupBy(['u.lot_id', 'u.movement'])
    .having(sql`sum(u.ledger)`, '<>', sql`sum(u.projection)`);
}

/** The first `limit` mismatched lot flows (by lot id and movement) and how many there are in all. */
export async function lotFlowMismatches(db: Tx, limit: number): Promise<{ count: number; rows: LotFlowMismatchRow[] }> {
  const [counted, rows] = await Promise.all([
    db.selectFrom(flowDifferences(db).as('d')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom(flowDifferences(db).as('d'))
      .innerJoin('lots', 'lots.id', 'd.lot_id')
      .select(['d.lot_id', 'lots.sku', 'lots.code', 'd.movement', 'd.ledger', 'd.projection'])
      .orderBy('d.lot_id')
      .orderBy('d.movement')
      .limit(limit)
      .execute(),
  ]);
  return {
    count: Number(counted.n),
    rows: rows.map((r) => ({ ...r, lot_id: Number(r.lot_id), ledger: Number(r.ledger), projection: Number(r.projection) })),
  };
}

/** A party-movement row the ledger implies but the projection lacks, or one it holds that the ledger does not imply. */
export interface PartyMovementMismatchRow {
  event_id: string;
  seq: number;
  line_no: number;
  sku: string;
  code: string;
  problem: 'missing' | 'unexpected' | 'differs';
}

const PARTY_MOVEMENT_COLUMNS = sql`lot_id, seq, line_no, event_id, type, time, party, location, quantity, shipment_id, documents`;

/**
 * The projection against what the ledger implies — every receipt, shipment and return line of an
 * event that was not reversed, with its event's data — compared row for row in both directions.
 */
export async function partyMovementMismatches(db: Tx, limit: number): Promise<{ count: number; checked: number; rows: PartyMovementMismatchRow[] }> {
  const implied = sql`select l.lot_id, e.seq, l.line_no, e.id as event_id, e.type, e.time, e.party, l.location, l.quantity, e.shipment_id, e.documents
    from event_lines l join events e on e.id = l.event_id
    where e.type in ('receipt', 'shipment', 'return') and l.movement = e.type and e.party is not null
      and not exists (select 1 from events r where r.reverses = e.id)`;
  const stored = sql`select ${PARTY_MOVEMENT_COLUMNS} from party_movements`;
  // One row per ledger line whichever side is wrong: in the ledger only, in the projection only,
  // or in both with different contents.
  const differences = sql`select coalesce(a.lot_id, b.lot_id) as lot_id, coalesce(a.seq, b.seq) as seq, coalesce(a.line_no, b.line_no) as line_no,
      coalesce(a.event_id, b.event_id) as event_id,
      case when b.seq is null then 'missing' when a.seq is null then 'unexpected' else 'differs' end as problem
    from (${implied} except ${stored}) a
    full outer join (${stored} except ${implied}) b on b.lot_id = a.lot_id and b.seq = a.seq and b.line_no = a.line_no`;
  const [counted, checked, rows] = await Promise.all([
    sql<{ n: number }>`select count(*) as n from (${differences}) x`.execute(db),
    sql<{ n: number }>`select count(*) as n from party_movements`.execute(db),
    sql<PartyMovementMismatchRow>`select x.event_id, x.seq, x.line_no, lots.sku, lots.code, x.problem from (${differences}) x
      join lots on lots.id = x.lot_id order by x.seq, x.line_no limit ${limit}`.execute(db),
  ]);
  return {
    count: Number(counted.rows[0]!.n),
    checked: Number(checked.rows[0]!.n),
    rows: rows.rows.map((r) => ({ ...r, seq: Number(r.seq) })),
  };
}

export async function countLotFlows(db: Tx): Promise<number> {
  const row = await db.selectFrom('lot_flows').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countBalances(db: Tx): Promise<number> {
  const row = await db.selectFrom('balances').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One batch of events in ledger order, after sequence number `afterSeq`. */
export async function eventsAfter(db: Tx, afterSeq: number, limit: number): Promise<EventRow[]> {
  const rows = await db.selectFrom('events').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq), lot_id: r.lot_id === null ? null : Number(r.lot_id) }));
}

/**
 * The lines of the events with sequence numbers in (afterSeq, lastSeq], by event then line: a
 * range join rather than an IN list, so a batch costs one statement whatever its size.
 */
export async function linesInSeqRange(db: Tx, afterSeq: number, lastSeq: number) {
  const rows = await db
    .selectFrom('event_lines')
    .innerJoin('events', 'events.id', 'event_lines.event_id')
    .select(['event_lines.event_id', 'event_lines.line_no', 'event_lines.lot_id', 'event_lines.location', 'event_lines.quantity', 'event_lines.movement'])
    .where('events.seq', '>', afterSeq)
    .where('events.seq', '<=', lastSeq)
    .orderBy('events.seq')
    .orderBy('event_lines.line_no')
    .execute();
  return rows.map((r) => ({ ...r, lot_id: Number(r.lot_id), quantity: Number(r.quantity) }));
}

/** The genealogy links of the same range, in the order they were written (their ids). */
export async function linksInSeqRange(db: Tx, afterSeq: number, lastSeq: number) {
  const rows = await db
    .selectFrom('lot_links')
    .innerJoin('events', 'events.id', 'lot_links.event_id')
    .select(['lot_links.event_id', 'lot_links.from_lot_id', 'lot_links.to_lot_id', 'lot_links.quantity'])
    .where('events.seq', '>', afterSeq)
    .where('events.seq', '<=', lastSeq)
    .orderBy('lot_links.id')
    .execute();
  return rows.map((r) => ({ ...r, from_lot_id: Number(r.from_lot_id), to_lot_id: Number(r.to_lot_id), quantity: Number(r.quantity) }));
}
