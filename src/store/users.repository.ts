import type { Selectable } from 'kysely';
import type { ApiTokensTable, SessionsTable, UsersTable } from './schema.js';
import type { Tx } from './transaction.js';

export type UserRow = Selectable<UsersTable>;
export type TokenRow = Selectable<ApiTokensTable>;
export type SessionRow = Selectable<SessionsTable>;

export async function insertUser(db: Tx, row: UserRow): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function findUserByUsername(db: Tx, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function countUsers(db: Tx): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Users in username order, after `after`. */
export async function listUserRows(db: Tx, page: { after?: string; limit: number }): Promise<UserRow[]> {
  let q = db.selectFrom('users').selectAll();
  if (page.after !== undefined) q = q.where('username', '>', page.after);
  return q.orderBy('username').limit(page.limit).execute();
}

export async function setUserDisabled(db: Tx, id: string, at: string): Promise<void> {
  await db.updateTable('users').set({ disabled_at: at }).where('id', '=', id).execute();
}

export async function insertSession(db: Tx, row: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** A live session with its user, if the id hash is known, unexpired at `now` and the user enabled. */
export async function findLiveSession(db: Tx, idHash: string, now: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id_hash', 'sessions.expires_at', 'users.id as user_id', 'users.username', 'users.role'])
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', now)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function deleteSession(db: Tx, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Ends a user's sessions, and everyone's expired ones while at it. */
export async function deleteSessions(db: Tx, filter: { userId?: string; expiredAt?: string }): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([...(filter.userId ? [eb('user_id', '=', filter.userId)] : []), ...(filter.expiredAt ? [eb('expires_at', '<=', filter.expiredAt)] : [])]))
    .execute();
}

export async function insertToken(db: Tx, row: TokenRow): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

/** Inserts the token unless one with the same hash exists (several processes may start at once). */
export async function insertTokenIfAbsent(db: Tx, row: TokenRow): Promise<boolean> {
  const result = await db.insertInto('api_tokens').values(row).onConflict((oc) => oc.column('token_hash').doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function findTokenByHash(db: Tx, tokenHash: string): Promise<TokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** A usable token with its creator's name: not revoked, and its creator (if any) not disabled. */
export async function findLiveToken(db: Tx, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .leftJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id', 'api_tokens.role', 'api_tokens.user_id', 'users.username', 'users.disabled_at'])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function findToken(db: Tx, id: string): Promise<TokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Tokens (all, or one user's), newest first, with their creators' names. */
export async function listTokenRows(db: Tx, filter: { userId?: string }, page: { before?: string; limit: number }) {
  let q = db.selectFrom('api_tokens').leftJoin('users', 'users.id', 'api_tokens.user_id').selectAll('api_tokens').select('users.username');
  if (filter.userId !== undefined) q = q.where('api_tokens.user_id', '=', filter.userId);
  if (page.before !== undefined) q = q.where('api_tokens.id', '<', page.before);
  return q.orderBy('api_tokens.id', 'desc').limit(page.limit).execute();
}

export async function updateToken(db: Tx, id: string, set: Partial<Pick<TokenRow, 'revoked_at' | 'role'>>): Promise<void> {
  await db.updateTable('api_tokens').set(set).where('id', '=', id).execute();
}
