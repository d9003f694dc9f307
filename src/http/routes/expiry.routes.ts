import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app/context.js';
import { listExpiry } from '../../app/expiry.js';
import { writeOffExpired } from '../../app/write-offs-expired.js';
import { WRITE_OFF_REASONS } from '../../domain/ledger.js';
import { calendarDate, errorResponses, idempotencyHeaders, optionalBody, page, pageQuery } from '../schemas/common.js';
import { expiredWriteOff, expiryRow } from '../schemas/expiry.js';
import { idempotencyKey } from './reply.js';

/** What is about to expire, and writing off what has. */
export const expiryRoutes = (app: App): FastifyPluginAsyncZod => async (server) => {
  server.get(
    '/expiry',
    {
      schema: {
        tags: ['expiry and waste'],
        summary: 'Stock expiring (or reaching its sell-by date) within N days, soonest first',
        querystring: z.strictObject({
          withinDays: z.coerce.number().int().min(0).max(100_000).optional().meta({ description: 'Default 30; dates already past are included' }),
          basis: z.enum(['expiry', 'sellBy']).optional().meta({ description: 'Which date counts (default expiry)' }),
          location: z.string().optional(),
          sku: z.string().optional(),
          ...pageQuery,
        }),
        response: { 200: page(expiryRow), ...errorResponses },
      },
    },
    async (request) => listExpiry(app, request.query, request.query),
  );
  server.post(
    '/write-offs/expired',
    {
      schema: {
        tags: ['expiry and waste'],
        summary: 'Write off all stock of expired lots: one event per location, all or nothing',
        description:
          'Lots whose expiry date is before asOf (default today), held and recalled ones included: expired stock must be destroyed whatever QA decided. ' +
          'With dryRun, lists what would be written off and records nothing (asOf may then be in the future).',
        headers: idempotencyHeaders,
        body: optionalBody({
          location: z.string().optional().meta({ description: 'Only this location (default all)' }),
          sku: z.string().optional(),
          asOf: calendarDate.optional(),
          reason: z.enum(WRITE_OFF_REASONS).optional().meta({ description: 'Default "expired"' }),
          dryRun: z.boolean().optional(),
        }),
        response: { 200: expiredWriteOff, 201: expiredWriteOff, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await writeOffExpired(app, request.body, idempotencyKey(request));
      return reply.code(result.events.length > 0 && !result.replayed ? 201 : 200).send(result);
    },
  );
};
