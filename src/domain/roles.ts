/** Who may do what: the four roles and the permissions each grants. Shared by the server and the web UI. */
export type Role = 'admin' | 'qa' | 'warehouse' | 'viewer';

export const ROLES: readonly Role[] = ['admin', 'qa', 'warehouse', 'viewer'];

/** A route's minimum permission. */
export type Permission = 'read' | 'warehouse' | 'qa' | 'admin';

// qa and warehouse are peers: neither includes the other.
const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(['read', 'warehouse', 'qa', 'admin']),
  qa: new Set(['read', 'qa']),
  warehouse: new Set(['read', 'warehouse']),
  viewer: new Set(['read']),
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return GRANTS[role].has(permission);
}

/** Whether `role` grants nothing beyond `limit` (a token may not exceed its creator). */
export function roleWithin(role: Role, limit: Role): boolean {
  return [...GRANTS[role]].every((p) => GRANTS[limit].has(p));
}
