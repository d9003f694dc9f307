import { z } from 'zod';
import { PRODUCTION_ORDER_STATUSES, PURCHASE_ORDER_STATUSES, SALES_ORDER_STATUSES } from '../../domain/orders.js';
import { calendarDate, code, dateTime, documents, positiveQuantity, text } from './common.js';
import { event } from './resources.js';

/** Request and response shapes of purchase, sales and production orders and recipes. */

const itemLines = z.array(z.strictObject({ sku: z.string(), quantity: positiveQuantity })).min(1).max(1000);

export const purchaseOrderBody = z.strictObject({ number: code.meta({ description: 'The PO number, unique' }), supplier: z.string(), location: z.string(), lines: itemLines });

export const receiveBody = z.strictObject({
  time: dateTime.optional(),
  documents: documents.optional().meta({ description: 'More documents (invoice, BOL); the PO itself is always added' }),
  lines: z
    .array(
      z.strictObject({
        sku: z.string(),
        lot: code,
        quantity: positiveQuantity,
        expiryDate: calendarDate.optional(),
        productionDate: calendarDate.optional(),
        supplierLot: text(64).optional(),
      }),
    )
    .min(1)
    .max(10_000),
});

export const salesOrderBody = z.strictObject({
  number: code.optional().meta({ description: 'Omit to get the next SO-000123' }),
  customer: z.string(),
  location: z.string(),
  shipBy: calendarDate.optional().meta({ description: 'Shelf life is judged on this day when allocating' }),
  lines: itemLines,
});

export const shipBody = z.strictObject({ time: dateTime.optional(), documents: documents.optional().meta({ description: 'More documents (invoice, BOL); the order itself is always added' }) });

export const recipeBody = z.strictObject({
  sku: z.string(),
  outputQuantity: positiveQuantity.meta({ description: 'What one batch of the recipe makes' }),
  inputs: itemLines,
});

export const productionOrderBody = z.strictObject({
  number: code.optional().meta({ description: 'Omit to get the next PRD-000123' }),
  sku: z.string(),
  quantity: positiveQuantity,
  location: z.string(),
});

export const completeBody = z.strictObject({
  lot: code.meta({ description: 'The output lot' }),
  quantity: positiveQuantity.optional().meta({ description: 'Output made; default the ordered quantity' }),
  productionDate: calendarDate.optional(),
  expiryDate: calendarDate.optional(),
  time: dateTime.optional(),
  documents: documents.optional(),
  inputs: z
    .array(z.strictObject({ sku: z.string(), lot: z.string(), quantity: positiveQuantity }))
    .min(1)
    .max(10_000)
    .optional()
    .meta({ description: 'What was really consumed, overriding the reserved lots' }),
});

export const orderListQuery = {
  purchase: { status: z.enum(PURCHASE_ORDER_STATUSES).optional(), supplier: z.string().optional() },
  sales: { status: z.enum(SALES_ORDER_STATUSES).optional(), customer: z.string().optional() },
  production: { status: z.enum(PRODUCTION_ORDER_STATUSES).optional(), sku: z.string().optional() },
};

const reservation = z.object({ sku: z.string(), lot: z.string(), location: z.string(), quantity: z.number(), expiryDate: calendarDate.nullable() }).meta({ id: 'Reservation' });
const skipped = z.array(z.object({ sku: z.string(), lot: z.string(), reason: z.string() }));

export const purchaseOrder = z
  .object({
    id: z.string(),
    number: z.string(),
    supplier: z.string(),
    location: z.string(),
    status: z.enum(PURCHASE_ORDER_STATUSES),
    lines: z.array(z.object({ sku: z.string(), quantity: z.number(), received: z.number(), outstanding: z.number() })),
    events: z.array(z.string()).meta({ description: 'Receipt events recorded against the order' }),
    createdAt: z.string(),
  })
  .meta({ id: 'PurchaseOrder' });

export const received = z.object({ order: purchaseOrder, receipt: event }).meta({ id: 'PurchaseOrderReceipt' });

const salesOrderFields = {
  id: z.string(),
  number: z.string(),
  customer: z.string(),
  location: z.string(),
  shipBy: calendarDate.nullable(),
  status: z.enum(SALES_ORDER_STATUSES),
  lines: z.array(z.object({ sku: z.string(), quantity: z.number(), allocated: z.number(), shipped: z.number() })),
  allocations: z.array(reservation).meta({ description: 'Lots reserved for the order, per item in picking order' }),
  events: z.array(z.string()).meta({ description: 'The shipment event, once shipped' }),
  createdAt: z.string(),
  updatedAt: z.string(),
};

export const salesOrder = z.object(salesOrderFields).meta({ id: 'SalesOrder' });

export const salesOrderAllocation = z
  .object({
    ...salesOrderFields,
    skipped: skipped.meta({ description: 'Lots passed over, with the reason' }),
    released: z.array(z.object({ sku: z.string(), lot: z.string(), quantity: z.number(), reason: z.string() })).meta({ description: 'Reservations given up because their lot no longer qualifies' }),
    shortages: z.array(z.object({ sku: z.string(), quantity: z.number(), message: z.string() })),
  })
  .meta({ id: 'SalesOrderAllocation' });

export const shippedOrder = z.object({ ...salesOrderFields, shipment: event }).meta({ id: 'ShippedSalesOrder' });

export const recipe = z
  .object({ sku: z.string(), version: z.number(), outputQuantity: z.number(), inputs: z.array(z.object({ sku: z.string(), quantity: z.number() })), updatedAt: z.string() })
  .meta({ id: 'Recipe' });

const productionOrderFields = {
  id: z.string(),
  number: z.string(),
  sku: z.string(),
  quantity: z.number(),
  location: z.string(),
  status: z.enum(PRODUCTION_ORDER_STATUSES),
  recipeVersion: z.number(),
  inputs: z.array(z.object({ sku: z.string(), quantity: z.number(), reserved: z.number(), consumed: z.number() })),
  allocations: z.array(reservation),
  produced: z.number(),
  events: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
};

export const productionOrder = z.object(productionOrderFields).meta({ id: 'ProductionOrder' });

export const plannedProductionOrder = z.object({ ...productionOrderFields, skipped }).meta({ id: 'PlannedProductionOrder' });

export const completed = z.object({ order: productionOrder, production: event }).meta({ id: 'CompletedProductionOrder' });
