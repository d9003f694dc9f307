import type { FastifyInstance } from 'fastify';
import { Invalid } from '../domain/errors.js';

/** The dotted path of the first key or string value holding a NUL character, if any. */
function nulAt(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  // Binary bodies (uploads) are not text; walking their bytes would only cost time.
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (key.includes('\u0000')) return at;
    const found = nulAt(inner, at);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * PostgreSQL text cannot hold NUL, so a NUL in a code or text would fail deep inside a query as a
 * 500 there (and be stored on SQLite): refuse it as bad input up front, alike on both engines.
 */
export function registerInputGuard(server: FastifyInstance): void {
  server.addHook('preValidation', async (request) => {
    const path =
      nulAt(request.params, '') ??
      nulAt(request.query, '') ??
      nulAt(request.body, '') ??
      nulAt(request.headers['idempotency-key'], 'Idempotency-Key');
    if (path !== undefined) throw Invalid.at(path || 'body', 'must not contain the NUL character');
  });
}
