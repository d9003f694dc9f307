import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app/context.js';
import { closeRecall, createRecall, getRecall, listRecalls, markRecallCustomer } from '../../app/recalls.js';
import { errorResponses, idempotencyHeaders, optionalBody, page, pageQuery, text } from '../schemas/common.js';
import { recall, recallSummary } from '../schemas/recall.js';
import { idempotencyKey } from './reply.js';

const idParams = z.object({ id: z.string() });

/** Recalls and mock recall drills, from the first call to the close-out. */
export const recallRoutes = (app: App): FastifyPluginAsyncZod => async (server) => {
  server.post(
    '/recalls',
    {
      schema: {
        tags: ['traceability'],
        summary: 'Open a recall (or run a mock recall drill) of one or more lots',
        headers: idempotencyHeaders,
        body: z.strictObject({
          lots: z.array(z.strictObject({ sku: z.string(), lot: z.string() })).min(1).max(1000),
          reason: text(2000),
          hold: z.boolean().optional().meta({ description: 'Put every affected lot on recall hold (default true; never for drills)' }),
          drill: z.boolean().optional().meta({ description: 'Mock recall: trace and report without holding stock' }),
        }),
        response: { 200: recall, 201: recall, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { recall: view, replayed } = await createRecall(app, request.body, idempotencyKey(request));
      return reply.code(replayed ? 200 : 201).send(view);
    },
  );
  server.get(
    '/recalls',
    {
      schema: {
        tags: ['traceability'],
        summary: 'List recalls, newest first',
        querystring: z.strictObject({
          status: z.enum(['open', 'closed']).optional(),
          drill: z.enum(['true', 'false']).optional(),
          ...pageQuery,
        }),
        response: { 200: page(recallSummary), ...errorResponses },
      },
    },
    async (request) =>
      listRecalls(app, { status: request.query.status, drill: request.query.drill === undefined ? undefined : request.query.drill === 'true' }, request.query),
  );
  server.get(
    '/recalls/:id',
    { schema: { tags: ['traceability'], summary: 'A recall with its live progress', params: idParams, response: { 200: recall, ...errorResponses } } },
    async (request) => getRecall(app, request.params.id),
  );
  for (const step of ['notified', 'acknowledged'] as const) {
    server.post(
      `/recalls/:id/customers/:code/${step}`,
      {
        schema: {
          tags: ['traceability'],
          summary: `Mark a customer ${step}`,
          params: z.object({ id: z.string(), code: z.string() }),
          body: optionalBody({ note: text(2000).optional() }),
          response: { 200: recall, ...errorResponses },
        },
      },
      async (request) => markRecallCustomer(app, request.params.id, request.params.code, step, request.body),
    );
  }
  server.post(
    '/recalls/:id/close',
    {
      schema: {
        tags: ['traceability'],
        summary: 'Close a recall with a note',
        params: idParams,
        body: optionalBody({ note: text(2000).optional() }),
        response: { 200: recall, ...errorResponses },
      },
    },
    async (request) => closeRecall(app, request.params.id, request.body),
  );
};
