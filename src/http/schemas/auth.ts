import { z } from 'zod';

export const role = z.enum(['admin', 'qa', 'warehouse', 'viewer']);

export const user = z
  .object({ username: z.string(), role, createdAt: z.string(), disabled: z.boolean(), disabledAt: z.string().nullable() })
  .meta({ id: 'User' });

export const token = z
  .object({
    id: z.string(),
    name: z.string(),
    role,
    createdBy: z.string().nullable().meta({ description: 'The creating user; null for LOTLINE_ADMIN_TOKEN' }),
    createdAt: z.string(),
    revoked: z.boolean(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });

export const createdToken = token.extend({ token: z.string().meta({ description: 'The secret: shown only in this response' }) });

export const me = z.object({
  username: z.string().nullable().meta({ description: 'null for LOTLINE_ADMIN_TOKEN' }),
  role,
  via: z.enum(['session', 'token']),
  tokenId: z.string().nullable(),
  today: z.string().meta({ description: "The business's calendar date now (YYYY-MM-DD in LOTLINE_TIMEZONE): what days-left and this-month count from" }),
  timeZone: z.string(),
});

export const auditEntry = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actor: z.string().meta({ description: 'user:<name>, token:<id>, cli:<os user> or system' }),
    clientAddress: z.string().nullable(),
    entity: z.string(),
    entityId: z.string(),
    action: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEntry' });

export const accessErrors = (errorBody: z.ZodType) => ({ 401: errorBody, 403: errorBody });
