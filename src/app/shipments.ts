import { localDate } from '../domain/dates.js';
import { Conflict, Invalid, LotUnavailable, type ErrorDetail } from '../domain/errors.js';
import { allocate, describeShortfall, unusableReason } from '../domain/fefo.js';
import type { DocumentRef } from '../domain/ledger.js';
import { fromMicro } from '../domain/quantity.js';
import type { Tx } from '../store/transaction.js';
import type { App } from './context.js';
import { checkDocuments } from './documents.js';
import { recordEvent, type EventDraft, type LineDraft, type Recorded } from './event-writer.js';
import { eventTime, positiveQuantity } from './inputs.js';
import { lotKey, lotLabel, References } from './references.js';
import { customerPolicy, pickableBySku } from './reservations.js';
import { resolveShipmentScans, type ScanLine, type WithScanLines } from './scan-lines.js';

export interface ShipmentInput {
  customer: string;
  location: string;
  time?: string;
  documents?: DocumentRef[];
  lines: { sku: string; quantity: number; lot?: string }[];
}

/** How one line without a lot was assigned; kept on the event so the choice can be explained later. */
export interface LineAllocation {
  line: number;
  sku: string;
  quantity: number;
  picks: { lot: string; quantity: number; expiryDate: string | null }[];
  skipped: { lot: string; reason: string }[];
}

/**
 * Records goods shipped to a customer. Lines naming a lot ship that lot; lines without one are
 * assigned first-expiry-first-out among the lots at the location that are neither held, recalled
 * nor expired and that keep at least the customer's minimum shelf life on the ship date, split
 * over several lots when needed. Not enough eligible stock for any line refuses the whole shipment.
 * A line may be a GS1 scan instead (see scan-lines.ts).
 */
export async function recordShipment(app: App, request: WithScanLines<ShipmentInput, ScanLine>, idempotencyKey?: string): Promise<Recorded> {
  const input = { ...request, lines: await resolveShipmentScans(app, request.lines) };
  return recordEvent(app, { route: 'shipments', body: input, idempotencyKey }, shipmentBuilder(app, input));
}

/**
 * Checks a shipment and returns the step that records it inside the ledger transaction; sales
 * orders ship through the very same step. Stock reserved for orders is not free to assign.
 */
export function shipmentBuilder(app: App, input: ShipmentInput): (trx: Tx, eventId: string) => Promise<EventDraft> {
  if (input.lines.length === 0) throw Invalid.at('lines', 'must contain at least one line');
  const time = eventTime(app, input.time);
  const documents = checkDocuments(input.documents);
  const quantities = input.lines.map((l, i) => positiveQuantity(l.quantity, `lines.${i}.quantity`));

  return async (trx) => {
    const refs = new References(trx);
    const customer = await refs.party(input.customer, 'customer', 'customer');
    await refs.locations([{ code: input.location, path: 'location' }]);
    const items = await refs.items(input.lines.map((l, i) => ({ sku: l.sku, path: `lines.${i}.sku` })));
    const explicit = input.lines.flatMap((l, i) => (l.lot === undefined ? [] : [{ sku: l.sku, lot: l.lot, path: `lines.${i}.lot`, mustExist: true }]));
    const lots = await refs.lots(explicit);
    refs.check();

    const policy = customerPolicy(customer, localDate(new Date(time), app.timeZone));
    // Lines keep the order of the request, whichever pass assigned them.
    const byLine: LineDraft[][] = input.lines.map(() => []);
    const problems: ErrorDetail[] = [];
    // Free stock per lot at the location (on hand − reserved), consumed as lines are assigned.
    const free = new Map<number, number>();
    const autoSkus = input.lines.filter((l) => l.lot === undefined).map((l) => l.sku);
    const pickable = await pickableBySku(trx, autoSkus, input.location);
    for (const { candidates } of pickable.values()) for (const c of candidates) free.set(c.lotId, c.available);

    for (const [i, l] of input.lines.entries()) {
      if (l.lot === undefined) continue;
      const lot = lots.get(lotKey(l.sku, l.lot))!;
      const facts = { holdState: lot.hold_state, expiryDate: lot.expiry_date, productionDate: lot.production_date, shelfLifeDays: items.get(l.sku)?.shelf_life_days };
      const reason = unusableReason(facts, policy);
      if (reason) {
        throw new LotUnavailable(`lines.${i}.lot: lot "${l.lot}" of item "${l.sku}" cannot go to ${input.customer}: ${reason}`, [
          { path: `lines.${i}.lot`, message: reason },
        ]);
      }
      if (free.has(lot.id)) free.set(lot.id, free.get(lot.id)! - quantities[i]!);
      byLine[i]!.push({ lotId: lot.id, location: input.location, quantity: -quantities[i]!, movement: 'shipment', path: `lines.${i}.quantity`, label: lotLabel(l.sku, l.lot) });
    }

    const allocations: LineAllocation[] = [];
    for (const [i, l] of input.lines.entries()) {
      if (l.lot !== undefined) continue;
      const { method, candidates } = pickable.get(l.sku) ?? { method: 'fefo' as const, candidates: [] };
      const allocation = allocate(
        candidates.map((c) => ({ ...c, available: Math.max(0, free.get(c.lotId) ?? 0) })),
        quantities[i]!,
        policy,
        method,
      );
      if (allocation.shortfall > 0) {
        problems.push({ path: `lines.${i}.quantity`, message: describeShortfall(l.sku, quantities[i]!, allocation) });
        continue;
      }
      for (const p of allocation.picks) {
        free.set(p.lotId, free.get(p.lotId)! - p.quantity);
        byLine[i]!.push({ lotId: p.lotId, location: input.location, quantity: -p.quantity, movement: 'shipment', path: `lines.${i}.quantity`, label: lotLabel(l.sku, p.lot) });
      }
      allocations.push({
        line: i,
        sku: l.sku,
        quantity: fromMicro(quantities[i]!),
        picks: allocation.picks.map((p) => ({ lot: p.lot, quantity: fromMicro(p.quantity), expiryDate: p.expiryDate })),
        skipped: allocation.skipped,
      });
    }
    if (problems.length > 0) {
      throw new Conflict(`not enough eligible stock at ${input.location}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
    }
    return {
      type: 'shipment',
      time,
      party: input.customer,
      location: input.location,
      documents,
      allocation: allocations.length > 0 ? allocations : undefined,
      lines: byLine.flat(),
    };
  };
}
