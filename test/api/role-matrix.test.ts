import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleAllows, ROLES, type Role } from '../../src/app/actor.js';
import { accessOf, hasPolicy, routesBehindGate } from '../../src/http/auth.js';
import { Api, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

/** Every operation the OpenAPI document publishes, with its path in Fastify's `:param` form. */
function operations(t: ApiTestContext): { method: string; path: string; route: string }[] {
  const doc = t.server.swagger() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => ({
      method: method.toUpperCase(),
      route: path.replace(/\{(\w+)\}/g, ':$1'),
      // Any value will do: the gate answers before the route looks anything up.
      path: path.replace(/\{\w+\}/g, 'x'),
    })),
  );
}

async function call(api: Api, method: string, path: string): Promise<number> {
  const hasBody = method === 'POST' || method === 'PUT';
  return (await api.request(method as 'GET', path, hasBody ? {} : undefined)).status;
}

describe('the role matrix over every route of the OpenAPI document', () => {
  let t: ApiTestContext;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    t = await openApiTest('sqlite');
    for (const role of ROLES) {
      const res = await t.api.post('/tokens', { name: `matrix ${role}`, role });
      expect(res.status).toBe(201);
      tokens.set(role, res.body.token);
    }
  });
  afterAll(() => t.close());

  it('gives every registered route an explicit policy (a new route without one fails here)', () => {
    const routes = routesBehindGate(t.api.server);
    expect(routes.length).toBeGreaterThan(60);
    const missing = routes.filter((r) => {
      const [method, url] = r.split(' ') as [string, string];
      return !hasPolicy(method, url);
    });
    expect(missing).toEqual([]);
  });

  it('denies a route missing from the table to everyone but admins', () => {
    expect(accessOf('POST', '/api/v1/some-future-route')).toBe('admin');
    expect(accessOf('GET', '/api/v1/some-future-route')).toBe('admin');
  });

  it('answers 401 to anonymous callers everywhere but the public routes', async () => {
    const anonymous = t.api.as(null);
    const open: string[] = [];
    for (const op of operations(t)) {
      const status = await call(anonymous, op.method, op.path);
      if (accessOf(op.method, op.route) === 'public') {
        expect(status, `${op.method} ${op.route}`).not.toBe(401);
        open.push(`${op.method} ${op.route}`);
      } else {
        expect(status, `${op.method} ${op.route}`).toBe(401);
      }
    }
    expect(open.sort()).toEqual(['GET /health', 'POST /api/v1/auth/login']);
  });

  it('answers 403 exactly where the role lacks the permission, and never 401 to a valid token', async () => {
    const seen: Record<string, Record<Role, number>> = {};
    for (const op of operations(t)) {
      const access = accessOf(op.method, op.route);
      for (const role of ROLES) {
        const status = await call(t.api.as(tokens.get(role)!), op.method, op.path);
        (seen[`${op.method} ${op.route}`] ??= {} as Record<Role, number>)[role] = status;
        const allowed = access === 'public' || access === 'authenticated' || roleAllows(role, access);
        const label = `${role} → ${op.method} ${op.route} (${access})`;
        if (allowed) {
          expect([401, 403, 500], label).not.toContain(status);
        } else {
          expect(status, label).toBe(403);
        }
      }
    }
    // Spot checks of the table itself, as the README documents it.
    expect(seen['POST /api/v1/receipts']).toMatchObject({ admin: 400, qa: 403, warehouse: 400, viewer: 403 });
    expect(seen['POST /api/v1/recalls']).toMatchObject({ admin: 400, qa: 400, warehouse: 403, viewer: 403 });
    expect(seen['GET /api/v1/users']).toMatchObject({ admin: 200, qa: 403, warehouse: 403, viewer: 403 });
    expect(seen['GET /api/v1/stock']).toMatchObject({ admin: 200, qa: 200, warehouse: 200, viewer: 200 });
  });

  it('keeps the API documentation public and the docs page under a restrictive CSP', async () => {
    const anonymous = t.api.as(null);
    expect((await anonymous.get('/api/openapi.json')).status).toBe(200);
    const page = await anonymous.get('/api/docs');
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(page.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });
});
