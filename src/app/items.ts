import { Conflict, Invalid, NotFound } from '../domain/errors.js';
import { ALLOCATION_METHODS, type AllocationMethod } from '../domain/fefo.js';
import { gtinProblem, toGtin14 } from '../domain/gtin.js';
import { toMicro } from '../domain/quantity.js';
import { findItemByGtin, findItems, insertItem, listItems as listItemRows } from '../store/master-data.repository.js';
import { isUniqueViolation } from '../store/transaction.js';
import { audited } from './audit.js';
import type { App } from './context.js';
import { nonNegativeInteger, requireCode } from './inputs.js';
import { decodeCursor, isString, pageLimit, paginate, type Page, type PageRequest } from './paging.js';
import { itemView, type ItemView } from './views.js';

export interface ItemInput {
  sku: string;
  name: string;
  uom?: string;
  gtin?: string;
  shelfLifeDays?: number;
  sellByDays?: number;
  unitCost?: number;
  /** How lots are picked: first-expiry-first-out (default) or first-in-first-out. */
  allocation?: AllocationMethod;
  /** An output lot's default expiry may not pass the earliest expiry among the lots it was made from. */
  expiryFromInputs?: boolean;
  /** On the FDA Food Traceability List: its receipts, productions and shipments are FSMA 204 events. */
  ftl?: boolean;
  /** DSCSA: National Drug Code and product data of a prescription drug. */
  ndc?: string;
  strength?: string;
  dosageForm?: string;
  containerSize?: string;
}

/** Creates an item (a product or material); its GTIN, if any, must carry a valid check digit. */
export async function createItem(app: App, input: ItemInput): Promise<ItemView> {
  requireCode(input.sku, 'sku');
  if (input.name.trim() === '') throw Invalid.at('name', 'must not be empty');
  const uom = input.uom ?? 'ea';
  if (uom.length < 1 || uom.length > 16) throw Invalid.at('uom', 'must be 1 to 16 characters');
  const shelfLife = nonNegativeInteger(input.shelfLifeDays, 'shelfLifeDays');
  const sellBy = nonNegativeInteger(input.sellByDays, 'sellByDays');
  if (shelfLife !== undefined && sellBy !== undefined && sellBy > shelfLife) {
    throw Invalid.at('sellByDays', 'must not exceed shelfLifeDays');
  }
  let gtin: string | null = null;
  if (input.gtin !== undefined) {
    const problem = gtinProblem(input.gtin);
    if (problem) throw Invalid.at('gtin', problem);
    gtin = toGtin14(input.gtin);
  }
  const unitCost = input.unitCost === undefined ? null : toMicro(input.unitCost, 'unitCost');
  const allocation = input.allocation ?? 'fefo';
  if (!ALLOCATION_METHODS.includes(allocation)) throw Invalid.at('allocation', `must be one of ${ALLOCATION_METHODS.join(', ')}`);
  if (unitCost !== null && unitCost < 0) throw Invalid.at('unitCost', 'must not be negative');
  // 10 digits in 4-4-2, 5-3-2 or 5-4-1 segments, or the 11-digit 5-4-2 billing form.
  if (input.ndc !== undefined && !/^(\d{4}-\d{4}-\d{2}|\d{5}-\d{3}-\d{2}|\d{5}-\d{4}-\d{1,2}|\d{10,11})$/.test(input.ndc)) {
    throw Invalid.at('ndc', 'must be an NDC: 10 digits in 4-4-2, 5-3-2 or 5-4-1 segments, or 11 digits (5-4-2)');
  }
  const row = {
    sku: input.sku,
    name: input.name,
    uom,
    gtin,
    shelf_life_days: shelfLife ?? null,
    sell_by_days: sellBy ?? null,
    unit_cost: unitCost,
    created_at: app.clock.now().toISOString(),
    allocation,
    expiry_from_inputs: input.expiryFromInputs ? 1 : 0,
    ftl: input.ftl ? 1 : 0,
    ndc: input.ndc ?? null,
    strength: input.strength ?? null,
    dosage_form: input.dosageForm ?? null,
    container_size: input.containerSize ?? null,
  };
  try {
    return await audited(app, async (db) => {
      if ((await findItems(db, [input.sku])).length > 0) throw Conflict.at('sku', `item "${input.sku}" already exists`);
      if (gtin !== null) {
        const other = await findItemByGtin(db, gtin);
        if (other) throw Conflict.at('gtin', `GTIN ${gtin} already belongs to item "${other.sku}"`);
      }
      await insertItem(db, row);
      const view = itemView(row);
      return { result: view, change: { entity: 'item', entityId: row.sku, action: 'create', after: view } };
    });
  } catch (error) {
    // A concurrent create of the same sku or GTIN lost the race.
    if (isUniqueViolation(error)) throw Conflict.at('sku', `item "${input.sku}" or its GTIN already exists`);
    throw error;
  }
}

/** One item by sku. */
export async function getItem(app: App, sku: string): Promise<ItemView> {
  const [row] = await findItems(app.store.db, [sku]);
  if (!row) throw new NotFound(`item "${sku}" not found`);
  return itemView(row);
}

/** Items in sku order. */
export async function listItems(app: App, page: PageRequest): Promise<Page<ItemView>> {
  const limit = pageLimit(page.limit);
  const after = decodeCursor(page.cursor, isString);
  return paginate(limit, (n) => listItemRows(app.store.db, { after, limit: n }), itemView, (r) => r.sku);
}
