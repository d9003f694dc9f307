import { sql, type Selectable } from 'kysely';
import type { Store } from './db.js';
import type { AuditLogTable } from './schema.js';
import { inLedgerTransaction, type Tx } from './transaction.js';

export type AuditRow = Selectable<AuditLogTable>;

// A second advisory lock key, so audited changes that record no event (master data, users,
// tokens) do not queue behind ledger writers. Lock order is always ledger, then audit.
const AUDIT_LOCK = 7_141_500_205;

/**
 * Runs `fn` in a write transaction in which audit entries may be appended. SQLite's
 * `BEGIN IMMEDIATE` (from the ledger transaction) already makes writers take turns; on
 * PostgreSQL `appendAudit` takes the audit lock itself.
 */
export async function inAuditTransaction<T>(store: Store, fn: (trx: Tx) => Promise<T>): Promise<T> {
  if (store.dialect === 'postgres' && !store.nested) return store.db.transaction().execute(fn);
  return inLedgerTransaction(store, fn);
}

/**
 * Serialises appenders to the audit chain across every process until the transaction ends, so
 * "read the head, insert its successor" cannot interleave. Re-entrant within one transaction.
 */
export async function lockAuditChain(trx: Tx, store: Store): Promise<void> {
  if (store.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx);
}

export async function lastAudit(db: Tx): Promise<{ seq: number; hash: string } | undefined> {
  const row = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row && { seq: Number(row.seq), hash: row.hash };
}

export async function insertAudit(db: Tx, row: AuditRow): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

export interface AuditFilter {
  actor?: string;
  entity?: string;
  /** ISO instants, inclusive from, exclusive to. */
  from?: string;
  to?: string;
}

/** Newest first, keyset-paged by sequence number. */
export async function listAuditRows(db: Tx, filter: AuditFilter, page: { before?: number; limit: number }): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (filter.actor !== undefined) q = q.where('actor', '=', filter.actor);
  if (filter.entity !== undefined) q = q.where('entity', '=', filter.entity);
  if (filter.from !== undefined) q = q.where('at', '>=', filter.from);
  if (filter.to !== undefined) q = q.where('at', '<', filter.to);
  if (page.before !== undefined) q = q.where('seq', '<', page.before);
  const rows = await q.orderBy('seq', 'desc').limit(page.limit).execute();
  return rows.map(normalise);
}

/** One batch of the audit chain in order, after sequence number `afterSeq`. */
export async function auditAfter(db: Tx, afterSeq: number, limit: number): Promise<AuditRow[]> {
  const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  return rows.map(normalise);
}

const normalise = (r: AuditRow): AuditRow => ({ ...r, seq: Number(r.seq) });
