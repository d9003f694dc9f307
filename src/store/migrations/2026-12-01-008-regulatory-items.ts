import type { Kysely } from 'kysely';

// Frozen in time: typed as Kysely<any> so later schema changes never alter what this did.
export async function up(db: Kysely<any>, _dialect: 'sqlite' | 'postgres'): Promise<void> {
  // ftl: 1 when the item is on the FDA Food Traceability List (its events go into FSMA 204 exports).
  // ndc, strength, dosage_form, container_size: DSCSA product data of a prescription drug.
  // One column per statement: SQLite adds one column per ALTER TABLE.
  await db.schema.alterTable('items').addColumn('ftl', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('items').addColumn('ndc', 'varchar(16)').execute();
  await db.schema.alterTable('items').addColumn('strength', 'text').execute();
  await db.schema.alterTable('items').addColumn('dosage_form', 'text').execute();
  await db.schema.alterTable('items').addColumn('container_size', 'text').execute();
}
