import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('recalls')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('drill', 'integer', (c) => c.notNull())
    .addColumn('hold', 'integer', (c) => c.notNull())
    // No foreign key: the recall row is written inside the event's own transaction, before the
    // event row itself (as lots.created_event_id is).
    .addColumn('event_id', 'varchar(36)')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('close_note', 'text')
    .execute();
  await db.schema.createIndex('recalls_event').on('recalls').columns(['event_id']).execute();

  await db.schema
    .createTable('recall_lots')
    .addColumn('recall_id', 'varchar(36)', (c) => c.notNull().references('recalls.id'))
    .addColumn('lot_id', 'bigint', (c) => c.notNull().references('lots.id'))
    .addColumn('is_root', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('recall_lots_pk', ['recall_id', 'lot_id'])
    .execute();
  await db.schema.createIndex('recall_lots_lot').on('recall_lots').columns(['lot_id', 'recall_id']).execute();

  await db.schema
    .createTable('recall_customers')
    .addColumn('recall_id', 'varchar(36)', (c) => c.notNull().references('recalls.id'))
    .addColumn('party', 'varchar(64)', (c) => c.notNull().references('parties.code'))
    .addColumn('shipped', 'bigint', (c) => c.notNull())
    .addColumn('notified_at', 'text')
    .addColumn('acknowledged_at', 'text')
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('recall_customers_pk', ['recall_id', 'party'])
    .execute();
}
