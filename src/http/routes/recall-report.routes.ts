import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app/context.js';
import { RECALL_REPORT_FORMATS, recallReport } from '../../app/reports/recall-report.js';
import { errorBody } from '../schemas/common.js';

/** The regulator's recall report as a download in the format asked for. */
export const recallReportRoutes = (app: App): FastifyPluginAsyncZod => async (server) => {
  server.get(
    '/recalls/:id/report',
    {
      schema: {
        tags: ['traceability'],
        summary: 'The recall report a regulator asks for, as JSON, CSV, XLSX or PDF',
        description:
          'Summary, affected lots, customers with contact data and progress, shipments with documents, returns, stock on hand and per-lot mass balance. ' +
          'Sent as an attachment `recall-<id>.<format>`: application/json, text/csv (one file, a titled block per section), an XLSX workbook (a sheet per section) or an A4 PDF.',
        params: z.object({ id: z.string() }),
        querystring: z.strictObject({ format: z.enum(RECALL_REPORT_FORMATS).default('json') }),
        // No 200 schema: CSV, XLSX and PDF bodies are not JSON, and the zod serializer must not touch them.
        response: { 400: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      const file = await recallReport(app, request.params.id, request.query.format);
      // The body is a file that the declared (error-only) response types do not describe.
      const download: FastifyReply = reply;
      return download.type(file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
    },
  );
};
