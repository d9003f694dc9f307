import { sql, type Kysely } from 'kysely';

// Frozen in time: typed as Kysely<any> so later schema changes never alter what this did.
export async function up(db: Kysely<any>, _dialect: 'sqlite' | 'postgres'): Promise<void> {
  // The projection of a lot's movement totals (received, produced, consumed, shipped, …): what
  // the ledger lines of (lot, movement) add up to, maintained by the writers in the same
  // transaction as the lines, so a trace never sums a hub lot's thousands of consumption lines.
  await db.schema
    .createTable('lot_flows')
    .addColumn('lot_id', 'bigint', (c) => c.notNull().references('lots.id'))
    .addColumn('movement', 'varchar(16)', (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('lot_flows_pk', ['lot_id', 'movement'])
    .execute();
  // Existing ledgers: the projection starts equal to the lines.
  await sql`insert into lot_flows (lot_id, movement, quantity)
    select lot_id, movement, sum(quantity) from event_lines group by lot_id, movement`.execute(db);
}
