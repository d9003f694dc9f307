import { Invalid } from '../domain/errors.js';
import type { DocumentRef } from '../domain/ledger.js';
import { formatMicro } from '../domain/quantity.js';
import { returnableToSupplierByLot } from '../store/events.repository.js';
import type { App } from './context.js';
import { checkDocuments } from './documents.js';
import { recordEvent, type LineDraft, type Recorded } from './event-writer.js';
import { eventTime, positiveQuantity } from './inputs.js';
import { lotKey, lotLabel, References } from './references.js';
import { checkReturnable, checkReturnSource } from './returnable.js';

export interface SupplierReturnInput {
  supplier: string;
  location: string;
  /** Id of the receipt event the goods came in with: links the return to it and its PO/invoice. */
  receipt?: string;
  time?: string;
  reason?: string;
  documents?: DocumentRef[];
  lines: { sku: string; lot: string; quantity: number }[];
}

/**
 * Records goods sent back to the supplier they were received from (a rejected delivery, a
 * supplier's recall). Only lots received from that supplier qualify, and at most what was received
 * net of earlier returns to it (within the named receipt, when one is given). Held, recalled and
 * expired stock may go back — that is often why it goes — but stock reserved for an order may not.
 */
export async function recordSupplierReturn(app: App, input: SupplierReturnInput, idempotencyKey?: string): Promise<Recorded> {
  if (input.lines.length === 0) throw Invalid.at('lines', 'must contain at least one line');
  if (input.reason !== undefined && input.reason.trim() === '') throw Invalid.at('reason', 'must not be empty');
  const time = eventTime(app, input.time);
  const documents = checkDocuments(input.documents);
  const quantities = input.lines.map((l, i) => positiveQuantity(l.quantity, `lines.${i}.quantity`));
  return recordEvent(app, { route: 'supplier-returns', body: input, idempotencyKey }, async (trx) => {
    const refs = new References(trx);
    await refs.party(input.supplier, 'supplier', 'supplier');
    await refs.locations([{ code: input.location, path: 'location' }]);
    const lots = await refs.lots(input.lines.map((l, i) => ({ sku: l.sku, lot: l.lot, path: `lines.${i}.lot`, mustExist: true })));
    await checkReturnSource(trx, refs, { path: 'receipt', id: input.receipt, type: 'receipt', party: input.supplier, direction: 'came from' });
    input.lines.forEach((l, i) => {
      const lot = lots.get(lotKey(l.sku, l.lot));
      if (lot && lot.supplier !== input.supplier) {
        const origin = lot.supplier === null ? 'was produced here' : `was received from ${lot.supplier}`;
        refs.fail(`lines.${i}.lot`, `lot "${l.lot}" of item "${l.sku}" ${origin}, not from ${input.supplier}`);
      }
    });
    refs.check();

    const lotIds = input.lines.map((l) => lots.get(lotKey(l.sku, l.lot))!.id);
    const returnable = await returnableToSupplierByLot(trx, input.supplier, lotIds, input.receipt);
    const scope = input.receipt === undefined ? '' : ` of receipt ${input.receipt}`;
    checkReturnable(input.lines, quantities, lotIds, returnable, (l, may) => `at most ${formatMicro(may)} of ${lotLabel(l.sku, l.lot)}${scope} can go back to ${input.supplier} (received, net of earlier returns)`);

    const lines: LineDraft[] = input.lines.map((l, i) => ({
      lotId: lotIds[i]!,
      location: input.location,
      quantity: -quantities[i]!,
      movement: 'supplier_return',
      path: `lines.${i}.quantity`,
      label: lotLabel(l.sku, l.lot),
    }));
    return {
      type: 'supplier_return',
      time,
      party: input.supplier,
      location: input.location,
      // The events table's return link: for a supplier return it names the receipt.
      shipmentId: input.receipt,
      reason: input.reason,
      documents,
      lines,
    };
  });
}
