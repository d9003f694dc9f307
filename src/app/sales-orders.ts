import { localDate } from '../domain/dates.js';
import { Conflict, Invalid, LotUnavailable, NotFound } from '../domain/errors.js';
import { describeShortfall, unusableReason } from '../domain/fefo.js';
import type { DocumentRef } from '../domain/ledger.js';
import { allocationStatus, SALES_ORDER_STATUSES, type SalesOrderStatus } from '../domain/orders.js';
import { fromMicro } from '../domain/quantity.js';
import { findParties } from '../store/master-data.repository.js';
import {
  eventsOfOrders,
  findSalesOrder,
  findSalesOrderByNumber,
  insertSalesOrder,
  linesOf,
  linkOrderEvent,
  listSalesOrders as listSalesOrderRows,
  movedByOrders,
  nextOrderNumber,
  setSalesOrderStatus,
  type SalesOrderRow,
} from '../store/orders.repository.js';
import { deleteReservations, reservationsOf, type ReservationWithLot } from '../store/reservations.repository.js';
import { inLedgerTransaction, isUniqueViolation, type Tx } from '../store/transaction.js';
import type { App } from './context.js';
import type { EventView } from './event-views.js';
import { recordEvent } from './event-writer.js';
import { eventTime, requireCode, requireDate } from './inputs.js';
import { checkItemLines, pageOfOrders } from './order-lines.js';
import type { Page, PageRequest } from './paging.js';
import { References } from './references.js';
import {
  allocateLinesAt,
  customerPolicy,
  inPickingOrder,
  reservationFacts,
  reservationViews,
  reservedBySku,
  reservePicks,
  type OrderRef,
  type ReservationView,
  type SkippedLot,
} from './reservations.js';
import { shipmentBuilder } from './shipments.js';

export interface SalesOrderInput {
  number?: string;
  customer: string;
  location: string;
  /** The day the goods must leave by: shelf life is judged on it when allocating. */
  shipBy?: string;
  lines: { sku: string; quantity: number }[];
}

export interface SalesOrderView {
  id: string;
  number: string;
  customer: string;
  location: string;
  shipBy: string | null;
  status: SalesOrderStatus;
  lines: { sku: string; quantity: number; allocated: number; shipped: number }[];
  /** The lots reserved for the order, per item in picking order. */
  allocations: ReservationView[];
  /** The ledger events recorded for the order (its shipment). */
  events: string[];
  createdAt: string;
  updatedAt: string;
}

export interface SalesOrderAllocation extends SalesOrderView {
  /** Lots passed over, with the reason (held, recalled, expired, too little shelf life, reserved). */
  skipped: SkippedLot[];
  /** Reservations given up because their lot no longer qualifies (held or recalled since, or aged). */
  released: (SkippedLot & { quantity: number })[];
  /** What could not be reserved, per item. */
  shortages: { sku: string; quantity: number; message: string }[];
}

const PREFIX = 'SO';

/** Creates a sales order (status open); without a number it gets the next SO-000123. */
export async function createSalesOrder(app: App, input: SalesOrderInput): Promise<SalesOrderView> {
  if (input.number !== undefined) requireCode(input.number, 'number');
  requireDate(input.shipBy, 'shipBy');
  const quantities = checkItemLines(input.lines, 'lines');
  const id = app.newId();
  try {
    return await inLedgerTransaction(app.store, async (trx) => {
      const refs = new References(trx);
      await refs.party(input.customer, 'customer', 'customer');
      await refs.locations([{ code: input.location, path: 'location' }]);
      await refs.items(input.lines.map((l, i) => ({ sku: l.sku, path: `lines.${i}.sku` })));
      refs.check();
      if (input.number !== undefined && (await findSalesOrderByNumber(trx, input.number))) {
        throw Conflict.at('number', `sales order ${input.number} already exists`);
      }
      const number = input.number ?? (await nextOrderNumber(trx, 'sales_orders', PREFIX));
      const now = app.clock.now().toISOString();
      await insertSalesOrder(
        trx,
        { id, number, customer: input.customer, location: input.location, ship_by: input.shipBy ?? null, status: 'open', created_at: now, updated_at: now },
        input.lines.map((l, i) => ({ order_id: id, line_no: i + 1, sku: l.sku, quantity: quantities[i]! })),
      );
      return (await salesOrderViews(trx, [(await findSalesOrder(trx, id))!]))[0]!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw Conflict.at('number', `sales order ${input.number} already exists`);
    throw error;
  }
}

/** One sales order with its lines, reservations and events. */
export async function getSalesOrder(app: App, id: string): Promise<SalesOrderView> {
  const row = await requireSalesOrder(app.store.db, id);
  return (await salesOrderViews(app.store.db, [row]))[0]!;
}

/** Sales orders newest first, optionally by status and customer. */
export async function listSalesOrders(app: App, filter: { status?: SalesOrderStatus; customer?: string }, page: PageRequest): Promise<Page<SalesOrderView>> {
  if (filter.status !== undefined && !SALES_ORDER_STATUSES.includes(filter.status)) {
    throw Invalid.at('status', `must be one of ${SALES_ORDER_STATUSES.join(', ')}`);
  }
  const db = app.store.db;
  return pageOfOrders(db, page, (before, limit) => listSalesOrderRows(db, filter, { before, limit }), salesOrderViews);
}

/**
 * Reserves stock for the order: per line, the item's lots at the order's location by FEFO (or
 * FIFO for items picked that way), within the customer's minimum shelf life in days and percent
 * on the ship-by date (today if later or unset), never held, recalled or expired lots, and never
 * stock another order holds. Allocating again tops up a partial allocation and first gives up
 * reservations whose lot no longer qualifies (put on hold, recalled, aged), reporting them.
 * Runs in the ledger transaction, so concurrent allocations never promise the same stock twice.
 */
export async function allocateSalesOrder(app: App, id: string): Promise<SalesOrderAllocation> {
  return inLedgerTransaction(app.store, async (trx) => {
    const order = await requireSalesOrder(trx, id);
    if (order.status === 'shipped' || order.status === 'cancelled') {
      throw new Conflict(`sales order ${order.number} is ${order.status}; only an open order can be allocated`);
    }
    const [customer] = await findParties(trx, [order.customer]);
    const lines = await linesOf(trx, 'sales_order_lines', [id]);
    const policy = customerPolicy(customer, shipDateOf(app, order));
    const now = app.clock.now().toISOString();

    // Give back what no longer qualifies before topping up, so it can be replaced in one call.
    const released: SalesOrderAllocation['released'] = [];
    const kept: ReservationWithLot[] = [];
    const dropped: number[] = [];
    for (const r of await reservationsOf(trx, [id])) {
      const reason = unusableReason(reservationFacts(r), policy);
      if (reason) {
        released.push({ sku: r.sku, lot: r.code, quantity: fromMicro(r.quantity), reason });
        dropped.push(r.id);
      } else kept.push(r);
    }
    await deleteReservations(trx, id, dropped);

    const have = reservedBySku(kept);
    const needs = lines.map((l) => ({ sku: l.sku, quantity: l.quantity - (have.get(l.sku) ?? 0) })).filter((n) => n.quantity > 0);
    const results = await allocateLinesAt(trx, app.store.dialect, order.location, needs, policy, order.number);
    await reservePicks(trx, orderRef(order), order.location, results, now);

    for (const r of results) for (const p of r.allocation.picks) have.set(r.sku, (have.get(r.sku) ?? 0) + p.quantity);
    const status = allocationStatus(lines.map((l) => ({ quantity: l.quantity, reserved: have.get(l.sku) ?? 0 })));
    await setSalesOrderStatus(trx, id, status, now);

    const [view] = await salesOrderViews(trx, [{ ...order, status, updated_at: now }]);
    return {
      ...view!,
      skipped: results.flatMap((r) => r.allocation.skipped.map((s) => ({ sku: r.sku, ...s }))),
      released,
      shortages: results
        .filter((r) => r.allocation.shortfall > 0)
        .map((r) => ({ sku: r.sku, quantity: fromMicro(r.allocation.shortfall), message: describeShortfall(r.sku, r.requested, r.allocation) })),
    };
  });
}

export interface ShipOrderInput {
  time?: string;
  documents?: DocumentRef[];
}

/**
 * Ships a fully allocated order: one shipment event of exactly its reserved lots, carrying the
 * order number among its documents, recorded through the same step as POST /shipments; the
 * reservations are consumed in the same transaction. A partially allocated order is refused
 * (allocate again, or cancel and re-order the rest) — a short shipment is never sent silently.
 * A reserved lot that has been held, recalled or has aged past the customer's policy by the ship
 * date is refused too; its reservation stays until the order is allocated again or cancelled.
 */
export async function shipSalesOrder(app: App, id: string, input: ShipOrderInput, idempotencyKey?: string): Promise<SalesOrderView & { shipment: EventView; replayed: boolean }> {
  const recorded = await recordEvent(app, { route: `sales-orders/${id}/ship`, body: input, idempotencyKey }, async (trx, eventId) => {
    const order = await requireSalesOrder(trx, id);
    if (order.status !== 'allocated') {
      const why =
        order.status === 'shipped' || order.status === 'cancelled'
          ? `it is already ${order.status}`
          : `it is ${order.status.replace('_', ' ')}; allocate it in full first, or cancel it`;
      throw new Conflict(`sales order ${order.number} cannot ship: ${why}`);
    }
    const time = eventTime(app, input.time);
    const [customer] = await findParties(trx, [order.customer]);
    const policy = customerPolicy(customer, localDate(new Date(time), app.timeZone));
    const skus = (await linesOf(trx, 'sales_order_lines', [id])).map((l) => l.sku);
    const reserved = inPickingOrder(await reservationsOf(trx, [id]), skus);
    const refused = reserved.flatMap((r) => {
      const reason = unusableReason(reservationFacts(r), policy);
      return reason ? [{ path: 'allocations', message: `${r.sku}/${r.code}: ${reason}` }] : [];
    });
    if (refused.length > 0) {
      throw new LotUnavailable(
        `sales order ${order.number} cannot ship: ${refused.map((p) => p.message).join('; ')}; allocate it again to replace those lots, or cancel it`,
        refused,
      );
    }
    await deleteReservations(trx, id);
    await setSalesOrderStatus(trx, id, 'shipped', app.clock.now().toISOString());
    await linkOrderEvent(trx, 'sales', id, eventId);
    return shipmentBuilder(app, {
      customer: order.customer,
      location: order.location,
      time: input.time,
      documents: [{ type: 'order', number: order.number }, ...(input.documents ?? [])],
      lines: reserved.map((r) => ({ sku: r.sku, lot: r.code, quantity: fromMicro(r.quantity) })),
    })(trx, eventId);
  });
  return { ...(await getSalesOrder(app, id)), shipment: recorded.event, replayed: recorded.replayed };
}

/** Cancels an order that has not shipped and releases everything reserved for it. */
export async function cancelSalesOrder(app: App, id: string): Promise<SalesOrderView> {
  return inLedgerTransaction(app.store, async (trx) => {
    const order = await requireSalesOrder(trx, id);
    if (order.status === 'shipped' || order.status === 'cancelled') {
      throw new Conflict(`sales order ${order.number} is already ${order.status}`);
    }
    const now = app.clock.now().toISOString();
    await deleteReservations(trx, id);
    await setSalesOrderStatus(trx, id, 'cancelled', now);
    return (await salesOrderViews(trx, [{ ...order, status: 'cancelled', updated_at: now }]))[0]!;
  });
}

export async function requireSalesOrder(db: Tx, id: string): Promise<SalesOrderRow> {
  const row = await findSalesOrder(db, id);
  if (!row) throw new NotFound(`sales order "${id}" not found`);
  return row;
}

/** The day shelf life is judged on: the ship-by date, or today when it is unset or past. */
function shipDateOf(app: App, order: SalesOrderRow): string {
  const today = app.today();
  return order.ship_by !== null && order.ship_by > today ? order.ship_by : today;
}

const orderRef = (order: SalesOrderRow): OrderRef => ({ kind: 'sales', id: order.id, number: order.number });

/** Views of several orders in a fixed number of statements. */
async function salesOrderViews(db: Tx, rows: SalesOrderRow[]): Promise<SalesOrderView[]> {
  const ids = rows.map((r) => r.id);
  const [lines, reservations, shipped, events] = await Promise.all([
    linesOf(db, 'sales_order_lines', ids),
    reservationsOf(db, ids),
    movedByOrders(db, ids, 'shipment'),
    eventsOfOrders(db, ids),
  ]);
  return rows.map((r) => {
    const own = lines.filter((l) => l.order_id === r.id);
    const reserved = reservedBySku(reservations.filter((x) => x.order_id === r.id));
    const out = new Map(shipped.filter((s) => s.order_id === r.id).map((s) => [s.sku, -s.quantity]));
    return {
      id: r.id,
      number: r.number,
      customer: r.customer,
      location: r.location,
      shipBy: r.ship_by,
      status: r.status,
      lines: own.map((l) => ({ sku: l.sku, quantity: fromMicro(l.quantity), allocated: fromMicro(reserved.get(l.sku) ?? 0), shipped: fromMicro(out.get(l.sku) ?? 0) })),
      allocations: reservationViews(
        reservations.filter((x) => x.order_id === r.id),
        own.map((l) => l.sku),
      ),
      events: events.filter((e) => e.order_id === r.id).map((e) => e.event_id),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}
