import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app/context.js';
import { WASTE_GROUPINGS, wasteReport } from '../../app/waste.js';
import { errorResponses } from '../schemas/common.js';
import { wasteReport as wasteReportSchema } from '../schemas/analytics.js';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');

/** Reports over the ledger. */
export const analyticsRoutes = (app: App): FastifyPluginAsyncZod => async (server) => {
  server.get(
    '/analytics/waste',
    {
      schema: {
        tags: ['expiry and waste'],
        summary: 'Written-off quantity and value per month, item or reason, with the waste rate',
        querystring: z.strictObject({
          from: month.optional().meta({ description: 'First month (default: 11 months before to)' }),
          to: month.optional().meta({ description: 'Last month, included (default: this month)' }),
          groupBy: z.enum(WASTE_GROUPINGS).optional().meta({ description: 'Default month' }),
          location: z.string().optional(),
          sku: z.string().optional(),
        }),
        response: { 200: wasteReportSchema, ...errorResponses },
      },
    },
    async (request) => wasteReport(app, request.query),
  );
};
