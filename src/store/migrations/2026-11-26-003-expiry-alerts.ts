import type { Kysely } from 'kysely';

// Frozen in time: typed as Kysely<any> so later schema changes never alter what this did.
export async function up(db: Kysely<any>): Promise<void> {
  // The expiry list and the sell-by alerts select lots by sell-by date as they do by expiry date.
  await db.schema.createIndex('lots_sell_by').on('lots').columns(['sell_by_date']).execute();

  // Per-item expiry alert thresholds; an item without a row uses the global default. A JSON list
  // (not a row per threshold) so that an empty list, "never warn for this item", is expressible.
  await db.schema
    .createTable('item_alert_thresholds')
    .addColumn('sku', 'varchar(64)', (c) => c.primaryKey().references('items.sku'))
    .addColumn('expiring_days', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('lot_id', 'bigint', (c) => c.notNull().references('lots.id'))
    .addColumn('threshold', 'integer', (c) => c.notNull())
    .addColumn('due_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('days_left', 'integer', (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('note', 'text')
    .execute();
  // Once per lot, kind and threshold, even with several processes evaluating at the same time.
  await db.schema.createIndex('alerts_once').on('alerts').columns(['lot_id', 'kind', 'threshold']).unique().execute();
  await db.schema.createIndex('alerts_status').on('alerts').columns(['status', 'id']).execute();

  await db.schema
    .createTable('webhooks')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Deleted webhooks are kept so that their delivery log stays readable in the database.
    .addColumn('deleted_at', 'text')
    .execute();

  // The outbox: written in the transaction that raises the alert or opens the recall.
  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('webhook_id', 'varchar(36)', (c) => c.notNull().references('webhooks.id'))
    .addColumn('event_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('event_type', 'varchar(32)', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text')
    .addColumn('last_attempt_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('response_status', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema.createIndex('webhook_deliveries_once').on('webhook_deliveries').columns(['webhook_id', 'event_id']).unique().execute();
  await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
}
