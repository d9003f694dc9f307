import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app/context.js';
import { parseGs1 } from '../../app/gs1.js';
import { LABEL_FORMATS, LABEL_SYMBOLOGIES, renderLotLabel } from '../../app/labels.js';
import { errorBody, errorResponses } from '../schemas/common.js';
import { gs1Data, gs1Parse } from '../schemas/gs1.js';

/** GS1 standards: reading scanned data and printing lot labels. */
export const gs1Routes = (app: App): FastifyPluginAsyncZod => async (server) => {
  server.post(
    '/gs1/parse',
    {
      schema: {
        tags: ['standards'],
        summary: 'Read GS1 data: a scanned element string, bracketed AIs or a Digital Link URI',
        description:
          'Every AI with its data as encoded (`raw`) and its typed `value`, the AIs Lotline uses picked out, and the item with that GTIN. ' +
          'Invalid data is a 400 whose details name the AI and the 1-based character position in `data`.',
        body: z.strictObject({ data: gs1Data }),
        response: { 200: gs1Parse, ...errorResponses },
      },
    },
    async (request) => parseGs1(app, request.body.data),
  );
  server.get(
    '/labels/:sku/:lot',
    {
      schema: {
        tags: ['standards'],
        summary: 'A GS1 lot label: (01) GTIN, (17) expiry, (10) lot, as PNG, SVG or ZPL',
        description: '404 for an unknown lot; 409 when the item has no GTIN or the lot code or expiry cannot be encoded in GS1 data.',
        params: z.object({ sku: z.string(), lot: z.string() }),
        querystring: z.strictObject({ format: z.enum(LABEL_FORMATS).default('png'), symbology: z.enum(LABEL_SYMBOLOGIES).default('gs1-128') }),
        // No 200 schema: the body is an image or ZPL, which the JSON serializer must not touch.
        response: { 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request, reply) => {
      const file = await renderLotLabel(app, request.params.sku, request.params.lot, request.query);
      const download: FastifyReply = reply;
      const disposition = request.query.format === 'zpl' ? 'attachment' : 'inline';
      return download.type(file.contentType).header('content-disposition', `${disposition}; filename="${file.filename}"`).send(file.body);
    },
  );
};
