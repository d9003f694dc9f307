import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app/context.js';
import { PICK_LIST_FORMATS, pickListFile } from '../../app/pick-lists.js';
import { cancelProductionOrder, completeProductionOrder, createProductionOrder, getProductionOrder, listProductionOrders } from '../../app/production-orders.js';
import { createPurchaseOrder, getPurchaseOrder, listPurchaseOrders, receivePurchaseOrder } from '../../app/purchase-orders.js';
import { getRecipe, saveItemRecipe } from '../../app/recipes.js';
import { allocateSalesOrder, cancelSalesOrder, createSalesOrder, getSalesOrder, listSalesOrders, shipSalesOrder } from '../../app/sales-orders.js';
import { errorBody, errorResponses, idempotencyHeaders, optionalBody, page, pageQuery } from '../schemas/common.js';
import {
  completeBody,
  completed,
  orderListQuery,
  plannedProductionOrder,
  productionOrder,
  productionOrderBody,
  purchaseOrder,
  purchaseOrderBody,
  receiveBody,
  received,
  recipe,
  recipeBody,
  salesOrder,
  salesOrderAllocation,
  salesOrderBody,
  shipBody,
  shippedOrder,
} from '../schemas/orders.js';
import { idempotencyKey } from './reply.js';

const idParams = z.object({ id: z.string() });

/** Without its replay flag: 201 for a new event, 200 with the original for a replayed idempotency key. */
function sendWithEvent<T extends { replayed: boolean }>(reply: FastifyReply, result: T) {
  const { replayed, ...body } = result;
  return reply.code(replayed ? 200 : 201).send(body);
}

/** Purchase orders, sales orders with allocation and pick lists, recipes and production orders. */
export const orderRoutes = (app: App): FastifyPluginAsyncZod => async (server) => {
  const tags = ['orders'];

  server.post(
    '/purchase-orders',
    { schema: { tags, summary: 'Create a purchase order', body: purchaseOrderBody, response: { 201: purchaseOrder, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await createPurchaseOrder(app, request.body)),
  );
  server.get(
    '/purchase-orders',
    {
      schema: { tags, summary: 'List purchase orders, newest first', querystring: z.strictObject({ ...orderListQuery.purchase, ...pageQuery }), response: { 200: page(purchaseOrder), ...errorResponses } },
    },
    async (request) => listPurchaseOrders(app, { status: request.query.status, supplier: request.query.supplier }, request.query),
  );
  server.get(
    '/purchase-orders/:id',
    { schema: { tags, summary: 'Get a purchase order with what was received', params: idParams, response: { 200: purchaseOrder, ...errorResponses } } },
    async (request) => getPurchaseOrder(app, request.params.id),
  );
  server.post(
    '/purchase-orders/:id/receive',
    {
      schema: {
        tags,
        summary: 'Receive goods against a purchase order (partial receipts allowed)',
        description: 'Records a receipt event from the order\'s supplier into its location, with the PO among its documents. An item not on the order is a 400; more than is outstanding is a 409.',
        params: idParams,
        headers: idempotencyHeaders,
        body: receiveBody,
        response: { 200: received, 201: received, ...errorResponses },
      },
    },
    async (request, reply) => sendWithEvent(reply, await receivePurchaseOrder(app, request.params.id, request.body, idempotencyKey(request))),
  );

  server.post(
    '/sales-orders',
    { schema: { tags, summary: 'Create a sales order', body: salesOrderBody, response: { 201: salesOrder, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await createSalesOrder(app, request.body)),
  );
  server.get(
    '/sales-orders',
    {
      schema: { tags, summary: 'List sales orders, newest first', querystring: z.strictObject({ ...orderListQuery.sales, ...pageQuery }), response: { 200: page(salesOrder), ...errorResponses } },
    },
    async (request) => listSalesOrders(app, { status: request.query.status, customer: request.query.customer }, request.query),
  );
  server.get(
    '/sales-orders/:id',
    { schema: { tags, summary: 'Get a sales order with its reserved lots', params: idParams, response: { 200: salesOrder, ...errorResponses } } },
    async (request) => getSalesOrder(app, request.params.id),
  );
  server.post(
    '/sales-orders/:id/allocate',
    {
      schema: {
        tags,
        summary: 'Reserve lots for a sales order (FEFO/FIFO within the customer shelf-life policy); again to top up',
        params: idParams,
        body: optionalBody({}),
        response: { 200: salesOrderAllocation, ...errorResponses },
      },
    },
    async (request) => allocateSalesOrder(app, request.params.id),
  );
  server.get(
    '/sales-orders/:id/pick-list',
    {
      schema: {
        tags,
        summary: 'What to pick for a sales order, from which lot and where, in picking order',
        description: 'JSON, or a printable A4 PDF (`format=pdf`, sent as an attachment).',
        params: idParams,
        querystring: z.strictObject({ format: z.enum(PICK_LIST_FORMATS).default('json') }),
        // No 200 schema: the PDF body is not JSON, and the zod serializer must not touch it.
        response: { 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request, reply) => {
      const file = await pickListFile(app, request.params.id, request.query.format);
      // The body is a file that the declared (error-only) response types do not describe.
      const download: FastifyReply = reply;
      if (request.query.format === 'pdf') download.header('content-disposition', `attachment; filename="${file.filename}"`);
      return download.type(file.contentType).send(file.body);
    },
  );
  server.post(
    '/sales-orders/:id/ship',
    {
      schema: {
        tags,
        summary: 'Ship a fully allocated sales order: one shipment event of its reserved lots',
        params: idParams,
        headers: idempotencyHeaders,
        body: optionalBody(shipBody.shape),
        response: { 200: shippedOrder, 201: shippedOrder, ...errorResponses },
      },
    },
    async (request, reply) => sendWithEvent(reply, await shipSalesOrder(app, request.params.id, request.body, idempotencyKey(request))),
  );
  server.post(
    '/sales-orders/:id/cancel',
    { schema: { tags, summary: 'Cancel a sales order and release its reservations', params: idParams, body: optionalBody({}), response: { 200: salesOrder, ...errorResponses } } },
    async (request) => cancelSalesOrder(app, request.params.id),
  );

  server.post(
    '/recipes',
    { schema: { tags, summary: "Set an item's recipe (replaces the active one as the next version)", body: recipeBody, response: { 201: recipe, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await saveItemRecipe(app, request.body)),
  );
  server.get(
    '/recipes/:sku',
    { schema: { tags, summary: "An item's active recipe", params: z.object({ sku: z.string() }), response: { 200: recipe, ...errorResponses } } },
    async (request) => getRecipe(app, request.params.sku),
  );

  server.post(
    '/production-orders',
    {
      schema: {
        tags,
        summary: 'Plan a batch: scale the recipe and reserve input lots (all or nothing)',
        body: productionOrderBody,
        response: { 201: plannedProductionOrder, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createProductionOrder(app, request.body)),
  );
  server.get(
    '/production-orders',
    {
      schema: {
        tags,
        summary: 'List production orders, newest first',
        querystring: z.strictObject({ ...orderListQuery.production, ...pageQuery }),
        response: { 200: page(productionOrder), ...errorResponses },
      },
    },
    async (request) => listProductionOrders(app, { status: request.query.status, sku: request.query.sku }, request.query),
  );
  server.get(
    '/production-orders/:id',
    { schema: { tags, summary: 'Get a production order', params: idParams, response: { 200: productionOrder, ...errorResponses } } },
    async (request) => getProductionOrder(app, request.params.id),
  );
  server.post(
    '/production-orders/:id/complete',
    {
      schema: {
        tags,
        summary: 'Record the batch: consume the reserved lots (or `inputs`) into the output lot',
        params: idParams,
        headers: idempotencyHeaders,
        body: completeBody,
        response: { 200: completed, 201: completed, ...errorResponses },
      },
    },
    async (request, reply) => sendWithEvent(reply, await completeProductionOrder(app, request.params.id, request.body, idempotencyKey(request))),
  );
  server.post(
    '/production-orders/:id/cancel',
    { schema: { tags, summary: 'Cancel a production order and release its reservations', params: idParams, body: optionalBody({}), response: { 200: productionOrder, ...errorResponses } } },
    async (request) => cancelProductionOrder(app, request.params.id),
  );
};
