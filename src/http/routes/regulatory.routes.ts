import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app/context.js';
import { shipmentDscsa } from '../../app/dscsa.js';
import { FSMA204_FORMATS, fsma204Export } from '../../app/reports/fsma204.js';
import { errorBody } from '../schemas/common.js';

/** Regulatory exports: the FDA FSMA 204 sortable spreadsheet and DSCSA transaction data. */
export const regulatoryRoutes = (app: App): FastifyPluginAsyncZod => async (server) => {
  server.get(
    '/exports/fsma204',
    {
      schema: {
        tags: ['traceability'],
        summary: 'The FDA FSMA 204 electronic sortable spreadsheet, as CSV or XLSX',
        description:
          'One row per critical tracking event (receiving, transformation, shipping) of items on the Food Traceability List (`ftl`), ' +
          'with the key data elements of 21 CFR 1.1340–1.1350 as columns. `from`/`to`: local calendar dates, both inclusive; ' +
          '`lot` (optionally with `sku`): the events of the lot and everything it was made from or went into.',
        querystring: z.strictObject({
          from: z.string().optional(),
          to: z.string().optional(),
          lot: z.string().min(1).optional(),
          sku: z.string().min(1).optional(),
          format: z.enum(FSMA204_FORMATS).default('csv'),
        }),
        // No 200 schema: the body is a file.
        response: { 400: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const file = await fsma204Export(app, query, format);
      const download: FastifyReply = reply;
      return download.type(file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
    },
  );
  server.get(
    '/shipments/:id/dscsa',
    {
      schema: {
        tags: ['traceability'],
        summary: 'DSCSA transaction information, history and statement of a shipment',
        description: "For the shipment's lines whose item has an `ndc`; 409 when none has.",
        params: z.object({ id: z.string() }),
        response: { 404: errorBody, 409: errorBody },
      },
    },
    async (request, reply) => {
      // A JSON document without a 200 schema: the error-only response types do not describe it.
      const untyped: FastifyReply = reply;
      return untyped.send(await shipmentDscsa(app, request.params.id));
    },
  );
};
