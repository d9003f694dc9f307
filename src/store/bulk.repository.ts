import SQLite from 'better-sqlite3';
import pg from 'pg';
import { dialectOf, type Dialect } from './db.js';

/**
 * Bulk loading for the benchmark generator: rows written set-at-a-time, straight into the tables,
 * bypassing the use cases (which validate one event per transaction). The caller guarantees the
 * rows are a valid ledger (hash chain, balances, lot flows and party movements equal to the lines) — `lotline verify`
 * checks it.
 *
 * It opens its own connection rather than going through Kysely: a query builder compiling a
 * 6 000-parameter statement per batch would cost more than the insert itself.
 */

type PgType = 'text' | 'bigint' | 'integer';

/** Column order of the rows handed to `insert`, with the PostgreSQL array type used by unnest. */
export const BULK_TABLES = {
  items: { sku: 'text', name: 'text', uom: 'text', gtin: 'text', shelf_life_days: 'integer', sell_by_days: 'integer', unit_cost: 'bigint', created_at: 'text', allocation: 'text', expiry_from_inputs: 'integer' },
  parties: { code: 'text', name: 'text', is_supplier: 'integer', is_customer: 'integer', email: 'text', phone: 'text', address: 'text', min_shelf_life_days: 'integer', created_at: 'text', min_shelf_life_percent: 'integer' },
  locations: { code: 'text', name: 'text', gln: 'text', address: 'text', created_at: 'text' },
  lots: {
    id: 'bigint', sku: 'text', code: 'text', origin: 'text', supplier: 'text', supplier_lot: 'text', production_date: 'text', expiry_date: 'text',
    sell_by_date: 'text', hold_state: 'text', hold_reason: 'text', created_event_id: 'text', created_at: 'text',
  },
  events: {
    id: 'text', seq: 'bigint', type: 'text', time: 'text', recorded_at: 'text', idempotency_key: 'text', request_hash: 'text', party: 'text', location: 'text',
    to_location: 'text', reason: 'text', disposition: 'text', lot_id: 'bigint', reverses: 'text', shipment_id: 'text', documents: 'text', allocation: 'text',
    prev_hash: 'text', hash: 'text',
  },
  event_lines: { event_id: 'text', line_no: 'integer', lot_id: 'bigint', location: 'text', quantity: 'bigint', movement: 'text' },
  lot_links: { event_id: 'text', from_lot_id: 'bigint', to_lot_id: 'bigint', quantity: 'bigint' },
  balances: { lot_id: 'bigint', location: 'text', quantity: 'bigint' },
  lot_flows: { lot_id: 'bigint', movement: 'text', quantity: 'bigint' },
  party_movements: {
    lot_id: 'bigint', seq: 'bigint', line_no: 'integer', event_id: 'text', type: 'text', time: 'text', party: 'text', location: 'text', quantity: 'bigint',
    shipment_id: 'text', documents: 'text',
  },
} as const satisfies Record<string, Record<string, PgType>>;

export type BulkTable = keyof typeof BULK_TABLES;
export type BulkValue = string | number | null;
export type BulkRow = BulkValue[];

export interface BulkWriter {
  readonly dialect: Dialect;
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** Appends rows (values in the column order of BULK_TABLES) with as few statements as the engine allows. */
  insert(table: BulkTable, rows: readonly BulkRow[]): Promise<void>;
  /** Restores durable settings, refreshes planner statistics and id sequences; call once after loading. */
  finish(): Promise<void>;
  close(): Promise<void>;
}

const columnsOf = (table: BulkTable) => Object.keys(BULK_TABLES[table]);

/** Opens a bulk writer on the database of a `sqlite:` or `postgres://` URL (already migrated). */
export async function openBulkWriter(url: string): Promise<BulkWriter> {
  return dialectOf(url) === 'sqlite' ? sqliteWriter(url.slice('sqlite:'.length)) : await postgresWriter(url);
}

// SQLite allows 32 766 bind parameters per statement; stay well below it.
const SQLITE_MAX_PARAMS = 30_000;
const SQLITE_MAX_ROWS = 1000;

function sqliteWriter(path: string): BulkWriter {
  const db = new SQLite(path);
  db.pragma('journal_mode = WAL');
  // Durability is pointless while loading (a crash means generating again) and costs an fsync per commit.
  db.pragma('synchronous = OFF');
  // The generator only writes consistent rows; per-row foreign-key lookups would double the work.
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -1000000');
  db.pragma('temp_store = MEMORY');
  const statements = new Map<string, SQLite.Statement>();
  const statement = (table: BulkTable, rows: number) => {
    const key = `${table}:${rows}`;
    let s = statements.get(key);
    if (!s) {
      const cols = columnsOf(table);
      const tuple = `(${cols.map(() => '?').join(',')})`;
      s = db.prepare(`insert into ${table} (${cols.join(',')}) values ${Array.from({ length: rows }, () => tuple).join(',')}`);
      statements.set(key, s);
    }
    return s;
  };
  return {
    dialect: 'sqlite',
    begin: async () => void db.exec('begin immediate'),
    commit: async () => void db.exec('commit'),
    rollback: async () => void db.exec('rollback'),
    async insert(table, rows) {
      const per = Math.min(SQLITE_MAX_ROWS, Math.floor(SQLITE_MAX_PARAMS / columnsOf(table).length));
      for (let i = 0; i < rows.length; i += per) {
        const part = rows.slice(i, i + per);
        statement(table, part.length).run(part.flat());
      }
    },
    async finish() {
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.exec('analyze');
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    close: async () => void db.close(),
  };
}

async function postgresWriter(url: string): Promise<BulkWriter> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Only this session: a lost bulk load is regenerated, not recovered.
  await client.query('set synchronous_commit = off');
  const texts = new Map<BulkTable, string>();
  // One statement per batch whatever its size: each column is one array parameter, unnested into rows.
  const text = (table: BulkTable) => {
    let t = texts.get(table);
    if (!t) {
      const types = Object.values(BULK_TABLES[table]) as PgType[];
      t = `insert into ${table} (${columnsOf(table).join(',')}) select * from unnest(${types.map((ty, i) => `$${i + 1}::${ty}[]`).join(',')})`;
      texts.set(table, t);
    }
    return t;
  };
  return {
    dialect: 'postgres',
    begin: async () => void (await client.query('begin')),
    commit: async () => void (await client.query('commit')),
    rollback: async () => void (await client.query('rollback')),
    async insert(table, rows) {
      if (rows.length === 0) return;
      const width = columnsOf(table).length;
      for (let i = 0; i < rows.length; i += 50_000) {
        const part = rows.slice(i, i + 50_000);
        const columns = Array.from({ length: width }, (_, c) => part.map((r) => r[c]));
        await client.query({ text: text(table), values: columns });
      }
    },
    async finish() {
      // Ids were given explicitly; the sequences must continue after them.
      for (const table of ['lots', 'event_lines', 'lot_links']) {
        await client.query(`select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 0) + 1, false)`);
      }
      // Vacuum too, not only analyze: it sets the visibility map, without which index-only scans
      // (lot_links in a trace) visit every table row until autovacuum gets round to it.
      await client.query('vacuum analyze');
    },
    close: () => client.end(),
  };
}
