import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app/context.js';
import { createUser, disableUser, listUsers, MIN_PASSWORD_LENGTH } from '../../app/users.js';
import { role, user } from '../schemas/auth.js';
import { errorResponses, page, pageQuery } from '../schemas/common.js';

/** User administration (admin only, by the central policy). */
export const userRoutes = (app: App): FastifyPluginAsyncZod => async (server) => {
  server.post(
    '/users',
    {
      schema: {
        tags: ['authentication'],
        summary: 'Create a user',
        body: z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(MIN_PASSWORD_LENGTH).max(1024), role }),
        response: { 201: user, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createUser(app, request.body)),
  );
  server.get(
    '/users',
    { schema: { tags: ['authentication'], summary: 'List users', querystring: z.strictObject(pageQuery), response: { 200: page(user), ...errorResponses } } },
    async (request) => listUsers(app, request.query),
  );
  server.post(
    '/users/:username/disable',
    { schema: { tags: ['authentication'], summary: 'Disable a user: ends their sessions, stops their tokens', params: z.object({ username: z.string() }), response: { 200: user, ...errorResponses } } },
    async (request) => disableUser(app, request.params.username),
  );
};
