import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.js';
import { openTestApp, TEST_ADMIN_TOKEN, type TestContext } from '../helpers/test-app.js';

const INDEX = '<!doctype html><title>Lotline</title><div id="root"></div>';

describe('the web UI served at /', () => {
  let ctx: TestContext;
  let server: FastifyInstance;
  let root: string;
  const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'lotline-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), INDEX);
    writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log("app")');
    writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    ctx = await openTestApp('sqlite');
    server = await buildServer(ctx.app, { adminToken: TEST_ADMIN_TOKEN, webRoot: root });
  });
  afterAll(async () => {
    await server.close();
    await ctx.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves the app to anonymous visitors at / and on every deep link, never cached', async () => {
    for (const url of ['/', '/lots/JAM-500/L%2F2026%2F01', '/recalls/0193?x=1']) {
      const res = await server.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toBe(INDEX);
    }
  });

  it('serves hashed assets with a long immutable cache, and 404s a missing one', async () => {
    const res = await server.inject({ url: '/assets/index-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('javascript');
    expect(res.headers['cache-control']).toContain('immutable');
    expect((await server.inject({ url: '/assets/missing.js' })).statusCode).toBe(404);
    expect((await server.inject({ url: '/assets/..%2F..%2Fpackage.json' })).statusCode).not.toBe(200);
  });

  it('serves top-level files the build emits', async () => {
    const res = await server.inject({ url: '/favicon.svg' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('image/svg+xml');
  });

  it('keeps the API out of the app: unknown API paths answer 401 anonymously and a JSON 404 when signed in', async () => {
    const anonymous = await server.inject({ url: '/api/v1/no-such-thing' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('unauthorized');
    const signedIn = await server.inject({ url: '/api/v1/no-such-thing', headers: auth });
    expect(signedIn.statusCode).toBe(404);
    expect(signedIn.json().error).toMatchObject({ code: 'not_found', message: 'no route GET /api/v1/no-such-thing' });
    expect((await server.inject({ url: '/health' })).json()).toEqual({ status: 'ok', db: 'sqlite' });
    // The app's files are public, but what they show still needs a sign-in.
    expect((await server.inject({ url: '/api/v1/lots' })).statusCode).toBe(401);
    // The router's own answers stay the API's: an over-long path segment is still a 414.
    expect((await server.inject({ url: `/api/v1/items/${'x'.repeat(500)}`, headers: auth })).statusCode).toBe(414);
    // Only reading is the app's: an unknown POST outside the API is not served a page.
    expect((await server.inject({ method: 'POST', url: '/lots' })).statusCode).toBe(401);
  });

  it('sends the security headers with the app too', async () => {
    const res = await server.inject({ url: '/' });
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves no UI when it has not been built: a plain 404, the API unchanged', async () => {
    const bare = await buildServer(ctx.app, { webRoot: join(root, 'nowhere') });
    try {
      const res = await bare.inject({ url: '/' });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
      expect((await bare.inject({ url: '/api/v1/lots' })).statusCode).toBe(401);
    } finally {
      await bare.close();
    }
  });
});
