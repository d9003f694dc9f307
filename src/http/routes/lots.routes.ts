import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app/context.js';
import { holdLot, releaseLot } from '../../app/holds.js';
import { getLot, listLots } from '../../app/lots.js';
import { listStock } from '../../app/stock.js';
import { LOT_STATUSES, type LotStatus } from '../../domain/lot-status.js';
import { errorResponses, idempotencyHeaders, optionalBody, page, pageQuery, text } from '../schemas/common.js';
import { event, lotDetail, lotListItem, stockRow } from '../schemas/resources.js';
import { idempotencyKey, sendRecorded } from './reply.js';

const lotParams = z.object({ sku: z.string(), lot: z.string() });

/** Lots, their stock, and QA holds. */
export const lotRoutes = (app: App): FastifyPluginAsyncZod => async (server) => {
  server.get(
    '/lots',
    {
      schema: {
        tags: ['lots and stock'],
        summary: 'List lots',
        querystring: z.strictObject({
          sku: z.string().optional(),
          q: z.string().max(64).optional().meta({ description: 'Lot code or supplier lot containing this text, case-insensitive' }),
          status: z.enum(LOT_STATUSES as [LotStatus, ...LotStatus[]]).optional(),
          location: z.string().optional().meta({ description: 'Only lots with stock at this location' }),
          expiringWithinDays: z.coerce.number().int().min(0).max(100_000).optional().meta({ description: 'Lots with stock expiring within N days (including expired)' }),
          order: z.enum(['asc', 'desc']).optional().meta({ description: 'Creation order (default) or newest first' }),
          ...pageQuery,
        }),
        response: { 200: page(lotListItem), ...errorResponses },
      },
    },
    async (request) => listLots(app, request.query, request.query),
  );
  server.get(
    '/lots/:sku/:lot',
    { schema: { tags: ['lots and stock'], summary: 'A lot with stock per location and totals', params: lotParams, response: { 200: lotDetail, ...errorResponses } } },
    async (request) => getLot(app, request.params.sku, request.params.lot),
  );
  server.post(
    '/lots/:sku/:lot/hold',
    {
      schema: {
        tags: ['lots and stock'],
        summary: 'Put a lot on hold',
        params: lotParams,
        headers: idempotencyHeaders,
        body: z.strictObject({ reason: text(500) }),
        response: { 200: event, 201: event, ...errorResponses },
      },
    },
    async (request, reply) => sendRecorded(reply, await holdLot(app, request.params.sku, request.params.lot, request.body, idempotencyKey(request))),
  );
  server.post(
    '/lots/:sku/:lot/release',
    {
      schema: {
        tags: ['lots and stock'],
        summary: 'Release a held lot',
        params: lotParams,
        headers: idempotencyHeaders,
        body: optionalBody({ reason: text(500).optional() }),
        response: { 200: event, 201: event, ...errorResponses },
      },
    },
    async (request, reply) => sendRecorded(reply, await releaseLot(app, request.params.sku, request.params.lot, request.body, idempotencyKey(request))),
  );
  server.get(
    '/stock',
    {
      schema: {
        tags: ['lots and stock'],
        summary: 'Non-zero stock per lot and location',
        querystring: z.strictObject({ sku: z.string().optional(), lot: z.string().optional(), location: z.string().optional(), ...pageQuery }),
        response: { 200: page(stockRow), ...errorResponses },
      },
    },
    async (request) => listStock(app, request.query, request.query),
  );
};
