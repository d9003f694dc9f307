import { Invalid } from '../domain/errors.js';
import type { DocumentRef } from '../domain/ledger.js';
import type { App } from './context.js';
import { checkDocuments } from './documents.js';
import { recordEvent, type LineDraft, type Recorded } from './event-writer.js';
import { eventTime, positiveQuantity, requireCode, requireDate } from './inputs.js';
import { LotMaker } from './lot-creation.js';
import { declaringReferences, lotLabel, References, type EventBuilder } from './references.js';
import { resolveReceiptScans, type ReceiptScanLine, type WithScanLines } from './scan-lines.js';

export interface ReceiptInput {
  supplier: string;
  location: string;
  time?: string;
  documents?: DocumentRef[];
  lines: {
    sku: string;
    lot: string;
    quantity: number;
    expiryDate?: string;
    productionDate?: string;
    supplierLot?: string;
  }[];
}

/**
 * Records goods received from a supplier. Lots named for the first time are created with the
 * supplier, supplier lot and dates; goods that arrive already expired are recorded as they are
 * and the lot shows `expired` at once. A line may be a GS1 scan instead (see scan-lines.ts).
 */
export async function recordReceipt(app: App, request: WithScanLines<ReceiptInput, ReceiptScanLine>, idempotencyKey?: string): Promise<Recorded> {
  const input = { ...request, lines: await resolveReceiptScans(app, request.lines) };
  return recordEvent(app, { route: 'receipts', body: input, idempotencyKey }, receiptBuilder(app, input));
}

/**
 * Checks a receipt and returns the step that records it inside the ledger transaction; purchase
 * orders receive through the very same step.
 */
export function receiptBuilder(app: App, input: ReceiptInput): EventBuilder {
  if (input.lines.length === 0) throw Invalid.at('lines', 'must contain at least one line');
  const time = eventTime(app, input.time);
  const documents = checkDocuments(input.documents);
  const quantities = input.lines.map((l, i) => {
    requireCode(l.lot, `lines.${i}.lot`);
    requireDate(l.expiryDate, `lines.${i}.expiryDate`);
    requireDate(l.productionDate, `lines.${i}.productionDate`);
    return positiveQuantity(l.quantity, `lines.${i}.quantity`);
  });
  const references = {
    parties: [input.supplier],
    locations: [input.location],
    items: input.lines.map((l) => l.sku),
    lots: input.lines.map((l) => ({ sku: l.sku, code: l.lot })),
  };
  return declaringReferences(references, async (trx, eventId) => {
    const refs = new References(trx);
    await refs.party(input.supplier, 'supplier', 'supplier');
    await refs.locations([{ code: input.location, path: 'location' }]);
    const items = await refs.items(input.lines.map((l, i) => ({ sku: l.sku, path: `lines.${i}.sku` })));
    const existing = await refs.lots(input.lines.map((l, i) => ({ sku: l.sku, lot: l.lot, path: `lines.${i}.lot`, mustExist: false })));
    refs.check();

    const maker = new LotMaker(app, trx, eventId, 'receipt', existing);
    const lots = await maker.lots(
      input.lines.map((l, i) => ({
        item: items.get(l.sku)!,
        code: l.lot,
        given: { supplier: input.supplier, supplierLot: l.supplierLot, expiryDate: l.expiryDate, productionDate: l.productionDate },
        path: `lines.${i}`,
      })),
    );
    const lines: LineDraft[] = input.lines.map((l, i) => ({
      lotId: lots[i]!.id,
      location: input.location,
      quantity: quantities[i]!,
      movement: 'receipt',
      path: `lines.${i}.quantity`,
      label: lotLabel(l.sku, l.lot),
    }));
    return { type: 'receipt', time, party: input.supplier, location: input.location, documents, lines };
  });
}
