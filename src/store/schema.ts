import type { Generated } from 'kysely';
import type { Role } from '../domain/roles.js';

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
  lot_flows: LotFlowsTable;
  party_movements: PartyMovementsTable;
  recalls: RecallsTable;
  recall_lots: RecallLotsTable;
  recall_customers: RecallCustomersTable;
  purchase_orders: PurchaseOrdersTable;
  purchase_order_lines: OrderLinesTable;
  sales_orders: SalesOrdersTable;
  sales_order_lines: OrderLinesTable;
  recipes: RecipesTable;
  recipe_inputs: RecipeInputsTable;
  production_orders: ProductionOrdersTable;
  production_order_inputs: OrderLinesTable;
  order_events: OrderEventsTable;
  reservations: ReservationsTable;
  item_alert_thresholds: ItemAlertThresholdsTable;
  alerts: AlertsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  epcis_events: EpcisEventsTable;
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
  /** How lots are picked for orders and shipments: 'fefo' (default) or 'fifo'. */
  allocation: Generated<'fefo' | 'fifo'>;
  /** 1 when an output lot's default expiry may not pass the earliest input lot's expiry. */
  expiry_from_inputs: Generated<number>;
  /** 1 when the item is on the FDA Food Traceability List (FSMA 204). */
  ftl: Generated<number>;
  /** DSCSA product data: National Drug Code, strength, dosage form, container size. */
  ndc: string | null;
  strength: string | null;
  dosage_form: string | null;
  container_size: string | null;
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
  /** Share of a lot's total shelf life the customer requires left on the ship date, 0–100. */
  min_shelf_life_percent: number | null;
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
  /** The event a return is made against: the shipment of a customer return, the receipt of a supplier return. */
  shipment_id: string | null;
  /** JSON array of {type, number}. */
  documents: string;
  /** JSON: how auto-assigned lines were allocated (picks and skipped lots with reasons). */
  allocation: string | null;
  prev_hash: string;
  hash: string;
  /** Who recorded the event (`user:alice`, `token:<id>`, `cli:<os user>`); NULL before users existed. */
  actor: string | null;
  /** The client's IP address for events recorded over HTTP. */
  client_address: string | null;
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
  /**
   * The lot's item, code and dates, copied by a trigger when the row is inserted (a lot never
   * changes them), and its hold state, copied again whenever the lot's changes: what picking and
   * the expiry list need of a lot without reading it.
   */
  sku: Generated<string | null>;
  code: Generated<string | null>;
  expiry_date: Generated<string | null>;
  sell_by_date: Generated<string | null>;
  production_date: Generated<string | null>;
  hold_state: Generated<LotsTable['hold_state'] | null>;
}

/** Projection: the sum of a lot's ledger lines per movement, kept by the writers with the lines. */
export interface LotFlowsTable {
  lot_id: number;
  movement: string;
  quantity: number;
}

/** Receipt, shipment and customer-return lines of events not reversed, with their event's data. */
export interface PartyMovementsTable {
  lot_id: number;
  seq: number;
  line_no: number;
  event_id: string;
  type: 'receipt' | 'shipment' | 'return';
  time: string;
  party: string;
  location: string;
  quantity: number;
  shipment_id: string | null;
  documents: string;
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

/** An item's own expiry alert thresholds (a JSON array of days), overriding the global default. */
export interface ItemAlertThresholdsTable {
  sku: string;
  expiring_days: string;
  updated_at: string;
}

/** An expiry, sell-by or expiring alert, raised once per (lot, kind, threshold). */
export interface AlertsTable {
  id: string;
  kind: string;
  lot_id: number;
  threshold: number;
  /** The expiry or sell-by date the alert is about. */
  due_date: string;
  /** Days from the raising day to `due_date`. */
  days_left: number;
  /** Stock of the lot on hand when raised, in micro-units. */
  quantity: number;
  status: 'open' | 'acknowledged';
  raised_at: string;
  acknowledged_at: string | null;
  note: string | null;
}

export interface WebhooksTable {
  id: string;
  url: string;
  /** JSON array of subscribed event types. */
  events: string;
  secret: string;
  created_at: string;
  deleted_at: string | null;
}

/** The webhook outbox and delivery log: one row per (webhook, notification). */
export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  /** The exact JSON body sent (and signed) on every attempt. */
  payload: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_error: string | null;
  response_status: number | null;
  created_at: string;
  delivered_at: string | null;
}

export type OrderKind = 'purchase' | 'sales' | 'production';

export interface PurchaseOrdersTable {
  id: string;
  number: string;
  supplier: string;
  location: string;
  created_at: string;
}

/** Lines of purchase and sales orders, and the scaled inputs of production orders: one per sku. */
export interface OrderLinesTable {
  order_id: string;
  line_no: number;
  sku: string;
  quantity: number;
}

export interface SalesOrdersTable {
  id: string;
  number: string;
  customer: string;
  location: string;
  ship_by: string | null;
  status: 'open' | 'partially_allocated' | 'allocated' | 'shipped' | 'cancelled';
  created_at: string;
  updated_at: string;
}

/** The active bill of materials of an output item; a new POST replaces it as the next version. */
export interface RecipesTable {
  sku: string;
  version: number;
  output_quantity: number;
  updated_at: string;
}

export interface RecipeInputsTable {
  recipe_sku: string;
  line_no: number;
  sku: string;
  quantity: number;
}

export interface ProductionOrdersTable {
  id: string;
  number: string;
  sku: string;
  quantity: number;
  location: string;
  recipe_version: number;
  status: 'open' | 'completed' | 'cancelled';
  created_at: string;
  updated_at: string;
}

export interface OrderEventsTable {
  order_kind: OrderKind;
  order_id: string;
  event_id: string;
}

/** Stock of a lot at a location promised to an open order. */
export interface ReservationsTable {
  id: Generated<number>;
  order_kind: OrderKind;
  order_id: string;
  /** The order's number, for messages such as "reserved for SO-000012" (order numbers never change). */
  order_number: string;
  lot_id: number;
  location: string;
  quantity: number;
  created_at: string;
}

export type { Role };

export interface UsersTable {
  id: string;
  username: string;
  /** argon2id PHC string. */
  password_hash: string;
  role: Role;
  created_at: string;
  disabled_at: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's random session id. */
  id_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  /** SHA-256 of the token. */
  token_hash: string;
  role: Role;
  /** The user who created it; NULL for the server's own LOTLINE_ADMIN_TOKEN. */
  user_id: string | null;
  created_at: string;
  revoked_at: string | null;
}

/** One change to master data, users, tokens, holds or recalls; hash-chained like the ledger. */
export interface AuditLogTable {
  seq: number;
  at: string;
  actor: string;
  client_address: string | null;
  entity: string;
  entity_id: string;
  action: string;
  /** Canonical JSON of the entity before and after the change (NULL for none). */
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

/** Captured EPCIS 2.0 events, whole; `ledger_event_id` is set when the event was mapped onto the ledger. */
export interface EpcisEventsTable {
  event_id: string;
  capture_id: string;
  event_type: string;
  event_time: string;
  /** The business step in bare CBV form (`receiving`) when it is a CBV value, else as sent. */
  biz_step: string | null;
  json: string;
  ledger_event_id: string | null;
  /** Why a mappable-looking event was stored without moving stock. */
  unmapped_reason: string | null;
  recorded_at: string;
}
