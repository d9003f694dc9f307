import { CompiledQuery, sql, type RawBuilder } from 'kysely';
import type { DocumentRef } from '../domain/ledger.js';
import type { TraceDirection } from '../domain/trace.js';
import { prepareOnPostgres, type Dialect } from './db.js';
import { jsonRows, tuples } from './json-rows.js';
import type { LotRow } from './lots.repository.js';
import type { Tx } from './transaction.js';

/** A lot of a trace's closure, with its item's unit of measure. */
export type ClosureLot = LotRow & { uom: string };

export interface LinkRow {
  from_lot_id: number;
  to_lot_id: number;
  quantity: number;
  event_id: string;
}

/** The sum of a lot's ledger lines of one movement (the lot-flow projection). */
export interface FlowRow {
  lot_id: number;
  movement: string;
  quantity: number;
}

export interface BalanceOfLot {
  lot_id: number;
  location: string;
  quantity: number;
}

/** A receipt, shipment or customer-return line of a lot, with its event's data. */
export interface MovementRow {
  seq: number;
  line_no: number;
  event_id: string;
  type: 'receipt' | 'shipment' | 'return';
  time: string;
  lot_id: number;
  location: string;
  quantity: number;
  documents: DocumentRef[];
  shipment_id: string | null;
  party: string;
}

export interface PartyContact {
  code: string;
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
}

/** Everything a trace reads, for the closure of its roots. */
export interface TraceRows {
  lots: ClosureLot[];
  /** Genealogy links with both ends in the closure. */
  links: LinkRow[];
  flows: FlowRow[];
  /** Non-zero stock, by lot and location. */
  balances: BalanceOfLot[];
  /** Receipts, shipments and returns (reversed events are not in the projection), in ledger order. */
  movements: MovementRow[];
  /** The suppliers and customers of the movements. */
  parties: PartyContact[];
}

/*
 * A trace is ONE statement, whatever the size of the closure: a recursive CTE computes the closure
 * (UNION, not UNION ALL, so each lot enters the recursion once and rework cycles terminate), and
 * each kind of row of the closure comes back aggregated into one JSON array of arrays (see
 * `jsonRows`); and one statement is one round trip to PostgreSQL and one consistent snapshot
 * without a transaction.
 */

const LOT_COLUMNS = sql`lots.id, lots.sku, lots.code, lots.origin, lots.supplier, lots.supplier_lot, lots.production_date, lots.expiry_date,
  lots.sell_by_date, lots.hold_state, lots.hold_reason, lots.created_event_id, lots.created_at, items.uom`;
const LINK_COLUMNS = sql`k.from_lot_id, k.to_lot_id, k.quantity, k.event_id`;
const FLOW_COLUMNS = sql`f.lot_id, f.movement, f.quantity`;
const BALANCE_COLUMNS = sql`b.lot_id, b.location, b.quantity`;
const PARTY_COLUMNS = sql`p.code, p.name, p.email, p.phone, p.address`;
// Then the documents (JSON text, embedded as JSON), the shipment and the party.
const MOVEMENT_COLUMNS = sql`m.seq, m.line_no, m.event_id, m.type, m.time, m.lot_id, m.location, m.quantity`;

/** The recursive CTEs of the closure of `roots` (rows of one column) in a direction. */
function closureCtes(roots: RawBuilder<unknown>, direction: TraceDirection): { ctes: RawBuilder<unknown>; members: RawBuilder<unknown> } {
  const backward = sql`backward(lot_id) as (${roots} union select k.from_lot_id from lot_links k join backward b on k.to_lot_id = b.lot_id)`;
  const forward = sql`forward(lot_id) as (${roots} union select k.to_lot_id from lot_links k join forward f on k.from_lot_id = f.lot_id)`;
  if (direction === 'backward') return { ctes: backward, members: sql`select lot_id from backward` };
  if (direction === 'forward') return { ctes: forward, members: sql`select lot_id from forward` };
  return { ctes: sql`${backward}, ${forward}`, members: sql`select lot_id from backward union select lot_id from forward` };
}

/** What the trace statement says differently on each engine. */
interface TraceDialect {
  /** The roots (the one parameter) as rows of one column. */
  roots: RawBuilder<unknown>;
  /** The CTE that holds the closure's members once computed. */
  closure: (members: RawBuilder<unknown>) => RawBuilder<unknown>;
  inClosure: (column: RawBuilder<unknown>) => RawBuilder<unknown>;
  /** The movement's documents (JSON text) as embedded JSON. */
  documents: RawBuilder<unknown>;
  /** The condition "party `p` has movements of the closure". */
  partyMoved: RawBuilder<unknown>;
}

const SQLITE: TraceDialect = {
  roots: sql`select value from json_each(${''})`,
  // Read by every subquery: materialised, it is computed once.
  closure: (members) => sql`closure(lot_id) as materialized (${members})`,
  inClosure: (column) => sql`${column} in (select lot_id from closure)`,
  documents: sql`json(m.documents)`,
  // The movements are read again rather than materialised: copying ten thousand rows into a
  // temporary table costs more than a second pass over their index range.
  partyMoved: sql`p.code in (select party from party_movements where lot_id in (select lot_id from closure))`,
};

const POSTGRES: TraceDialect = {
  roots: sql`select unnest(${[]}::bigint[])`,
  // The closure as one array: `= any(array)` is an index condition on every table it meets,
  // where a join to a recursive CTE (whose size PostgreSQL cannot estimate) is often planned as
  // a hash over a full scan.
  closure: (members) => sql`closure as materialized (select array(${members}) as ids)`,
  inClosure: (column) => sql`${column} = any((select ids from closure)::bigint[])`,
  documents: sql`m.documents::json`,
  partyMoved: sql`p.code = any(array(select distinct party from party_movements where lot_id = any((select ids from closure)::bigint[])))`,
};

function traceStatement(dialect: Dialect, direction: TraceDirection): RawBuilder<Record<keyof TraceRows, unknown>> {
  const d = dialect === 'sqlite' ? SQLITE : POSTGRES;
  const { ctes, members } = closureCtes(d.roots, direction);
  const { inClosure } = d;
  const aggregate = (columns: RawBuilder<unknown>) => jsonRows(dialect, columns);
  return sql`with recursive ${ctes}, ${d.closure(members)}
    select
      (select ${aggregate(LOT_COLUMNS)} from lots join items on items.sku = lots.sku where ${inClosure(sql`lots.id`)}) as lots,
      (select ${aggregate(LINK_COLUMNS)} from lot_links k where ${inClosure(sql`k.from_lot_id`)} and ${inClosure(sql`k.to_lot_id`)}) as links,
      (select ${aggregate(FLOW_COLUMNS)} from lot_flows f where ${inClosure(sql`f.lot_id`)}) as flows,
      (select ${aggregate(BALANCE_COLUMNS)} from balances b where ${inClosure(sql`b.lot_id`)} and b.quantity <> 0) as balances,
      (select ${aggregate(sql`${MOVEMENT_COLUMNS}, ${d.documents}, m.shipment_id, m.party`)} from party_movements m where ${inClosure(sql`m.lot_id`)}) as movements,
      (select ${aggregate(PARTY_COLUMNS)} from parties p where ${d.partyMoved}) as parties`;
}

/** The trace statement's SQL per dialect and direction: compiled once, then bound to the roots. */
const compiledTraces = new Map<string, { sql: string; parameters: number }>();

function traceQuery(db: Tx, dialect: Dialect, rootIds: readonly number[], direction: TraceDirection): CompiledQuery {
  const key = `${dialect}:${direction}`;
  let text = compiledTraces.get(key);
  if (!text) {
    const compiled = traceStatement(dialect, direction).compile(db);
    text = { sql: compiled.sql, parameters: compiled.parameters.length };
    compiledTraces.set(key, text);
    if (dialect === 'postgres') prepareOnPostgres(text.sql);
  }
  // Every parameter of the statement is the set of roots (once per direction walked).
  const roots = rootsParameter(dialect, rootIds);
  return CompiledQuery.raw(text.sql, Array.from({ length: text.parameters }, () => roots));
}

/** The set of roots as the statements' one parameter: a JSON array on SQLite, a bigint[] on PostgreSQL. */
function rootsParameter(dialect: Dialect, rootIds: readonly number[]): unknown {
  return dialect === 'sqlite' ? JSON.stringify(rootIds) : [...rootIds];
}

/**
 * The closure alone, computed exactly as the trace statement computes it (the benchmark weighs it
 * against an in-memory walk, apart from fetching and shaping what the closure holds).
 */
export async function closureIds(db: Tx, dialect: Dialect, rootIds: readonly number[], direction: TraceDirection): Promise<number[]> {
  const { ctes, members } = closureCtes((dialect === 'sqlite' ? SQLITE : POSTGRES).roots, direction);
  const compiled = sql<{ lot_id: number }>`with recursive ${ctes} ${members}`.compile(db);
  const { rows } = await db.executeQuery<{ lot_id: number }>(CompiledQuery.raw(compiled.sql, compiled.parameters.map(() => rootsParameter(dialect, rootIds))));
  return rows.map((r) => Number(r.lot_id));
}

/**
 * The closure of the roots over genealogy links in a direction, with its links, lot flows, stock,
 * party movements and parties, in one statement. Rows are built from the JSON tuples field by
 * field (one object shape per kind, numbers kept exact: every quantity is a scaled integer well
 * inside 2^53).
 */
export async function traceRows(db: Tx, dialect: Dialect, rootIds: readonly number[], direction: TraceDirection): Promise<TraceRows> {
  const { rows } = await db.executeQuery<Record<keyof TraceRows, unknown>>(traceQuery(db, dialect, rootIds, direction));
  const r = rows[0]!;
  const lots = tuples(r.lots).map(
    (t): ClosureLot => ({
      id: t[0] as number,
      sku: t[1] as string,
      code: t[2] as string,
      origin: t[3] as ClosureLot['origin'],
      supplier: t[4] as string | null,
      supplier_lot: t[5] as string | null,
      production_date: t[6] as string | null,
      expiry_date: t[7] as string | null,
      sell_by_date: t[8] as string | null,
      hold_state: t[9] as ClosureLot['hold_state'],
      hold_reason: t[10] as string | null,
      created_event_id: t[11] as string,
      created_at: t[12] as string,
      uom: t[13] as string,
    }),
  );
  const links = tuples(r.links).map((t): LinkRow => ({ from_lot_id: t[0] as number, to_lot_id: t[1] as number, quantity: t[2] as number, event_id: t[3] as string }));
  const flows = tuples(r.flows).map((t): FlowRow => ({ lot_id: t[0] as number, movement: t[1] as string, quantity: t[2] as number }));
  const balances = tuples(r.balances)
    .map((t): BalanceOfLot => ({ lot_id: t[0] as number, location: t[1] as string, quantity: t[2] as number }))
    .sort((a, b) => a.lot_id - b.lot_id || (a.location < b.location ? -1 : a.location > b.location ? 1 : 0));
  const movements = tuples(r.movements)
    .map(
      (t): MovementRow => ({
        seq: t[0] as number,
        line_no: t[1] as number,
        event_id: t[2] as string,
        type: t[3] as MovementRow['type'],
        time: t[4] as string,
        lot_id: t[5] as number,
        location: t[6] as string,
        quantity: t[7] as number,
        documents: t[8] as DocumentRef[],
        shipment_id: t[9] as string | null,
        party: t[10] as string,
      }),
    )
    .sort((a, b) => a.seq - b.seq || a.line_no - b.line_no);
  const parties = tuples(r.parties).map((t): PartyContact => ({ code: t[0] as string, name: t[1] as string, email: t[2] as string | null, phone: t[3] as string | null, address: t[4] as string | null }));
  return { lots, links, flows, balances, movements, parties };
}
