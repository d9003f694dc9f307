import { Conflict, Invalid, NotFound } from '../domain/errors.js';
import { findParties, insertParty, listParties as listPartyRows } from '../store/master-data.repository.js';
import { isUniqueViolation } from '../store/transaction.js';
import { audited } from './audit.js';
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
  /** Share (0–100) of a lot's total shelf life the customer requires left on the ship date. */
  minShelfLifePercent?: number;
}

/** Creates a supplier and/or customer; `minShelfLifeDays` and `minShelfLifePercent` are the customer's shelf-life policy. */
export async function createParty(app: App, input: PartyInput): Promise<PartyView> {
  requireCode(input.code, 'code');
  if (input.name.trim() === '') throw Invalid.at('name', 'must not be empty');
  if (input.roles.length === 0) throw Invalid.at('roles', 'must name at least one of supplier, customer');
  const minShelfLife = nonNegativeInteger(input.minShelfLifeDays, 'minShelfLifeDays');
  const minPercent = nonNegativeInteger(input.minShelfLifePercent, 'minShelfLifePercent');
  if (minPercent !== undefined && minPercent > 100) throw Invalid.at('minShelfLifePercent', 'must be a whole number from 0 to 100');
  const row = {
    code: input.code,
    name: input.name,
    is_supplier: input.roles.includes('supplier') ? 1 : 0,
    is_customer: input.roles.includes('customer') ? 1 : 0,
    email: input.email ?? null,
    phone: input.phone ?? null,
    address: input.address ?? null,
    min_shelf_life_days: minShelfLife ?? null,
    min_shelf_life_percent: minPercent ?? null,
    created_at: app.clock.now().toISOString(),
  };
  try {
    return await audited(app, async (db) => {
      if ((await findParties(db, [input.code])).length > 0) {
        throw Conflict.at('code', `party "${input.code}" already exists`);
      }
      await insertParty(db, row);
      const view = partyView(row);
      return { result: view, change: { entity: 'party', entityId: row.code, action: 'create', after: view } };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw Conflict.at('code', `party "${input.code}" already exists`);
    throw error;
  }
}

/** One party by code. */
export async function getParty(app: App, code: string): Promise<PartyView> {
  const [row] = await findParties(app.store.db, [code]);
  if (!row) throw new NotFound(`party "${code}" not found`);
  return partyView(row);
}

/**
 * Parties in code order, optionally only suppliers or only customers; `q` keeps those whose code
 * or name contains it, case-insensitively (blank: no filter).
 */
export async function listParties(app: App, filter: { role?: PartyRole; q?: string }, page: PageRequest): Promise<Page<PartyView>> {
  const limit = pageLimit(page.limit);
  const after = decodeCursor(page.cursor, isString);
  const search = filter.q?.trim() || undefined;
  return paginate(limit, (n) => listPartyRows(app.store.db, { role: filter.role, search }, { after, limit: n }), partyView, (r) => r.code);
}
