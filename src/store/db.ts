import SQLite from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent, type PostgresPool, type PostgresPoolClient, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /**
   * True when `db` is one already-open transaction (an all-or-nothing import running many use
   * cases): the transactions those use cases open become savepoints inside it.
   */
  nested?: boolean;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Called after every SQL statement; tests use it to count statements. */
  onQuery?: (event: LogEvent) => void;
}

// Quantities are BIGINT and sums NUMERIC in PostgreSQL; both hold scaled integers well inside
// the exact range of a JS number, so read them as numbers rather than strings.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export function dialectOf(url: string): Dialect {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgres';
  throw new Error(`LOTLINE_DATABASE_URL must start with sqlite: or postgres:// (got "${url}")`);
}

/** Prepared statements kept per SQLite connection; the least recently used is dropped first. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely's SqliteDialect calls `prepare` for every execution, and better-sqlite3 compiles the SQL
 * anew each time: hand out the statement prepared for the same SQL text before, LRU-bounded (SQL
 * with `in (?, ?, …)` lists of varying length would otherwise grow it without limit). A statement
 * still busy — a stream being iterated — is never handed out twice: a fresh one is prepared.
 * SQLite re-prepares a cached statement by itself when the schema changes under it.
 */
function statementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text) {
      const hit = cache.get(text);
      if (hit && !hit.busy) {
        cache.delete(text);
        cache.set(text, hit);
        return hit;
      }
      const statement = sqlite.prepare(text);
      if (!hit) {
        cache.set(text, statement);
        if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
  };
}

/** The statement texts PostgreSQL connections run as named prepared statements, with their names. */
const preparedNames = new Map<string, string>();

/**
 * Marks a statement text that runs often and plans slowly for its work — a trace of a few lots
 * plans in 0.25 ms and runs in 0.3–0.6 — so each PostgreSQL connection parses and plans it once
 * (keeping a generic plan after its first few runs if that plan is no worse) instead of at every
 * execution. Every connection keeps what it prepared: mark only a fixed set of texts. SQLite
 * keeps every recent statement prepared anyway (see `statementCache`).
 */
export function prepareOnPostgres(text: string): void {
  if (!preparedNames.has(text)) preparedNames.set(text, `lotline_${preparedNames.size + 1}`);
}

/** The pool as Kysely sees it, its clients running marked texts by name (the same wrapper per client). */
function preparingPool(pool: pg.Pool): PostgresPool {
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => ({
    query: ((textOrCursor: string | object, values?: readonly unknown[]) => {
      const name = typeof textOrCursor === 'string' ? preparedNames.get(textOrCursor) : undefined;
      if (name !== undefined) return client.query({ name, text: textOrCursor as string, values: values as unknown[] });
      return (client.query as (...args: unknown[]) => unknown)(textOrCursor, values);
    }) as PostgresPoolClient['query'],
    release: (destroy?: boolean) => client.release(destroy),
  });
  return {
    connect: async () => {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) wrappers.set(client, (wrapper = wrap(client)));
      return wrapper;
    },
    end: () => pool.end(),
  };
}

/** Opens the database named by a `sqlite:<path>` (or `sqlite::memory:`) or `postgres://` URL. */
export function createStore(url: string, options: StoreOptions = {}): Store {
  const dialect = dialectOf(url);
  const log = options.onQuery;
  if (dialect === 'sqlite') {
    const path = url.slice('sqlite:'.length) || ':memory:';
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const sqlite = new SQLite(path);
    // WAL + NORMAL: commits are atomic and survive a crash of this process, but the log is synced
    // only at checkpoints (every 1000 pages), so a power cut may lose the latest commits (README,
    // "SQLite durability"). FULL would add a disk flush to every event's commit.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 10000');
    // Statement journals (a trigger's nested UPDATE opens one) and sorts stay in memory instead of
    // temporary files: inserting a stock row, whose trigger copies its lot's facts, costs a third.
    sqlite.pragma('temp_store = MEMORY');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: statementCache(sqlite) }), log });
    return { db, dialect, close: () => db.destroy() };
  }
  // One connection outlives the pool's 10 s idle timeout (`min`): the first trace after a quiet
  // spell would otherwise pay a new connection — TCP, backend start, authentication, cold catalog
  // caches — about 10 ms, several times a small trace. Idle connections never keep the process
  // alive (`allowExitOnIdle`), so a CLI run still exits once its work is done.
  const pool = new pg.Pool({ connectionString: url, max: 10, min: 1, allowExitOnIdle: true });
  // Lotline's statements are short lookups and walks; PostgreSQL's JIT compiles any plan it
  // estimates as expensive — a recursive trace over a large ledger — and the compilation alone
  // takes tens of milliseconds, more than the statement.
  pool.on('connect', (client) => void client.query('set jit = off').catch(() => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }), log });
  return { db, dialect, close: () => db.destroy() };
}
