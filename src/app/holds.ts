import { Conflict, Invalid, NotFound } from '../domain/errors.js';
import { findLots, setHoldState } from '../store/lots.repository.js';
import { lotsUnderOpenRecall } from '../store/recalls.repository.js';
import type { App } from './context.js';
import { recordAudit } from './audit.js';
import { recordEvent, type Recorded } from './event-writer.js';

/** Puts a whole lot on hold: none of it may be shipped or consumed until it is released. */
export async function holdLot(app: App, sku: string, lot: string, input: { reason: string }, idempotencyKey?: string): Promise<Recorded> {
  if (input.reason.trim() === '') throw Invalid.at('reason', 'must not be empty');
  return recordEvent(app, { route: `lots/${sku}/${lot}/hold`, body: input, idempotencyKey }, async (trx) => {
    const [row] = await findLots(trx, [{ sku, code: lot }]);
    if (!row) throw new NotFound(`lot "${lot}" of item "${sku}" not found`);
    if (row.hold_state !== 'available') throw new Conflict(`lot "${lot}" of item "${sku}" is already ${row.hold_state === 'hold' ? 'on hold' : 'recalled'}`);
    await setHoldState(trx, [Number(row.id)], 'hold', input.reason);
    await recordAudit(app, trx, { entity: 'lot', entityId: `${sku}/${lot}`, action: 'hold', before: { status: row.hold_state }, after: { status: 'hold', reason: input.reason } });
    return { type: 'hold', time: app.clock.now().toISOString(), lotId: Number(row.id), reason: input.reason, lines: [] };
  });
}

/**
 * Releases a held lot back to available stock. A recalled lot can be released only once every
 * recall covering it is closed (QA's decision after the investigation).
 */
export async function releaseLot(app: App, sku: string, lot: string, input: { reason?: string }, idempotencyKey?: string): Promise<Recorded> {
  return recordEvent(app, { route: `lots/${sku}/${lot}/release`, body: input, idempotencyKey }, async (trx) => {
    const [row] = await findLots(trx, [{ sku, code: lot }]);
    if (!row) throw new NotFound(`lot "${lot}" of item "${sku}" not found`);
    if (row.hold_state === 'available') throw new Conflict(`lot "${lot}" of item "${sku}" is not on hold`);
    if (row.hold_state === 'recalled' && (await lotsUnderOpenRecall(trx, [Number(row.id)])).size > 0) {
      throw new Conflict(`lot "${lot}" of item "${sku}" is under an open recall; close the recall first`);
    }
    await setHoldState(trx, [Number(row.id)], 'available', null);
    await recordAudit(app, trx, { entity: 'lot', entityId: `${sku}/${lot}`, action: 'release', before: { status: row.hold_state, reason: row.hold_reason }, after: { status: 'available', reason: input.reason ?? null } });
    return { type: 'release', time: app.clock.now().toISOString(), lotId: Number(row.id), reason: input.reason, lines: [] };
  });
}
