import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { App } from '../app/context.js';
import { ensureAdminToken } from '../app/tokens.js';
import { registerAuth } from './auth.js';
import { auditRoutes } from './routes/audit.routes.js';
import { authRoutes } from './routes/auth.routes.js';
import { tokenRoutes } from './routes/tokens.routes.js';
import { userRoutes } from './routes/users.routes.js';

export interface SecurityOptions {
  /** LOTLINE_ADMIN_TOKEN: made an admin API token with exactly this value at start. */
  adminToken?: string;
  /** The session cookie's Secure flag; `auto` (default) sets it for requests that came over https. */
  secureCookies?: boolean | 'auto';
}

/**
 * Response headers, the login rate limit and the authentication gate; registered before any
 * route so that every route, including the documentation's, is behind them.
 */
export async function registerSecurity(server: FastifyInstance, app: App, options: SecurityOptions): Promise<void> {
  if (options.adminToken) await ensureAdminToken(app, options.adminToken);
  await server.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        // Swagger UI loads its scripts from /api/docs/static, styles elements inline and draws
        // icons from data: URIs; the web UI is served from the same origin.
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        // Plain-http installs on a LAN must keep working; https deployments get HSTS instead.
        upgradeInsecureRequests: null,
      },
    },
  });
  // Only routes that ask for it (login) are limited; it runs after the body is parsed so the
  // limit can count per username as well as per address.
  await server.register(rateLimit, { global: false, hook: 'preHandler' });
  await registerAuth(server, app);
}

/** The sign-in, user, token and audit routes under the API prefix. */
export async function registerSecurityRoutes(server: FastifyInstance, app: App, prefix: string, options: SecurityOptions): Promise<void> {
  await server.register(authRoutes(app, { secure: options.secureCookies ?? 'auto' }), { prefix });
  await server.register(userRoutes(app), { prefix });
  await server.register(tokenRoutes(app), { prefix });
  await server.register(auditRoutes(app), { prefix });
}
