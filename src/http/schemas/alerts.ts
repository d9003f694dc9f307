import { z } from 'zod';
import { ALERT_KINDS } from '../../domain/expiry-alerts.js';
import { WEBHOOK_EVENT_TYPES } from '../../domain/webhook-retry.js';
import { calendarDate } from './common.js';

export const alert = z
  .object({
    id: z.string(),
    kind: z.enum(ALERT_KINDS),
    status: z.enum(['open', 'acknowledged']),
    sku: z.string(),
    lot: z.string(),
    itemName: z.string(),
    uom: z.string(),
    threshold: z.number().meta({ description: 'Days before the date; 0 for lot.expired and lot.sell_by' }),
    date: calendarDate.meta({ description: 'The expiry or sell-by date the alert is about' }),
    daysLeft: z.number().meta({ description: 'Days from today to date; negative once past' }),
    quantity: z.number().meta({ description: 'Stock of the lot on hand when the alert was raised' }),
    raisedAt: z.string(),
    acknowledgedAt: z.string().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'Alert' });

export const alertRun = z
  .object({ today: calendarDate, raised: z.array(alert), deliveriesQueued: z.number() })
  .meta({ id: 'AlertRun' });

export const alertThresholds = z
  .object({ sku: z.string(), days: z.array(z.number()), source: z.enum(['item', 'default']) })
  .meta({ id: 'AlertThresholds' });

export const webhook = z
  .object({ id: z.string(), url: z.string(), events: z.array(z.enum(WEBHOOK_EVENT_TYPES)), createdAt: z.string() })
  .meta({ id: 'Webhook' });

export const createdWebhook = webhook
  .extend({ secret: z.string().meta({ description: 'HMAC key of X-Lotline-Signature; shown only here' }) })
  .meta({ id: 'CreatedWebhook' });

export const delivery = z
  .object({
    id: z.string().meta({ description: 'Sent as X-Lotline-Delivery' }),
    webhook: z.string(),
    eventId: z.string().meta({ description: 'The body id: the same for every webhook the notification goes to' }),
    eventType: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number(),
    nextAttemptAt: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    lastError: z.string().nullable(),
    responseStatus: z.number().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
    payload: z.unknown().meta({ description: 'The JSON body {id, type, occurredAt, data}' }),
  })
  .meta({ id: 'WebhookDelivery' });
