import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app/context.js';
import { createWebhook, deleteWebhook, getWebhook, listDeliveries, listWebhooks } from '../../app/webhooks.js';
import { WEBHOOK_EVENT_TYPES } from '../../domain/webhook-retry.js';
import { errorResponses, page, pageQuery } from '../schemas/common.js';
import { createdWebhook, delivery, webhook } from '../schemas/alerts.js';

const idParams = z.object({ id: z.string() });

/** Webhook subscriptions and their delivery log. */
export const webhookRoutes = (app: App): FastifyPluginAsyncZod => async (server) => {
  server.post(
    '/webhooks',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Subscribe a URL to events',
        description:
          'Each delivery POSTs {id, type, occurredAt, data} with X-Lotline-Event, X-Lotline-Delivery and ' +
          'X-Lotline-Signature: sha256=<hex HMAC-SHA256 of the exact body with the secret>. ' +
          'Non-2xx answers are retried after 1 min, 5 min, 30 min, 2 h and 12 h, then the delivery fails.',
        body: z.strictObject({
          url: z.string().max(2000).meta({ description: 'http:// or https:// URL' }),
          events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1),
          secret: z.string().min(1).max(256).optional().meta({ description: 'Generated and returned once when omitted' }),
        }),
        response: { 201: createdWebhook, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createWebhook(app, request.body)),
  );
  server.get(
    '/webhooks',
    { schema: { tags: ['alerts'], summary: 'List webhooks', querystring: z.strictObject(pageQuery), response: { 200: page(webhook), ...errorResponses } } },
    async (request) => listWebhooks(app, request.query),
  );
  server.get(
    '/webhooks/:id',
    { schema: { tags: ['alerts'], summary: 'Get a webhook', params: idParams, response: { 200: webhook, ...errorResponses } } },
    async (request) => getWebhook(app, request.params.id),
  );
  server.delete(
    '/webhooks/:id',
    { schema: { tags: ['alerts'], summary: 'Delete a webhook (its pending deliveries are given up)', params: idParams, response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      await deleteWebhook(app, request.params.id);
      return reply.code(204).send(null);
    },
  );
  server.get(
    '/webhooks/:id/deliveries',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Delivery log of a webhook, newest first',
        params: idParams,
        querystring: z.strictObject(pageQuery),
        response: { 200: page(delivery), ...errorResponses },
      },
    },
    async (request) => listDeliveries(app, request.params.id, request.query),
  );
};
