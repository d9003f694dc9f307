import { sql, type Kysely } from 'kysely';

// Frozen in time: typed as Kysely<any> so later schema changes never alter what this did.
export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  // The balance projection carries its lot's expiry and sell-by dates (a lot's dates never change
  // once it exists), so "what stock expires by D", overall or at one location, reads an index of
  // the stock rows in date order and stops after a page — instead of scanning every lot ever made
  // in date order (most long gone) or every stock row of the location and sorting it.
  await db.schema.alterTable('balances').addColumn('expiry_date', 'text').execute();
  await db.schema.alterTable('balances').addColumn('sell_by_date', 'text').execute();
  await sql`update balances set expiry_date = (select lots.expiry_date from lots where lots.id = balances.lot_id),
    sell_by_date = (select lots.sell_by_date from lots where lots.id = balances.lot_id)`.execute(db);
  // Every writer of balances (the event writers, the bulk loader) gets the dates without knowing:
  // a new stock row copies them from its lot.
  if (dialect === 'sqlite') {
    await sql`create trigger balances_lot_dates after insert on balances begin
      update balances set expiry_date = (select expiry_date from lots where id = new.lot_id),
        sell_by_date = (select sell_by_date from lots where id = new.lot_id)
      where lot_id = new.lot_id and location = new.location;
    end`.execute(db);
  } else {
    await sql`create function balances_lot_dates() returns trigger language plpgsql as $$
      begin
        select expiry_date, sell_by_date into new.expiry_date, new.sell_by_date from lots where id = new.lot_id;
        return new;
      end $$`.execute(db);
    await sql`create trigger balances_lot_dates before insert on balances for each row execute function balances_lot_dates()`.execute(db);
  }
  for (const column of ['expiry_date', 'sell_by_date']) {
    await db.schema.createIndex(`balances_${column}`).on('balances').columns([column, 'lot_id']).execute();
    await db.schema.createIndex(`balances_location_${column}`).on('balances').columns(['location', column, 'lot_id']).execute();
  }
}
