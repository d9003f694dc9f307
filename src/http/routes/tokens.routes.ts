import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app/context.js';
import { createToken, listTokens, revokeToken } from '../../app/tokens.js';
import { actorOf } from '../auth.js';
import { createdToken, role, token } from '../schemas/auth.js';
import { errorBody, errorResponses, page, pageQuery } from '../schemas/common.js';

/** Personal API tokens for integrations. */
export const tokenRoutes = (app: App): FastifyPluginAsyncZod => async (server) => {
  server.post(
    '/tokens',
    {
      schema: {
        tags: ['authentication'],
        summary: 'Create an API token (its secret is shown only in this response)',
        description: "The token's role may not exceed the creator's. Send it as Authorization: Bearer <token>.",
        body: z.strictObject({ name: z.string().min(1).max(100), role }),
        response: { 201: createdToken, 403: errorBody, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createToken(app, actorOf(request), request.body)),
  );
  server.get(
    '/tokens',
    { schema: { tags: ['authentication'], summary: "List tokens (an admin's: all; anyone else's: their own)", querystring: z.strictObject(pageQuery), response: { 200: page(token), ...errorResponses } } },
    async (request) => listTokens(app, actorOf(request), request.query),
  );
  server.delete(
    '/tokens/:id',
    { schema: { tags: ['authentication'], summary: 'Revoke a token', params: z.object({ id: z.string() }), response: { 200: token, ...errorResponses } } },
    async (request) => revokeToken(app, actorOf(request), request.params.id),
  );
};
