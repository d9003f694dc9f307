import { z } from 'zod';
import { customerExposure, onHandLine, shipmentLine, trace, traceLot } from './trace.js';

const lotRef = z.object({ sku: z.string(), lot: z.string() });

/** Fields every view of a recall, full or in a list, starts with. */
const recallHeader = {
  id: z.string(),
  status: z.enum(['open', 'closed']),
  drill: z.boolean(),
  hold: z.boolean(),
  reason: z.string(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  durationMs: z.number().meta({ description: 'Time taken to trace, record and hold when opened' }),
};

const recallEffectiveness = z
  .object({ shipped: z.number(), recovered: z.number(), outstanding: z.number(), ratio: z.number().nullable() })
  .meta({ description: 'Units shipped to customers, recovered by returns, still out, and recovered / shipped (null when nothing shipped)' });

export const recall = z
  .object({
    ...recallHeader,
    closeNote: z.string().nullable(),
    event: z.string().nullable(),
    lots: z.array(lotRef),
    affectedLots: z.array(traceLot),
    links: trace.shape.links,
    receipts: trace.shape.receipts,
    customers: z.array(
      customerExposure.extend({
        recovered: z.number(),
        outstanding: z.number(),
        effectiveness: z.number().nullable(),
        notifiedAt: z.string().nullable(),
        acknowledgedAt: z.string().nullable(),
        note: z.string().nullable(),
      }),
    ),
    shipments: z.array(shipmentLine),
    returns: trace.shape.returns,
    onHand: z.array(onHandLine),
    massBalance: trace.shape.massBalance,
    effectiveness: recallEffectiveness,
    accountedFor: z.boolean(),
    counts: z.object({
      affectedLots: z.number(),
      customers: z.number(),
      customersNotified: z.number(),
      customersAcknowledged: z.number(),
      shipments: z.number(),
      locationsWithStock: z.number(),
    }),
  })
  .meta({ id: 'Recall' });

export const recallSummary = z
  .object({
    ...recallHeader,
    lots: z.array(lotRef),
    affectedLots: z.number(),
    customers: z.number(),
    customersNotified: z.number(),
    customersAcknowledged: z.number(),
    effectiveness: recallEffectiveness,
  })
  .meta({ id: 'RecallSummary' });
