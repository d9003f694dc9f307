import { sql, type Kysely } from 'kysely';

// Frozen in time: typed as Kysely<any> so later schema changes never alter what this did.
export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const autoId = (col: string) => (dialect === 'sqlite' ? sql`${sql.ref(col)} integer primary key autoincrement` : sql`${sql.ref(col)} bigserial primary key`);

  await db.schema
    .createTable('items')
    .addColumn('sku', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('uom', 'varchar(16)', (c) => c.notNull())
    .addColumn('gtin', 'varchar(14)', (c) => c.unique())
    .addColumn('shelf_life_days', 'integer')
    .addColumn('sell_by_days', 'integer')
    .addColumn('unit_cost', 'bigint')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('parties')
    .addColumn('code', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('is_supplier', 'integer', (c) => c.notNull())
    .addColumn('is_customer', 'integer', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('address', 'text')
    .addColumn('min_shelf_life_days', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('locations')
    .addColumn('code', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gln', 'varchar(13)')
    .addColumn('address', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await sql`create table lots (
    ${autoId('id')},
    sku varchar(64) not null references items(sku),
    code varchar(64) not null,
    origin varchar(16) not null,
    supplier varchar(64) references parties(code),
    supplier_lot varchar(64),
    production_date varchar(10),
    expiry_date varchar(10),
    sell_by_date varchar(10),
    hold_state varchar(16) not null,
    hold_reason text,
    created_event_id varchar(36) not null,
    created_at text not null
  )`.execute(db);
  await db.schema.createIndex('lots_sku_code').on('lots').columns(['sku', 'code']).unique().execute();
  await db.schema.createIndex('lots_expiry').on('lots').columns(['expiry_date']).execute();

  await db.schema
    .createTable('events')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull().unique())
    .addColumn('type', 'varchar(16)', (c) => c.notNull())
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'varchar(255)', (c) => c.notNull().unique())
    .addColumn('request_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('party', 'varchar(64)', (c) => c.references('parties.code'))
    .addColumn('location', 'varchar(64)', (c) => c.references('locations.code'))
    .addColumn('to_location', 'varchar(64)', (c) => c.references('locations.code'))
    .addColumn('reason', 'text')
    .addColumn('disposition', 'varchar(16)')
    .addColumn('lot_id', 'bigint', (c) => c.references('lots.id'))
    .addColumn('reverses', 'varchar(36)', (c) => c.unique().references('events.id'))
    .addColumn('shipment_id', 'varchar(36)', (c) => c.references('events.id'))
    .addColumn('documents', 'text', (c) => c.notNull())
    .addColumn('allocation', 'text')
    .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_type_seq').on('events').columns(['type', 'seq']).execute();
  await db.schema.createIndex('events_party_seq').on('events').columns(['party', 'seq']).execute();
  await db.schema.createIndex('events_time').on('events').columns(['time']).execute();
  await db.schema.createIndex('events_shipment').on('events').columns(['shipment_id']).execute();
  await db.schema.createIndex('events_lot').on('events').columns(['lot_id']).execute();

  await sql`create table event_lines (
    ${autoId('id')},
    event_id varchar(36) not null references events(id),
    line_no integer not null,
    lot_id bigint not null references lots(id),
    location varchar(64) not null references locations(code),
    quantity bigint not null,
    movement varchar(16) not null
  )`.execute(db);
  await db.schema.createIndex('event_lines_event').on('event_lines').columns(['event_id', 'line_no']).unique().execute();
  await db.schema.createIndex('event_lines_lot').on('event_lines').columns(['lot_id', 'movement']).execute();

  await sql`create table lot_links (
    ${autoId('id')},
    event_id varchar(36) not null references events(id),
    from_lot_id bigint not null references lots(id),
    to_lot_id bigint not null references lots(id),
    quantity bigint not null
  )`.execute(db);
  await db.schema.createIndex('lot_links_from').on('lot_links').columns(['from_lot_id', 'to_lot_id']).execute();
  await db.schema.createIndex('lot_links_to').on('lot_links').columns(['to_lot_id', 'from_lot_id']).execute();

  await db.schema
    .createTable('balances')
    .addColumn('lot_id', 'bigint', (c) => c.notNull().references('lots.id'))
    .addColumn('location', 'varchar(64)', (c) => c.notNull().references('locations.code'))
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('balances_pk', ['lot_id', 'location'])
    .execute();
  await db.schema.createIndex('balances_location').on('balances').columns(['location', 'lot_id']).execute();
}
