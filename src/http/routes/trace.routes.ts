import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app/context.js';
import { traceLot } from '../../app/trace.js';
import { errorResponses } from '../schemas/common.js';
import { trace } from '../schemas/trace.js';

/** Backward and forward traces over the genealogy. */
export const traceRoutes = (app: App): FastifyPluginAsyncZod => async (server) => {
  server.get(
    '/trace/:sku/:lot',
    {
      schema: {
        tags: ['traceability'],
        summary: 'Trace a lot backward to suppliers and/or forward to customers',
        params: z.object({ sku: z.string(), lot: z.string() }),
        querystring: z.strictObject({ direction: z.enum(['backward', 'forward', 'both']).default('both') }),
        response: { 200: trace, ...errorResponses },
      },
    },
    async (request) => traceLot(app, request.params.sku, request.params.lot, request.query.direction),
  );
};
