import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app/context.js';
import { exportLedger, exportStock } from '../../app/exports.js';
import { IMPORT_KINDS, importFile, importTemplate } from '../../app/imports/imports.js';
import { CONTENT_TYPES, detectFormat } from '../../app/imports/table.js';
import { Invalid } from '../../domain/errors.js';
import { errorBody } from '../schemas/common.js';

const XLSX = CONTENT_TYPES.xlsx;
const format = z.enum(['csv', 'xlsx']);

const importResult = z.object({
  kind: z.enum(IMPORT_KINDS),
  rows: z.number().int().meta({ description: 'Data rows read (blank rows are skipped)' }),
  created: z.number().int().meta({ description: 'Records created; for stock, lots placed in stock' }),
  events: z.number().int().optional().meta({ description: 'Stock only: opening-balance receipts recorded, one per supplier and location' }),
});

/** An import's 400 names spreadsheet rows and columns rather than field paths. */
const importErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z
        .array(
          z.object({
            row: z.number().int().optional().meta({ description: 'Spreadsheet row, the header being row 1' }),
            column: z.string().optional(),
            path: z.string().optional(),
            message: z.string(),
          }),
        )
        .optional(),
    }),
  })
  .meta({ id: 'ImportError' });

/** A file download: the declared (error-only) response types do not describe its body. */
function download(reply: FastifyReply, type: string, filename: string, body: unknown) {
  return reply.type(type).header('content-disposition', `attachment; filename="${filename}"`).send(body);
}

/** CSV / XLSX import of master data and opening stock, templates, and exports of stock and the ledger. */
export const importRoutes = (app: App): FastifyPluginAsyncZod => async (server) => {
  // The file is the request body, kept as bytes; the server-wide 10 MB body limit applies.
  server.addContentTypeParser(['text/csv', XLSX, 'application/vnd.ms-excel'], { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  // One route per kind, so that the role policy can tell master data (admin) from stock (warehouse).
  for (const kind of IMPORT_KINDS) {
    server.post(
      `/imports/${kind}`,
      {
        schema: {
          tags: ['imports and exports'],
          summary: `Import ${kind === 'stock' ? 'opening stock' : kind} from a CSV or XLSX file`,
          description:
            'The file is the body (Content-Type text/csv or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet); its first row names the columns, as the API fields ' +
            '(roles as "supplier;customer"; stock: sku, lot, location, quantity, expiryDate, productionDate, supplier, supplierLot). All or nothing: if any row is wrong nothing is ' +
            "imported and the 400 lists every problem as {row, column, message}, row 1 being the header. Opening stock is recorded as receipts from each row's supplier.",
          response: { 201: importResult, 400: importErrorBody, 409: errorBody },
        },
      },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body)) throw Invalid.at('body', `send the file as text/csv or ${XLSX}`);
        const result = await importFile(app, kind, request.body, detectFormat(request.body, request.headers['content-type']));
        return reply.code(201).send(result);
      },
    );
  }

  server.get(
    '/imports/:kind/template',
    {
      schema: {
        tags: ['imports and exports'],
        summary: 'An import template: the header row and one example row',
        params: z.object({ kind: z.enum(IMPORT_KINDS) }),
        querystring: z.strictObject({ format: format.default('csv') }),
        response: { 400: errorBody },
      },
    },
    async (request, reply) => {
      const { kind } = request.params;
      const f = request.query.format;
      return download(reply, CONTENT_TYPES[f], `lotline-${kind}-template.${f}`, await importTemplate(kind, f));
    },
  );

  server.get(
    '/exports/stock',
    {
      schema: {
        tags: ['imports and exports'],
        summary: 'Current stock per lot and location as CSV or XLSX',
        querystring: z.strictObject({ format: format.default('csv') }),
        response: { 400: errorBody },
      },
    },
    async (request, reply) => {
      const f = request.query.format;
      return download(reply, CONTENT_TYPES[f], `lotline-stock-${app.today()}.${f}`, await exportStock(app, f));
    },
  );

  server.get(
    '/exports/ledger',
    {
      schema: {
        tags: ['imports and exports'],
        summary: 'The ledger as CSV or XLSX, one row per event line',
        description: 'Columns: eventId, seq, type, time, party, location, documents, sku, lot, quantity, movement, hash; events in ledger order, time in [from, to). Streamed in batches.',
        querystring: z.strictObject({ from: z.string().optional(), to: z.string().optional(), format: format.default('csv') }),
        response: { 400: errorBody },
      },
    },
    async (request, reply) => {
      const { from, to, format: f } = request.query;
      return download(reply, CONTENT_TYPES[f], `lotline-ledger.${f}`, await exportLedger(app, { from, to }, f));
    },
  );
};
