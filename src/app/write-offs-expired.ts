import { createHash } from 'node:crypto';
import { Conflict, Invalid } from '../domain/errors.js';
import { WRITE_OFF_REASONS, type WriteOffReason } from '../domain/ledger.js';
import { balanceKey } from '../domain/posting.js';
import { fromMicro } from '../domain/quantity.js';
import { formatValue, valueOf, type Value } from '../domain/value.js';
import { findEventByKey } from '../store/events.repository.js';
import { expiredStock, writtenOffStock, type DatedStockRow } from '../store/expiry.repository.js';
import { reservedAt } from '../store/reservations.repository.js';
import { inLedgerTransaction, type Tx } from '../store/transaction.js';
import type { App } from './context.js';
import { loadEventViews, type EventView } from './event-views.js';
import { appendEvent, checkIdempotencyKey, requestHashOf } from './event-writer.js';
import { datedStockView, type DatedStockView } from './expiry.js';
import { requireDate } from './inputs.js';
import { lotLabel, References } from './references.js';

export interface WriteOffExpiredInput {
  /** Only this location (default: every location). */
  location?: string;
  /** Only this item. */
  sku?: string;
  /** Lots whose expiry date is before this date count as expired (default: today). */
  asOf?: string;
  reason?: WriteOffReason;
  /** Report what would be written off and record nothing. */
  dryRun?: boolean;
}

export interface WriteOffExpiredResult {
  asOf: string;
  reason: WriteOffReason;
  dryRun: boolean;
  /** True when an Idempotency-Key replayed an earlier run: nothing new was recorded. */
  replayed: boolean;
  /** The stock written off (or, in a dry run, that would be), per lot and location. */
  lines: DatedStockView[];
  /** One write-off event per location; empty in a dry run or when nothing had expired. */
  events: EventView[];
  /** Expired stock that orders still hold: left for the order to be cancelled or re-allocated first. */
  reserved: { sku: string; lot: string; location: string; quantity: number; orders: string[] }[];
  totals: {
    lines: number;
    /** Sum of the lines' values, exact decimal text. */
    value: string;
    /** False when some line's item has no unit cost, so `value` leaves it out. */
    valueComplete: boolean;
  };
}

const ROUTE = 'write-offs/expired';

/**
 * The key of the i-th event of a bulk request: the client's key can be 255 characters, so it is
 * hashed, and the index (events are recorded in location order) makes every key an exact lookup.
 */
function eventKey(clientKey: string, index: number): string {
  return `${ROUTE}:${createHash('sha256').update(clientKey).digest('hex')}:${index}`;
}

function totalsOf(rows: readonly DatedStockRow[]): WriteOffExpiredResult['totals'] {
  let value: Value = 0n;
  for (const r of rows) if (r.unit_cost !== null) value += valueOf(r.quantity, r.unit_cost);
  return { lines: rows.length, value: formatValue(value), valueComplete: rows.every((r) => r.unit_cost !== null) };
}

interface Plan {
  rows: DatedStockRow[];
  reserved: WriteOffExpiredResult['reserved'];
}

/**
 * The expired stock to write off, less what orders have reserved: the ledger refuses to take
 * reserved stock, and releasing an order's reservation is the order's business, not this one's.
 */
async function planOf(trx: Tx, filter: { asOf: string; sku?: string; location?: string }): Promise<Plan> {
  const expired = await expiredStock(trx, filter);
  const held = await reservedAt(trx, expired.map((r) => ({ lotId: r.lot_id, location: r.location })));
  const plan: Plan = { rows: [], reserved: [] };
  for (const r of expired) {
    const reserved = held.get(balanceKey(r.lot_id, r.location));
    const free = r.quantity - Math.min(r.quantity, reserved?.quantity ?? 0);
    if (free > 0) plan.rows.push({ ...r, quantity: free });
    if (reserved && reserved.quantity > 0) {
      plan.reserved.push({ sku: r.sku, lot: r.code, location: r.location, quantity: fromMicro(Math.min(r.quantity, reserved.quantity)), orders: [...reserved.holders] });
    }
  }
  return plan;
}

async function checkFilters(trx: Tx, input: WriteOffExpiredInput): Promise<void> {
  const refs = new References(trx);
  if (input.location !== undefined) await refs.locations([{ code: input.location, path: 'location' }]);
  if (input.sku !== undefined) await refs.items([{ sku: input.sku, path: 'sku' }]);
  refs.check();
}

/** The events an earlier run with the same key recorded, in order, or undefined if there was none. */
async function earlierRun(trx: Tx, clientKey: string, input: WriteOffExpiredInput): Promise<string[] | undefined> {
  const ids: string[] = [];
  for (let i = 0; ; i++) {
    const seen = await findEventByKey(trx, eventKey(clientKey, i));
    if (!seen) break;
    if (seen.request_hash !== requestHashOf({ route: ROUTE, body: input })) {
      throw Conflict.at('Idempotency-Key', 'was already used for a different request');
    }
    ids.push(seen.id);
  }
  return ids.length > 0 ? ids : undefined;
}

/**
 * Writes off all stock of lots that expired before `asOf` (default today), at one location or
 * all: one write-off event per location, all of them or none in one ledger transaction. Held and
 * recalled lots are included, because expired stock must be destroyed whatever QA decided; stock
 * reserved by orders is listed under `reserved` instead. With `dryRun` it only lists what it
 * would write off, and `asOf` may then lie in the future.
 */
export async function writeOffExpired(app: App, input: WriteOffExpiredInput, idempotencyKey?: string): Promise<WriteOffExpiredResult> {
  checkIdempotencyKey(idempotencyKey);
  const reason = input.reason ?? 'expired';
  if (!WRITE_OFF_REASONS.includes(reason)) throw Invalid.at('reason', `must be one of ${WRITE_OFF_REASONS.join(', ')}`);
  const today = app.today();
  const asOf = requireDate(input.asOf, 'asOf') ?? today;
  const dryRun = input.dryRun === true;
  if (!dryRun && asOf > today) throw Invalid.at('asOf', 'must not be after today: stock that has not expired is not written off as expired (preview with dryRun)');
  const filter = { asOf, sku: input.sku, location: input.location };
  const result = (plan: Plan, events: EventView[], replayed: boolean): WriteOffExpiredResult => ({
    asOf,
    reason,
    dryRun,
    replayed,
    lines: plan.rows.map((r) => datedStockView(r, today)),
    events,
    reserved: plan.reserved,
    totals: totalsOf(plan.rows),
  });

  if (dryRun) {
    await checkFilters(app.store.db, input);
    return result(await planOf(app.store.db, filter), [], false);
  }

  return inLedgerTransaction(app.store, async (trx) => {
    if (idempotencyKey !== undefined) {
      const earlier = await earlierRun(trx, idempotencyKey, input);
      if (earlier) return result({ rows: await writtenOffStock(trx, earlier), reserved: [] }, await loadEventViews(trx, earlier), true);
    }
    await checkFilters(trx, input);
    // Read under the ledger lock, so the quantities are exactly what is on hand when written off.
    const plan = await planOf(trx, filter);
    const rows = plan.rows;
    const byLocation = new Map<string, DatedStockRow[]>();
    for (const r of rows) {
      const list = byLocation.get(r.location);
      if (list) list.push(r);
      else byLocation.set(r.location, [r]);
    }
    const time = app.clock.now().toISOString();
    const events: EventView[] = [];
    let index = 0;
    for (const [location, lines] of byLocation) {
      const request = { route: ROUTE, body: input, idempotencyKey: idempotencyKey === undefined ? undefined : eventKey(idempotencyKey, index++) };
      const recorded = await appendEvent(app, trx, request, async () => ({
        type: 'write_off',
        time,
        location,
        reason,
        lines: lines.map((r, i) => ({
          lotId: r.lot_id,
          location,
          quantity: -r.quantity,
          movement: 'write_off' as const,
          path: `lines.${i}`,
          label: lotLabel(r.sku, r.code),
        })),
      }));
      events.push(recorded.event);
    }
    return result(plan, events, false);
  });
}
