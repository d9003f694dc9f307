import { sql, type Kysely } from 'kysely';

// Frozen in time: typed as Kysely<any> so later schema changes never alter what this did.
export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  // Picking reads a handful of stock rows per item and, for each, its lot's code, production date
  // and hold state: a probe of the lots table (every lot ever made, far larger than the stock and
  // mostly cold) per candidate was most of an allocation's time. Stock rows now carry them too:
  // the code and production date never change, and the hold state is copied along whenever a lot
  // is held, released or recalled.
  for (const [column, type] of [['code', 'varchar(64)'], ['production_date', 'varchar(10)'], ['hold_state', 'varchar(16)']] as const) {
    await db.schema.alterTable('balances').addColumn(column, type).execute();
  }
  if (dialect === 'sqlite') {
    await sql`update balances set (code, production_date, hold_state) = (select code, production_date, hold_state from lots where lots.id = balances.lot_id)`.execute(db);
    await sql`drop trigger balances_lot_facts`.execute(db);
    await sql`create trigger balances_lot_facts after insert on balances begin
      update balances set (sku, code, expiry_date, sell_by_date, production_date, hold_state) =
        (select sku, code, expiry_date, sell_by_date, production_date, hold_state from lots where id = new.lot_id)
      where lot_id = new.lot_id and location = new.location;
    end`.execute(db);
    await sql`create trigger lots_hold_state after update of hold_state on lots begin
      update balances set hold_state = new.hold_state where lot_id = new.id;
    end`.execute(db);
  } else {
    await sql`update balances b set code = l.code, production_date = l.production_date, hold_state = l.hold_state from lots l where l.id = b.lot_id`.execute(db);
    await sql`create or replace function balances_lot_facts() returns trigger language plpgsql as $$
      begin
        select sku, code, expiry_date, sell_by_date, production_date, hold_state
          into new.sku, new.code, new.expiry_date, new.sell_by_date, new.production_date, new.hold_state
          from lots where id = new.lot_id;
        return new;
      end $$`.execute(db);
    await sql`create function lots_hold_state() returns trigger language plpgsql as $$
      begin
        update balances set hold_state = new.hold_state where lot_id = new.id;
        return null;
      end $$`.execute(db);
    await sql`create trigger lots_hold_state after update of hold_state on lots for each row
      when (old.hold_state is distinct from new.hold_state) execute function lots_hold_state()`.execute(db);
  }
}
