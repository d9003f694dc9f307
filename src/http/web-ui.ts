import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

// `vite build` writes the UI here; this file sits two levels below the repository root both as
// src/http/web-ui.ts (tests, tsx) and as dist/http/web-ui.js (the built server).
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/** Whether `path` belongs to the server (the API, its documentation, the health check) rather than the web app. */
export function isServerPath(path: string): boolean {
  return /^\/(api|health)(\/|$)/.test(path);
}

/** Whether `vite build` has written the UI into `root`. */
export function webUiBuilt(root = DEFAULT_WEB_ROOT): boolean {
  return existsSync(join(root, 'index.html'));
}

/** Answers a request no route matched, or returns undefined to leave it a 404. */
export type NotFoundFallback = (request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined;

/**
 * Serves the built web UI: hashed assets with a year-long cache, and, as the 404 fallback,
 * top-level files the build emits and index.html for every other GET path outside the API, so
 * deep links (`/lots/JAM/L1`) open the app, which routes on the client. The fallback rather than
 * a `/*` route keeps the API's own answers to unknown or malformed paths (401, 404, 414) intact.
 * Serves nothing when the UI has not been built (`npm run build:web`): the API works without it.
 */
export async function registerWebUi(server: FastifyInstance, root = DEFAULT_WEB_ROOT): Promise<NotFoundFallback | undefined> {
  if (!webUiBuilt(root)) return undefined;
  await server.register(fastifyStatic, { root, serve: false });
  server.get('/assets/*', { schema: { hide: true } }, (request, reply) => {
    const file = (request.params as { '*': string })['*'];
    return reply.sendFile(`assets/${file}`, { maxAge: '365d', immutable: true });
  });
  return (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    const path = request.url.split('?')[0]!;
    if (isServerPath(path) || path.startsWith('/assets/')) return undefined;
    const file = path.slice(1);
    if (/^[\w.-]+\.(svg|ico|png|txt|webmanifest)$/.test(file) && existsSync(join(root, file))) return reply.sendFile(file);
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  };
}
