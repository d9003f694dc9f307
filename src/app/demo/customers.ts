import { Invalid } from '../../domain/errors.js';
import type { Random } from './random.js';

/**
 * Wholesale customers: shops, delis, hotels and chains, each with a shelf-life policy (the
 * minimum days a lot must have left on the ship date) and an order size. Names, e-mails (on the
 * reserved `.example` domain) and phone numbers (from Ofcom's ranges reserved for drama) are
 * fictional by construction.
 */
export interface CustomerSpec {
  code: string;
  name: string;
  email: string;
  phone: string;
  address: string;
  minShelfLifeDays: number;
  /** Relative order frequency: large accounts order more often. */
  orderWeight: number;
  /** Cases of 12 jars per order line, smallest and largest. */
  cases: readonly [number, number];
}

const PLACES = [
  'Abbey', 'Alder', 'Amber', 'Ashford', 'Aspen', 'Bayside', 'Beacon', 'Birchwood', 'Bramble', 'Bridgeway', 'Brookside', 'Castle',
  'Cedar', 'Churchgate', 'Clover', 'Copper Beech', 'Cornerstone', 'Crown', 'Daisy Bank', 'Dalesway', 'Elmfield', 'Fernhill',
  'Fieldgate', 'Forest', 'Foxglove', 'Garden Row', 'Golden Sheaf', 'Greenway', 'Harbour', 'Hazel', 'Heather', 'High Street',
  'Hilltop', 'Holly', 'Ivy House', 'Juniper', 'Kingsway', 'Lakeside', 'Larkrise', 'Linden', 'Maple', 'Market Cross', 'Meadow',
  'Millstream', 'Moorland', 'Oakleaf', 'Orchard', 'Parkside', 'Pinewood', 'Queensgate', 'Red Barn', 'Riverside', 'Rosehip',
  'Rowan', 'Silverdale', 'Springwell', 'Station Road', 'Stonebridge', 'Summit', 'Sunnybank', 'Thistle', 'Valley', 'Village Green',
  'Willow', 'Windmill',
];
const SURNAMES = [
  'Abbott', 'Baker', 'Bennett', 'Carter', 'Clarke', 'Davies', 'Edwards', 'Evans', 'Fletcher', 'Foster', 'Gray', 'Hall', 'Harris',
  'Hughes', 'Jackson', 'Kelly', 'Lewis', 'Marshall', 'Mitchell', 'Morgan', 'Murphy', 'Owen', 'Parker', 'Patel', 'Price', 'Reid',
  'Robinson', 'Shaw', 'Taylor', 'Turner', 'Walker', 'Ward', 'Webb', 'Wilson', 'Wright',
];
const SMALL_KINDS = [
  'Deli', 'Farm Shop', 'Larder', 'Pantry', 'Bakery', 'Café', 'Tea Rooms', 'Inn', 'General Store', 'Wholefoods', 'Fine Foods',
  'Delicatessen', 'Kitchen', 'Bistro', 'Village Shop', 'Corner Shop', 'Breakfast Club', 'Minimart', 'Grocers', 'Stores',
];
const MEDIUM_KINDS = ['Hotel', 'Catering', 'Co-op', 'Garden Centre', 'Produce', 'Provisions', 'Market', 'Foods', 'Trading Co.', 'Emporium'];
const LARGE_KINDS = ['Supermarket', 'Cash & Carry', 'Wholesale', 'Food Hall', 'Foodservice'];

const STREETS = ['High', 'Mill', 'Church', 'Station', 'Market', 'Bridge', 'Park', 'Chapel', 'Queen', 'King', 'Victoria', 'Manor', 'School', 'North', 'West', 'London', 'Green', 'Orchard'];
const STREET_TYPES = ['Street', 'Road', 'Lane', 'Avenue', 'Way', 'Row', 'Close', 'Parade'];
const TOWNS = [
  'Ashbury', 'Brackenfield', 'Carrow', 'Dunmere', 'Eastwick', 'Fairhaven', 'Glenmoor', 'Hartwell', 'Ingleby', 'Kettering Vale',
  'Lowestone', 'Marlow End', 'Northcote', 'Oakham Cross', 'Pemberley', 'Quarrington', 'Redhill', 'Sandmouth', 'Thornbury',
  'Upperton', 'Wexcombe', 'Yarborough',
];
// Ofcom reserves these ranges (+ 0000–0999) for drama: they can never ring a real line.
const DRAMA_PHONE_PREFIXES = ['113 496 0', '114 496 0', '115 496 0', '116 496 0', '117 496 0', '118 496 0', '121 496 0', '131 496 0', '141 496 0', '151 496 0', '161 496 0', '20 7946 0'];

const SIZES = {
  small: { kinds: SMALL_KINDS, orderWeight: 1, cases: [1, 6] as const, policies: [[0, 40], [30, 35], [60, 20], [180, 5]] as const },
  medium: { kinds: MEDIUM_KINDS, orderWeight: 3, cases: [4, 15] as const, policies: [[0, 25], [30, 35], [60, 30], [180, 10]] as const },
  large: { kinds: LARGE_KINDS, orderWeight: 8, cases: [10, 40] as const, policies: [[0, 5], [30, 25], [60, 40], [180, 30]] as const },
};
type Size = keyof typeof SIZES;

const slug = (name: string): string =>
  name
    .toLowerCase()
    .replaceAll('&', 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function postcode(random: Random): string {
  const letters = 'ABCDEFGHJKLMNPRSTUWY';
  const letter = () => letters[random.int(0, letters.length - 1)]!;
  return `${letter()}${letter()}${random.int(1, 29)} ${random.int(1, 9)}${letter()}${letter()}`;
}

/** Well inside the distinct names each size can draw, so picking unused names stays quick. */
export const MAX_CUSTOMERS = 2500;

/** `count` customers with distinct names, codes C00001… in order. */
export function generateCustomers(random: Random, count: number): CustomerSpec[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_CUSTOMERS) throw Invalid.at('customers', `must be a whole number from 1 to ${MAX_CUSTOMERS}`);
  // Every size draws names from its own kinds, so "Supermarket" is never a 1-case account.
  const firsts = [...PLACES, ...SURNAMES.map((s) => `${s}'s`)];
  const used = new Set<string>();
  const out: CustomerSpec[] = [];
  while (out.length < count) {
    const size = random.weighted<Size>([['small', 70], ['medium', 22], ['large', 8]]);
    const spec = SIZES[size];
    const name = `${random.pick(firsts)} ${random.pick(spec.kinds)}`;
    if (used.has(name)) continue;
    used.add(name);
    const code = `C${String(out.length + 1).padStart(5, '0')}`;
    out.push({
      code,
      name,
      email: `orders@${slug(name)}.example`,
      phone: `+44 ${random.pick(DRAMA_PHONE_PREFIXES)}${String(random.int(0, 999)).padStart(3, '0')}`,
      address: `${random.int(1, 240)} ${random.pick(STREETS)} ${random.pick(STREET_TYPES)}, ${random.pick(TOWNS)} ${postcode(random)}`,
      minShelfLifeDays: random.weighted(spec.policies),
      orderWeight: spec.orderWeight,
      cases: spec.cases,
    });
  }
  return out;
}
