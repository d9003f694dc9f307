import { createHmac, randomBytes } from 'node:crypto';
import { Invalid, NotFound } from '../domain/errors.js';
import { fromMicro } from '../domain/quantity.js';
import { retryDelay, WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../domain/webhook-retry.js';
import { findRecall, recallCustomers } from '../store/recalls.repository.js';
import type { Tx } from '../store/transaction.js';
import {
  activeWebhooks,
  claimDueDeliveries,
  deleteWebhookRow,
  findWebhook,
  findWebhooksByIds,
  finishAttempt,
  insertDeliveries,
  insertWebhook,
  listDeliveries as listDeliveryRows,
  listWebhooks as listWebhookRows,
  recallLots,
  type DeliveryRow,
  type WebhookRow,
} from '../store/webhooks.repository.js';
import { audited } from './audit.js';
import type { App } from './context.js';
import { decodeCursor, isString, pageLimit, paginate, type Page, type PageRequest } from './paging.js';

export interface WebhookInput {
  url: string;
  events: WebhookEventType[];
  /** Key of the HMAC-SHA256 signature; generated (and shown once) when omitted. */
  secret?: string;
}

export interface WebhookView {
  id: string;
  url: string;
  events: WebhookEventType[];
  createdAt: string;
}

export interface CreatedWebhook extends WebhookView {
  /** Shown only in the response that creates the webhook. */
  secret: string;
}

export interface DeliveryView {
  id: string;
  webhook: string;
  /** The notification's id, the same for every webhook it goes to (the body's `id`). */
  eventId: string;
  eventType: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  responseStatus: number | null;
  createdAt: string;
  deliveredAt: string | null;
  /** The body sent on every attempt. */
  payload: unknown;
}

/** One thing that happened, to be sent to every webhook subscribed to its type. */
export interface Notification {
  id: string;
  type: WebhookEventType;
  occurredAt: string;
  data: unknown;
}

const MAX_URL_LENGTH = 2000;

function webhookView(r: WebhookRow): WebhookView {
  return { id: r.id, url: r.url, events: JSON.parse(r.events) as WebhookEventType[], createdAt: r.created_at };
}

function deliveryView(r: DeliveryRow): DeliveryView {
  return {
    id: r.id,
    webhook: r.webhook_id,
    eventId: r.event_id,
    eventType: r.event_type,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
    lastAttemptAt: r.last_attempt_at,
    lastError: r.last_error,
    responseStatus: r.response_status,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
    payload: JSON.parse(r.payload) as unknown,
  };
}

/** `sha256=<hex>`: the HMAC-SHA256 of the exact body bytes with the webhook's secret. */
export function signatureOf(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

function checkUrl(url: string): void {
  if (url.length > MAX_URL_LENGTH) throw Invalid.at('url', `must be at most ${MAX_URL_LENGTH} characters`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw Invalid.at('url', 'must be an absolute http:// or https:// URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw Invalid.at('url', 'must be an http:// or https:// URL');
}

/** Registers a webhook; without a secret one is generated, and the secret is returned only here. */
export async function createWebhook(app: App, input: WebhookInput): Promise<CreatedWebhook> {
  checkUrl(input.url);
  if (input.events.length === 0) throw Invalid.at('events', 'must name at least one event type');
  const unknown = input.events.find((e) => !WEBHOOK_EVENT_TYPES.includes(e));
  if (unknown !== undefined) throw Invalid.at('events', `"${unknown}" is not one of ${WEBHOOK_EVENT_TYPES.join(', ')}`);
  if (input.secret !== undefined && (input.secret.length < 1 || input.secret.length > 256)) throw Invalid.at('secret', 'must be 1 to 256 characters');
  const events = WEBHOOK_EVENT_TYPES.filter((t) => input.events.includes(t));
  const row = {
    id: app.newId(),
    url: input.url,
    events: JSON.stringify(events),
    secret: input.secret ?? `whsec_${randomBytes(24).toString('hex')}`,
    created_at: app.clock.now().toISOString(),
    deleted_at: null,
  };
  // The audit entry names the webhook and where it sends data, never its secret.
  return audited(app, async (trx) => {
    await insertWebhook(trx, row);
    const view = webhookView(row);
    return { result: { ...view, secret: row.secret }, change: { entity: 'webhook', entityId: row.id, action: 'create', after: view } };
  });
}

/** Webhooks in creation order (their secrets are never listed). */
export async function listWebhooks(app: App, page: PageRequest): Promise<Page<WebhookView>> {
  const limit = pageLimit(page.limit);
  const after = decodeCursor(page.cursor, isString);
  return paginate(limit, (n) => listWebhookRows(app.store.db, { after, limit: n }), webhookView, (r) => r.id);
}

async function requireWebhook(app: App, id: string): Promise<WebhookRow> {
  const row = await findWebhook(app.store.db, id);
  if (!row) throw new NotFound(`webhook "${id}" not found`);
  return row;
}

/** One webhook. */
export async function getWebhook(app: App, id: string): Promise<WebhookView> {
  return webhookView(await requireWebhook(app, id));
}

/** Stops a webhook: nothing more is queued for it and its pending deliveries are given up. */
export async function deleteWebhook(app: App, id: string): Promise<void> {
  const before = webhookView(await requireWebhook(app, id));
  await audited(app, async (trx) => {
    await deleteWebhookRow(trx, id, app.clock.now().toISOString());
    return { result: undefined, change: { entity: 'webhook', entityId: id, action: 'delete', before } };
  });
}

/** A webhook's delivery log, newest first. */
export async function listDeliveries(app: App, webhookId: string, page: PageRequest): Promise<Page<DeliveryView>> {
  await requireWebhook(app, webhookId);
  const limit = pageLimit(page.limit);
  const before = decodeCursor(page.cursor, isString);
  return paginate(limit, (n) => listDeliveryRows(app.store.db, webhookId, { before, limit: n }), deliveryView, (r) => r.id);
}

/**
 * Queues a delivery of each notification to every webhook subscribed to its type, inside the
 * caller's transaction: the outbox row commits with the alert or recall that caused it, or not
 * at all, so no notification is lost or sent for something that was rolled back.
 */
export async function enqueueNotifications(app: App, trx: Tx, notifications: readonly Notification[]): Promise<number> {
  if (notifications.length === 0) return 0;
  return queue(app, trx, await subscribers(trx), notifications);
}

async function subscribers(trx: Tx, type?: WebhookEventType): Promise<WebhookView[]> {
  const hooks = (await activeWebhooks(trx)).map(webhookView);
  return type === undefined ? hooks : hooks.filter((h) => h.events.includes(type));
}

async function queue(app: App, trx: Tx, hooks: readonly WebhookView[], notifications: readonly Notification[]): Promise<number> {
  if (hooks.length === 0) return 0;
  const now = app.clock.now().toISOString();
  const rows = notifications.flatMap((n) => {
    // Serialised once: the stored text is the exact body that is signed and sent on every attempt.
    const payload = JSON.stringify({ id: n.id, type: n.type, occurredAt: n.occurredAt, data: n.data });
    return hooks
      .filter((h) => h.events.includes(n.type))
      .map((h) => ({
        id: app.newId(),
        webhook_id: h.id,
        event_id: n.id,
        event_type: n.type,
        payload,
        status: 'pending' as const,
        attempts: 0,
        next_attempt_at: now,
        last_attempt_at: null,
        last_error: null,
        response_status: null,
        created_at: now,
        delivered_at: null,
      }));
  });
  await insertDeliveries(trx, rows);
  return rows.length;
}

/** Queues `recall.opened` for a recall just stored in `trx` (called by createRecall, not for drills). */
export async function notifyRecallOpened(app: App, trx: Tx, recallId: string): Promise<void> {
  // One cheap read when nobody listens, so opening a recall stays as fast as it was.
  const hooks = await subscribers(trx, 'recall.opened');
  if (hooks.length === 0) return;
  const recall = await findRecall(trx, recallId);
  if (!recall) return;
  const lots = await recallLots(trx, recallId);
  const customers = await recallCustomers(trx, recallId);
  await queue(app, trx, hooks, [
    {
      id: recall.id,
      type: 'recall.opened',
      occurredAt: recall.created_at,
      data: {
        recall: recall.id,
        reason: recall.reason,
        hold: recall.hold === 1,
        event: recall.event_id,
        lots: lots.filter((l) => l.is_root === 1).map((l) => ({ sku: l.sku, lot: l.code })),
        affectedLots: lots.map((l) => ({ sku: l.sku, lot: l.code })),
        customers: customers.map((c) => ({ code: c.party, shipped: fromMicro(c.shipped) })),
      },
    },
  ]);
}

export interface DeliveryOptions {
  /** The HTTP client; tests inject one. Default: the global fetch. */
  fetch?: typeof fetch;
  /** Most deliveries claimed per call. */
  limit?: number;
  /** Per-request timeout. */
  timeoutMs?: number;
}

export interface DeliveryRunSummary {
  attempted: number;
  delivered: number;
  /** Failed this time, to be retried later. */
  retrying: number;
  /** Failed for the last time. */
  failed: number;
}

const DEFAULT_BATCH = 50;
const DEFAULT_TIMEOUT_MS = 10_000;
// Longer than any attempt can take: a claimed delivery whose dispatcher died is retried after it.
const LEASE_MS = 5 * 60_000;
const MAX_ERROR_LENGTH = 500;

type Outcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

async function post(doFetch: typeof fetch, hook: WebhookRow, delivery: DeliveryRow, timeoutMs: number): Promise<Outcome> {
  try {
    const response = await doFetch(hook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Lotline-Webhooks/1',
        'x-lotline-event': delivery.event_type,
        'x-lotline-delivery': delivery.id,
        'x-lotline-signature': signatureOf(hook.secret, delivery.payload),
      },
      body: delivery.payload,
      // A redirect is a misconfigured endpoint; following it would send the payload elsewhere.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status >= 200 && response.status < 300) {
      await response.body?.cancel();
      return { ok: true, status: response.status };
    }
    const text = (await response.text().catch(() => '')).slice(0, 200);
    return { ok: false, status: response.status, error: `HTTP ${response.status}${text ? `: ${text}` : ''}` };
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    const why = e.name === 'TimeoutError' ? `no response within ${timeoutMs} ms` : [e.message, e.cause?.code ?? e.cause?.message].filter(Boolean).join(': ');
    return { ok: false, status: null, error: why.slice(0, MAX_ERROR_LENGTH) };
  }
}

/**
 * Sends the deliveries that are due (by the app's clock): claims a batch, POSTs each signed body,
 * and records the outcome. A non-2xx answer, a network error or a timeout is retried after
 * 1 min, 5 min, 30 min, 2 h and 12 h; after the sixth failed attempt the delivery is `failed`.
 */
export async function deliverDueWebhooks(app: App, options: DeliveryOptions = {}): Promise<DeliveryRunSummary> {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = app.clock.now();
  const claimed = await claimDueDeliveries(
    app.store.db,
    app.store.dialect,
    now.toISOString(),
    new Date(now.getTime() + LEASE_MS).toISOString(),
    options.limit ?? DEFAULT_BATCH,
  );
  const hooks = new Map((await findWebhooksByIds(app.store.db, claimed.map((d) => d.webhook_id))).map((h) => [h.id, h]));
  const summary: DeliveryRunSummary = { attempted: claimed.length, delivered: 0, retrying: 0, failed: 0 };
  await Promise.all(
    claimed.map(async (d) => {
      const outcome = await post(doFetch, hooks.get(d.webhook_id)!, d, timeoutMs);
      const at = app.clock.now();
      if (outcome.ok) {
        summary.delivered++;
        await finishAttempt(app.store.db, d.id, d.attempts, { status: 'delivered', next_attempt_at: null, response_status: outcome.status, last_error: null, delivered_at: at.toISOString() });
        return;
      }
      const delay = retryDelay(d.attempts);
      if (delay === null) summary.failed++;
      else summary.retrying++;
      await finishAttempt(app.store.db, d.id, d.attempts, {
        status: delay === null ? 'failed' : 'pending',
        next_attempt_at: delay === null ? null : new Date(at.getTime() + delay).toISOString(),
        response_status: outcome.status,
        last_error: outcome.error,
      });
    }),
  );
  return summary;
}

export interface DispatcherOptions extends DeliveryOptions {
  /** Pause between rounds when there is nothing more to send. */
  intervalMs?: number;
  /** Where errors of a round go (the round is retried at the next interval). */
  onError?: (error: unknown) => void;
}

/**
 * Runs `deliverDueWebhooks` in the background until the returned function is called (which
 * waits for a round in progress). Several processes may run it against one PostgreSQL database.
 */
export function startWebhookDispatcher(app: App, options: DispatcherOptions = {}): () => Promise<void> {
  const intervalMs = options.intervalMs ?? 10_000;
  const limit = options.limit ?? DEFAULT_BATCH;
  const onError = options.onError ?? ((error: unknown) => console.error('lotline: webhook delivery round failed', error));
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();
  const run = async () => {
    try {
      // A full batch means more may be due: keep going before sleeping.
      while (!stopped && (await deliverDueWebhooks(app, { ...options, limit })).attempted === limit);
    } catch (error) {
      onError(error);
    }
    if (!stopped) {
      timer = setTimeout(() => (round = run()), intervalMs);
      timer.unref();
    }
  };
  round = run();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await round;
  };
}
