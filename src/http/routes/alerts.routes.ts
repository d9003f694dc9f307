import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acknowledgeAlert,
  ALERT_STATUSES,
  evaluateAlerts,
  getItemAlertThresholds,
  listAlerts,
  resetItemAlertThresholds,
  setItemAlertThresholds,
} from '../../app/alerts.js';
import type { App } from '../../app/context.js';
import { ALERT_KINDS } from '../../domain/expiry-alerts.js';
import { errorResponses, optionalBody, page, pageQuery, text } from '../schemas/common.js';
import { alert, alertRun, alertThresholds } from '../schemas/alerts.js';

const skuParams = z.object({ sku: z.string() });

/** Expiry, sell-by and expired alerts, and the per-item thresholds that raise them. */
export const alertRoutes = (app: App): FastifyPluginAsyncZod => async (server) => {
  server.post(
    '/alerts/run',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Evaluate expiry and sell-by alerts now (they also run daily); each lot and threshold fires once',
        body: optionalBody({}),
        response: { 200: alertRun, ...errorResponses },
      },
    },
    async () => evaluateAlerts(app),
  );
  server.get(
    '/alerts',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Alerts, newest first',
        querystring: z.strictObject({
          status: z.enum(ALERT_STATUSES).optional(),
          kind: z.enum(ALERT_KINDS).optional(),
          sku: z.string().optional(),
          ...pageQuery,
        }),
        response: { 200: page(alert), ...errorResponses },
      },
    },
    async (request) => listAlerts(app, request.query, request.query),
  );
  server.post(
    '/alerts/:id/acknowledge',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Acknowledge an alert',
        params: z.object({ id: z.string() }),
        body: optionalBody({ note: text(2000).optional() }),
        response: { 200: alert, ...errorResponses },
      },
    },
    async (request) => acknowledgeAlert(app, request.params.id, request.body),
  );

  server.get(
    '/items/:sku/alert-thresholds',
    {
      schema: { tags: ['alerts'], summary: 'Days before expiry at which an item raises lot.expiring', params: skuParams, response: { 200: alertThresholds, ...errorResponses } },
    },
    async (request) => getItemAlertThresholds(app, request.params.sku),
  );
  server.put(
    '/items/:sku/alert-thresholds',
    {
      schema: {
        tags: ['alerts'],
        summary: "Set an item's own expiry alert thresholds (an empty list turns them off for it)",
        params: skuParams,
        body: z.strictObject({ days: z.array(z.number().int().min(0).max(3650)).max(10) }),
        response: { 200: alertThresholds, ...errorResponses },
      },
    },
    async (request) => setItemAlertThresholds(app, request.params.sku, request.body),
  );
  server.delete(
    '/items/:sku/alert-thresholds',
    {
      schema: { tags: ['alerts'], summary: 'Return an item to the default thresholds', params: skuParams, response: { 200: alertThresholds, ...errorResponses } },
    },
    async (request) => resetItemAlertThresholds(app, request.params.sku),
  );
};
