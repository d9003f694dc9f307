import { Conflict, Invalid, NotFound } from '../domain/errors.js';
import { findParties, insertParty, listParties as listPartyRows } from '../store/master-data.repository.js';
import { isUniqueViolation } from '../store/transaction.js';
import type { App } from './context.js';
import { nonNegativeInteger, requireCode } from './inputs.js';
import { decodeCursor, isString, pageLimit, paginate, type Page, type PageRequest } from './paging.js';
import { partyView, type PartyRole, type PartyView } from './views.js';

export interface PartyInput {
  code: string;
  name: string;
  roles: PartyRole[];
  email?: string;
  phone?: string;
  address?: string;
  minShelfLifeDays?: number;
}

/** Creates a supplier and/or customer; `minShelfLifeDays` is the customer's shelf-life policy. */
export async function createParty(app: App, input: PartyInput): Promise<PartyView> {
  requireCode(input.code, 'code');
  if (input.name.trim() === '') throw Invalid.at('name', 'must not be empty');
  if (input.roles.length === 0) throw Invalid.at('roles', 'must name at least one of supplier, customer');
  const minShelfLife = nonNegativeInteger(input.minShelfLifeDays, 'minShelfLifeDays');
  const row = {
    code: input.code,
    name: input.name,
    is_supplier: input.roles.includes('supplier') ? 1 : 0,
    is_customer: input.roles.includes('customer') ? 1 : 0,
    email: input.email ?? null,
    phone: input.phone ?? null,
    address: input.address ?? null,
    min_shelf_life_days: minShelfLife ?? null,
    created_at: app.clock.now().toISOString(),
  };
  if ((await findParties(app.store.db, [input.code])).length > 0) {
    throw Conflict.at('code', `party "${input.code}" already exists`);
  }
  try {
    await insertParty(app.store.db, row);
  } catch (error) {
    if (isUniqueViolation(error)) throw Conflict.at('code', `party "${input.code}" already exists`);
    throw error;
  }
  return partyView(row);
}

/** One party by code. */
export async function getParty(app: App, code: string): Promise<PartyView> {
  const [row] = await findParties(app.store.db, [code]);
  if (!row) throw new NotFound(`party "${code}" not found`);
  return partyView(row);
}

/** Parties in code order, optionally only suppliers or only customers. */
export async function listParties(app: App, filter: { role?: PartyRole }, page: PageRequest): Promise<Page<PartyView>> {
  const limit = pageLimit(page.limit);
  const after = decodeCursor(page.cursor, isString);
  return paginate(limit, (n) => listPartyRows(app.store.db, filter, { after, limit: n }), partyView, (r) => r.code);
}
