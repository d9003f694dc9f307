import type { Kysely } from 'kysely';

// Frozen in time: typed as Kysely<any> so later schema changes never alter what this did.
export async function up(db: Kysely<any>, _dialect: 'sqlite' | 'postgres'): Promise<void> {
  // Every captured EPCIS 2.0 event, whole (the JSON as sent), keyed by its eventID (or an ID
  // derived from its content): what EPCIS queries answer from and what makes capture idempotent.
  // ledger_event_id: the ledger event it was mapped onto; NULL when stored only.
  await db.schema
    .createTable('epcis_events')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('capture_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('event_type', 'varchar(32)', (c) => c.notNull())
    .addColumn('event_time', 'text', (c) => c.notNull())
    .addColumn('biz_step', 'text')
    .addColumn('json', 'text', (c) => c.notNull())
    .addColumn('ledger_event_id', 'varchar(36)', (c) => c.references('events.id'))
    .addColumn('unmapped_reason', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('epcis_events_time').on('epcis_events').columns(['event_time']).execute();
  await db.schema.createIndex('epcis_events_ledger').on('epcis_events').columns(['ledger_event_id']).execute();
}
