import { sql, type Kysely } from 'kysely';

// Frozen in time: typed as Kysely<any> so later schema changes never alter what this did.
export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  // SQLite has no BEFORE trigger that can fill in a new row, so its trigger copied the lot's facts
  // into a stock row after the insert: an UPDATE that rewrote the row and its entry in every dated
  // and picking index it had just written. The ledger's writer now inserts stock rows with their
  // facts (see saveBalances); the trigger fills in only rows inserted without them, as the bulk
  // loader writes them. PostgreSQL's BEFORE trigger fills the row before it is stored.
  if (dialect !== 'sqlite') return;
  await sql`drop trigger balances_lot_facts`.execute(db);
  await sql`create trigger balances_lot_facts after insert on balances when new.sku is null begin
      update balances set (sku, code, expiry_date, sell_by_date, production_date, hold_state) =
        (select sku, code, expiry_date, sell_by_date, production_date, hold_state from lots where id = new.lot_id)
      where lot_id = new.lot_id and location = new.location;
    end`.execute(db);
}
