import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Recorded } from '../../app/event-writer.js';

/** The client's idempotency key, if it sent one. */
export function idempotencyKey(request: FastifyRequest): string | undefined {
  const value = request.headers['idempotency-key'];
  return Array.isArray(value) ? value[0] : value;
}

/** 201 for a new event, 200 with the original for a replayed idempotency key. */
export function sendRecorded(reply: FastifyReply, recorded: Recorded) {
  return reply.code(recorded.replayed ? 200 : 201).send(recorded.event);
}
