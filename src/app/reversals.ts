import { Conflict, NotFound } from '../domain/errors.js';
import { isReversible, type EventType, type Movement } from '../domain/ledger.js';
import { findEvents, linesOfEvents, reversalsOf } from '../store/events.repository.js';
import type { App } from './context.js';
import { recordEvent, type Recorded } from './event-writer.js';
import { lotLabel } from './references.js';

/**
 * Cancels an event by appending its mirror image: every line with the opposite sign and the same
 * movement, so history stays intact and the lot totals net out. An event is reversed at most
 * once; a reversal that would make stock negative (e.g. a receipt already shipped) is refused.
 */
export async function reverseEvent(app: App, eventId: string, input: { reason?: string }, idempotencyKey?: string): Promise<Recorded> {
  return recordEvent(app, { route: `events/${eventId}/reverse`, body: input, idempotencyKey }, async (trx) => {
    const [original] = await findEvents(trx, [eventId]);
    if (!original) throw new NotFound(`event "${eventId}" not found`);
    const type = original.type as EventType;
    if (!isReversible(type)) {
      const undo: Partial<Record<EventType, string>> = { reversal: 'nothing: a reversal cannot itself be reversed', hold: 'a release', release: 'a hold', recall: 'closing the recall and releasing its lots' };
      throw new Conflict(`a ${type} event is undone by ${undo[type]}, not by a reversal`);
    }
    const already = (await reversalsOf(trx, [eventId])).get(eventId);
    if (already) throw new Conflict(`event ${eventId} was already reversed by ${already}`);
    const lines = (await linesOfEvents(trx, [eventId])).map((l) => ({
      lotId: l.lot_id,
      location: l.location,
      quantity: -l.quantity,
      movement: l.movement as Movement,
      path: `lines.${l.line_no - 1}`,
      label: lotLabel(l.sku, l.lot),
    }));
    return {
      type: 'reversal',
      time: app.clock.now().toISOString(),
      party: original.party ?? undefined,
      location: original.location ?? undefined,
      toLocation: original.to_location ?? undefined,
      shipmentId: original.shipment_id ?? undefined,
      reverses: eventId,
      reason: input.reason,
      lines,
    };
  });
}
