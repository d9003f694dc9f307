import { Invalid, NotFound } from '../domain/errors.js';
import { findLiveToken, findToken, findTokenByHash, insertToken, insertTokenIfAbsent, listTokenRows, updateToken, type TokenRow } from '../store/users.repository.js';
import { inAuditTransaction } from '../store/audit.repository.js';
import { ROLES, roleAllows, roleWithin, type Actor, type Role } from './actor.js';
import { audited, recordAudit } from './audit.js';
import type { App } from './context.js';
import { decodeCursor, isString, pageLimit, paginate, type Page, type PageRequest } from './paging.js';
import { forbidden, newSecret, secretDigest } from './secrets.js';

export interface TokenView {
  id: string;
  name: string;
  role: Role;
  /** The user who created it; null for the server's LOTLINE_ADMIN_TOKEN. */
  createdBy: string | null;
  createdAt: string;
  revoked: boolean;
  revokedAt: string | null;
}

export const ADMIN_TOKEN_NAME = 'LOTLINE_ADMIN_TOKEN';
/** LOTLINE_ADMIN_TOKEN must be at least this long: it is a full admin credential. */
export const MIN_ADMIN_TOKEN_LENGTH = 24;

const tokenView = (r: TokenRow, createdBy: string | null): TokenView => ({
  id: r.id,
  name: r.name,
  role: r.role,
  createdBy,
  createdAt: r.created_at,
  revoked: r.revoked_at !== null,
  revokedAt: r.revoked_at,
});

/** Creates a named API token for `creator`, with a role no greater than the creator's; the secret is returned only here. */
export async function createToken(app: App, creator: Actor, input: { name: string; role: Role }): Promise<TokenView & { token: string }> {
  const name = input.name.trim();
  if (name === '' || name.length > 100) throw Invalid.at('name', 'must be 1 to 100 characters');
  if (!ROLES.includes(input.role)) throw Invalid.at('role', `must be one of ${ROLES.join(', ')}`);
  if (!roleWithin(input.role, creator.role)) throw forbidden(`a ${creator.role} may not create a token with role ${input.role}`);
  const token = newSecret('llt');
  const row: TokenRow = {
    id: app.newId(),
    name,
    token_hash: secretDigest(token),
    role: input.role,
    user_id: creator.userId,
    created_at: app.clock.now().toISOString(),
    revoked_at: null,
  };
  const view = tokenView(row, creator.username);
  await audited(app, async (trx) => {
    await insertToken(trx, row);
    return { result: undefined, change: { entity: 'token', entityId: row.id, action: 'create', after: view } };
  });
  return { ...view, token };
}

/** An admin sees every token; anyone else only their own. */
export async function listTokens(app: App, actor: Actor, page: PageRequest): Promise<Page<TokenView>> {
  const limit = pageLimit(page.limit);
  const before = decodeCursor(page.cursor, isString);
  const filter = roleAllows(actor.role, 'admin') ? {} : { userId: actor.userId ?? '' };
  return paginate(limit, (n) => listTokenRows(app.store.db, filter, { before, limit: n }), (r) => tokenView(r, r.username), (r) => r.id);
}

/** Revokes a token at once; an admin may revoke any, anyone else only their own. */
export async function revokeToken(app: App, actor: Actor, id: string): Promise<TokenView> {
  return audited(app, async (trx) => {
    const row = await findToken(trx, id);
    const own = row !== undefined && row.user_id !== null && row.user_id === actor.userId;
    if (!row || !(own || roleAllows(actor.role, 'admin'))) throw new NotFound(`token "${id}" not found`);
    const before = tokenView(row, null);
    const after = row.revoked_at === null ? { ...before, revoked: true, revokedAt: app.clock.now().toISOString() } : before;
    if (row.revoked_at === null) await updateToken(trx, id, { revoked_at: after.revokedAt });
    return { result: after, change: { entity: 'token', entityId: id, action: 'revoke', before, after } };
  });
}

/** The actor an API token stands for, or undefined when it is unknown, revoked or its user disabled. */
export async function actorOfToken(app: App, token: string, clientAddress: string | null): Promise<Actor | undefined> {
  const row = await findLiveToken(app.store.db, secretDigest(token));
  if (!row || row.disabled_at !== null) return undefined;
  return { label: `token:${row.id}`, role: row.role, userId: row.user_id, username: row.username, tokenId: row.id, sessionIdHash: null, clientAddress };
}

/**
 * Makes `value` an admin API token (LOTLINE_ADMIN_TOKEN, for automation and tests): created if
 * new, restored to admin and un-revoked if known. Safe when several processes start at once.
 */
export async function ensureAdminToken(app: App, value: string): Promise<void> {
  if (value.length < MIN_ADMIN_TOKEN_LENGTH) throw new Error(`LOTLINE_ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters`);
  const tokenHash = secretDigest(value);
  await inAuditTransaction(app.store, async (trx) => {
    const known = await findTokenByHash(trx, tokenHash);
    if (known && known.role === 'admin' && known.revoked_at === null) return;
    if (known) {
      await updateToken(trx, known.id, { role: 'admin', revoked_at: null });
      await recordAudit(app, trx, { entity: 'token', entityId: known.id, action: 'restore', before: tokenView(known, null), after: { ...tokenView(known, null), role: 'admin', revoked: false, revokedAt: null } });
      return;
    }
    const row: TokenRow = { id: app.newId(), name: ADMIN_TOKEN_NAME, token_hash: tokenHash, role: 'admin', user_id: null, created_at: app.clock.now().toISOString(), revoked_at: null };
    if (await insertTokenIfAbsent(trx, row)) await recordAudit(app, trx, { entity: 'token', entityId: row.id, action: 'create', after: tokenView(row, null) });
  });
}
