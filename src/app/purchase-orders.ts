import { Conflict, Invalid, NotFound, type ErrorDetail } from '../domain/errors.js';
import type { DocumentRef } from '../domain/ledger.js';
import { PURCHASE_ORDER_STATUSES, type PurchaseOrderStatus } from '../domain/orders.js';
import { addMicro, formatMicro, fromMicro, toMicro } from '../domain/quantity.js';
import {
  eventsOfOrders,
  findPurchaseOrder,
  insertPurchaseOrder,
  linesOf,
  linkOrderEvent,
  listPurchaseOrders as listPurchaseOrderRows,
  movedByOrders,
  type PurchaseOrderRow,
} from '../store/orders.repository.js';
import { inLedgerTransaction, isUniqueViolation, type Tx } from '../store/transaction.js';
import type { App } from './context.js';
import type { EventView } from './event-views.js';
import { recordEvent } from './event-writer.js';
import { requireCode } from './inputs.js';
import { checkItemLines, pageOfOrders } from './order-lines.js';
import type { Page, PageRequest } from './paging.js';
import { receiptBuilder, type ReceiptInput } from './receipts.js';
import { References } from './references.js';

export interface PurchaseOrderInput {
  number: string;
  supplier: string;
  location: string;
  lines: { sku: string; quantity: number }[];
}

export interface PurchaseOrderView {
  id: string;
  number: string;
  supplier: string;
  location: string;
  /** Follows from the ledger: open, partially_received, received (a reversed receipt reopens it). */
  status: PurchaseOrderStatus;
  lines: { sku: string; quantity: number; received: number; outstanding: number }[];
  /** The receipt events recorded against the order, in ledger order. */
  events: string[];
  createdAt: string;
}

export interface ReceiveInput {
  time?: string;
  documents?: DocumentRef[];
  lines: ReceiptInput['lines'];
}

/** Creates a purchase order; its number is the supplier-facing PO number and must be unique. */
export async function createPurchaseOrder(app: App, input: PurchaseOrderInput): Promise<PurchaseOrderView> {
  requireCode(input.number, 'number');
  const quantities = checkItemLines(input.lines, 'lines');
  const id = app.newId();
  try {
    return await inLedgerTransaction(app.store, async (trx) => {
      const refs = new References(trx);
      await refs.party(input.supplier, 'supplier', 'supplier');
      await refs.locations([{ code: input.location, path: 'location' }]);
      await refs.items(input.lines.map((l, i) => ({ sku: l.sku, path: `lines.${i}.sku` })));
      refs.check();
      if (await findPurchaseOrder(trx, { number: input.number })) throw Conflict.at('number', `purchase order ${input.number} already exists`);
      await insertPurchaseOrder(
        trx,
        { id, number: input.number, supplier: input.supplier, location: input.location, created_at: app.clock.now().toISOString() },
        input.lines.map((l, i) => ({ order_id: id, line_no: i + 1, sku: l.sku, quantity: quantities[i]! })),
      );
      return (await purchaseOrderViews(trx, [(await findPurchaseOrder(trx, { id }))!]))[0]!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw Conflict.at('number', `purchase order ${input.number} already exists`);
    throw error;
  }
}

/** One purchase order with what has been received of each line. */
export async function getPurchaseOrder(app: App, id: string): Promise<PurchaseOrderView> {
  const row = await requirePurchaseOrder(app.store.db, id);
  return (await purchaseOrderViews(app.store.db, [row]))[0]!;
}

/** Purchase orders newest first, optionally by status and supplier. */
export async function listPurchaseOrders(app: App, filter: { status?: PurchaseOrderStatus; supplier?: string }, page: PageRequest): Promise<Page<PurchaseOrderView>> {
  if (filter.status !== undefined && !PURCHASE_ORDER_STATUSES.includes(filter.status)) {
    throw Invalid.at('status', `must be one of ${PURCHASE_ORDER_STATUSES.join(', ')}`);
  }
  const db = app.store.db;
  return pageOfOrders(db, page, (before, limit) => listPurchaseOrderRows(db, filter, { before, limit }), purchaseOrderViews);
}

/**
 * Receives goods against a purchase order: a receipt event from the order's supplier into the
 * order's location, recorded through the same step as POST /receipts, with the PO among its
 * documents. Receipts may be partial; an item not on the order is a 400, and more than is still
 * outstanding of an item is a 409 (over-deliveries are received without the order, or on a new one).
 */
export async function receivePurchaseOrder(app: App, id: string, input: ReceiveInput, idempotencyKey?: string): Promise<{ order: PurchaseOrderView; receipt: EventView; replayed: boolean }> {
  const recorded = await recordEvent(app, { route: `purchase-orders/${id}/receive`, body: input, idempotencyKey }, async (trx, eventId) => {
    const order = await requirePurchaseOrder(trx, id);
    const ordered = new Map((await linesOf(trx, 'purchase_order_lines', [id])).map((l) => [l.sku, l.quantity]));
    const received = new Map((await movedByOrders(trx, [id], 'receipt')).map((r) => [r.sku, r.quantity]));
    const unknown: ErrorDetail[] = [];
    const over: ErrorDetail[] = [];
    const asked = new Map<string, number>();
    input.lines.forEach((l, i) => {
      if (!ordered.has(l.sku)) {
        unknown.push({ path: `lines.${i}.sku`, message: `item "${l.sku}" is not on purchase order ${order.number}` });
        return;
      }
      asked.set(l.sku, addMicro(asked.get(l.sku) ?? 0, toMicro(l.quantity, `lines.${i}.quantity`)));
      const outstanding = ordered.get(l.sku)! - (received.get(l.sku) ?? 0);
      if (asked.get(l.sku)! > outstanding) {
        over.push({ path: `lines.${i}.quantity`, message: `only ${formatMicro(Math.max(0, outstanding))} of ${l.sku} is still outstanding on purchase order ${order.number}` });
      }
    });
    if (unknown.length > 0) throw new Invalid(unknown.map((p) => `${p.path}: ${p.message}`).join('; '), unknown);
    if (over.length > 0) throw new Conflict(over.map((p) => `${p.path}: ${p.message}`).join('; '), over);
    await linkOrderEvent(trx, 'purchase', id, eventId);
    return receiptBuilder(app, {
      supplier: order.supplier,
      location: order.location,
      time: input.time,
      documents: [{ type: 'PO', number: order.number }, ...(input.documents ?? [])],
      lines: input.lines,
    })(trx, eventId);
  });
  return { order: await getPurchaseOrder(app, id), receipt: recorded.event, replayed: recorded.replayed };
}

async function requirePurchaseOrder(db: Tx, id: string): Promise<PurchaseOrderRow> {
  const row = await findPurchaseOrder(db, { id });
  if (!row) throw new NotFound(`purchase order "${id}" not found`);
  return row;
}

/** Views of several orders in a fixed number of statements. */
async function purchaseOrderViews(db: Tx, rows: PurchaseOrderRow[]): Promise<PurchaseOrderView[]> {
  const ids = rows.map((r) => r.id);
  const [lines, received, events] = await Promise.all([linesOf(db, 'purchase_order_lines', ids), movedByOrders(db, ids, 'receipt'), eventsOfOrders(db, ids)]);
  return rows.map((r) => {
    const got = new Map(received.filter((x) => x.order_id === r.id).map((x) => [x.sku, x.quantity]));
    return {
      id: r.id,
      number: r.number,
      supplier: r.supplier,
      location: r.location,
      status: r.status,
      lines: lines
        .filter((l) => l.order_id === r.id)
        .map((l) => {
          const done = got.get(l.sku) ?? 0;
          return { sku: l.sku, quantity: fromMicro(l.quantity), received: fromMicro(done), outstanding: fromMicro(Math.max(0, l.quantity - done)) };
        }),
      events: events.filter((e) => e.order_id === r.id).map((e) => e.event_id),
      createdAt: r.created_at,
    };
  });
}
