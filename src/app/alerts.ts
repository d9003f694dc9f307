import { Cron } from 'croner';
import { addDays, daysBetween } from '../domain/dates.js';
import { Invalid, NotFound } from '../domain/errors.js';
import { ALERT_KINDS, DEFAULT_EXPIRY_ALERT_DAYS, dueAlerts, normaliseThresholds, parseThresholdList, type AlertKind } from '../domain/expiry-alerts.js';
import { fromMicro } from '../domain/quantity.js';
import {
  acknowledgeAlertRow,
  alertCandidates,
  deleteItemThresholds,
  findAlertsWithLots,
  insertNewAlerts,
  itemThresholds,
  listAlerts as listAlertRows,
  saveItemThresholds,
  type AlertFilter,
  type AlertRow,
} from '../store/alerts.repository.js';
import { findItems } from '../store/master-data.repository.js';
import { inLedgerTransaction } from '../store/transaction.js';
import { audited } from './audit.js';
import type { App } from './context.js';
import { decodeCursor, isString, pageLimit, paginate, type Page, type PageRequest } from './paging.js';
import { enqueueNotifications } from './webhooks.js';

export const ALERT_STATUSES = ['open', 'acknowledged'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export interface AlertView {
  id: string;
  kind: AlertKind;
  status: AlertStatus;
  sku: string;
  lot: string;
  itemName: string;
  uom: string;
  /** Days before the date that triggered the alert; 0 for expired and sell-by alerts. */
  threshold: number;
  /** The expiry date (expiring, expired) or sell-by date (sell_by) the alert is about. */
  date: string;
  /** Days from today to `date`; negative once past. */
  daysLeft: number;
  /** The lot's stock on hand (all locations) when the alert was raised. */
  quantity: number;
  raisedAt: string;
  acknowledgedAt: string | null;
  note: string | null;
}

type AlertViewSource = AlertRow & { sku: string; code: string; item_name: string; uom: string };

function alertView(r: AlertViewSource, today: string): AlertView {
  return {
    id: r.id,
    kind: r.kind as AlertKind,
    status: r.status,
    sku: r.sku,
    lot: r.code,
    itemName: r.item_name,
    uom: r.uom,
    threshold: r.threshold,
    date: r.due_date,
    daysLeft: daysBetween(today, r.due_date),
    quantity: fromMicro(r.quantity),
    raisedAt: r.raised_at,
    acknowledgedAt: r.acknowledged_at,
    note: r.note,
  };
}

/**
 * The global expiry alert thresholds: LOTLINE_EXPIRY_ALERT_DAYS (e.g. `30,7`), else 30 and 7
 * days. A malformed value is a configuration error that names the variable.
 */
export function expiryAlertDays(env: NodeJS.ProcessEnv = process.env): number[] {
  const text = env.LOTLINE_EXPIRY_ALERT_DAYS;
  if (text === undefined || text.trim() === '') return [...DEFAULT_EXPIRY_ALERT_DAYS];
  try {
    return parseThresholdList(text);
  } catch (error) {
    throw new Error(`LOTLINE_EXPIRY_ALERT_DAYS "${text}" ${(error as Invalid).details[0]?.message ?? 'is invalid'}`);
  }
}

export interface EvaluateOptions {
  /** Thresholds for items without their own (default: from LOTLINE_EXPIRY_ALERT_DAYS). */
  defaultDays?: readonly number[];
}

export interface AlertRun {
  /** The business day the alerts were evaluated for. */
  today: string;
  /** Alerts raised by this run (those raised before are not repeated). */
  raised: AlertView[];
  /** Webhook deliveries queued for them. */
  deliveriesQueued: number;
}

/**
 * Raises the expiry, sell-by and expired alerts that are due today (by the app's clock) for
 * lots with stock, each (lot, kind, threshold) once however often it runs, and queues their
 * webhook deliveries in the same transaction. Safe to run from several processes at once.
 */
export async function evaluateAlerts(app: App, options: EvaluateOptions = {}): Promise<AlertRun> {
  const defaults = normaliseThresholds(options.defaultDays ?? expiryAlertDays(), 'defaultDays');
  // The ledger transaction: the stock read is the stock the alerts report, and on PostgreSQL two
  // evaluating processes take turns instead of racing on the unique index.
  return inLedgerTransaction(app.store, async (trx) => {
    const today = app.today();
    const now = app.clock.now().toISOString();
    const perItem = await itemThresholds(trx);
    const widest = Math.max(0, ...defaults, ...[...perItem.values()].flat());
    const candidates = await alertCandidates(trx, today, addDays(today, widest));
    const byLot = new Map(candidates.map((c) => [c.lot_id, c]));
    const rows = candidates.flatMap((c) =>
      dueAlerts({ expiryDate: c.expiry_date, sellByDate: c.sell_by_date, holdState: c.hold_state }, today, perItem.get(c.sku) ?? defaults).map((a) => ({
        id: app.newId(),
        kind: a.kind,
        lot_id: c.lot_id,
        threshold: a.threshold,
        due_date: a.date,
        days_left: a.daysLeft,
        quantity: c.on_hand,
        status: 'open' as const,
        raised_at: now,
        acknowledged_at: null,
        note: null,
      })),
    );
    const raised = (await insertNewAlerts(trx, rows))
      .map((r) => {
        const lot = byLot.get(r.lot_id)!;
        return alertView({ ...r, sku: lot.sku, code: lot.code, item_name: lot.item_name, uom: lot.uom }, today);
      })
      .sort((a, b) => cmp(a.sku, b.sku) || cmp(a.lot, b.lot) || cmp(a.kind, b.kind) || b.threshold - a.threshold);
    const deliveriesQueued = await enqueueNotifications(
      app,
      trx,
      raised.map((a) => ({ id: a.id, type: a.kind, occurredAt: a.raisedAt, data: a })),
    );
    return { today, raised, deliveriesQueued };
  });
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Alerts newest first, by status, kind and item. */
export async function listAlerts(app: App, filter: AlertFilter, page: PageRequest): Promise<Page<AlertView>> {
  if (filter.status !== undefined && !ALERT_STATUSES.includes(filter.status)) throw Invalid.at('status', `must be one of ${ALERT_STATUSES.join(', ')}`);
  if (filter.kind !== undefined && !ALERT_KINDS.includes(filter.kind as AlertKind)) throw Invalid.at('kind', `must be one of ${ALERT_KINDS.join(', ')}`);
  const limit = pageLimit(page.limit);
  const before = decodeCursor(page.cursor, isString);
  const today = app.today();
  return paginate(limit, (n) => listAlertRows(app.store.db, filter, { before, limit: n }), (r) => alertView(r, today), (r) => r.id);
}

/** Marks an alert seen; acknowledging it again changes nothing. */
export async function acknowledgeAlert(app: App, id: string, input: { note?: string } = {}): Promise<AlertView> {
  const db = app.store.db;
  const [found] = await findAlertsWithLots(db, [id]);
  if (!found) throw new NotFound(`alert "${id}" not found`);
  await acknowledgeAlertRow(db, id, app.clock.now().toISOString(), input.note ?? null);
  const [row] = await findAlertsWithLots(db, [id]);
  return alertView(row!, app.today());
}

export interface AlertThresholdsView {
  sku: string;
  /** Days before expiry at which `lot.expiring` is raised, largest first. */
  days: number[];
  /** `item` when the item has its own thresholds, else the global `default`. */
  source: 'item' | 'default';
}

async function requireItem(app: App, sku: string): Promise<void> {
  if ((await findItems(app.store.db, [sku])).length === 0) throw new NotFound(`item "${sku}" not found`);
}

/** The expiry alert thresholds that apply to an item. */
export async function getItemAlertThresholds(app: App, sku: string, options: EvaluateOptions = {}): Promise<AlertThresholdsView> {
  await requireItem(app, sku);
  const own = (await itemThresholds(app.store.db, [sku])).get(sku);
  if (own) return { sku, days: own, source: 'item' };
  return { sku, days: normaliseThresholds(options.defaultDays ?? expiryAlertDays(), 'defaultDays'), source: 'default' };
}

/** Gives an item its own expiry alert thresholds (an empty list: no expiring alerts for it). */
export async function setItemAlertThresholds(app: App, sku: string, input: { days: number[] }): Promise<AlertThresholdsView> {
  const days = normaliseThresholds(input.days);
  await requireItem(app, sku);
  return audited(app, async (trx) => {
    const before = (await itemThresholds(trx, [sku])).get(sku) ?? null;
    await saveItemThresholds(trx, sku, days, app.clock.now().toISOString());
    const after: AlertThresholdsView = { sku, days, source: 'item' };
    return { result: after, change: { entity: 'item_alert_thresholds', entityId: sku, action: 'set', before: before && { days: before }, after: { days } } };
  });
}

/** Returns an item to the global default thresholds. */
export async function resetItemAlertThresholds(app: App, sku: string): Promise<AlertThresholdsView> {
  await requireItem(app, sku);
  await audited(app, async (trx) => {
    const before = (await itemThresholds(trx, [sku])).get(sku) ?? null;
    await deleteItemThresholds(trx, sku);
    return { result: undefined, change: { entity: 'item_alert_thresholds', entityId: sku, action: 'reset', before: before && { days: before }, after: null } };
  });
  return getItemAlertThresholds(app, sku);
}

export const DEFAULT_ALERT_CRON = '0 6 * * *';

export interface AlertSchedulerOptions extends EvaluateOptions {
  /** Cron pattern (default: LOTLINE_ALERT_CRON, else every day at 06:00). */
  cron?: string;
  /** Zone the pattern is read in (default: the app's, LOTLINE_TIMEZONE). */
  timeZone?: string;
  onRun?: (run: AlertRun) => void;
  onError?: (error: unknown) => void;
}

/**
 * Runs `evaluateAlerts` on a cron schedule until the returned function is called. The settings
 * are checked here, so a bad LOTLINE_ALERT_CRON or LOTLINE_EXPIRY_ALERT_DAYS stops the server
 * at start rather than at six in the morning.
 */
export function startAlertScheduler(app: App, options: AlertSchedulerOptions = {}): () => void {
  const pattern = options.cron ?? (process.env.LOTLINE_ALERT_CRON || DEFAULT_ALERT_CRON);
  const defaultDays = normaliseThresholds(options.defaultDays ?? expiryAlertDays(), 'defaultDays');
  const onError = options.onError ?? ((error: unknown) => console.error('lotline: alert evaluation failed', error));
  let job: Cron;
  try {
    // protect: a run still going when the next is due (a huge database) is not overlapped.
    job = new Cron(pattern, { timezone: options.timeZone ?? app.timeZone, protect: true }, async () => {
      try {
        const run = await evaluateAlerts(app, { defaultDays });
        options.onRun?.(run);
      } catch (error) {
        onError(error);
      }
    });
  } catch (error) {
    throw new Error(`LOTLINE_ALERT_CRON "${pattern}" is not a cron pattern: ${(error as Error).message}`);
  }
  return () => job.stop();
}
