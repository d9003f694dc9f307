import { gs1CheckDigit } from '../../domain/gtin.js';

/**
 * The demo's master data: a strawberry-jam maker, its suppliers, materials, products and recipes.
 * Identifiers use the GS1 prefix 952, which GS1 reserves for demonstrations and examples, so
 * no demo barcode can collide with a real product.
 */
const COMPANY_PREFIX = '9521234';

/** A GS1 key (GTIN-13 or GLN) of the demo company: prefix + reference + computed check digit. */
export function demoGs1Key(reference: number): string {
  const body = `${COMPANY_PREFIX}${String(reference).padStart(5, '0')}`;
  return `${body}${gs1CheckDigit(body)}`;
}

export const PRODUCTION_SITE = 'WH1';
export const DISTRIBUTION_CENTRE = 'WH2';

export const LOCATIONS = [
  { code: PRODUCTION_SITE, name: 'Hillside jam kitchen and raw-material store', gln: demoGs1Key(1), address: '4 Orchard Lane, Hillside HS1 2AB' },
  { code: DISTRIBUTION_CENTRE, name: 'Riverside distribution centre', gln: demoGs1Key(2), address: 'Unit 9, Riverside Trading Estate, Riverside RS7 4CD' },
];

export interface SupplierSpec {
  code: string;
  name: string;
  email: string;
  phone: string;
  address: string;
  /** Strawberry farms: the months (1–12) they deliver, and how many days their fruit keeps. */
  season?: readonly number[];
  fruitShelfLifeDays?: number;
}

const ALL_YEAR = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

export const FARMS: readonly SupplierSpec[] = [
  { code: 'FARM-GREENACRE', name: 'Greenacre Berry Farm', email: 'sales@greenacre-berries.example', phone: '+44 1632 960101', address: 'Greenacre, Long Lane, Fieldham FH2 8GA', season: [5, 6, 7, 8, 9], fruitShelfLifeDays: 6 },
  { code: 'FARM-HOLLOWBROOK', name: 'Hollow Brook Farms', email: 'orders@hollowbrook.example', phone: '+44 1632 960102', address: 'Hollow Brook, Millbrook MB3 1HB', season: [4, 5, 6, 7, 8, 9, 10], fruitShelfLifeDays: 5 },
  { code: 'FARM-RIVERBEND', name: 'Riverbend Strawberry Gardens', email: 'fruit@riverbend-gardens.example', phone: '+44 1632 960103', address: 'Riverbend Road, Fordham FO5 6RG', season: [6, 7, 8, 9], fruitShelfLifeDays: 7 },
  { code: 'FARM-SUNNYSIDE', name: 'Sunnyside Glasshouse Growers Co-op', email: 'dispatch@sunnyside-coop.example', phone: '+44 1632 960104', address: 'Glasshouse Row, Sunnyside SS4 9SG', season: ALL_YEAR, fruitShelfLifeDays: 6 },
  { code: 'FARM-IBERIA', name: 'Iberian Berry Imports', email: 'uk@iberian-berries.example', phone: '+44 1632 960105', address: 'Cold Store 3, Port Road, Harbourton HT1 1IB', season: [1, 2, 3, 4, 10, 11, 12], fruitShelfLifeDays: 5 },
];

export const OTHER_SUPPLIERS: readonly SupplierSpec[] = [
  { code: 'SUP-SUGAR', name: 'Northern Sugar Refineries Ltd', email: 'orders@northern-sugar.example', phone: '+44 1632 960201', address: 'Refinery Road, Beetham BT2 5NS' },
  { code: 'SUP-PECTIN', name: 'Pectina Ingredients B.V.', email: 'service@pectina.example', phone: '+31 20 555 0102', address: 'Havenstraat 12, 1013 Amsterdam' },
  { code: 'SUP-LEMON', name: 'Citrus Valley Juices', email: 'trade@citrusvalley.example', phone: '+34 955 550 103', address: 'Polígono Naranjo 7, 41001 Sevilla' },
  { code: 'SUP-GLASS', name: 'Clearwater Glassworks', email: 'sales@clearwater-glass.example', phone: '+44 1632 960204', address: 'Furnace Street, Clearwater CW1 3GW' },
  { code: 'SUP-CLOSURES', name: 'Capital Closures Ltd', email: 'orders@capital-closures.example', phone: '+44 1632 960205', address: '18 Tinplate Way, Steelby SB6 2CC' },
];

export interface MaterialSpec {
  sku: string;
  name: string;
  uom: string;
  /** Undefined for packaging, which does not expire. */
  shelfLifeDays?: number;
  unitCost: number;
  supplier?: string;
  /** The supplier's trade item number on its cases (scanned at receipt); farm produce comes without. */
  gtin?: string;
  /** Reorder when usable stock after today's batches falls below this (item unit). */
  reorderPoint: number;
  orderQuantity: number;
  lotPrefix: string;
}

export const STRAWBERRIES = 'RM-STRAWBERRY';

export const MATERIALS: readonly MaterialSpec[] = [
  { sku: STRAWBERRIES, name: 'Strawberries, fresh, class I', uom: 'kg', shelfLifeDays: 6, unitCost: 3.2, reorderPoint: 0, orderQuantity: 0, lotPrefix: 'STR' },
  { sku: 'RM-SUGAR', gtin: demoGs1Key(201), name: 'Sugar, granulated, EU 2', uom: 'kg', shelfLifeDays: 730, unitCost: 0.85, supplier: 'SUP-SUGAR', reorderPoint: 4000, orderQuantity: 12000, lotPrefix: 'SUG' },
  { sku: 'RM-PECTIN', gtin: demoGs1Key(202), name: 'Pectin, apple, rapid set', uom: 'kg', shelfLifeDays: 540, unitCost: 28, supplier: 'SUP-PECTIN', reorderPoint: 40, orderQuantity: 150, lotPrefix: 'PEC' },
  { sku: 'RM-LEMON', gtin: demoGs1Key(203), name: 'Lemon juice concentrate', uom: 'l', shelfLifeDays: 120, unitCost: 4.1, supplier: 'SUP-LEMON', reorderPoint: 60, orderQuantity: 250, lotPrefix: 'LEM' },
  { sku: 'PK-JAR-370', gtin: demoGs1Key(204), name: 'Glass jar 370 ml, TO70', uom: 'ea', unitCost: 0.22, supplier: 'SUP-GLASS', reorderPoint: 12000, orderQuantity: 30000, lotPrefix: 'J370' },
  { sku: 'PK-JAR-500', gtin: demoGs1Key(205), name: 'Glass jar 500 ml, TO82', uom: 'ea', unitCost: 0.27, supplier: 'SUP-GLASS', reorderPoint: 6000, orderQuantity: 15000, lotPrefix: 'J500' },
  { sku: 'PK-LID-70', gtin: demoGs1Key(206), name: 'Twist-off lid 70 mm, red gingham', uom: 'ea', unitCost: 0.06, supplier: 'SUP-CLOSURES', reorderPoint: 12000, orderQuantity: 40000, lotPrefix: 'L70' },
  { sku: 'PK-LID-82', gtin: demoGs1Key(207), name: 'Twist-off lid 82 mm, red gingham', uom: 'ea', unitCost: 0.07, supplier: 'SUP-CLOSURES', reorderPoint: 6000, orderQuantity: 15000, lotPrefix: 'L82' },
];

export interface ProductSpec {
  sku: string;
  name: string;
  gtin: string;
  shelfLifeDays: number;
  sellByDays: number;
  unitCost: number;
  /** Share of customer demand. */
  demandShare: number;
  /** Jars per batch, smallest and largest. */
  batch: readonly [number, number];
  /** Material per jar, in the material's unit. */
  recipe: readonly { sku: string; perJar: number }[];
}

const jar370 = [
  { sku: 'PK-JAR-370', perJar: 1 },
  { sku: 'PK-LID-70', perJar: 1 },
];

export const PRODUCTS: readonly ProductSpec[] = [
  {
    sku: 'JAM-370', name: 'Strawberry jam 370 g', gtin: demoGs1Key(101), shelfLifeDays: 365, sellByDays: 60, unitCost: 1.45, demandShare: 0.45, batch: [2400, 4800],
    recipe: [{ sku: STRAWBERRIES, perJar: 0.2 }, { sku: 'RM-SUGAR', perJar: 0.17 }, { sku: 'RM-PECTIN', perJar: 0.0015 }, { sku: 'RM-LEMON', perJar: 0.003 }, ...jar370],
  },
  {
    sku: 'JAM-500', name: 'Strawberry jam 500 g', gtin: demoGs1Key(102), shelfLifeDays: 365, sellByDays: 60, unitCost: 1.85, demandShare: 0.25, batch: [1800, 3600],
    recipe: [{ sku: STRAWBERRIES, perJar: 0.27 }, { sku: 'RM-SUGAR', perJar: 0.23 }, { sku: 'RM-PECTIN', perJar: 0.002 }, { sku: 'RM-LEMON', perJar: 0.004 }, { sku: 'PK-JAR-500', perJar: 1 }, { sku: 'PK-LID-82', perJar: 1 }],
  },
  {
    sku: 'JAM-RS-370', name: 'Strawberry jam, reduced sugar 370 g', gtin: demoGs1Key(103), shelfLifeDays: 180, sellByDays: 45, unitCost: 1.6, demandShare: 0.15, batch: [1200, 2400],
    recipe: [{ sku: STRAWBERRIES, perJar: 0.26 }, { sku: 'RM-SUGAR', perJar: 0.09 }, { sku: 'RM-PECTIN', perJar: 0.003 }, { sku: 'RM-LEMON', perJar: 0.004 }, ...jar370],
  },
  {
    sku: 'JAM-EF-370', name: 'Strawberry jam, extra fruit 370 g', gtin: demoGs1Key(104), shelfLifeDays: 365, sellByDays: 30, unitCost: 1.75, demandShare: 0.15, batch: [1200, 2400],
    recipe: [{ sku: STRAWBERRIES, perJar: 0.26 }, { sku: 'RM-SUGAR', perJar: 0.12 }, { sku: 'RM-PECTIN', perJar: 0.002 }, { sku: 'RM-LEMON', perJar: 0.003 }, ...jar370],
  },
];

/** Jars of every batch kept at the production site as QA retention samples until after expiry. */
export const RETENTION_JARS = 6;
/** Retention samples are destroyed this long after their expiry date (a common QA rule). */
export const RETENTION_AFTER_EXPIRY_DAYS = 30;
