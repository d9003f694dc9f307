import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AccessError } from '../app/secrets.js';
import { DomainError, type ErrorDetail } from '../domain/errors.js';

const STATUS: Record<DomainError['code'], number> = { invalid_request: 400, not_found: 404, conflict: 409 };

function send(reply: { code(n: number): { send(b: unknown): unknown } }, status: number, code: string, message: string, details?: ErrorDetail[]) {
  return reply.code(status).send({ error: { code, message, ...(details && details.length > 0 ? { details } : {}) } });
}

/** `/lines/0/quantity` → `lines.0.quantity`; headers and query names stand alone. */
function dotted(instancePath: string, context: string | undefined): string {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  return path || context || '';
}

/**
 * The one place errors become responses: domain errors keep their code, schema failures become
 * 400 with every field named, and nothing internal (stack, SQL) ever reaches a client.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) return send(reply, STATUS[error.code], error.code, error.message, error.details);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({
        path: dotted(v.instancePath, error.validationContext),
        message: v.message ?? 'is invalid',
      }));
      const message = details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; ');
      return send(reply, 400, 'invalid_request', message, details);
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return send(reply, 415, 'unsupported_media_type', 'send JSON with Content-Type: application/json');
    }
    if (error instanceof AccessError) return send(reply, error.statusCode, error.code, error.message);
    if (error.statusCode === 429) return send(reply, 429, 'rate_limited', 'too many attempts; wait a minute and try again');
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(reply, 413, 'payload_too_large', 'request body is too large');
    const status = error.statusCode ?? 500;
    if (status < 500) {
      return send(reply, status, status === 404 ? 'not_found' : 'invalid_request', error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, 500, 'internal', 'internal error; the request was not recorded');
  });
}

/** 404 for anything no route matched, unless `fallback` (the web UI) answers it. */
export function registerNotFound(app: FastifyInstance, fallback?: (request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined): void {
  app.setNotFoundHandler((request, reply) => fallback?.(request, reply) ?? send(reply, 404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`));
}

/**
 * Errors the router raises before any route runs (a malformed percent-encoding, an over-long path
 * segment): Fastify's own body for them is not the contract's error shape.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  send(reply, error.statusCode ?? 400, 'invalid_request', error.message);
}
