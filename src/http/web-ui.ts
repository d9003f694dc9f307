import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { unauthorized } from '../app/secrets.js';
import { NotFound } from '../domain/errors.js';

// `vite build` writes the UI here; this file sits two levels below the repository root both as
// src/http/web-ui.ts (tests, tsx) and as dist/http/web-ui.js (the built server).
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/** The paths the single-page app never owns: the API, its documentation and the health check. */
const SERVER_PATHS = /^\/(api(\/|$)|health(\/|$))/;

/** Whether `vite build` has written the UI into `root`. */
export function webUiBuilt(root = DEFAULT_WEB_ROOT): boolean {
  return existsSync(join(root, 'index.html'));
}

/**
 * Serves the built web UI: hashed assets with a year-long cache, other files as they are, and
 * index.html for every other GET path so that deep links (`/lots/JAM/L1`) open the app, which
 * routes on the client. Unknown API paths keep their JSON 404 (401 to anonymous callers).
 * Serves nothing when the UI has not been built (`npm run build:web`): the API works without it.
 */
export async function registerWebUi(server: FastifyInstance, root = DEFAULT_WEB_ROOT): Promise<void> {
  if (!webUiBuilt(root)) return;
  await server.register(fastifyStatic, { root, serve: false });
  server.get('/assets/*', { schema: { hide: true } }, (request, reply) => {
    const file = (request.params as { '*': string })['*'];
    return reply.sendFile(`assets/${file}`, { maxAge: '365d', immutable: true });
  });
  server.get('/*', { schema: { hide: true } }, (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (SERVER_PATHS.test(path)) {
      if (!request.actor) throw unauthorized();
      throw new NotFound(`no route ${request.method} ${path}`);
    }
    const file = (request.params as { '*': string })['*'];
    // Top-level files the build emits (favicon, robots.txt) are served; anything else is the app.
    if (/^[\w.-]+\.(svg|ico|png|txt|webmanifest)$/.test(file) && existsSync(join(root, file))) return reply.sendFile(file);
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  });
}
