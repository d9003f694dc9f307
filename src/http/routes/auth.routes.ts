import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app/context.js';
import { login, logout, SESSION_HOURS } from '../../app/sessions.js';
import { actorOf, SESSION_COOKIE } from '../auth.js';
import { me, user } from '../schemas/auth.js';
import { errorBody, errorResponses } from '../schemas/common.js';

export interface CookieOptions {
  /** `auto`: Secure when the request came over https (as seen through a trusted proxy). */
  secure: boolean | 'auto';
}

/** Signing in and out of the web UI, and who the caller is. */
export const authRoutes =
  (app: App, cookies: CookieOptions): FastifyPluginAsyncZod =>
  async (server) => {
    server.post(
      '/auth/login',
      {
        // Slows password guessing per client address and username; login bodies are tiny.
        config: { rateLimit: { max: 10, timeWindow: '1 minute', keyGenerator: (request) => `${request.ip}|${(request.body as { username?: unknown } | undefined)?.username ?? ''}` } },
        bodyLimit: 16 * 1024,
        schema: {
          tags: ['authentication'],
          summary: 'Sign in: sets the httpOnly session cookie',
          body: z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) }),
          response: { 200: z.object({ user, expiresAt: z.string() }), 401: errorBody, 429: errorBody, ...errorResponses },
        },
      },
      async (request, reply) => {
        const session = await login(app, request.body);
        reply.setCookie(SESSION_COOKIE, session.id, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: cookies.secure === 'auto' ? request.protocol === 'https' : cookies.secure,
          maxAge: SESSION_HOURS * 3600,
        });
        return { user: session.user, expiresAt: session.expiresAt };
      },
    );
    server.post(
      '/auth/logout',
      { schema: { tags: ['authentication'], summary: 'Sign out: ends the session and clears its cookie', response: { 204: z.null(), 401: errorBody } } },
      async (request, reply) => {
        const actor = actorOf(request);
        if (actor.sessionIdHash) await logout(app, actor.sessionIdHash);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.code(204).send(null);
      },
    );
    server.get(
      '/auth/me',
      { schema: { tags: ['authentication'], summary: 'The signed-in user or token', response: { 200: me, 401: errorBody } } },
      async (request) => {
        const actor = actorOf(request);
        return {
          username: actor.username,
          role: actor.role,
          via: actor.tokenId ? ('token' as const) : ('session' as const),
          tokenId: actor.tokenId,
          // Clients count days left from the server's date, which a frozen clock (LOTLINE_NOW) or
          // another time zone can set apart from the browser's.
          today: app.today(),
          timeZone: app.timeZone,
        };
      },
    );
  };
