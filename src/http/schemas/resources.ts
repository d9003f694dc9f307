import { z } from 'zod';
import { ALLOCATION_METHODS, type AllocationMethod } from '../../domain/fefo.js';
import { EVENT_TYPES, MOVEMENTS } from '../../domain/ledger.js';
import { LOT_STATUSES } from '../../domain/lot-status.js';
import { calendarDate, documents } from './common.js';

/** Response shapes, registered by id so the OpenAPI document names them. */

export const item = z
  .object({
    sku: z.string(),
    name: z.string(),
    uom: z.string(),
    gtin: z.string().nullable(),
    shelfLifeDays: z.number().nullable(),
    sellByDays: z.number().nullable(),
    unitCost: z.number().nullable(),
    allocation: z.enum(ALLOCATION_METHODS as [AllocationMethod, ...AllocationMethod[]]).meta({ description: 'How lots are picked for orders and shipments' }),
    expiryFromInputs: z.boolean().meta({ description: "An output lot's default expiry never passes its earliest input lot's expiry" }),
    ftl: z.boolean().meta({ description: 'On the FDA Food Traceability List (FSMA 204)' }),
    ndc: z.string().nullable().meta({ description: 'DSCSA National Drug Code' }),
    strength: z.string().nullable(),
    dosageForm: z.string().nullable(),
    containerSize: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Item' });

export const party = z
  .object({
    code: z.string(),
    name: z.string(),
    roles: z.array(z.enum(['supplier', 'customer'])),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
    minShelfLifeDays: z.number().nullable(),
    minShelfLifePercent: z.number().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Party' });

export const location = z
  .object({ code: z.string(), name: z.string(), gln: z.string().nullable(), address: z.string().nullable(), createdAt: z.string() })
  .meta({ id: 'Location' });

const lotStatus = z.enum(LOT_STATUSES as [string, ...string[]]);

const lotSummaryFields = {
  sku: z.string(),
  lot: z.string(),
  status: lotStatus,
  origin: z.enum(['receipt', 'production']),
  supplier: z.string().nullable(),
  supplierLot: z.string().nullable(),
  productionDate: calendarDate.nullable(),
  expiryDate: calendarDate.nullable(),
  sellByDate: calendarDate.nullable(),
  holdReason: z.string().nullable(),
};

export const lotListItem = z.object({ ...lotSummaryFields, onHand: z.number() }).meta({ id: 'LotListItem' });

export const massBalance = z
  .object({
    received: z.number(),
    produced: z.number(),
    returned: z.number(),
    adjusted: z.number(),
    consumed: z.number(),
    shipped: z.number(),
    writtenOff: z.number(),
    returnedToSupplier: z.number(),
    onHand: z.number(),
    difference: z.number(),
    closes: z.boolean(),
  })
  .meta({ id: 'MassBalance', description: 'received + produced + returned ± adjusted = consumed + shipped + writtenOff + returnedToSupplier + onHand' });

export const lotDetail = z
  .object({
    ...lotSummaryFields,
    onHand: z.array(z.object({ location: z.string(), quantity: z.number(), reserved: z.number(), free: z.number() })),
    reservations: z.array(
      z.object({
        order: z.object({ kind: z.enum(['purchase', 'sales', 'production']), id: z.string(), number: z.string() }),
        location: z.string(),
        quantity: z.number(),
      }),
    ),
    totals: z.object({
      received: z.number(),
      produced: z.number(),
      consumed: z.number(),
      shipped: z.number(),
      returned: z.number(),
      writtenOff: z.number(),
      returnedToSupplier: z.number(),
      adjusted: z.number(),
      onHand: z.number(),
    }),
    massBalance,
  })
  .meta({ id: 'Lot' });

export const stockRow = z
  .object({
    sku: z.string(),
    lot: z.string(),
    location: z.string(),
    quantity: z.number(),
    reserved: z.number().meta({ description: 'Of quantity, what open orders have reserved' }),
    free: z.number().meta({ description: 'quantity − reserved: what shipments, productions and other orders may take' }),
    expiryDate: calendarDate.nullable(),
    status: lotStatus,
  })
  .meta({ id: 'StockRow' });

export const event = z
  .object({
    id: z.string(),
    seq: z.number(),
    type: z.enum(EVENT_TYPES),
    time: z.string(),
    recordedAt: z.string(),
    party: z.string().nullable(),
    location: z.string().nullable(),
    to: z.string().nullable(),
    reason: z.string().nullable(),
    disposition: z.string().nullable(),
    lot: z.object({ sku: z.string(), lot: z.string() }).nullable(),
    reverses: z.string().nullable(),
    reversedBy: z.string().nullable(),
    shipment: z.string().nullable().meta({ description: 'The shipment a customer return refers to' }),
    receipt: z.string().nullable().meta({ description: 'The receipt a supplier return refers to' }),
    against: z
      .object({ id: z.string(), type: z.enum(EVENT_TYPES), time: z.string(), party: z.string().nullable(), documents })
      .nullable()
      .meta({ description: 'The shipment or receipt a return was made against, with its documents (order, invoice, PO)' }),
    returns: z.array(z.string()).meta({ description: 'Returns made against this shipment or receipt' }),
    documents,
    allocation: z.unknown().meta({ description: 'For shipments: how lines without a lot were assigned, with skipped lots and reasons' }),
    lines: z.array(z.object({ sku: z.string(), lot: z.string(), location: z.string(), quantity: z.number(), movement: z.enum(MOVEMENTS) })),
    actor: z.string().nullable().meta({ description: 'Who recorded it: user:<name>, token:<id>, cli:<os user> or system' }),
    hash: z.string(),
  })
  .meta({ id: 'Event' });
