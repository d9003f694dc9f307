import type { Generated } from 'kysely';

/** Row types of the database. Booleans are 0/1 integers and times ISO-8601 UTC text on both engines. */
export interface Database {
  items: ItemsTable;
  parties: PartiesTable;
  locations: LocationsTable;
  lots: LotsTable;
  events: EventsTable;
  event_lines: EventLinesTable;
  lot_links: LotLinksTable;
  balances: BalancesTable;
  recalls: RecallsTable;
  recall_lots: RecallLotsTable;
  recall_customers: RecallCustomersTable;
}

export interface ItemsTable {
  sku: string;
  name: string;
  uom: string;
  gtin: string | null;
  shelf_life_days: number | null;
  sell_by_days: number | null;
  /** Cost of one unit in micro-units of the currency. */
  unit_cost: number | null;
  created_at: string;
}

export interface PartiesTable {
  code: string;
  name: string;
  is_supplier: number;
  is_customer: number;
  email: string | null;
  phone: string | null;
  address: string | null;
  min_shelf_life_days: number | null;
  created_at: string;
}

export interface LocationsTable {
  code: string;
  name: string;
  gln: string | null;
  address: string | null;
  created_at: string;
}

export interface LotsTable {
  id: Generated<number>;
  sku: string;
  code: string;
  origin: 'receipt' | 'production';
  supplier: string | null;
  supplier_lot: string | null;
  production_date: string | null;
  expiry_date: string | null;
  sell_by_date: string | null;
  hold_state: 'available' | 'hold' | 'recalled';
  hold_reason: string | null;
  created_event_id: string;
  created_at: string;
}

export interface EventsTable {
  id: string;
  seq: number;
  type: string;
  time: string;
  recorded_at: string;
  idempotency_key: string;
  request_hash: string;
  party: string | null;
  location: string | null;
  to_location: string | null;
  reason: string | null;
  disposition: string | null;
  /** The lot a hold or release is about. */
  lot_id: number | null;
  reverses: string | null;
  /** The shipment a return refers to. */
  shipment_id: string | null;
  /** JSON array of {type, number}. */
  documents: string;
  /** JSON: how auto-assigned lines were allocated (picks and skipped lots with reasons). */
  allocation: string | null;
  prev_hash: string;
  hash: string;
}

export interface EventLinesTable {
  id: Generated<number>;
  event_id: string;
  line_no: number;
  lot_id: number;
  location: string;
  quantity: number;
  movement: string;
}

export interface LotLinksTable {
  id: Generated<number>;
  event_id: string;
  from_lot_id: number;
  to_lot_id: number;
  quantity: number;
}

export interface BalancesTable {
  lot_id: number;
  location: string;
  quantity: number;
}

export interface RecallsTable {
  id: string;
  reason: string;
  status: 'open' | 'closed';
  drill: number;
  hold: number;
  /** The ledger event that put the affected lots on recall hold (none for drills). */
  event_id: string | null;
  duration_ms: number;
  created_at: string;
  closed_at: string | null;
  close_note: string | null;
}

export interface RecallLotsTable {
  recall_id: string;
  lot_id: number;
  is_root: number;
}

/** A customer the recall reached, with the units it had been shipped and the notification progress. */
export interface RecallCustomersTable {
  recall_id: string;
  party: string;
  shipped: number;
  notified_at: string | null;
  acknowledged_at: string | null;
  note: string | null;
}
