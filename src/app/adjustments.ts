import { Invalid } from '../domain/errors.js';
import { toMicro } from '../domain/quantity.js';
import type { App } from './context.js';
import { recordEvent, type Recorded } from './event-writer.js';
import { eventTime } from './inputs.js';
import { lotKey, lotLabel, References } from './references.js';

export interface AdjustmentInput {
  location: string;
  reason: string;
  time?: string;
  lines: { sku: string; lot: string; quantity: number }[];
}

/** Corrects stock after a count: signed quantities, never below zero. */
export async function recordAdjustment(app: App, input: AdjustmentInput, idempotencyKey?: string): Promise<Recorded> {
  if (input.lines.length === 0) throw Invalid.at('lines', 'must contain at least one line');
  if (input.reason.trim() === '') throw Invalid.at('reason', 'must not be empty');
  const time = eventTime(app, input.time);
  const quantities = input.lines.map((l, i) => {
    const q = toMicro(l.quantity, `lines.${i}.quantity`);
    if (q === 0) throw Invalid.at(`lines.${i}.quantity`, 'must not be 0');
    return q;
  });
  return recordEvent(app, { route: 'adjustments', body: input, idempotencyKey }, async (trx) => {
    const refs = new References(trx);
    await refs.locations([{ code: input.location, path: 'location' }]);
    const lots = await refs.lots(input.lines.map((l, i) => ({ sku: l.sku, lot: l.lot, path: `lines.${i}.lot`, mustExist: true })));
    refs.check();
    const lines = input.lines.map((l, i) => ({
      lotId: lots.get(lotKey(l.sku, l.lot))!.id,
      location: input.location,
      quantity: quantities[i]!,
      movement: 'adjustment' as const,
      path: `lines.${i}.quantity`,
      label: lotLabel(l.sku, l.lot),
    }));
    return { type: 'adjustment', time, location: input.location, reason: input.reason, lines };
  });
}
