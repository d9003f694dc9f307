import { Invalid } from '../domain/errors.js';
import { WRITE_OFF_REASONS, type WriteOffReason } from '../domain/ledger.js';
import type { App } from './context.js';
import { recordEvent, type Recorded } from './event-writer.js';
import { eventTime, positiveQuantity } from './inputs.js';
import { lotKey, lotLabel, References } from './references.js';

export interface WriteOffInput {
  location: string;
  reason: WriteOffReason;
  time?: string;
  lines: { sku: string; lot: string; quantity: number }[];
}

/** Removes stock that is destroyed or unsellable (expired, damaged, recalled, other). */
export async function recordWriteOff(app: App, input: WriteOffInput, idempotencyKey?: string): Promise<Recorded> {
  if (input.lines.length === 0) throw Invalid.at('lines', 'must contain at least one line');
  if (!WRITE_OFF_REASONS.includes(input.reason)) throw Invalid.at('reason', `must be one of ${WRITE_OFF_REASONS.join(', ')}`);
  const time = eventTime(app, input.time);
  const quantities = input.lines.map((l, i) => positiveQuantity(l.quantity, `lines.${i}.quantity`));
  return recordEvent(app, { route: 'write-offs', body: input, idempotencyKey }, async (trx) => {
    const refs = new References(trx);
    await refs.locations([{ code: input.location, path: 'location' }]);
    const lots = await refs.lots(input.lines.map((l, i) => ({ sku: l.sku, lot: l.lot, path: `lines.${i}.lot`, mustExist: true })));
    refs.check();
    const lines = input.lines.map((l, i) => ({
      lotId: lots.get(lotKey(l.sku, l.lot))!.id,
      location: input.location,
      quantity: -quantities[i]!,
      movement: 'write_off' as const,
      path: `lines.${i}.quantity`,
      label: lotLabel(l.sku, l.lot),
    }));
    return { type: 'write_off', time, location: input.location, reason: input.reason, lines };
  });
}
