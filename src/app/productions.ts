import { localDate } from '../domain/dates.js';
import { Invalid, LotUnavailable } from '../domain/errors.js';
import { unusableReason } from '../domain/fefo.js';
import type { DocumentRef } from '../domain/ledger.js';
import { addMicro } from '../domain/quantity.js';
import type { App } from './context.js';
import { checkDocuments } from './documents.js';
import { recordEvent, type LineDraft, type Recorded } from './event-writer.js';
import { eventTime, positiveQuantity, requireCode, requireDate } from './inputs.js';
import { LotMaker } from './lot-creation.js';
import { declaringReferences, lotKey, lotLabel, References, type EventBuilder } from './references.js';

export interface ProductionInput {
  location: string;
  time?: string;
  documents?: DocumentRef[];
  inputs: { sku: string; lot: string; quantity: number }[];
  outputs: { sku: string; lot: string; quantity: number; productionDate?: string; expiryDate?: string }[];
}

/**
 * Records a production batch: input lots consumed, output lots made, and an explicit genealogy
 * link from every input lot to every output lot carrying the quantity of the input consumed by
 * this batch. Held, recalled and expired inputs are refused. An output's production date defaults
 * to the event's day and its expiry to production date + the item's shelf life.
 */
export async function recordProduction(app: App, input: ProductionInput, idempotencyKey?: string): Promise<Recorded> {
  return recordEvent(app, { route: 'productions', body: input, idempotencyKey }, productionBuilder(app, input));
}

/**
 * Checks a production batch and returns the step that records it inside the ledger transaction;
 * production orders complete through the very same step.
 */
export function productionBuilder(app: App, input: ProductionInput): EventBuilder {
  if (input.inputs.length === 0) throw Invalid.at('inputs', 'must contain at least one input lot');
  if (input.outputs.length === 0) throw Invalid.at('outputs', 'must contain at least one output lot');
  const time = eventTime(app, input.time);
  const day = localDate(new Date(time), app.timeZone);
  const documents = checkDocuments(input.documents);
  const inQty = input.inputs.map((l, i) => positiveQuantity(l.quantity, `inputs.${i}.quantity`));
  const outQty = input.outputs.map((l, i) => {
    requireCode(l.lot, `outputs.${i}.lot`);
    requireDate(l.productionDate, `outputs.${i}.productionDate`);
    requireDate(l.expiryDate, `outputs.${i}.expiryDate`);
    return positiveQuantity(l.quantity, `outputs.${i}.quantity`);
  });
  const inputKeys = new Set(input.inputs.map((l) => lotKey(l.sku, l.lot)));
  input.outputs.forEach((o, i) => {
    if (inputKeys.has(lotKey(o.sku, o.lot))) throw Invalid.at(`outputs.${i}.lot`, 'a lot cannot be both input and output of one batch');
  });

  const references = {
    locations: [input.location],
    items: input.outputs.map((o) => o.sku),
    lots: [...input.inputs, ...input.outputs].map((l) => ({ sku: l.sku, code: l.lot })),
  };
  return declaringReferences(references, async (trx, eventId) => {
    const refs = new References(trx);
    await refs.locations([{ code: input.location, path: 'location' }]);
    const items = await refs.items(input.outputs.map((o, i) => ({ sku: o.sku, path: `outputs.${i}.sku` })));
    const lots = await refs.lots([
      ...input.inputs.map((l, i) => ({ sku: l.sku, lot: l.lot, path: `inputs.${i}.lot`, mustExist: true })),
      ...input.outputs.map((o, i) => ({ sku: o.sku, lot: o.lot, path: `outputs.${i}.lot`, mustExist: false })),
    ]);
    refs.check();

    const lines: LineDraft[] = [];
    const consumed = new Map<number, number>();
    // An output may not outlive what it is made of, for items that say so (expiryFromInputs).
    let earliestInputExpiry: string | undefined;
    for (const [i, l] of input.inputs.entries()) {
      const lot = lots.get(lotKey(l.sku, l.lot))!;
      if (lot.expiry_date !== null && (earliestInputExpiry === undefined || lot.expiry_date < earliestInputExpiry)) earliestInputExpiry = lot.expiry_date;
      const reason = unusableReason({ holdState: lot.hold_state, expiryDate: lot.expiry_date }, { shipDate: day, minShelfLifeDays: 0 });
      if (reason) throw new LotUnavailable(`inputs.${i}.lot: lot "${l.lot}" of item "${l.sku}" is ${reason}`, [{ path: `inputs.${i}.lot`, message: `lot is ${reason}` }]);
      consumed.set(lot.id, addMicro(consumed.get(lot.id) ?? 0, inQty[i]!));
      lines.push({ lotId: lot.id, location: input.location, quantity: -inQty[i]!, movement: 'consumption', path: `inputs.${i}.quantity`, label: lotLabel(l.sku, l.lot) });
    }
    const maker = new LotMaker(app, trx, eventId, 'production', lots);
    const outputLots = await maker.lots(
      input.outputs.map((o, i) => {
        const item = items.get(o.sku)!;
        const latestDefaultExpiry = item.expiry_from_inputs ? earliestInputExpiry : undefined;
        return { item, code: o.lot, given: { productionDate: o.productionDate, expiryDate: o.expiryDate }, path: `outputs.${i}`, defaultProductionDate: day, latestDefaultExpiry };
      }),
    );
    const outputIds = new Set<number>();
    for (const [i, o] of input.outputs.entries()) {
      const lot = outputLots[i]!;
      outputIds.add(lot.id);
      lines.push({ lotId: lot.id, location: input.location, quantity: outQty[i]!, movement: 'production', path: `outputs.${i}.quantity`, label: lotLabel(o.sku, o.lot) });
    }
    const links = [...consumed].flatMap(([fromLotId, quantity]) => [...outputIds].map((toLotId) => ({ fromLotId, toLotId, quantity })));
    return { type: 'production', time, location: input.location, documents, lines, links };
  });
}
