import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roleAllows, runAs, SYSTEM_ACTOR, type Actor, type Permission } from '../app/actor.js';
import type { App } from '../app/context.js';
import { AccessError, forbidden, unauthorized } from '../app/secrets.js';
import { actorOfSession } from '../app/sessions.js';
import { actorOfToken } from '../app/tokens.js';
import { isServerPath } from './web-ui.js';

export const SESSION_COOKIE = 'lotline_session';

/** Who may call a route: anyone, any signed-in caller, or a caller whose role grants a permission. */
export type Access = 'public' | 'authenticated' | Permission;

/**
 * The minimum access of every route, by method and Fastify route pattern. A route missing here is
 * admin-only (deny by default), and a test fails for it, so a new route is never open by accident.
 * GET is reading (viewer); recording what physically happened is warehouse work; decisions about
 * stock that is bad or suspect (holds, recalls, write-offs, corrections, alerts) are QA's; master
 * data, outbound webhooks (secrets, URLs the server calls), users and the audit trail are admin's.
 */
export const POLICY: Readonly<Record<string, Access>> = {
  // The static web UI is only files, and it signs in through /auth/login like any client.
  'GET /assets/*': 'public',
  'GET /health': 'public',
  'GET /api/openapi.json': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': 'authenticated',
  'GET /api/v1/auth/me': 'authenticated',
  // Personal tokens: anyone signed in manages their own (an admin sees and revokes all).
  'POST /api/v1/tokens': 'authenticated',
  'GET /api/v1/tokens': 'authenticated',
  'DELETE /api/v1/tokens/:id': 'authenticated',
  'POST /api/v1/users': 'admin',
  'GET /api/v1/users': 'admin',
  'POST /api/v1/users/:username/disable': 'admin',
  'GET /api/v1/audit': 'admin',

  'POST /api/v1/items': 'admin',
  'GET /api/v1/items': 'read',
  'GET /api/v1/items/:sku': 'read',
  'POST /api/v1/parties': 'admin',
  'GET /api/v1/parties': 'read',
  'GET /api/v1/parties/:code': 'read',
  'POST /api/v1/locations': 'admin',
  'GET /api/v1/locations': 'read',
  'GET /api/v1/locations/:code': 'read',
  'GET /api/v1/items/:sku/alert-thresholds': 'read',
  'PUT /api/v1/items/:sku/alert-thresholds': 'admin',
  'DELETE /api/v1/items/:sku/alert-thresholds': 'admin',

  'GET /api/v1/lots': 'read',
  'GET /api/v1/lots/:sku/:lot': 'read',
  'POST /api/v1/lots/:sku/:lot/hold': 'qa',
  'POST /api/v1/lots/:sku/:lot/release': 'qa',
  'GET /api/v1/stock': 'read',

  'POST /api/v1/receipts': 'warehouse',
  'POST /api/v1/productions': 'warehouse',
  'POST /api/v1/shipments': 'warehouse',
  // A plan records nothing, but it is part of shipping: whoever may ship may ask what would go.
  'POST /api/v1/shipments/plan': 'warehouse',
  'POST /api/v1/transfers': 'warehouse',
  'POST /api/v1/returns': 'warehouse',
  'POST /api/v1/supplier-returns': 'warehouse',
  // A count correction changes stock without a movement document behind it: QA signs it off.
  'POST /api/v1/adjustments': 'qa',
  'POST /api/v1/write-offs': 'qa',
  'POST /api/v1/write-offs/expired': 'qa',
  'POST /api/v1/events/:id/reverse': 'qa',
  'GET /api/v1/events': 'read',
  'GET /api/v1/events/:id': 'read',

  'POST /api/v1/purchase-orders': 'warehouse',
  'GET /api/v1/purchase-orders': 'read',
  'GET /api/v1/purchase-orders/:id': 'read',
  'POST /api/v1/purchase-orders/:id/receive': 'warehouse',
  'POST /api/v1/sales-orders': 'warehouse',
  'GET /api/v1/sales-orders': 'read',
  'GET /api/v1/sales-orders/:id': 'read',
  'POST /api/v1/sales-orders/:id/allocate': 'warehouse',
  'GET /api/v1/sales-orders/:id/pick-list': 'read',
  'POST /api/v1/sales-orders/:id/ship': 'warehouse',
  'POST /api/v1/sales-orders/:id/cancel': 'warehouse',
  'POST /api/v1/recipes': 'warehouse',
  'GET /api/v1/recipes/:sku': 'read',
  'POST /api/v1/production-orders': 'warehouse',
  'GET /api/v1/production-orders': 'read',
  'GET /api/v1/production-orders/:id': 'read',
  'POST /api/v1/production-orders/:id/complete': 'warehouse',
  'POST /api/v1/production-orders/:id/cancel': 'warehouse',

  // Parsing a scan reads nothing and changes nothing.
  'POST /api/v1/gs1/parse': 'read',
  'GET /api/v1/labels/:sku/:lot': 'read',
  'GET /api/v1/trace/:sku/:lot': 'read',
  // EPCIS 2.0: capture records what physically happened (warehouse work); queries read.
  'POST /api/v1/epcis/capture': 'warehouse',
  'GET /api/v1/epcis/events': 'read',
  'GET /api/v1/lots/:sku/:lot/epcis': 'read',
  'GET /api/v1/exports/fsma204': 'read',
  'GET /api/v1/shipments/:id/dscsa': 'read',

  'POST /api/v1/recalls': 'qa',
  'GET /api/v1/recalls': 'read',
  'GET /api/v1/recalls/:id': 'read',
  'POST /api/v1/recalls/:id/customers/:code/notified': 'qa',
  'POST /api/v1/recalls/:id/customers/:code/acknowledged': 'qa',
  'POST /api/v1/recalls/:id/close': 'qa',
  'GET /api/v1/recalls/:id/report': 'read',

  'GET /api/v1/expiry': 'read',
  'GET /api/v1/analytics/waste': 'read',
  'POST /api/v1/alerts/run': 'qa',
  'GET /api/v1/alerts': 'read',
  'POST /api/v1/alerts/:id/acknowledge': 'qa',
  'POST /api/v1/webhooks': 'admin',
  'GET /api/v1/webhooks': 'admin',
  'GET /api/v1/webhooks/:id': 'admin',
  'DELETE /api/v1/webhooks/:id': 'admin',
  'GET /api/v1/webhooks/:id/deliveries': 'admin',
  // Imports: master data is admin's, opening stock is recorded like any receipt (warehouse).
  'POST /api/v1/imports/items': 'admin',
  'POST /api/v1/imports/parties': 'admin',
  'POST /api/v1/imports/locations': 'admin',
  'POST /api/v1/imports/stock': 'warehouse',
  'GET /api/v1/imports/:kind/template': 'read',
  'GET /api/v1/exports/stock': 'read',
  'GET /api/v1/exports/ledger': 'read',
};

// The interactive API documentation describes the API and holds no data: public, like
// /api/openapi.json. Its plugin registers a dozen static routes under this prefix.
const DOCS_PREFIX = '/api/docs';

/**
 * The access a route needs: its policy entry, public docs, or admin (deny by default). `path` is
 * the request's path, for requests no route matched (`url` undefined).
 */
export function accessOf(method: string, url: string | undefined, path = ''): Access {
  if (url === undefined) {
    // Pages of the web app are its files (the 404 fallback serves them); elsewhere any signed-in
    // caller may learn it is a 404, and anonymous callers learn nothing.
    return (method === 'GET' || method === 'HEAD') && !isServerPath(path) ? 'public' : 'authenticated';
  }
  if (url === DOCS_PREFIX || url.startsWith(`${DOCS_PREFIX}/`)) return 'public';
  return POLICY[`${method === 'HEAD' ? 'GET' : method} ${url}`] ?? 'admin';
}

/** Whether the route has an explicit policy (or is documentation): what the policy test walks. */
export function hasPolicy(method: string, url: string): boolean {
  return url === DOCS_PREFIX || url.startsWith(`${DOCS_PREFIX}/`) || `${method === 'HEAD' ? 'GET' : method} ${url}` in POLICY;
}

// Every route registered behind the gate, per server: what the policy test walks.
const registered = new WeakMap<FastifyInstance, string[]>();

/** `METHOD url` of every route registered after the gate (all of them), for the policy test. */
export function routesBehindGate(server: FastifyInstance): readonly string[] {
  return registered.get(server) ?? [];
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling; undefined on public routes called anonymously. */
    actor?: Actor;
  }
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  // A malformed Authorization header is a failed sign-in, not an anonymous call.
  return match ? match[1]! : '';
}

async function authenticate(app: App, request: FastifyRequest): Promise<Actor | undefined> {
  const token = bearer(request);
  if (token !== undefined) {
    const actor = token === '' ? undefined : await actorOfToken(app, token, request.ip);
    if (!actor) throw unauthorized('the API token is unknown or revoked');
    return actor;
  }
  const session = request.cookies[SESSION_COOKIE];
  if (session) return actorOfSession(app, session, request.ip);
  return undefined;
}

function sendAccessError(reply: FastifyReply, error: AccessError) {
  return reply.code(error.statusCode).send({ error: { code: error.code, message: error.message } });
}

/**
 * The one gate in front of every route: identifies the caller by bearer token or session cookie,
 * then checks the route's policy — 401 without a valid identity, 403 with a role that may not
 * act. It runs before the body is read, so refused requests cost no parsing.
 */
export async function registerAuth(server: FastifyInstance, app: App): Promise<void> {
  await server.register(cookie);
  const routes: string[] = [];
  registered.set(server, routes);
  server.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push(`${method} ${route.url}`);
  });
  server.addHook('onRequest', async (request, reply) => {
    const access = accessOf(request.method, request.routeOptions.url, request.url.split('?')[0]);
    try {
      const actor = await authenticate(app, request);
      if (access === 'public') {
        request.actor = actor;
        return;
      }
      if (!actor) throw unauthorized();
      if (access !== 'authenticated' && !roleAllows(actor.role, access)) {
        throw forbidden(`role ${actor.role} may not ${request.method} ${request.routeOptions.url}; it needs ${access}`);
      }
      request.actor = actor;
    } catch (error) {
      // A public route stays reachable even with a stale cookie or token (e.g. signing in again).
      if (error instanceof AccessError && access === 'public') return;
      if (error instanceof AccessError) return sendAccessError(reply, error);
      throw error;
    }
  });
  // The actor is bound for the handler only after the body is parsed: body parsing runs in the
  // socket's async context, which would lose an AsyncLocalStorage context set earlier.
  // An anonymous caller of a public route is bound too, so it never inherits the context the
  // server was started in (e.g. the CLI user running `lotline serve`).
  server.addHook('preHandler', (request, _reply, done) => {
    runAs(request.actor ?? { ...SYSTEM_ACTOR, label: 'anonymous', role: 'viewer', clientAddress: request.ip }, done);
  });
}

/** The authenticated caller of a route behind the gate. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}
