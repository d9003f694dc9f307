import { sql, type Kysely } from 'kysely';

// Frozen in time: typed as Kysely<any> so later schema changes never alter what this did.
export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const autoId = (col: string) => (dialect === 'sqlite' ? sql`${sql.ref(col)} integer primary key autoincrement` : sql`${sql.ref(col)} bigserial primary key`);

  // Allocation policy and shelf life on master data.
  await db.schema.alterTable('items').addColumn('allocation', 'varchar(8)', (c) => c.notNull().defaultTo('fefo')).execute();
  await db.schema.alterTable('items').addColumn('expiry_from_inputs', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('parties').addColumn('min_shelf_life_percent', 'integer').execute();

  await db.schema
    .createTable('purchase_orders')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('number', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('supplier', 'varchar(64)', (c) => c.notNull().references('parties.code'))
    .addColumn('location', 'varchar(64)', (c) => c.notNull().references('locations.code'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('purchase_orders_supplier').on('purchase_orders').columns(['supplier', 'id']).execute();
  await db.schema
    .createTable('purchase_order_lines')
    .addColumn('order_id', 'varchar(36)', (c) => c.notNull().references('purchase_orders.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('sku', 'varchar(64)', (c) => c.notNull().references('items.sku'))
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('purchase_order_lines_pk', ['order_id', 'line_no'])
    .addUniqueConstraint('purchase_order_lines_sku', ['order_id', 'sku'])
    .execute();

  await db.schema
    .createTable('sales_orders')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('number', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('customer', 'varchar(64)', (c) => c.notNull().references('parties.code'))
    .addColumn('location', 'varchar(64)', (c) => c.notNull().references('locations.code'))
    .addColumn('ship_by', 'varchar(10)')
    .addColumn('status', 'varchar(24)', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sales_orders_status').on('sales_orders').columns(['status', 'id']).execute();
  await db.schema.createIndex('sales_orders_customer').on('sales_orders').columns(['customer', 'id']).execute();
  await db.schema
    .createTable('sales_order_lines')
    .addColumn('order_id', 'varchar(36)', (c) => c.notNull().references('sales_orders.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('sku', 'varchar(64)', (c) => c.notNull().references('items.sku'))
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sales_order_lines_pk', ['order_id', 'line_no'])
    .addUniqueConstraint('sales_order_lines_sku', ['order_id', 'sku'])
    .execute();

  await db.schema
    .createTable('recipes')
    .addColumn('sku', 'varchar(64)', (c) => c.primaryKey().references('items.sku'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('output_quantity', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('recipe_inputs')
    .addColumn('recipe_sku', 'varchar(64)', (c) => c.notNull().references('recipes.sku'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('sku', 'varchar(64)', (c) => c.notNull().references('items.sku'))
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('recipe_inputs_pk', ['recipe_sku', 'line_no'])
    .execute();

  await db.schema
    .createTable('production_orders')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('number', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('sku', 'varchar(64)', (c) => c.notNull().references('items.sku'))
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('location', 'varchar(64)', (c) => c.notNull().references('locations.code'))
    .addColumn('recipe_version', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(24)', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('production_orders_status').on('production_orders').columns(['status', 'id']).execute();
  // The recipe as it was when the order was made, scaled: a later recipe change never alters an order.
  await db.schema
    .createTable('production_order_inputs')
    .addColumn('order_id', 'varchar(36)', (c) => c.notNull().references('production_orders.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('sku', 'varchar(64)', (c) => c.notNull().references('items.sku'))
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('production_order_inputs_pk', ['order_id', 'line_no'])
    .execute();

  // Events recorded for an order (a PO's receipts, an SO's shipment, a production order's batch).
  // No foreign key to events: the link is written inside the event's own transaction, before the
  // event row itself (as recalls.event_id is).
  await db.schema
    .createTable('order_events')
    .addColumn('order_kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('order_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('event_id', 'varchar(36)', (c) => c.notNull())
    .addPrimaryKeyConstraint('order_events_pk', ['order_id', 'event_id'])
    .execute();
  await db.schema.createIndex('order_events_event').on('order_events').columns(['event_id']).execute();

  // Stock promised to open orders: the pending side of the ledger. Free = balance − reserved.
  await sql`create table reservations (
    ${autoId('id')},
    order_kind varchar(16) not null,
    order_id varchar(36) not null,
    order_number varchar(64) not null,
    lot_id bigint not null references lots(id),
    location varchar(64) not null references locations(code),
    quantity bigint not null,
    created_at text not null
  )`.execute(db);
  await db.schema.createIndex('reservations_order_lot').on('reservations').columns(['order_id', 'lot_id', 'location']).unique().execute();
  await db.schema.createIndex('reservations_lot').on('reservations').columns(['lot_id', 'location']).execute();
}
