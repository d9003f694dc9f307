import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { Conflict, Invalid, NotFound } from '../domain/errors.js';
import { isUniqueViolation } from '../store/transaction.js';
import { countUsers, deleteSessions, findUserByUsername, insertUser, listUserRows, setUserDisabled, type UserRow } from '../store/users.repository.js';
import { ROLES, type Role } from './actor.js';
import { audited } from './audit.js';
import type { App } from './context.js';
import { decodeCursor, isString, pageLimit, paginate, type Page, type PageRequest } from './paging.js';

export interface UserInput {
  username: string;
  password: string;
  role: Role;
}

export interface UserView {
  username: string;
  role: Role;
  createdAt: string;
  disabled: boolean;
  disabledAt: string | null;
}

export const MIN_PASSWORD_LENGTH = 12;
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's minimum recommendation.
const hashPassword = (password: string) => hash(password);

// Verified against when the username is unknown, so a miss costs as long as a wrong password and
// response times do not reveal which usernames exist.
let decoyHash: Promise<string> | undefined;

export const userView = (r: UserRow): UserView => ({ username: r.username, role: r.role, createdAt: r.created_at, disabled: r.disabled_at !== null, disabledAt: r.disabled_at });

/** Creates a user with an argon2id-hashed password. */
export async function createUser(app: App, input: UserInput): Promise<UserView> {
  if (!USERNAME.test(input.username)) throw Invalid.at('username', 'must be 1 to 64 letters, digits or . _ @ - and start with a letter or digit');
  if (input.password.length < MIN_PASSWORD_LENGTH) throw Invalid.at('password', `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (input.password.length > 1024) throw Invalid.at('password', 'must be at most 1024 characters');
  if (!ROLES.includes(input.role)) throw Invalid.at('role', `must be one of ${ROLES.join(', ')}`);
  const row: UserRow = {
    id: app.newId(),
    username: input.username,
    password_hash: await hashPassword(input.password),
    role: input.role,
    created_at: app.clock.now().toISOString(),
    disabled_at: null,
  };
  try {
    return await audited(app, async (trx) => {
      if (await findUserByUsername(trx, input.username)) throw Conflict.at('username', `user "${input.username}" already exists`);
      await insertUser(trx, row);
      const view = userView(row);
      return { result: view, change: { entity: 'user', entityId: row.username, action: 'create', after: view } };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw Conflict.at('username', `user "${input.username}" already exists`);
    throw error;
  }
}

/** Users in username order. */
export async function listUsers(app: App, page: PageRequest): Promise<Page<UserView>> {
  const limit = pageLimit(page.limit);
  const after = decodeCursor(page.cursor, isString);
  return paginate(limit, (n) => listUserRows(app.store.db, { after, limit: n }), userView, (r) => r.username);
}

/** Disables a user: their sessions end at once and their API tokens stop working. */
export async function disableUser(app: App, username: string): Promise<UserView> {
  return audited(app, async (trx) => {
    const row = await findUserByUsername(trx, username);
    if (!row) throw new NotFound(`user "${username}" not found`);
    if (row.disabled_at !== null) throw new Conflict(`user "${username}" is already disabled`);
    const at = app.clock.now().toISOString();
    await setUserDisabled(trx, row.id, at);
    await deleteSessions(trx, { userId: row.id });
    const before = userView(row);
    const after = { ...before, disabled: true, disabledAt: at };
    return { result: after, change: { entity: 'user', entityId: username, action: 'disable', before, after } };
  });
}

/** The enabled user with this username and password, or undefined; takes as long either way. */
export async function checkPassword(app: App, username: string, password: string): Promise<UserRow | undefined> {
  const row = await findUserByUsername(app.store.db, username);
  if (!row) {
    decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verify(await decoyHash, password).catch(() => false);
    return undefined;
  }
  const ok = await verify(row.password_hash, password).catch(() => false);
  return ok && row.disabled_at === null ? row : undefined;
}

/**
 * On a database without users, creates `admin` with a random password and returns it, to be shown
 * once; afterwards returns undefined. Only the hash is kept.
 */
export async function ensureFirstAdmin(app: App): Promise<{ username: string; password: string } | undefined> {
  if ((await countUsers(app.store.db)) > 0) return undefined;
  const password = randomBytes(18).toString('base64url');
  try {
    await createUser(app, { username: 'admin', password, role: 'admin' });
  } catch (error) {
    // Another process created the first user meanwhile: it printed the password, not us.
    if (error instanceof Conflict) return undefined;
    throw error;
  }
  return { username: 'admin', password };
}

/** The demo's sign-ins: well known, so created only together with the demo data. */
export const DEMO_USERS: readonly UserInput[] = [
  { username: 'admin', password: 'demo-admin-password', role: 'admin' },
  { username: 'qa', password: 'demo-qa-password', role: 'qa' },
  { username: 'warehouse', password: 'demo-warehouse-password', role: 'warehouse' },
  { username: 'viewer', password: 'demo-viewer-password', role: 'viewer' },
];

/** Creates the demo users that do not exist yet; returns the ones created. */
export async function createDemoUsers(app: App): Promise<UserInput[]> {
  const created: UserInput[] = [];
  for (const user of DEMO_USERS) {
    if (await findUserByUsername(app.store.db, user.username)) continue;
    await createUser(app, user);
    created.push(user);
  }
  return created;
}
