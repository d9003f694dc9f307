import { sql, type Kysely } from 'kysely';

// Frozen in time: typed as Kysely<any> so later schema changes never alter what this did.
export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  // The party-movement projection: every receipt, shipment and customer-return line of an event
  // that has not been reversed, keyed by lot, with what a trace or recall shows of it. A trace
  // reads the rows of its closure's lots as one contiguous range per lot (SQLite stores the table
  // in key order) instead of joining each ledger line to its wide, immutable event row.
  await sql`create table party_movements (
    lot_id bigint not null references lots(id),
    seq bigint not null,
    line_no integer not null,
    event_id varchar(36) not null references events(id),
    type varchar(16) not null,
    time text not null,
    party varchar(64) not null references parties(code),
    location varchar(64) not null references locations(code),
    quantity bigint not null,
    shipment_id varchar(36),
    documents text not null,
    primary key (lot_id, seq, line_no)
  )${dialect === 'sqlite' ? sql` without rowid` : sql``}`.execute(db);
  // A reversal removes its event's rows.
  await db.schema.createIndex('party_movements_event').on('party_movements').columns(['event_id']).execute();
  // Existing ledgers: the projection starts equal to what the ledger says.
  await sql`insert into party_movements (lot_id, seq, line_no, event_id, type, time, party, location, quantity, shipment_id, documents)
    select l.lot_id, e.seq, l.line_no, e.id, e.type, e.time, e.party, l.location, l.quantity, e.shipment_id, e.documents
    from event_lines l join events e on e.id = l.event_id
    where e.type in ('receipt', 'shipment', 'return') and l.movement = e.type and e.party is not null
      and not exists (select 1 from events r where r.reverses = e.id)`.execute(db);
}
