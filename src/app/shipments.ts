import { daysBetween, localDate } from '../domain/dates.js';
import { Conflict, Invalid, LotUnavailable, type ErrorDetail } from '../domain/errors.js';
import { allocate, describeShortfall, unusableReason, type ShelfLifePolicy } from '../domain/fefo.js';
import type { DocumentRef } from '../domain/ledger.js';
import { fromMicro, type Micro } from '../domain/quantity.js';
import type { LotRow } from '../store/lots.repository.js';
import type { ItemRow, PartyRow } from '../store/master-data.repository.js';
import { inReadTransaction, type Tx } from '../store/transaction.js';
import type { App } from './context.js';
import { checkDocuments } from './documents.js';
import { checkPostings, recordEvent, type LineDraft, type Recorded } from './event-writer.js';
import { eventTime, positiveQuantity } from './inputs.js';
import { declaringReferences, lotKey, lotLabel, References, type EventBuilder } from './references.js';
import { allocateOverStock, customerPolicy, type Pickable } from './reservations.js';
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
export function shipmentBuilder(app: App, input: ShipmentInput): EventBuilder {
  const checked = checkShipment(app, input);
  const references = {
    parties: [input.customer],
    locations: [input.location],
    items: input.lines.map((l) => l.sku),
    lots: input.lines.flatMap((l) => (l.lot === undefined ? [] : [{ sku: l.sku, code: l.lot }])),
  };
  return declaringReferences(references, async (trx) => {
    const { lines, allocations } = refuseShortfalls(input, await assignShipment(app, trx, input, checked));
    return {
      type: 'shipment',
      time: checked.time,
      party: input.customer,
      location: input.location,
      documents: checked.documents,
      allocation: allocations.length > 0 ? allocations : undefined,
      lines,
    };
  });
}

/** What a shipment would take from which lot, as `POST /shipments/plan` shows it before anything ships. */
export interface ShipmentPlan {
  customer: { code: string; name: string; minShelfLifeDays: number; minShelfLifePercent: number | null };
  location: string;
  /** The day shelf life is counted from (the shipment's local date). */
  shipDate: string;
  lines: PlannedLine[];
}

export interface PlannedLine {
  line: number;
  sku: string;
  quantity: number;
  /** The lot the line names, or null when it is assigned by the item's picking order. */
  lot: string | null;
  picks: { lot: string; quantity: number; expiryDate: string | null; daysLeft: number | null }[];
  skipped: { lot: string; reason: string; expiryDate: string | null }[];
}

/**
 * Works out a shipment exactly as `recordShipment` would (same checks, same assignment, same
 * stock and reservation checks) and records nothing: the picker sees which lots go before
 * confirming. Whatever would refuse the shipment refuses the plan with the same error.
 */
export async function planShipment(app: App, request: WithScanLines<ShipmentInput, ScanLine>): Promise<ShipmentPlan> {
  const input = { ...request, lines: await resolveShipmentScans(app, request.lines) };
  const checked = checkShipment(app, input);
  return inReadTransaction(app.store, async (trx) => {
    const assignment = await assignShipment(app, trx, input, checked);
    const { lines, allocations } = refuseShortfalls(input, assignment);
    await checkPostings(trx, lines);
    const { customer, policy, expiries } = assignment;
    const daysLeft = (expiry: string | null) => (expiry === null ? null : daysBetween(policy.shipDate, expiry));
    const expiryOf = (sku: string, lot: string) => expiries.get(lotKey(sku, lot)) ?? null;
    const byLine = new Map(allocations.map((a) => [a.line, a]));
    return {
      customer: {
        code: customer.code,
        name: customer.name,
        minShelfLifeDays: policy.minShelfLifeDays,
        minShelfLifePercent: policy.minShelfLifePercent ?? null,
      },
      location: input.location,
      shipDate: policy.shipDate,
      lines: input.lines.map((l, i): PlannedLine => {
        const auto = byLine.get(i);
        const picks = auto ? auto.picks : [{ lot: l.lot!, quantity: fromMicro(checked.quantities[i]!), expiryDate: expiryOf(l.sku, l.lot!) }];
        return {
          line: i,
          sku: l.sku,
          quantity: fromMicro(checked.quantities[i]!),
          lot: l.lot ?? null,
          picks: picks.map((p) => ({ ...p, daysLeft: daysLeft(p.expiryDate) })),
          skipped: (auto?.skipped ?? []).map((s) => ({ ...s, expiryDate: expiryOf(l.sku, s.lot) })),
        };
      }),
    };
  });
}

/** A shipment's checks that need no database. */
interface CheckedShipment {
  time: string;
  documents: DocumentRef[];
  quantities: Micro[];
}

function checkShipment(app: App, input: ShipmentInput): CheckedShipment {
  if (input.lines.length === 0) throw Invalid.at('lines', 'must contain at least one line');
  return {
    time: eventTime(app, input.time),
    documents: checkDocuments(input.documents),
    quantities: input.lines.map((l, i) => positiveQuantity(l.quantity, `lines.${i}.quantity`)),
  };
}

/** The lots a shipment takes, how its lines without a lot were assigned, and the lines that could not be. */
interface ShipmentAssignment {
  customer: PartyRow;
  policy: ShelfLifePolicy;
  lines: LineDraft[];
  allocations: LineAllocation[];
  /** Lines without enough eligible stock, each with what was eligible and why lots were passed over. */
  shortfalls: ErrorDetail[];
  /** Expiry of every lot considered, by `lotKey`. */
  expiries: Map<string, string | null>;
}

/**
 * Resolves the references and assigns every line: named lots must be shippable to the customer
 * (else 409 naming the line), the rest are allocated by the item's picking order over free stock.
 */
async function assignShipment(app: App, trx: Tx, input: ShipmentInput, checked: CheckedShipment): Promise<ShipmentAssignment> {
  const { quantities } = checked;
  const refs = new References(trx);
  const customer = await refs.party(input.customer, 'customer', 'customer');
  await refs.locations([{ code: input.location, path: 'location' }]);
  const items = await refs.items(input.lines.map((l, i) => ({ sku: l.sku, path: `lines.${i}.sku` })));
  const explicit = input.lines.flatMap((l, i) => (l.lot === undefined ? [] : [{ sku: l.sku, lot: l.lot, path: `lines.${i}.lot`, mustExist: true }]));
  const named = { lots: await refs.lots(explicit), items };
  refs.check();

  const policy = customerPolicy(customer, localDate(new Date(checked.time), app.timeZone));
  const wanted = input.lines.flatMap((l, i) => (l.lot === undefined ? [{ sku: l.sku, quantity: quantities[i]! }] : []));
  // Over the lots first in picking order, and again over all lots of an item that those leave
  // short (see `allocateOverStock`).
  const assigned = await allocateOverStock(trx, app.store.dialect, wanted, input.location, policy, undefined, (pickable) => assignLines(input, quantities, named, policy, pickable));
  return { customer: customer!, policy, ...assigned };
}

/**
 * The lines' assignment over what can be picked: named lots must be shippable to the customer
 * (else 409 naming the line), the rest are allocated by the item's picking order over free stock;
 * with the items some line fell short of.
 */
function assignLines(
  input: ShipmentInput,
  quantities: readonly Micro[],
  named: { lots: ReadonlyMap<string, LotRow>; items: ReadonlyMap<string, ItemRow> },
  policy: ShelfLifePolicy,
  pickable: ReadonlyMap<string, Pickable>,
): { result: Omit<ShipmentAssignment, 'customer' | 'policy'>; short: string[] } {
  const { lots, items } = named;
  const expiries = new Map<string, string | null>();
  // Lines keep the order of the request, whichever pass assigned them.
  const byLine: LineDraft[][] = input.lines.map(() => []);
  const shortfalls: ErrorDetail[] = [];
  const short: string[] = [];
  // Free stock per lot at the location (on hand − reserved), consumed as lines are assigned.
  const free = new Map<number, number>();
  for (const [sku, { candidates }] of pickable) {
    for (const c of candidates) {
      free.set(c.lotId, c.available);
      expiries.set(lotKey(sku, c.lot), c.expiryDate);
    }
  }

  for (const [i, l] of input.lines.entries()) {
    if (l.lot === undefined) continue;
    const lot = lots.get(lotKey(l.sku, l.lot))!;
    expiries.set(lotKey(l.sku, l.lot), lot.expiry_date);
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
      shortfalls.push({ path: `lines.${i}.quantity`, message: describeShortfall(l.sku, quantities[i]!, allocation) });
      short.push(l.sku);
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
  return { result: { lines: byLine.flat(), allocations, shortfalls, expiries }, short };
}

/** Not enough eligible stock for any line refuses the whole shipment, naming every short line. */
function refuseShortfalls(input: ShipmentInput, assignment: ShipmentAssignment): ShipmentAssignment {
  const { shortfalls } = assignment;
  if (shortfalls.length > 0) {
    throw new Conflict(`not enough eligible stock at ${input.location}: ${shortfalls.map((p) => `${p.path}: ${p.message}`).join('; ')}`, shortfalls);
  }
  return assignment;
}
