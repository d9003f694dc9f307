import { deleteSession, deleteSessions, findLiveSession, insertSession } from '../store/users.repository.js';
import type { Actor } from './actor.js';
import type { App } from './context.js';
import { newSecret, secretDigest, unauthorized } from './secrets.js';
import { checkPassword, userView, type UserView } from './users.js';

/** How long a sign-in lasts; the UI signs in again after. */
export const SESSION_HOURS = 12;

export interface Session {
  /** The cookie value: shown to the browser only, stored as its SHA-256. */
  id: string;
  expiresAt: string;
  user: UserView;
}

/** Signs a user in with username and password; 401 (without saying which was wrong) otherwise. */
export async function login(app: App, input: { username: string; password: string }): Promise<Session> {
  const user = await checkPassword(app, input.username, input.password);
  if (!user) throw unauthorized('wrong username or password, or the user is disabled');
  const now = app.clock.now();
  const id = newSecret('lls');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString();
  await deleteSessions(app.store.db, { expiredAt: now.toISOString() });
  await insertSession(app.store.db, { id_hash: secretDigest(id), user_id: user.id, created_at: now.toISOString(), expires_at: expiresAt });
  return { id, expiresAt, user: userView(user) };
}

/** Ends a session (signing out); a no-op for an unknown one. */
export async function logout(app: App, sessionIdHash: string): Promise<void> {
  await deleteSession(app.store.db, sessionIdHash);
}

/** The actor a session cookie stands for, or undefined when it is unknown, expired or its user disabled. */
export async function actorOfSession(app: App, sessionId: string, clientAddress: string | null): Promise<Actor | undefined> {
  const idHash = secretDigest(sessionId);
  const row = await findLiveSession(app.store.db, idHash, app.clock.now().toISOString());
  if (!row) return undefined;
  return { label: `user:${row.username}`, role: row.role, userId: row.user_id, username: row.username, tokenId: null, sessionIdHash: idHash, clientAddress };
}
