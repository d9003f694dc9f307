import { Conflict, Invalid, NotFound } from '../domain/errors.js';
import { describeShortfall } from '../domain/fefo.js';
import type { DocumentRef } from '../domain/ledger.js';
import { PRODUCTION_ORDER_STATUSES, scaleInput, type ProductionOrderStatus } from '../domain/orders.js';
import { fromMicro } from '../domain/quantity.js';
import {
  eventsOfOrders,
  findProductionOrder,
  findProductionOrderByNumber,
  findRecipe,
  insertProductionOrder,
  linesOf,
  linkOrderEvent,
  listProductionOrders as listProductionOrderRows,
  movedByOrders,
  nextOrderNumber,
  setProductionOrderStatus,
  type ProductionOrderRow,
} from '../store/orders.repository.js';
import { deleteReservations, reservationsOf } from '../store/reservations.repository.js';
import { inLedgerTransaction, type Tx } from '../store/transaction.js';
import type { App } from './context.js';
import type { EventView } from './event-views.js';
import { recordEvent } from './event-writer.js';
import { positiveQuantity, requireCode } from './inputs.js';
import { pageOfOrders } from './order-lines.js';
import type { Page, PageRequest } from './paging.js';
import { productionBuilder } from './productions.js';
import { References } from './references.js';
import {
  allocateLinesAt,
  customerPolicy,
  inPickingOrder,
  reservationViews,
  reservedBySku,
  reservePicks,
  type ReservationView,
  type SkippedLot,
} from './reservations.js';

export interface ProductionOrderInput {
  number?: string;
  sku: string;
  quantity: number;
  location: string;
}

export interface ProductionOrderView {
  id: string;
  number: string;
  sku: string;
  quantity: number;
  location: string;
  status: ProductionOrderStatus;
  recipeVersion: number;
  /** The recipe scaled to the order (rounded up to the micro-unit), what is reserved and what was used. */
  inputs: { sku: string; quantity: number; reserved: number; consumed: number }[];
  /** Input lots reserved for the order, per item in picking order. */
  allocations: ReservationView[];
  produced: number;
  /** The production event recorded for the order. */
  events: string[];
  createdAt: string;
  updatedAt: string;
}

export interface CompleteInput {
  lot: string;
  /** Output made; defaults to the ordered quantity. */
  quantity?: number;
  productionDate?: string;
  expiryDate?: string;
  time?: string;
  documents?: DocumentRef[];
  /** What was really consumed, when it differs from the reserved lots (which are then released). */
  inputs?: { sku: string; lot: string; quantity: number }[];
}

const PREFIX = 'PRD';

/**
 * Plans a batch: scales the item's recipe to the quantity and reserves input lots at the location
 * by each input item's picking method (FEFO unless FIFO), never held, recalled or expired lots nor
 * stock held by another order. All or nothing: if any input is short, nothing is reserved and the
 * 409 names every short input with the lots passed over.
 */
export async function createProductionOrder(app: App, input: ProductionOrderInput): Promise<ProductionOrderView & { skipped: SkippedLot[] }> {
  if (input.number !== undefined) requireCode(input.number, 'number');
  const quantity = positiveQuantity(input.quantity, 'quantity');
  const id = app.newId();
  return inLedgerTransaction(app.store, async (trx) => {
    const refs = new References(trx);
    await refs.items([{ sku: input.sku, path: 'sku' }]);
    await refs.locations([{ code: input.location, path: 'location' }]);
    refs.check();
    const recipe = await findRecipe(trx, input.sku);
    if (!recipe) throw Invalid.at('sku', `item "${input.sku}" has no recipe; POST /recipes first`);
    if (input.number !== undefined && (await findProductionOrderByNumber(trx, input.number))) {
      throw Conflict.at('number', `production order ${input.number} already exists`);
    }
    const needs = recipe.inputs.map((i) => ({ sku: i.sku, quantity: scaleInput(i.quantity, quantity, recipe.output_quantity) }));
    const results = await allocateLinesAt(trx, app.store.dialect, input.location, needs, customerPolicy(undefined, app.today()));
    const short = results.filter((r) => r.allocation.shortfall > 0);
    if (short.length > 0) {
      const details = short.map((r) => ({ path: 'quantity', message: describeShortfall(r.sku, r.requested, r.allocation) }));
      throw new Conflict(`not enough input stock at ${input.location} for ${input.quantity} ${input.sku}: ${details.map((d) => d.message).join('; ')}`, details);
    }
    const number = input.number ?? (await nextOrderNumber(trx, 'production_orders', PREFIX));
    const now = app.clock.now().toISOString();
    const row: ProductionOrderRow = {
      id,
      number,
      sku: input.sku,
      quantity,
      location: input.location,
      recipe_version: recipe.version,
      status: 'open',
      created_at: now,
      updated_at: now,
    };
    await insertProductionOrder(
      trx,
      row,
      needs.map((n, i) => ({ order_id: id, line_no: i + 1, sku: n.sku, quantity: n.quantity })),
    );
    await reservePicks(trx, { kind: 'production', id, number }, input.location, results, now);
    const [view] = await productionOrderViews(trx, [row]);
    return { ...view!, skipped: results.flatMap((r) => r.allocation.skipped.map((s) => ({ sku: r.sku, ...s }))) };
  });
}

/** One production order with its inputs, reservations and output. */
export async function getProductionOrder(app: App, id: string): Promise<ProductionOrderView> {
  const row = await requireProductionOrder(app.store.db, id);
  return (await productionOrderViews(app.store.db, [row]))[0]!;
}

/** Production orders newest first, optionally by status and output item. */
export async function listProductionOrders(app: App, filter: { status?: ProductionOrderStatus; sku?: string }, page: PageRequest): Promise<Page<ProductionOrderView>> {
  if (filter.status !== undefined && !PRODUCTION_ORDER_STATUSES.includes(filter.status)) {
    throw Invalid.at('status', `must be one of ${PRODUCTION_ORDER_STATUSES.join(', ')}`);
  }
  const db = app.store.db;
  return pageOfOrders(db, page, (before, limit) => listProductionOrderRows(db, filter, { before, limit }), productionOrderViews);
}

/**
 * Completes the batch: one production event, recorded through the same step as POST /productions,
 * consuming the reserved lots (or `inputs`, what was really used) into the output lot, with the
 * order number among its documents. The order's reservations are released in the same
 * transaction, so the order may consume its own reserved stock but never another order's.
 */
export async function completeProductionOrder(
  app: App,
  id: string,
  input: CompleteInput,
  idempotencyKey?: string,
): Promise<{ order: ProductionOrderView; production: EventView; replayed: boolean }> {
  const recorded = await recordEvent(app, { route: `production-orders/${id}/complete`, body: input, idempotencyKey }, async (trx, eventId) => {
    const order = await requireProductionOrder(trx, id);
    if (order.status !== 'open') throw new Conflict(`production order ${order.number} is already ${order.status}`);
    const skus = (await linesOf(trx, 'production_order_inputs', [id])).map((l) => l.sku);
    const reserved = inPickingOrder(await reservationsOf(trx, [id]), skus);
    const consumed = input.inputs ?? reserved.map((r) => ({ sku: r.sku, lot: r.code, quantity: fromMicro(r.quantity) }));
    await deleteReservations(trx, id);
    await setProductionOrderStatus(trx, id, 'completed', app.clock.now().toISOString());
    await linkOrderEvent(trx, 'production', id, eventId);
    return productionBuilder(app, {
      location: order.location,
      time: input.time,
      documents: [{ type: 'production order', number: order.number }, ...(input.documents ?? [])],
      inputs: consumed,
      outputs: [{ sku: order.sku, lot: input.lot, quantity: input.quantity ?? fromMicro(order.quantity), productionDate: input.productionDate, expiryDate: input.expiryDate }],
    })(trx, eventId);
  });
  return { order: await getProductionOrder(app, id), production: recorded.event, replayed: recorded.replayed };
}

/** Cancels an open production order and releases its reserved input lots. */
export async function cancelProductionOrder(app: App, id: string): Promise<ProductionOrderView> {
  return inLedgerTransaction(app.store, async (trx) => {
    const order = await requireProductionOrder(trx, id);
    if (order.status !== 'open') throw new Conflict(`production order ${order.number} is already ${order.status}`);
    const now = app.clock.now().toISOString();
    await deleteReservations(trx, id);
    await setProductionOrderStatus(trx, id, 'cancelled', now);
    return (await productionOrderViews(trx, [{ ...order, status: 'cancelled', updated_at: now }]))[0]!;
  });
}

async function requireProductionOrder(db: Tx, id: string): Promise<ProductionOrderRow> {
  const row = await findProductionOrder(db, id);
  if (!row) throw new NotFound(`production order "${id}" not found`);
  return row;
}

/** Views of several orders in a fixed number of statements. */
async function productionOrderViews(db: Tx, rows: ProductionOrderRow[]): Promise<ProductionOrderView[]> {
  const ids = rows.map((r) => r.id);
  const [inputs, reservations, consumed, produced, events] = await Promise.all([
    linesOf(db, 'production_order_inputs', ids),
    reservationsOf(db, ids),
    movedByOrders(db, ids, 'consumption'),
    movedByOrders(db, ids, 'production'),
    eventsOfOrders(db, ids),
  ]);
  return rows.map((r) => {
    const own = inputs.filter((l) => l.order_id === r.id);
    const mine = reservations.filter((x) => x.order_id === r.id);
    const reserved = reservedBySku(mine);
    const used = new Map(consumed.filter((c) => c.order_id === r.id).map((c) => [c.sku, -c.quantity]));
    const made = produced.filter((p) => p.order_id === r.id && p.sku === r.sku).reduce((s, p) => s + p.quantity, 0);
    return {
      id: r.id,
      number: r.number,
      sku: r.sku,
      quantity: fromMicro(r.quantity),
      location: r.location,
      status: r.status,
      recipeVersion: r.recipe_version,
      inputs: own.map((l) => ({ sku: l.sku, quantity: fromMicro(l.quantity), reserved: fromMicro(reserved.get(l.sku) ?? 0), consumed: fromMicro(used.get(l.sku) ?? 0) })),
      allocations: reservationViews(
        mine,
        own.map((l) => l.sku),
      ),
      produced: fromMicro(made),
      events: events.filter((e) => e.order_id === r.id).map((e) => e.event_id),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}
