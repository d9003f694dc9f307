import { z } from 'zod';
import { WASTE_GROUPINGS } from '../../app/waste.js';

const figures = {
  writtenOff: z.number().meta({ description: 'Quantity written off, net of reversals' }),
  value: z.string().meta({ description: 'Exact decimal value of writtenOff at the items unit costs' }),
  valueComplete: z.boolean().meta({ description: 'False when an item without unit cost is left out of value' }),
  shipped: z.number(),
  wasteRate: z.number().nullable().meta({ description: 'writtenOff / (shipped + writtenOff); null when both are 0' }),
};

export const wasteReport = z
  .object({
    from: z.string(),
    to: z.string(),
    groupBy: z.enum(WASTE_GROUPINGS),
    timeZone: z.string(),
    location: z.string().nullable(),
    sku: z.string().nullable(),
    units: z.array(z.string()),
    mixedUnits: z.boolean().meta({ description: 'Quantities of items in different units are added up; compare value instead' }),
    note: z.string().nullable(),
    rows: z.array(
      z.object({
        period: z.string().optional(),
        sku: z.string().optional(),
        itemName: z.string().optional(),
        uom: z.string().optional(),
        reason: z.string().optional(),
        ...figures,
      }),
    ),
    totals: z.object(figures),
  })
  .meta({ id: 'WasteReport' });
