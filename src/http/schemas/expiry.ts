import { z } from 'zod';
import { LOT_STATUSES } from '../../domain/lot-status.js';
import { calendarDate } from './common.js';
import { event } from './resources.js';

const value = z.string().meta({ description: 'Exact decimal: quantity × the item unit cost' });

const datedStockFields = {
  sku: z.string(),
  lot: z.string(),
  itemName: z.string(),
  uom: z.string(),
  location: z.string(),
  quantity: z.number(),
  expiryDate: calendarDate.nullable(),
  sellByDate: calendarDate.nullable(),
  status: z.enum(LOT_STATUSES as [string, ...string[]]),
  value: value.nullable().meta({ description: 'Exact decimal quantity × unit cost; null when the item has no unit cost' }),
};

export const expiryRow = z
  .object({ ...datedStockFields, daysLeft: z.number().meta({ description: 'Days from today to the expiry (or sell-by) date; negative once past' }) })
  .meta({ id: 'ExpiryRow' });

export const expiredWriteOff = z
  .object({
    asOf: calendarDate,
    reason: z.string(),
    dryRun: z.boolean(),
    replayed: z.boolean(),
    lines: z.array(z.object(datedStockFields)),
    events: z.array(event),
    reserved: z
      .array(z.object({ sku: z.string(), lot: z.string(), location: z.string(), quantity: z.number(), orders: z.array(z.string()) }))
      .meta({ description: 'Expired stock held by orders, left alone until the order releases it' }),
    totals: z.object({ lines: z.number(), value, valueComplete: z.boolean() }),
  })
  .meta({ id: 'ExpiredWriteOff' });
