import { sql } from 'kysely';
import type { TraceDirection } from '../domain/trace.js';
import type { Dialect } from './db.js';
import { idRows, inCodeSet, inIdSet } from './id-set.js';
import type { LotRow } from './lots.repository.js';
import type { PartyMovementsTable } from './schema.js';
import type { Tx } from './transaction.js';

/** A lot of a trace's closure, with its item's unit of measure. */
export type ClosureLot = LotRow & { uom: string };

/**
 * The lots reachable from the roots over genealogy links, in one recursive statement. UNION (not
 * UNION ALL) makes each lot enter the recursion once, so cycles from rework terminate.
 */
export async function closureLots(db: Tx, dialect: Dialect, rootIds: readonly number[], direction: TraceDirection): Promise<ClosureLot[]> {
  const roots = idRows(dialect, rootIds);
  const backward = sql`backward(lot_id) as (
      ${roots}
      union
      select l.from_lot_id from lot_links l join backward b on l.to_lot_id = b.lot_id)`;
  const forward = sql`forward(lot_id) as (
      ${roots}
      union
      select l.to_lot_id from lot_links l join forward f on l.from_lot_id = f.lot_id)`;
  const ctes = direction === 'backward' ? backward : direction === 'forward' ? forward : sql`${backward}, ${forward}`;
  const members =
    direction === 'backward'
      ? sql`select lot_id from backward`
      : direction === 'forward'
        ? sql`select lot_id from forward`
        : sql`select lot_id from backward union select lot_id from forward`;
  // PostgreSQL cannot size a recursive CTE (it guesses thousands of rows), so on a ledger of tens of
  // thousands of lots it joins the closure to lots by hashing a full scan of lots, paid by every
  // trace however small (20 000 lots: 1.2 of a small trace's 3 ms). Turned into an array, the
  // closure becomes an index condition on lots' primary key.
  const inClosure = dialect === 'postgres' ? sql`lots.id = any(array(${members}))` : sql`lots.id in (${members})`;
  const { rows } = await sql<ClosureLot>`with recursive ${ctes}
    select lots.*, items.uom from lots join items on items.sku = lots.sku where ${inClosure}`.execute(db);
  for (const r of rows) r.id = Number(r.id);
  return rows;
}

/**
 * PostgreSQL returns bigints as text. Converted in place: a hub trace reads tens of thousands of
 * rows, and a copy of each would cost more than reading it.
 */
function withNumbers<R extends { lot_id: number; quantity: number }>(rows: R[]): R[] {
  for (const r of rows) {
    r.lot_id = Number(r.lot_id);
    r.quantity = Number(r.quantity);
  }
  return rows;
}

export interface LinkRow {
  from_lot_id: number;
  to_lot_id: number;
  quantity: number;
  event_id: string;
}

/** Genealogy links with both ends inside the set. */
export async function linksWithin(db: Tx, dialect: Dialect, lotIds: readonly number[]): Promise<LinkRow[]> {
  const { rows } = await sql<LinkRow>`select from_lot_id, to_lot_id, quantity, event_id from lot_links
    where ${inIdSet(dialect, 'from_lot_id', lotIds)} and ${inIdSet(dialect, 'to_lot_id', lotIds)}`.execute(db);
  for (const r of rows) {
    r.from_lot_id = Number(r.from_lot_id);
    r.to_lot_id = Number(r.to_lot_id);
    r.quantity = Number(r.quantity);
  }
  return rows;
}

export interface FlowRow {
  lot_id: number;
  movement: string;
  quantity: number;
}

/**
 * Sums of ledger lines per lot and movement for the set, from the lot-flow projection: one row per
 * (lot, movement) however many lines a hub lot has.
 */
export async function flowsOf(db: Tx, dialect: Dialect, lotIds: readonly number[]): Promise<FlowRow[]> {
  const { rows } = await sql<FlowRow>`select lot_id, movement, quantity from lot_flows
    where ${inIdSet(dialect, 'lot_id', lotIds)}`.execute(db);
  return withNumbers(rows);
}

export interface BalanceOfLot {
  lot_id: number;
  location: string;
  quantity: number;
}

export async function balancesOf(db: Tx, dialect: Dialect, lotIds: readonly number[]): Promise<BalanceOfLot[]> {
  const { rows } = await sql<BalanceOfLot>`select lot_id, location, quantity from balances
    where ${inIdSet(dialect, 'lot_id', lotIds)} and quantity <> 0 order by lot_id, location`.execute(db);
  return withNumbers(rows);
}

export type MovementRow = Omit<PartyMovementsTable, 'seq' | 'line_no'>;

/**
 * Receipts, shipments and customer returns of the set's lots from the party-movement projection
 * (reversed events are not in it), in ledger order: a contiguous range of the projection per lot.
 */
export async function partyMovementsOf(db: Tx, dialect: Dialect, lotIds: readonly number[]): Promise<MovementRow[]> {
  const { rows } = await sql<MovementRow>`select event_id, type, time, lot_id, location, quantity, documents, shipment_id, party
    from party_movements where ${inIdSet(dialect, 'lot_id', lotIds)}
    order by seq, line_no`.execute(db);
  return withNumbers(rows);
}

export interface PartyContact {
  code: string;
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
}

/** The contact data of the movements' parties: a hub trace names a thousand customers or more. */
export async function partiesOf(db: Tx, dialect: Dialect, codes: readonly string[]): Promise<PartyContact[]> {
  if (codes.length === 0) return [];
  const { rows } = await sql<PartyContact>`select code, name, email, phone, address from parties where ${inCodeSet(dialect, 'code', codes)}`.execute(db);
  return rows;
}
