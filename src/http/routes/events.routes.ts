import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAdjustment } from '../../app/adjustments.js';
import type { App } from '../../app/context.js';
import type { Recorded } from '../../app/event-writer.js';
import { getEvent, listEvents } from '../../app/events.js';
import { recordProduction } from '../../app/productions.js';
import { recordReceipt } from '../../app/receipts.js';
import { recordReturn } from '../../app/returns.js';
import { reverseEvent } from '../../app/reversals.js';
import { recordSupplierReturn } from '../../app/supplier-returns.js';
import { planShipment, recordShipment } from '../../app/shipments.js';
import { recordTransfer } from '../../app/transfers.js';
import { recordWriteOff } from '../../app/write-offs.js';
import { EVENT_TYPES, RETURN_DISPOSITIONS, WRITE_OFF_REASONS } from '../../domain/ledger.js';
import { calendarDate, code, dateTime, documents, errorResponses, idempotencyHeaders, optionalBody, page, pageQuery, positiveQuantity, quantity, text } from '../schemas/common.js';
import { lineOrScan, receiptScanFields, scanLine } from '../schemas/gs1.js';
import { event } from '../schemas/resources.js';
import { idempotencyKey, sendRecorded } from './reply.js';

const lotLine = z.strictObject({ sku: z.string(), lot: z.string(), quantity: positiveQuantity });
const lines = <T extends z.ZodType>(line: T) => z.array(line).min(1).max(10_000);

const bodies = {
  receipts: z.strictObject({
    supplier: z.string(),
    location: z.string(),
    time: dateTime.optional(),
    documents: documents.optional(),
    lines: lines(
      lineOrScan(
        z.strictObject({
          sku: z.string(),
          lot: code,
          quantity: positiveQuantity,
          expiryDate: calendarDate.optional(),
          productionDate: calendarDate.optional(),
          supplierLot: text(64).optional(),
        }),
        scanLine(receiptScanFields),
      ),
    ),
  }),
  productions: z.strictObject({
    location: z.string(),
    time: dateTime.optional(),
    documents: documents.optional(),
    inputs: lines(lotLine),
    outputs: lines(
      z.strictObject({ sku: z.string(), lot: code, quantity: positiveQuantity, productionDate: calendarDate.optional(), expiryDate: calendarDate.optional() }),
    ),
  }),
  shipments: z.strictObject({
    customer: z.string(),
    location: z.string(),
    time: dateTime.optional(),
    documents: documents.optional(),
    lines: lines(
      lineOrScan(
        z.strictObject({ sku: z.string(), quantity: positiveQuantity, lot: z.string().optional().meta({ description: 'Omit to assign first-expiry-first-out' }) }),
        scanLine({}),
      ),
    ),
  }),
  transfers: z.strictObject({ from: z.string(), to: z.string(), time: dateTime.optional(), lines: lines(lotLine) }),
  returns: z.strictObject({
    customer: z.string(),
    location: z.string(),
    shipment: z.string().optional().meta({ description: 'Id of the shipment event the goods came from' }),
    time: dateTime.optional(),
    disposition: z.enum(RETURN_DISPOSITIONS),
    lines: lines(lotLine),
  }),
  adjustments: z.strictObject({
    location: z.string(),
    reason: text(500),
    time: dateTime.optional(),
    lines: lines(z.strictObject({ sku: z.string(), lot: z.string(), quantity: quantity.refine((v) => v !== 0, 'must not be 0') })),
  }),
  'supplier-returns': z.strictObject({
    supplier: z.string(),
    location: z.string(),
    receipt: z.string().optional().meta({ description: 'Id of the receipt event the goods came in with (links the return to its PO/invoice)' }),
    time: dateTime.optional(),
    reason: text(500).optional(),
    documents: documents.optional(),
    lines: lines(lotLine),
  }),
  'write-offs': z.strictObject({ location: z.string(), reason: z.enum(WRITE_OFF_REASONS), time: dateTime.optional(), lines: lines(lotLine) }),
};

const shipmentPlan = z
  .object({
    customer: z.object({ code: z.string(), name: z.string(), minShelfLifeDays: z.number(), minShelfLifePercent: z.number().nullable() }),
    location: z.string(),
    shipDate: calendarDate.meta({ description: 'The day remaining shelf life is counted from' }),
    lines: z.array(
      z.object({
        line: z.number(),
        sku: z.string(),
        quantity: z.number(),
        lot: z.string().nullable().meta({ description: 'The lot the line names; null when it is assigned by the picking order' }),
        picks: z.array(z.object({ lot: z.string(), quantity: z.number(), expiryDate: z.string().nullable(), daysLeft: z.number().nullable() })),
        skipped: z.array(z.object({ lot: z.string(), reason: z.string(), expiryDate: z.string().nullable() })).meta({ description: 'Lots passed over, in picking order, with the reason' }),
      }),
    ),
  })
  .meta({ id: 'ShipmentPlan' });

type Bodies = { [K in keyof typeof bodies]: z.infer<(typeof bodies)[K]> };
type UseCase<K extends keyof Bodies> = (app: App, input: Bodies[K], key?: string) => Promise<Recorded>;

const useCases: { [K in keyof Bodies]: [summary: string, run: UseCase<K>] } = {
  receipts: ['Receive goods from a supplier', recordReceipt],
  productions: ['Record a production batch (inputs consumed into outputs)', recordProduction],
  shipments: ['Ship to a customer; lines without a lot are assigned FEFO', recordShipment],
  transfers: ['Move stock between locations', recordTransfer],
  returns: ['Record goods returned by a customer', recordReturn],
  'supplier-returns': ['Send goods back to the supplier they were received from', recordSupplierReturn],
  adjustments: ['Correct stock after a count', recordAdjustment],
  'write-offs': ['Write off expired, damaged or recalled stock', recordWriteOff],
};

/** The ledger: one POST per event type, listing, and reversal. */
export const eventRoutes = (app: App): FastifyPluginAsyncZod => async (server) => {
  for (const path of Object.keys(bodies) as (keyof Bodies)[]) {
    const [summary, run] = useCases[path] as [string, UseCase<typeof path>];
    server.post(
      `/${path}`,
      { schema: { tags: ['events'], summary, headers: idempotencyHeaders, body: bodies[path], response: { 200: event, 201: event, ...errorResponses } } },
      async (request, reply) => sendRecorded(reply, await run(app, request.body as Bodies[typeof path], idempotencyKey(request))),
    );
  }

  server.post(
    '/shipments/plan',
    {
      schema: {
        tags: ['events'],
        summary: 'Show which lots a shipment would take (FEFO/FIFO, with every lot passed over and why), recording nothing',
        description: 'Same body and the same 400/409 as POST /shipments; a 409 names each short line with what was eligible and why lots were skipped.',
        body: bodies.shipments,
        response: { 200: shipmentPlan, ...errorResponses },
      },
    },
    async (request) => planShipment(app, request.body),
  );

  server.get(
    '/events',
    {
      schema: {
        tags: ['events'],
        summary: 'List ledger events',
        querystring: z.strictObject({
          type: z.enum(EVENT_TYPES).optional(),
          sku: z.string().optional(),
          lot: z.string().optional(),
          party: z.string().optional(),
          from: z.string().optional().meta({ description: 'Event time from (inclusive), ISO 8601' }),
          to: z.string().optional().meta({ description: 'Event time to (exclusive), ISO 8601' }),
          order: z.enum(['asc', 'desc']).optional().meta({ description: 'Ledger order (default) or newest first' }),
          ...pageQuery,
        }),
        response: { 200: page(event), ...errorResponses },
      },
    },
    async (request) => listEvents(app, request.query, request.query),
  );
  server.get(
    '/events/:id',
    { schema: { tags: ['events'], summary: 'Get an event', params: z.object({ id: z.string() }), response: { 200: event, ...errorResponses } } },
    async (request) => getEvent(app, request.params.id),
  );
  server.post(
    '/events/:id/reverse',
    {
      schema: {
        tags: ['events'],
        summary: 'Reverse an event with its mirror image',
        params: z.object({ id: z.string() }),
        headers: idempotencyHeaders,
        body: optionalBody({ reason: text(500).optional() }),
        response: { 200: event, 201: event, ...errorResponses },
      },
    },
    async (request, reply) => sendRecorded(reply, await reverseEvent(app, request.params.id, request.body, idempotencyKey(request))),
  );
};
