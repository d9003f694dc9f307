import { z } from 'zod';
import { codeProblem } from '../../domain/codes.js';
import { quantityProblem } from '../../domain/quantity.js';

/** A user's own key: sku, lot, party or location code. */
export const code = z
  .string()
  .superRefine((v, ctx) => {
    const problem = codeProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({ description: 'Case-sensitive code, 1–64 characters, no control characters' });

/** A quantity in the item's unit: at most 6 decimals, computed exactly by the server. */
export const quantity = z
  .number()
  .superRefine((v, ctx) => {
    const problem = quantityProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({ description: 'Quantity in the item unit, at most 6 decimal places' });

export const positiveQuantity = quantity.refine((v) => v > 0, 'must be greater than 0');

export const calendarDate = z.iso.date().meta({ description: 'Calendar date YYYY-MM-DD' });

export const dateTime = z.iso.datetime({ offset: true }).meta({ description: 'ISO 8601 date-time with offset; omitted means now' });

export const text = (max: number) => z.string().min(1).max(max);

export const documents = z
  .array(z.strictObject({ type: text(32).meta({ description: 'PO, invoice, BOL, …' }), number: text(128) }))
  .max(100);

export const errorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'Error' });

/** Error responses every route may give. */
export const errorResponses = { 400: errorBody, 404: errorBody, 409: errorBody };

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(1000).optional().meta({ description: 'Page size, default 100, max 1000' }),
  cursor: z.string().optional().meta({ description: 'nextCursor of the previous page' }),
};

export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/**
 * A body whose fields are all optional, so the client may send none at all. Fastify hands a
 * missing body to the validator as null, which `.default({})` would not catch.
 */
export const optionalBody = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z
    .strictObject(shape)
    .nullable()
    .transform((body) => body ?? {});

export const idempotencyHeaders = z.object({
  'idempotency-key': z.string().min(1).max(255).optional().meta({ description: 'Replaying a key with the same body returns the original event' }),
});
