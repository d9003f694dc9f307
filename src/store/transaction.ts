import { sql, type Kysely } from 'kysely';
import type { Store } from './db.js';
import type { Database } from './schema.js';

export type Tx = Kysely<Database>;

// One arbitrary key for the ledger's PostgreSQL advisory lock.
const LEDGER_LOCK = 7_141_500_204;

/**
 * Runs `fn` in a transaction that owns the ledger: on SQLite `BEGIN IMMEDIATE` takes the write
 * lock up front (no deadlocked upgrade between processes); on PostgreSQL a transaction-scoped
 * advisory lock serialises ledger writers across every Lotline process, so balance checks,
 * sequence numbers and the hash chain never race. Readers are never blocked.
 */
export async function inLedgerTransaction<T>(store: Store, fn: (trx: Tx) => Promise<T>): Promise<T> {
  // Inside an open transaction the lock is already held (advisory locks are per transaction).
  if (store.nested) return inSavepoint(store, fn);
  if (store.dialect === 'postgres') {
    return store.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${LEDGER_LOCK})`.execute(trx);
      return fn(trx);
    });
  }
  return store.db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}

/** Whether a database error is a unique-constraint violation, on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Splits rows for multi-row INSERTs so no statement exceeds the engines' bind-parameter limits. */
export function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * Runs several reads against one consistent snapshot (a trace is six statements; a ledger write
 * landing between them must not make the result contradict itself).
 */
export async function inReadTransaction<T>(store: Store, fn: (trx: Tx) => Promise<T>): Promise<T> {
  if (store.nested) return inSavepoint(store, fn);
  if (store.dialect === 'postgres') {
    return store.db.transaction().setIsolationLevel('repeatable read').execute(fn);
  }
  return store.db.connection().execute(async (conn) => {
    await sql`begin`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}

let savepoints = 0;

/**
 * A transaction opened inside an open one: a savepoint, so a use case that fails leaves nothing
 * behind while the enclosing work (e.g. checking the remaining rows of an import) goes on.
 */
async function inSavepoint<T>(store: Store, fn: (trx: Tx) => Promise<T>): Promise<T> {
  const name = sql.raw(`lotline_sp_${++savepoints}`);
  await sql`savepoint ${name}`.execute(store.db);
  try {
    const result = await fn(store.db);
    await sql`release savepoint ${name}`.execute(store.db);
    return result;
  } catch (error) {
    await sql`rollback to savepoint ${name}`.execute(store.db);
    await sql`release savepoint ${name}`.execute(store.db);
    throw error;
  }
}

/** The same database seen from inside the open transaction `trx` (see `Store.nested`). */
export function storeInTransaction(store: Store, trx: Tx): Store {
  return { db: trx, dialect: store.dialect, nested: true, close: async () => {} };
}
