import type { DocumentRef, EventType, Movement } from '../domain/ledger.js';
import { fromMicro } from '../domain/quantity.js';
import { findEvents, linesOfEvents, returnsAgainst, reversalsOf, type EventRow } from '../store/events.repository.js';
import { findLotsByIds, type LotRow } from '../store/lots.repository.js';
import { chunks, type Tx } from '../store/transaction.js';
import { parseDocuments } from './views.js';

export interface EventLineView {
  sku: string;
  lot: string;
  location: string;
  quantity: number;
  movement: Movement;
}

/** An event as the API shows it. */
export interface EventView {
  id: string;
  seq: number;
  type: EventType;
  time: string;
  recordedAt: string;
  party: string | null;
  location: string | null;
  to: string | null;
  reason: string | null;
  disposition: string | null;
  /** The lot a hold or release is about. */
  lot: { sku: string; lot: string } | null;
  reverses: string | null;
  reversedBy: string | null;
  /** The shipment a customer return (or its reversal) refers to. */
  shipment: string | null;
  /** The receipt a supplier return (or its reversal) refers to. */
  receipt: string | null;
  /** That shipment or receipt itself, with its documents (order, invoice, PO), for following the link. */
  against: LinkedEvent | null;
  /** Returns made against this shipment (by the customer) or receipt (to the supplier). */
  returns: string[];
  documents: DocumentRef[];
  allocation: unknown;
  lines: EventLineView[];
  /** Who recorded it: `user:<name>`, `token:<id>`, `cli:<os user>` or `system` (null before users existed). */
  actor: string | null;
  hash: string;
}

export interface LinkedEvent {
  id: string;
  type: EventType;
  time: string;
  party: string | null;
  documents: DocumentRef[];
}

/**
 * Loads events with their lines, reversal links and subject lots in a fixed number of
 * statements however many events are asked for; the result keeps the order of `rows`/`ids`.
 */
export async function loadEventViews(trx: Tx, ids: readonly string[]): Promise<EventView[]> {
  const rows = await findEvents(trx, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return viewsOfRows(
    trx,
    ids.map((id) => byId.get(id)).filter((r): r is EventRow => r !== undefined),
  );
}

export async function viewsOfRows(trx: Tx, rows: readonly EventRow[]): Promise<EventView[]> {
  const ids = rows.map((r) => r.id);
  const [lines, reversals, subjects, linked, returns] = await Promise.all([
    linesOfEvents(trx, ids),
    reversalsOf(trx, ids),
    findLotsByIds(
      trx,
      rows.flatMap((r) => (r.lot_id === null ? [] : [r.lot_id])),
    ),
    findEvents(
      trx,
      rows.flatMap((r) => (r.shipment_id === null ? [] : [r.shipment_id])),
    ),
    returnsAgainst(trx, ids),
  ]);
  const linesByEvent = new Map<string, EventLineView[]>();
  for (const l of lines) {
    const list = linesByEvent.get(l.event_id) ?? [];
    list.push({ sku: l.sku, lot: l.lot, location: l.location, quantity: fromMicro(l.quantity), movement: l.movement as Movement });
    linesByEvent.set(l.event_id, list);
  }
  const lots = new Map(subjects.map((l) => [Number(l.id), l]));
  return shapeViews(rows, { linesByEvent, reversals, lots, linked, returns });
}

/** An event just appended: its stored row and the lines written with it. */
export interface AppendedEvent {
  row: EventRow;
  lines: readonly { lot_id: number; location: string; quantity: number; movement: string }[];
}

/**
 * The views of events just appended in the open transaction (in ledger order), built from the
 * rows it has written rather than read back: only the codes of lots not in `known` (by id) and
 * the events that returns refer to are read, in one statement each (per 500). The result is what
 * `loadEventViews` would return.
 */
export async function viewsOfAppended(trx: Tx, appended: readonly AppendedEvent[], known: ReadonlyMap<number, LotRow> = new Map()): Promise<EventView[]> {
  const rows = appended.map((a) => a.row);
  const lotById = new Map(known);
  const unknown = new Set<number>();
  for (const a of appended) {
    if (a.row.lot_id !== null && !lotById.has(a.row.lot_id)) unknown.add(a.row.lot_id);
    for (const l of a.lines) if (!lotById.has(l.lot_id)) unknown.add(l.lot_id);
  }
  for (const part of chunks([...unknown], 500)) for (const l of await findLotsByIds(trx, part)) lotById.set(Number(l.id), l);
  const linked: EventRow[] = [];
  for (const part of chunks([...new Set(rows.flatMap((r) => (r.shipment_id === null ? [] : [r.shipment_id])))], 500)) linked.push(...(await findEvents(trx, part)));
  const linesByEvent = new Map<string, EventLineView[]>();
  for (const a of appended) {
    linesByEvent.set(
      a.row.id,
      a.lines.map((l) => {
        const lot = lotById.get(l.lot_id)!;
        return { sku: lot.sku, lot: lot.code, location: l.location, quantity: fromMicro(l.quantity), movement: l.movement as Movement };
      }),
    );
  }
  // Only events appended after them in the same transaction can reverse them or be returned
  // against them, and those are in `appended` too (in ledger order, as `returnsAgainst` lists them).
  const ids = new Set(rows.map((r) => r.id));
  const reversals = new Map<string, string>();
  const returns = new Map<string, string[]>();
  for (const r of rows) {
    if (r.reverses !== null && ids.has(r.reverses)) reversals.set(r.reverses, r.id);
    if (r.shipment_id !== null && ids.has(r.shipment_id) && (r.type === 'return' || r.type === 'supplier_return')) {
      returns.set(r.shipment_id, [...(returns.get(r.shipment_id) ?? []), r.id]);
    }
  }
  return shapeViews(rows, { linesByEvent, reversals, lots: lotById, linked, returns });
}

function shapeViews(
  rows: readonly EventRow[],
  related: {
    linesByEvent: ReadonlyMap<string, EventLineView[]>;
    reversals: ReadonlyMap<string, string>;
    lots: ReadonlyMap<number, LotRow>;
    linked: readonly EventRow[];
    returns: ReadonlyMap<string, string[]>;
  },
): EventView[] {
  const { linesByEvent, reversals, returns, lots } = related;
  const linkedById = new Map(related.linked.map((e) => [e.id, e]));
  return rows.map((r) => {
    const lot = r.lot_id === null ? undefined : lots.get(r.lot_id);
    const against = r.shipment_id === null ? undefined : linkedById.get(r.shipment_id);
    return {
      id: r.id,
      seq: r.seq,
      type: r.type as EventType,
      time: r.time,
      recordedAt: r.recorded_at,
      party: r.party,
      location: r.location,
      to: r.to_location,
      reason: r.reason,
      disposition: r.disposition,
      lot: lot ? { sku: lot.sku, lot: lot.code } : null,
      reverses: r.reverses,
      reversedBy: reversals.get(r.id) ?? null,
      shipment: against?.type === 'receipt' ? null : r.shipment_id,
      receipt: against?.type === 'receipt' ? against.id : null,
      against: against ? { id: against.id, type: against.type as EventType, time: against.time, party: against.party, documents: parseDocuments(against.documents) } : null,
      returns: returns.get(r.id) ?? [],
      documents: parseDocuments(r.documents),
      allocation: r.allocation === null ? null : (JSON.parse(r.allocation) as unknown),
      lines: linesByEvent.get(r.id) ?? [],
      actor: r.actor,
      hash: r.hash,
    };
  });
}
