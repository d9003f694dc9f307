import { Invalid } from '../domain/errors.js';
import type { App } from './context.js';
import { recordEvent, type LineDraft, type Recorded } from './event-writer.js';
import { eventTime, positiveQuantity } from './inputs.js';
import { lotKey, lotLabel, References } from './references.js';

export interface TransferInput {
  from: string;
  to: string;
  time?: string;
  lines: { sku: string; lot: string; quantity: number }[];
}

/** Moves stock of lots between warehouses; held stock may move (e.g. into quarantine). */
export async function recordTransfer(app: App, input: TransferInput, idempotencyKey?: string): Promise<Recorded> {
  if (input.lines.length === 0) throw Invalid.at('lines', 'must contain at least one line');
  if (input.from === input.to) throw Invalid.at('to', 'must differ from "from"');
  const time = eventTime(app, input.time);
  const quantities = input.lines.map((l, i) => positiveQuantity(l.quantity, `lines.${i}.quantity`));
  return recordEvent(app, { route: 'transfers', body: input, idempotencyKey }, async (trx) => {
    const refs = new References(trx);
    await refs.locations([
      { code: input.from, path: 'from' },
      { code: input.to, path: 'to' },
    ]);
    const lots = await refs.lots(input.lines.map((l, i) => ({ sku: l.sku, lot: l.lot, path: `lines.${i}.lot`, mustExist: true })));
    refs.check();
    const lines: LineDraft[] = input.lines.flatMap((l, i) => {
      const lotId = lots.get(lotKey(l.sku, l.lot))!.id;
      const common = { lotId, path: `lines.${i}.quantity`, label: lotLabel(l.sku, l.lot) };
      return [
        { ...common, location: input.from, quantity: -quantities[i]!, movement: 'transfer_out' as const },
        { ...common, location: input.to, quantity: quantities[i]!, movement: 'transfer_in' as const },
      ];
    });
    return { type: 'transfer', time, location: input.from, toLocation: input.to, lines };
  });
}
