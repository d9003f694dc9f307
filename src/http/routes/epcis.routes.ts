import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app/context.js';
import { captureEpcis, EpcisDocumentInvalid, lotHistoryEpcis, queryEpcisEvents } from '../../app/epcis.js';
import { CBV_VERSION, EPCIS_VERSION } from '../../domain/epcis/schema.js';

const PROBLEM_TYPE = 'https://ref.gs1.org/standards/epcis/2.0.0/errors/ValidationException';

/** EPCIS 2.0: capturing events (JSON / JSON-LD), querying them, and a lot's history as EPCIS. */
export const epcisRoutes = (app: App): FastifyPluginAsyncZod => async (server) => {
  // JSON-LD is JSON: accept it under its own media type too (this plugin's routes only).
  server.addContentTypeParser('application/ld+json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch (error) {
      (error as { statusCode?: number }).statusCode = 400;
      done(error as Error, undefined);
    }
  });
  server.addHook('onSend', async (_request, reply, payload) => {
    reply.header('GS1-EPCIS-Version', EPCIS_VERSION).header('GS1-CBV-Version', CBV_VERSION);
    return payload;
  });

  server.post(
    '/epcis/capture',
    {
      schema: {
        tags: ['standards'],
        summary: 'Capture an EPCIS 2.0 EPCISDocument (JSON / JSON-LD)',
        description:
          'All-or-nothing, idempotent by eventID. Receiving/commissioning ObjectEvents, TransformationEvents and shipping ObjectEvents / ' +
          'TransactionEvents with lot-level quantities become receipts, productions and shipments; everything else is stored whole and queryable. ' +
          'A mappable event the ledger refuses (e.g. stock we do not have) is stored unmapped with its reason in `details`. ' +
          'A document breaking the EPCIS 2.0 schema is a 400 application/problem+json naming each violation by JSON pointer; nothing is recorded.',
      },
    },
    async (request, reply) => {
      try {
        return reply.code(201).send(await captureEpcis(app, request.body));
      } catch (error) {
        if (!(error instanceof EpcisDocumentInvalid)) throw error;
        return reply
          .code(400)
          .type('application/problem+json')
          .send({
            type: PROBLEM_TYPE,
            title: 'The EPCIS document does not conform to the EPCIS 2.0 JSON schema',
            status: 400,
            detail: error.message,
            instance: request.url,
            errors: error.violations,
          });
      }
    },
  );

  server.get(
    '/epcis/events',
    {
      schema: {
        tags: ['standards'],
        summary: 'Captured EPCIS events as an EPCISQueryDocument',
        description: 'Several values of one parameter are separated by "|". MATCH_epcClass also matches the same GTIN and lot written as a Digital Link.',
        querystring: z.strictObject({
          eventType: z.string().optional(),
          GE_eventTime: z.string().optional(),
          LT_eventTime: z.string().optional(),
          EQ_bizStep: z.string().optional(),
          MATCH_epcClass: z.string().optional(),
          MATCH_anyEPC: z.string().optional(),
        }),
      },
    },
    async (request, reply) => reply.type('application/ld+json').send(JSON.stringify(await queryEpcisEvents(app, request.query))),
  );

  server.get(
    '/lots/:sku/:lot/epcis',
    {
      schema: {
        tags: ['standards'],
        summary: "A lot's history (receipts, productions, shipments) as an EPCIS 2.0 EPCISDocument",
        params: z.object({ sku: z.string(), lot: z.string() }),
      },
    },
    async (request, reply) => reply.type('application/ld+json').send(JSON.stringify(await lotHistoryEpcis(app, request.params.sku, request.params.lot))),
  );
};
