import { z } from 'zod';
import { LOT_STATUSES } from '../../domain/lot-status.js';
import { documents } from './common.js';
import { massBalance } from './resources.js';

const lotRef = { sku: z.string(), lot: z.string() };
const status = z.enum(LOT_STATUSES as [string, ...string[]]);

export const traceLot = z
  .object({
    ...lotRef,
    uom: z.string().meta({ description: "The item's unit of measure for every quantity of this lot" }),
    depth: z.number().meta({ description: 'Fewest genealogy links from the traced lot' }),
    side: z.enum(['root', 'backward', 'forward', 'both']),
    status,
    origin: z.string(),
    supplier: z.string().nullable(),
    supplierLot: z.string().nullable(),
    productionDate: z.string().nullable(),
    expiryDate: z.string().nullable(),
    onHand: z.number(),
    massBalance,
  })
  .meta({ id: 'TraceLot' });

export const customerExposure = z
  .object({
    code: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
    quantity: z.number().meta({ description: 'Units of the traced lots shipped to this customer' }),
    returned: z.number(),
    lots: z.array(z.object({ ...lotRef, shipped: z.number(), returned: z.number() })),
  })
  .meta({ id: 'CustomerExposure' });

export const shipmentLine = z
  .object({ ...lotRef, uom: z.string(), event: z.string(), customer: z.string(), location: z.string(), quantity: z.number(), time: z.string(), documents })
  .meta({ id: 'TraceShipment' });

export const onHandLine = z.object({ ...lotRef, location: z.string(), quantity: z.number(), status }).meta({ id: 'TraceOnHand' });

export const trace = z
  .object({
    root: z.object(lotRef),
    roots: z.array(z.object(lotRef)),
    direction: z.enum(['backward', 'forward', 'both']),
    lots: z.array(traceLot),
    links: z.array(z.object({ from: z.object(lotRef), to: z.object(lotRef), quantity: z.number(), event: z.string() })),
    receipts: z.array(
      z.object({
        ...lotRef,
        event: z.string(),
        supplier: z.string(),
        supplierName: z.string(),
        supplierLot: z.string().nullable(),
        location: z.string(),
        quantity: z.number(),
        time: z.string(),
        documents,
      }),
    ),
    shipments: z.array(shipmentLine),
    returns: z.array(
      z.object({ ...lotRef, event: z.string(), customer: z.string(), location: z.string(), shipment: z.string().nullable(), quantity: z.number(), time: z.string() }),
    ),
    customers: z.array(customerExposure),
    onHand: z.array(onHandLine),
    massBalance: z.object({
      closes: z.boolean(),
      lots: z.number(),
      unbalanced: z.array(z.object({ ...lotRef, difference: z.number() })),
    }),
  })
  .meta({ id: 'Trace' });
