import { sql, type Kysely } from 'kysely';

// Frozen in time: typed as Kysely<any> so later schema changes never alter what this did.
export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  // Picking reads the stock of a few items at one location. Stock rows are keyed by lot, and the
  // only way from an item to them went through every lot the item ever had (thousands, nearly all
  // long shipped) and a probe of the stock table per lot. Each stock row now carries its lot's sku
  // (a lot never changes item), and (location, sku) is indexed, so the candidates of an item are one
  // contiguous index range, in expiry order, whose size is the stock there, not the item's history.
  await db.schema.alterTable('balances').addColumn('sku', 'varchar(64)').execute();
  await sql`update balances set sku = (select lots.sku from lots where lots.id = balances.lot_id)`.execute(db);
  // Every writer of balances (the event writers, the bulk loader) gets the sku without knowing: a
  // new stock row copies it from its lot, in the trigger that already copies the lot's dates
  // (migration 011) — a second trigger would cost SQLite another UPDATE per new row, and
  // PostgreSQL another lookup per upserted row (its BEFORE INSERT triggers run for the rows that
  // then update instead).
  if (dialect === 'sqlite') {
    await sql`drop trigger balances_lot_dates`.execute(db);
    await sql`create trigger balances_lot_facts after insert on balances begin
      update balances set (sku, expiry_date, sell_by_date) = (select sku, expiry_date, sell_by_date from lots where id = new.lot_id)
      where lot_id = new.lot_id and location = new.location;
    end`.execute(db);
  } else {
    await sql`drop trigger balances_lot_dates on balances`.execute(db);
    await sql`drop function balances_lot_dates()`.execute(db);
    await sql`create function balances_lot_facts() returns trigger language plpgsql as $$
      begin
        select sku, expiry_date, sell_by_date into new.sku, new.expiry_date, new.sell_by_date from lots where id = new.lot_id;
        return new;
      end $$`.execute(db);
    await sql`create trigger balances_lot_facts before insert on balances for each row execute function balances_lot_facts()`.execute(db);
  }
  // SQLite rewrites only the indexes holding a changed column, so carrying the quantity costs one
  // index entry per stock change and spares a table lookup per candidate. PostgreSQL would instead
  // lose its in-place (HOT) updates of stock rows, rewriting every index of the table per change,
  // and reads the quantity from the table anyway while a page's visibility bits are not yet set.
  const columns = dialect === 'sqlite' ? ['location', 'sku', 'expiry_date', 'lot_id', 'quantity'] : ['location', 'sku', 'expiry_date', 'lot_id'];
  await db.schema.createIndex('balances_location_sku').on('balances').columns(columns).execute();
}
