import { Conflict, Invalid, NotFound } from '../domain/errors.js';
import { gs1CheckDigit } from '../domain/gtin.js';
import { findLocations, insertLocation, listLocations as listLocationRows } from '../store/master-data.repository.js';
import { isUniqueViolation } from '../store/transaction.js';
import { audited } from './audit.js';
import type { App } from './context.js';
import { requireCode } from './inputs.js';
import { decodeCursor, isString, pageLimit, paginate, type Page, type PageRequest } from './paging.js';
import { locationView, type LocationView } from './views.js';

export interface LocationInput {
  code: string;
  name: string;
  gln?: string;
  address?: string;
}

/** Creates a warehouse or site; a GLN must be 13 digits with a valid check digit. */
export async function createLocation(app: App, input: LocationInput): Promise<LocationView> {
  requireCode(input.code, 'code');
  if (input.name.trim() === '') throw Invalid.at('name', 'must not be empty');
  if (input.gln !== undefined) {
    if (!/^\d{13}$/.test(input.gln)) throw Invalid.at('gln', 'must be 13 digits');
    const expected = gs1CheckDigit(input.gln.slice(0, 12));
    if (Number(input.gln[12]) !== expected) throw Invalid.at('gln', `check digit must be ${expected}`);
  }
  const row = {
    code: input.code,
    name: input.name,
    gln: input.gln ?? null,
    address: input.address ?? null,
    created_at: app.clock.now().toISOString(),
  };
  try {
    return await audited(app, async (db) => {
      if ((await findLocations(db, [input.code])).length > 0) {
        throw Conflict.at('code', `location "${input.code}" already exists`);
      }
      await insertLocation(db, row);
      const view = locationView(row);
      return { result: view, change: { entity: 'location', entityId: row.code, action: 'create', after: view } };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw Conflict.at('code', `location "${input.code}" already exists`);
    throw error;
  }
}

/** One location by code. */
export async function getLocation(app: App, code: string): Promise<LocationView> {
  const [row] = await findLocations(app.store.db, [code]);
  if (!row) throw new NotFound(`location "${code}" not found`);
  return locationView(row);
}

/** Locations in code order. */
export async function listLocations(app: App, page: PageRequest): Promise<Page<LocationView>> {
  const limit = pageLimit(page.limit);
  const after = decodeCursor(page.cursor, isString);
  return paginate(limit, (n) => listLocationRows(app.store.db, { after, limit: n }), locationView, (r) => r.code);
}
