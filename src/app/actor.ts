import { AsyncLocalStorage } from 'node:async_hooks';
import type { Role } from '../domain/roles.js';

export { ROLES, roleAllows, roleWithin, type Permission, type Role } from '../domain/roles.js';

/** Who is acting: a signed-in user, an API token, the CLI, or the server itself. */
export interface Actor {
  /** Stored with events and audit entries: `user:alice`, `token:<id>`, `cli:<os user>`, `system`. */
  label: string;
  role: Role;
  /** The user behind a session or token (tokens made from LOTLINE_ADMIN_TOKEN have none). */
  userId: string | null;
  username: string | null;
  tokenId: string | null;
  sessionIdHash: string | null;
  clientAddress: string | null;
}

export const SYSTEM_ACTOR: Actor = { label: 'system', role: 'admin', userId: null, username: null, tokenId: null, sessionIdHash: null, clientAddress: null };

// Use cases read the actor from here rather than from a parameter, so that the ledger writer and
// the audit trail learn who acted without every use case signature carrying it.
const storage = new AsyncLocalStorage<Actor>();

/** Runs `fn` (and everything it awaits) as `actor`. */
export function runAs<T>(actor: Actor, fn: () => T): T {
  return storage.run(actor, fn);
}

/** The actor of the current request or command; `system` when nothing set one (tests, schedulers). */
export function currentActor(): Actor {
  return storage.getStore() ?? SYSTEM_ACTOR;
}

/** The actor of a CLI invocation: the operating-system user who ran it, with full rights (they hold the database). */
export function cliActor(osUser: string): Actor {
  return { ...SYSTEM_ACTOR, label: `cli:${osUser}` };
}

