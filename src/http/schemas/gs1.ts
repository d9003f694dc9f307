import { z } from 'zod';
import { calendarDate, positiveQuantity, text } from './common.js';

/** GS1 data as scanned or typed: element string, bracketed AIs or a Digital Link URI. */
export const gs1Data = z
  .string()
  .min(1)
  .max(4096)
  .meta({
    description:
      'A scanned GS1 element string (FNC1 as GS, U+001D; optionally behind a symbology identifier such as ]d2), bracketed AIs such as (01)09506000134352(10)ABC, or a GS1 Digital Link URI',
  });

/** A ledger line given as a scan: item by GTIN, lot from (10), quantity from the line or the scan. */
export const scanLine = <T extends z.core.$ZodLooseShape>(extra: T) =>
  z.strictObject({
    scan: gs1Data,
    quantity: positiveQuantity.optional().meta({ description: 'Omit to take it from the scan: count (30)/(37), or net weight (310n) for kg items' }),
    ...extra,
  });

/** The scan-line fields a receipt line may add; a date that differs from the scan's is refused. */
export const receiptScanFields = {
  expiryDate: calendarDate.optional(),
  productionDate: calendarDate.optional(),
  supplierLot: text(64).optional(),
};

/**
 * Either shape of a line. The presence of `scan` picks the shape before validating, so errors
 * name the fields of the shape the client meant (a plain union would report only "invalid input").
 */
export function lineOrScan<P extends z.ZodType, S extends z.ZodType>(plain: P, scan: S) {
  return z.preprocess((value, ctx) => {
    const shape = typeof value === 'object' && value !== null && 'scan' in value ? scan : plain;
    const result = shape.safeParse(value);
    if (result.success) return value;
    // Re-raised as custom issues: a pipe lets unrecognized-key issues through to the union.
    for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  }, z.union([plain, scan]));
}

const gs1Ai = z.object({
  ai: z.string(),
  title: z.string(),
  raw: z.string().meta({ description: 'The data exactly as encoded' }),
  value: z.union([z.string(), z.number()]).meta({ description: 'Typed: a number for measures and counts (decimal point applied), YYYY-MM-DD for dates' }),
  currency: z.string().optional().meta({ description: 'ISO 4217 numeric code of an amount' }),
});

export const gs1Parse = z
  .object({
    form: z.enum(['element-string', 'bracketed', 'digital-link']),
    symbologyId: z.string().optional(),
    ais: z.array(gs1Ai),
    gtin: z.string().optional().meta({ description: '(01), or (02) for the contents of a logistic unit' }),
    lot: z.string().optional(),
    serial: z.string().optional(),
    expiryDate: calendarDate.optional(),
    bestBeforeDate: calendarDate.optional(),
    productionDate: calendarDate.optional(),
    netWeightKg: z.number().optional(),
    item: z.object({ sku: z.string(), name: z.string(), uom: z.string() }).optional(),
  })
  .meta({ id: 'Gs1Data' });
