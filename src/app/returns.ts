import { Invalid } from '../domain/errors.js';
import { RETURN_DISPOSITIONS, type ReturnDisposition } from '../domain/ledger.js';
import { formatMicro } from '../domain/quantity.js';
import { returnableByLot } from '../store/events.repository.js';
import { setHoldState } from '../store/lots.repository.js';
import type { App } from './context.js';
import { recordEvent, type LineDraft, type Recorded } from './event-writer.js';
import { eventTime, positiveQuantity } from './inputs.js';
import { lotKey, lotLabel, References } from './references.js';
import { checkReturnable, checkReturnSource } from './returnable.js';

export interface ReturnInput {
  customer: string;
  location: string;
  shipment?: string;
  time?: string;
  disposition: ReturnDisposition;
  lines: { sku: string; lot: string; quantity: number }[];
}

/**
 * Records goods a customer sent back. A customer can only return what it was shipped (net of
 * earlier returns), within the named shipment when one is given, which links the return to that
 * shipment and its documents. `restock` puts the goods back into stock, `hold` also puts the lot
 * on hold for inspection, `scrap` records the return and writes the goods off in the same event.
 */
export async function recordReturn(app: App, input: ReturnInput, idempotencyKey?: string): Promise<Recorded> {
  if (input.lines.length === 0) throw Invalid.at('lines', 'must contain at least one line');
  if (!RETURN_DISPOSITIONS.includes(input.disposition)) {
    throw Invalid.at('disposition', `must be one of ${RETURN_DISPOSITIONS.join(', ')}`);
  }
  const time = eventTime(app, input.time);
  const quantities = input.lines.map((l, i) => positiveQuantity(l.quantity, `lines.${i}.quantity`));
  return recordEvent(app, { route: 'returns', body: input, idempotencyKey }, async (trx) => {
    const refs = new References(trx);
    await refs.party(input.customer, 'customer', 'customer');
    await refs.locations([{ code: input.location, path: 'location' }]);
    const lots = await refs.lots(input.lines.map((l, i) => ({ sku: l.sku, lot: l.lot, path: `lines.${i}.lot`, mustExist: true })));
    await checkReturnSource(trx, refs, { path: 'shipment', id: input.shipment, type: 'shipment', party: input.customer, direction: 'went to' });
    refs.check();

    const lotIds = input.lines.map((l) => lots.get(lotKey(l.sku, l.lot))!.id);
    const returnable = await returnableByLot(trx, input.customer, lotIds, input.shipment);
    const scope = input.shipment === undefined ? '' : ` in shipment ${input.shipment}`;
    checkReturnable(input.lines, quantities, lotIds, returnable, (l, may) => `${input.customer} can return at most ${formatMicro(may)} of ${lotLabel(l.sku, l.lot)}${scope} (shipped, net of earlier returns)`);

    const lines: LineDraft[] = input.lines.flatMap((l, i) => {
      const common = { lotId: lotIds[i]!, location: input.location, path: `lines.${i}.quantity`, label: lotLabel(l.sku, l.lot) };
      const back: LineDraft = { ...common, quantity: quantities[i]!, movement: 'return' };
      return input.disposition === 'scrap' ? [back, { ...common, quantity: -quantities[i]!, movement: 'write_off' }] : [back];
    });
    if (input.disposition === 'hold') {
      const available = [...lots.values()].filter((l) => l.hold_state === 'available').map((l) => l.id);
      await setHoldState(trx, available, 'hold', `returned by ${input.customer}`);
    }
    return {
      type: 'return',
      time,
      party: input.customer,
      location: input.location,
      disposition: input.disposition,
      shipmentId: input.shipment,
      reason: input.disposition === 'scrap' ? 'returned and scrapped' : undefined,
      lines,
    };
  });
}
