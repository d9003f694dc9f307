import type { Insertable } from 'kysely';
import { isPartyMovement } from '../domain/ledger.js';
import type { EventLinesTable, EventsTable, PartyMovementsTable } from './schema.js';
import { executeForRows } from './multi-row.js';
import { chunks, type Tx } from './transaction.js';

/** The projection rows of some events' lines (see `isPartyMovement`), in the order given. */
export function partyMovementRows(events: readonly Insertable<EventsTable>[], lines: readonly Insertable<EventLinesTable>[]): PartyMovementsTable[] {
  const byId = new Map(events.map((e) => [e.id, e]));
  const out: PartyMovementsTable[] = [];
  for (const l of lines) {
    const e = byId.get(l.event_id);
    if (!e || e.party == null || !isPartyMovement(e.type, l.movement)) continue;
    out.push({
      lot_id: l.lot_id,
      seq: e.seq,
      line_no: l.line_no,
      event_id: e.id,
      type: e.type,
      time: e.time,
      party: e.party,
      location: l.location,
      quantity: l.quantity,
      shipment_id: e.shipment_id ?? null,
      documents: e.documents,
    });
  }
  return out;
}

/**
 * Keeps the party-movement projection in step with newly written events, in their transaction:
 * their receipt, shipment and return lines go in, and the rows of the events they reverse go out
 * (a reversed shipment never reached the customer, as far as a recall is concerned).
 */
export async function updatePartyMovements(db: Tx, events: readonly Insertable<EventsTable>[], lines: readonly Insertable<EventLinesTable>[]): Promise<void> {
  // 11 columns × 500 rows stays far below both engines' bind-parameter limits.
  await executeForRows(db, partyMovementRows(events, lines), (part) => db.insertInto('party_movements').values(part));
  const reversed = events.flatMap((e) => (e.reverses ? [e.reverses] : []));
  for (const part of chunks(reversed, 500)) await db.deleteFrom('party_movements').where('event_id', 'in', part).execute();
}
