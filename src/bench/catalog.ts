import { demoGs1Key } from '../app/demo/catalog.js';
import { generateCustomers, type CustomerSpec } from '../app/demo/customers.js';
import type { Random } from '../app/demo/random.js';

/**
 * The jam maker grown large: many suppliers, raw materials and finished products. Names follow
 * the demo's; identifiers use GS1's demonstration prefix like the demo's, so nothing collides
 * with a real product.
 */

export const BENCH_CUSTOMERS = 2000;
export const BENCH_SUPPLIERS = 200;
export const BENCH_RAW_ITEMS = 50;
export const BENCH_FINISHED_ITEMS = 500;
/** Raw items whose lots are consumed into thousands of batches each (sugar, salt, citric acid). */
export const HUB_ITEMS = 3;

export const PRODUCTION_SITE = 'WH1';
export const DISTRIBUTION_CENTRE = 'WH2';
export const BENCH_LOCATIONS = [
  { code: PRODUCTION_SITE, name: 'Hillside jam kitchen and raw-material store', gln: demoGs1Key(1) },
  { code: DISTRIBUTION_CENTRE, name: 'Riverside distribution centre', gln: demoGs1Key(2) },
];

const RAW_NAMES = [
  'Sugar, granulated', 'Salt, fine', 'Citric acid', 'Strawberries', 'Raspberries', 'Blackcurrants', 'Apricots', 'Plums', 'Cherries',
  'Blueberries', 'Oranges, Seville', 'Lemons', 'Rhubarb', 'Gooseberries', 'Figs', 'Peaches', 'Pectin, apple', 'Lemon juice concentrate',
  'Glucose syrup', 'Honey', 'Ginger', 'Vanilla', 'Cinnamon', 'Chilli', 'Tomatoes', 'Onions', 'Vinegar, cider', 'Vinegar, malt',
  'Raisins', 'Dates', 'Mustard seed', 'Cloves', 'Star anise', 'Elderflower', 'Lavender', 'Rose water', 'Glass jar 227 ml',
  'Glass jar 370 ml', 'Glass jar 500 ml', 'Lid 63 mm', 'Lid 70 mm', 'Lid 82 mm', 'Label stock', 'Shrink sleeve', 'Tray, 12 jars',
  'Case, 6 jars', 'Pallet wrap', 'Apples, Bramley', 'Pears', 'Quinces',
];
const FLAVOURS = [
  'Strawberry', 'Raspberry', 'Blackcurrant', 'Apricot', 'Plum', 'Cherry', 'Blueberry', 'Seville orange', 'Lemon', 'Rhubarb and ginger',
  'Gooseberry', 'Fig', 'Peach', 'Mixed berry', 'Tomato chutney', 'Onion marmalade', 'Apple chutney', 'Pear and ginger', 'Quince', 'Damson',
];
const KINDS = ['jam', 'conserve', 'preserve', 'marmalade', 'jelly'];
const SIZES = ['227 g', '340 g', '370 g', '454 g', '1 kg'];

export interface RawItem {
  sku: string;
  name: string;
  uom: string;
  shelfLifeDays: number;
  hub: boolean;
  suppliers: string[];
}

export interface FinishedItem {
  sku: string;
  name: string;
  gtin: string;
  shelfLifeDays: number;
  sellByDays: number;
  /** Indexes into the raw items: 3–10 inputs per batch, rework included. */
  recipe: number[];
  /** How often a batch reworks the previous batch of the same product (chains up to MAX_REWORK_DEPTH). */
  reworkChance: number;
}

export interface BenchCatalog {
  suppliers: { code: string; name: string; email: string; phone: string; address: string }[];
  customers: CustomerSpec[];
  raw: RawItem[];
  finished: FinishedItem[];
}

export function benchCatalog(random: Random): BenchCatalog {
  const suppliers = Array.from({ length: BENCH_SUPPLIERS }, (_, i) => {
    const n = String(i + 1).padStart(4, '0');
    return { code: `SUP-${n}`, name: `${RAW_NAMES[i % RAW_NAMES.length]!.split(',')[0]} supplier ${n} Ltd`, email: `orders@supplier-${n}.example`, phone: `+44 1632 96${String(i).padStart(4, '0')}`, address: `${i + 1} Trading Estate, Supplyton SU${(i % 9) + 1} 1AA` };
  });
  const raw = RAW_NAMES.slice(0, BENCH_RAW_ITEMS).map((name, i): RawItem => {
    const packaging = /jar|Lid|Label|sleeve|Tray|Case|wrap/.test(name);
    return {
      sku: `RM-${String(i + 1).padStart(3, '0')}`,
      name,
      uom: packaging ? 'ea' : /juice|syrup|Vinegar|water/.test(name) ? 'l' : 'kg',
      shelfLifeDays: i < HUB_ITEMS || packaging ? 730 : random.int(90, 540),
      hub: i < HUB_ITEMS,
      suppliers: Array.from({ length: random.int(1, 3) }, () => suppliers[random.int(0, suppliers.length - 1)]!.code),
    };
  });
  const finished = Array.from({ length: BENCH_FINISHED_ITEMS }, (_, i): FinishedItem => {
    const fanIn = random.int(3, 10);
    const hubs = random.weighted([[0, 2], [1, 5], [2, 3]] as const);
    const nonHub = random.shuffle(Array.from({ length: BENCH_RAW_ITEMS - HUB_ITEMS }, (_, k) => k + HUB_ITEMS)).slice(0, Math.max(2, fanIn - hubs - 1));
    const hubPicks = random.shuffle([0, 1, 2]).slice(0, hubs);
    return {
      sku: `FG-${String(i + 1).padStart(4, '0')}`,
      name: `${FLAVOURS[i % FLAVOURS.length]} ${KINDS[Math.floor(i / FLAVOURS.length) % KINDS.length]} ${SIZES[Math.floor(i / (FLAVOURS.length * KINDS.length)) % SIZES.length]} #${i + 1}`,
      gtin: demoGs1Key(100 + i),
      shelfLifeDays: random.int(180, 720),
      sellByDays: random.int(14, 60),
      recipe: [...hubPicks, ...nonHub],
      // A few products are reworked almost every batch: they make the deep chains.
      reworkChance: random.chance(0.02) ? 0.95 : 0.03,
    };
  });
  return { suppliers, customers: generateCustomers(random, BENCH_CUSTOMERS), raw, finished };
}
