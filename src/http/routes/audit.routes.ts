import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAudit } from '../../app/audit.js';
import type { App } from '../../app/context.js';
import { auditEntry } from '../schemas/auth.js';
import { errorResponses, page, pageQuery } from '../schemas/common.js';

/** The tamper-evident audit trail (admin only, by the central policy). */
export const auditRoutes = (app: App): FastifyPluginAsyncZod => async (server) => {
  server.get(
    '/audit',
    {
      schema: {
        tags: ['authentication'],
        summary: 'Who changed what, when, with before/after (newest first)',
        querystring: z.strictObject({
          actor: z.string().max(200).optional().meta({ description: 'e.g. user:alice, token:<id>, cli:root' }),
          entity: z.string().max(32).optional().meta({ description: 'item, party, location, user, token, lot, recall, …' }),
          from: z.string().optional().meta({ description: 'Date or ISO time, inclusive' }),
          to: z.string().optional().meta({ description: 'Date or ISO time, exclusive' }),
          ...pageQuery,
        }),
        response: { 200: page(auditEntry), ...errorResponses },
      },
    },
    async (request) => listAudit(app, request.query),
  );
};
