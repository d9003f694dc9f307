import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/canonical.js';
import { Invalid } from '../domain/errors.js';
import { inAuditTransaction, insertAudit, lastAudit, listAuditRows, lockAuditChain, type AuditFilter, type AuditRow } from '../store/audit.repository.js';
import type { Tx } from '../store/transaction.js';
import { currentActor } from './actor.js';
import type { App } from './context.js';
import { GENESIS_HASH } from './event-writer.js';
import { decodeCursor, isNumber, pageLimit, paginate, type Page, type PageRequest } from './paging.js';

/** What changed: the entity (`item`, `user`, `recall`, …), its key, the action and both states. */
export interface AuditChange {
  entity: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditEntryView {
  seq: number;
  at: string;
  actor: string;
  clientAddress: string | null;
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
  hash: string;
}

/** The stored columns an audit entry's hash covers: all of them but the hash. */
export type HashedAuditRecord = Omit<AuditRow, 'hash'>;

/**
 * The SHA-256 of an audit entry's canonical form. Exported so that `verifyLedger` recomputes it
 * with the code that wrote it. Columns are picked by name so a later column never slips in.
 */
export function auditHash(r: HashedAuditRecord): string {
  const record = {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    client_address: r.client_address,
    entity: r.entity,
    entity_id: r.entity_id,
    action: r.action,
    before: r.before,
    after: r.after,
    prev_hash: r.prev_hash,
  };
  return createHash('sha256').update(canonicalJson(record)).digest('hex');
}

const stored = (state: unknown): string | null => (state === undefined || state === null ? null : canonicalJson(state));

/**
 * Appends one entry to the audit chain inside the caller's transaction, so the change and its
 * record commit or vanish together. Who and from where come from the current actor.
 */
export async function recordAudit(app: App, trx: Tx, change: AuditChange): Promise<void> {
  await lockAuditChain(trx, app.store);
  const actor = currentActor();
  const previous = await lastAudit(trx);
  const record: HashedAuditRecord = {
    seq: (previous?.seq ?? 0) + 1,
    at: app.clock.now().toISOString(),
    actor: actor.label,
    client_address: actor.clientAddress,
    entity: change.entity,
    entity_id: change.entityId,
    action: change.action,
    before: stored(change.before),
    after: stored(change.after),
    prev_hash: previous?.hash ?? GENESIS_HASH,
  };
  await insertAudit(trx, { ...record, hash: auditHash(record) });
}

/** Runs a change and its audit entry (returned by `fn` with the result) in one transaction. */
export async function audited<T>(app: App, fn: (trx: Tx) => Promise<{ result: T; change: AuditChange }>): Promise<T> {
  return inAuditTransaction(app.store, async (trx) => {
    const { result, change } = await fn(trx);
    await recordAudit(app, trx, change);
    return result;
  });
}

export interface AuditQuery extends PageRequest {
  actor?: string;
  entity?: string;
  from?: string;
  to?: string;
}

/** The audit trail, newest first, filtered by actor, entity and a time range. */
export async function listAudit(app: App, query: AuditQuery): Promise<Page<AuditEntryView>> {
  const limit = pageLimit(query.limit);
  const before = decodeCursor(query.cursor, isNumber);
  const filter: AuditFilter = { actor: query.actor, entity: query.entity, from: instant(query.from, 'from'), to: instant(query.to, 'to') };
  return paginate(limit, (n) => listAuditRows(app.store.db, filter, { before, limit: n }), auditView, (r) => r.seq);
}

/** A date (`2026-06-15`, its start in UTC) or an ISO time, as the stored ISO-UTC text compares. */
function instant(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw Invalid.at(field, 'must be a date (YYYY-MM-DD) or an ISO 8601 time');
  return new Date(ms).toISOString();
}

function auditView(r: AuditRow): AuditEntryView {
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    clientAddress: r.client_address,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    before: r.before === null ? null : JSON.parse(r.before),
    after: r.after === null ? null : JSON.parse(r.after),
    hash: r.hash,
  };
}
