import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe, with a prefix that tells secret scanners and people what it is. */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/**
 * SHA-256 of a high-entropy secret (session id or API token). A slow password hash would add
 * nothing here: 256 random bits cannot be guessed, and a fast digest keeps every request cheap.
 */
export function secretDigest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** An error the HTTP layer answers with `statusCode` and `code` (401/403), never a 5xx. */
export class AccessError extends Error {
  constructor(
    readonly statusCode: 401 | 403,
    readonly code: 'unauthorized' | 'forbidden',
    message: string,
  ) {
    super(message);
  }
}

export const unauthorized = (message = 'sign in or send an API token (Authorization: Bearer …)') => new AccessError(401, 'unauthorized', message);
export const forbidden = (message: string) => new AccessError(403, 'forbidden', message);
