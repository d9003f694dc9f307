import { sql, type Insertable, type RawBuilder, type Selectable } from 'kysely';
import { orderNumber, type PurchaseOrderStatus } from '../domain/orders.js';
import type {
  OrderKind,
  OrderLinesTable,
  ProductionOrdersTable,
  PurchaseOrdersTable,
  RecipeInputsTable,
  RecipesTable,
  SalesOrdersTable,
} from './schema.js';
import { chunks, type Tx } from './transaction.js';

export type PurchaseOrderRow = Selectable<PurchaseOrdersTable> & { status: PurchaseOrderStatus };
export type SalesOrderRow = Selectable<SalesOrdersTable>;
export type ProductionOrderRow = Selectable<ProductionOrdersTable>;
export type OrderLineRow = Selectable<OrderLinesTable>;
export type RecipeRow = Selectable<RecipesTable>;
export type RecipeInputRow = Selectable<RecipeInputsTable>;

type LinesTable = 'purchase_order_lines' | 'sales_order_lines' | 'production_order_inputs';

/**
 * Net quantity per item that an order's events moved with `movement`, reversals included (a
 * reversal line keeps the movement with the opposite sign), so a reversed receipt no longer
 * counts as received.
 */
function movedFor(orderId: RawBuilder<unknown>, sku: RawBuilder<unknown>, movement: string): RawBuilder<number> {
  return sql<number>`coalesce((select sum(el.quantity) from order_events oe
      join events e on e.id = oe.event_id or e.reverses = oe.event_id
      join event_lines el on el.event_id = e.id
      join lots lt on lt.id = el.lot_id
    where oe.order_id = ${orderId} and el.movement = ${movement} and lt.sku = ${sku}), 0)`;
}

/**
 * A purchase order's status follows from the ledger rather than being stored: every line received
 * in full → received; something received → partially_received; else open. Reversing a receipt
 * therefore reopens the order by itself.
 */
const purchaseOrderStatus = sql<PurchaseOrderStatus>`case
    when not exists (select 1 from purchase_order_lines pl where pl.order_id = purchase_orders.id
      and ${movedFor(sql.ref('pl.order_id'), sql.ref('pl.sku'), 'receipt')} < pl.quantity) then 'received'
    when exists (select 1 from purchase_order_lines pl where pl.order_id = purchase_orders.id
      and ${movedFor(sql.ref('pl.order_id'), sql.ref('pl.sku'), 'receipt')} > 0) then 'partially_received'
    else 'open' end`;

async function insertLines(db: Tx, table: LinesTable, lines: readonly Insertable<OrderLinesTable>[]): Promise<void> {
  for (const part of chunks(lines, 500)) await db.insertInto(table).values(part).execute();
}

/** Lines of several orders, by order and line number. */
export async function linesOf(db: Tx, table: LinesTable, orderIds: readonly string[]): Promise<OrderLineRow[]> {
  if (orderIds.length === 0) return [];
  const rows = await db.selectFrom(table).selectAll().where('order_id', 'in', [...new Set(orderIds)]).orderBy('order_id').orderBy('line_no').execute();
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity) }));
}

/** Net quantity per (order, sku) that the orders' events moved with `movement`, reversals included. */
export async function movedByOrders(db: Tx, orderIds: readonly string[], movement: string): Promise<{ order_id: string; sku: string; quantity: number }[]> {
  if (orderIds.length === 0) return [];
  const rows = await db
    .selectFrom('order_events as oe')
    .innerJoin('events as e', (j) => j.on((eb) => eb.or([eb('e.id', '=', eb.ref('oe.event_id')), eb('e.reverses', '=', eb.ref('oe.event_id'))])))
    .innerJoin('event_lines as el', 'el.event_id', 'e.id')
    .innerJoin('lots as lt', 'lt.id', 'el.lot_id')
    .select(['oe.order_id', 'lt.sku', (eb) => eb.fn.sum<number>('el.quantity').as('quantity')])
    .where('oe.order_id', 'in', [...new Set(orderIds)])
    .where('el.movement', '=', movement)
    .groupBy(['oe.order_id', 'lt.sku'])
    .execute();
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity) }));
}

export async function linkOrderEvent(db: Tx, kind: OrderKind, orderId: string, eventId: string): Promise<void> {
  await db.insertInto('order_events').values({ order_kind: kind, order_id: orderId, event_id: eventId }).execute();
}

/** Event ids recorded for each order, in ledger order. */
export async function eventsOfOrders(db: Tx, orderIds: readonly string[]): Promise<{ order_id: string; event_id: string }[]> {
  if (orderIds.length === 0) return [];
  return db
    .selectFrom('order_events')
    .innerJoin('events', 'events.id', 'order_events.event_id')
    .select(['order_events.order_id', 'order_events.event_id'])
    .where('order_events.order_id', 'in', [...new Set(orderIds)])
    .orderBy('events.seq')
    .execute();
}

/**
 * The next free generated number `PREFIX-000123` of an order table. Called inside the ledger
 * transaction, which serialises writers, so two orders never draw the same number.
 */
export async function nextOrderNumber(db: Tx, table: 'sales_orders' | 'production_orders', prefix: string): Promise<string> {
  const { n } = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  for (let i = Number(n) + 1; ; i++) {
    const number = orderNumber(prefix, i);
    // A client may have chosen a number of this shape already.
    const taken = await db.selectFrom(table).select('id').where('number', '=', number).executeTakeFirst();
    if (!taken) return number;
  }
}

export interface OrderPage {
  /** Keyset paging by id, newest first (ids are time-sortable). */
  before?: string;
  limit: number;
}

// Purchase orders

export async function insertPurchaseOrder(db: Tx, order: Insertable<PurchaseOrdersTable>, lines: readonly Insertable<OrderLinesTable>[]): Promise<void> {
  await db.insertInto('purchase_orders').values(order).execute();
  await insertLines(db, 'purchase_order_lines', lines);
}

export async function findPurchaseOrder(db: Tx, by: { id: string } | { number: string }): Promise<PurchaseOrderRow | undefined> {
  let q = db.selectFrom('purchase_orders').selectAll().select(purchaseOrderStatus.as('status'));
  q = 'id' in by ? q.where('id', '=', by.id) : q.where('number', '=', by.number);
  return q.executeTakeFirst();
}

export async function listPurchaseOrders(db: Tx, filter: { status?: PurchaseOrderStatus; supplier?: string }, page: OrderPage): Promise<PurchaseOrderRow[]> {
  let q = db.selectFrom('purchase_orders').selectAll().select(purchaseOrderStatus.as('status')).orderBy('id', 'desc').limit(page.limit);
  if (filter.status !== undefined) q = q.where(purchaseOrderStatus, '=', filter.status);
  if (filter.supplier !== undefined) q = q.where('supplier', '=', filter.supplier);
  if (page.before !== undefined) q = q.where('id', '<', page.before);
  return q.execute();
}

// Sales orders

export async function insertSalesOrder(db: Tx, order: Insertable<SalesOrdersTable>, lines: readonly Insertable<OrderLinesTable>[]): Promise<void> {
  await db.insertInto('sales_orders').values(order).execute();
  await insertLines(db, 'sales_order_lines', lines);
}

export async function findSalesOrder(db: Tx, id: string): Promise<SalesOrderRow | undefined> {
  return db.selectFrom('sales_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findSalesOrderByNumber(db: Tx, number: string): Promise<SalesOrderRow | undefined> {
  return db.selectFrom('sales_orders').selectAll().where('number', '=', number).executeTakeFirst();
}

export async function listSalesOrders(db: Tx, filter: { status?: SalesOrderRow['status']; customer?: string }, page: OrderPage): Promise<SalesOrderRow[]> {
  let q = db.selectFrom('sales_orders').selectAll().orderBy('id', 'desc').limit(page.limit);
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (filter.customer !== undefined) q = q.where('customer', '=', filter.customer);
  if (page.before !== undefined) q = q.where('id', '<', page.before);
  return q.execute();
}

export async function setSalesOrderStatus(db: Tx, id: string, status: SalesOrderRow['status'], at: string): Promise<void> {
  await db.updateTable('sales_orders').set({ status, updated_at: at }).where('id', '=', id).execute();
}

// Recipes

export async function findRecipe(db: Tx, sku: string): Promise<(RecipeRow & { inputs: RecipeInputRow[] }) | undefined> {
  const recipe = await db.selectFrom('recipes').selectAll().where('sku', '=', sku).executeTakeFirst();
  if (!recipe) return undefined;
  const inputs = await db.selectFrom('recipe_inputs').selectAll().where('recipe_sku', '=', sku).orderBy('line_no').execute();
  return {
    ...recipe,
    output_quantity: Number(recipe.output_quantity),
    inputs: inputs.map((i) => ({ ...i, quantity: Number(i.quantity) })),
  };
}

/** Makes `recipe` the item's active recipe, replacing its inputs. */
export async function saveRecipe(db: Tx, recipe: RecipeRow, inputs: readonly RecipeInputRow[]): Promise<void> {
  await db.deleteFrom('recipe_inputs').where('recipe_sku', '=', recipe.sku).execute();
  await db
    .insertInto('recipes')
    .values(recipe)
    .onConflict((oc) => oc.column('sku').doUpdateSet({ version: recipe.version, output_quantity: recipe.output_quantity, updated_at: recipe.updated_at }))
    .execute();
  for (const part of chunks(inputs, 500)) await db.insertInto('recipe_inputs').values(part).execute();
}

// Production orders

export async function insertProductionOrder(db: Tx, order: Insertable<ProductionOrdersTable>, inputs: readonly Insertable<OrderLinesTable>[]): Promise<void> {
  await db.insertInto('production_orders').values(order).execute();
  await insertLines(db, 'production_order_inputs', inputs);
}

export async function findProductionOrder(db: Tx, id: string): Promise<ProductionOrderRow | undefined> {
  const row = await db.selectFrom('production_orders').selectAll().where('id', '=', id).executeTakeFirst();
  return row && { ...row, quantity: Number(row.quantity) };
}

export async function findProductionOrderByNumber(db: Tx, number: string): Promise<ProductionOrderRow | undefined> {
  const row = await db.selectFrom('production_orders').selectAll().where('number', '=', number).executeTakeFirst();
  return row && { ...row, quantity: Number(row.quantity) };
}

export async function listProductionOrders(db: Tx, filter: { status?: ProductionOrderRow['status']; sku?: string }, page: OrderPage): Promise<ProductionOrderRow[]> {
  let q = db.selectFrom('production_orders').selectAll().orderBy('id', 'desc').limit(page.limit);
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (filter.sku !== undefined) q = q.where('sku', '=', filter.sku);
  if (page.before !== undefined) q = q.where('id', '<', page.before);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity) }));
}

export async function setProductionOrderStatus(db: Tx, id: string, status: ProductionOrderRow['status'], at: string): Promise<void> {
  await db.updateTable('production_orders').set({ status, updated_at: at }).where('id', '=', id).execute();
}
