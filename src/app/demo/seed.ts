import { addDays } from '../../domain/dates.js';
import { Conflict, Invalid } from '../../domain/errors.js';
import type { App } from '../context.js';
import { createItem, listItems } from '../items.js';
import { createLocation, listLocations } from '../locations.js';
import { createParty, listParties } from '../parties.js';
import { saveItemRecipe } from '../recipes.js';
import { FARMS, LOCATIONS, MATERIALS, OTHER_SUPPLIERS, PRODUCTS } from './catalog.js';
import { generateCustomers } from './customers.js';
import { History } from './history.js';
import { Random } from './random.js';

export interface DemoOptions {
  /** Same seed and same business date: the same demo, down to every lot and quantity. */
  seed?: number;
  /** Number of wholesale customers (default 2000, at most MAX_CUSTOMERS). */
  customers?: number;
  /** Days of history ending yesterday (default 365). */
  days?: number;
  /** Called as work is done; `total` is fixed from the start, so a progress bar can show it. */
  onProgress?: (done: number, total: number) => void;
}

export interface DemoSummary {
  seed: number;
  /** First and last day of the history. */
  from: string;
  to: string;
  items: number;
  suppliers: number;
  customers: number;
  locations: number;
  lots: number;
  events: number;
  eventsByType: Record<string, number>;
  /** Lots with stock on hand past their expiry date, past their sell-by date (not yet expired), on hold. */
  expiredLots: number;
  pastSellByLots: number;
  heldLots: number;
}

export const DEFAULT_DEMO_SEED = 1;
export const DEFAULT_DEMO_CUSTOMERS = 2000;
export const DEFAULT_DEMO_DAYS = 365;
export const MAX_DEMO_DAYS = 3660;
/** A demo recipe is written per this many jars (per-jar amounts ×1000 stay exact decimals). */
const RECIPE_JARS = 1000;

/** Whether the database holds no master data yet: the only state the demo may be seeded into. */
export async function isEmptyDatabase(app: App): Promise<boolean> {
  const [items, parties, locations] = await Promise.all([listItems(app, { limit: 1 }), listParties(app, {}, { limit: 1 }), listLocations(app, { limit: 1 })]);
  return items.items.length === 0 && parties.items.length === 0 && locations.items.length === 0;
}

/**
 * Seeds a strawberry-jam maker with a year of history ending today: suppliers, materials,
 * products, ~2000 customers and every receipt, batch, transfer, shipment, return and write-off
 * recorded through the use cases, so the demo ledger is validated and hash-chained like any other.
 */
export async function seedDemo(app: App, options: DemoOptions = {}): Promise<DemoSummary> {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffff_ffff) throw Invalid.at('seed', 'must be a whole number from 0 to 4294967295');
  const days = options.days ?? DEFAULT_DEMO_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_DEMO_DAYS) throw Invalid.at('days', `must be a whole number from 1 to ${MAX_DEMO_DAYS}`);
  if (!(await isEmptyDatabase(app))) {
    throw new Conflict('the database already has data; the demo is seeded only into an empty database (point LOTLINE_DATABASE_URL at a new one)');
  }
  // Separate streams: the number of customers does not change what happens in the history.
  const customers = generateCustomers(new Random(seed), options.customers ?? DEFAULT_DEMO_CUSTOMERS);

  const suppliers = [...FARMS, ...OTHER_SUPPLIERS];
  const masterSteps = LOCATIONS.length + suppliers.length + MATERIALS.length + PRODUCTS.length;
  const total = masterSteps + customers.length + days;
  let done = 0;
  const step = () => options.onProgress?.(++done, total);

  for (const l of LOCATIONS) {
    await createLocation(app, l);
    step();
  }
  for (const s of suppliers) {
    await createParty(app, { code: s.code, name: s.name, roles: ['supplier'], email: s.email, phone: s.phone, address: s.address });
    step();
  }
  for (const m of MATERIALS) {
    await createItem(app, { sku: m.sku, name: m.name, uom: m.uom, gtin: m.gtin, shelfLifeDays: m.shelfLifeDays, unitCost: m.unitCost });
    step();
  }
  for (const p of PRODUCTS) {
    await createItem(app, { sku: p.sku, name: p.name, uom: 'ea', gtin: p.gtin, shelfLifeDays: p.shelfLifeDays, sellByDays: p.sellByDays, unitCost: p.unitCost });
    // The bill of materials the history's batches follow, so production orders can be planned from it.
    await saveItemRecipe(app, { sku: p.sku, outputQuantity: RECIPE_JARS, inputs: p.recipe.map((r) => ({ sku: r.sku, quantity: r.perJar * RECIPE_JARS })) });
    step();
  }
  for (const c of customers) {
    await createParty(app, {
      code: c.code,
      name: c.name,
      roles: ['customer'],
      email: c.email,
      phone: c.phone,
      address: c.address,
      minShelfLifeDays: c.minShelfLifeDays,
    });
    step();
  }

  const today = app.today();
  const history = new History(app, new Random(seed ^ 0x5eed_1a3b), seed, customers, today);
  for (let d = 0; d < days; d++) {
    await history.day(addDays(today, d - days), days - 1 - d);
    step();
  }
  const counts = await history.finish();
  return {
    seed,
    from: addDays(today, -days),
    to: addDays(today, -1),
    items: MATERIALS.length + PRODUCTS.length,
    suppliers: suppliers.length,
    customers: customers.length,
    locations: LOCATIONS.length,
    lots: counts.lots,
    events: Object.values(counts.events).reduce((s, n) => s + n, 0),
    eventsByType: counts.events,
    expiredLots: counts.expiredLots,
    pastSellByLots: counts.pastSellByLots,
    heldLots: counts.heldLots,
  };
}
