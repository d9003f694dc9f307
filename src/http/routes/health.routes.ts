import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app/context.js';

export const healthRoutes = (app: App): FastifyPluginAsyncZod => async (server) => {
  server.get(
    '/health',
    {
      schema: {
        tags: ['service'],
        summary: 'Liveness and database kind',
        response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['sqlite', 'postgres']) }) },
      },
    },
    async () => ({ status: 'ok' as const, db: app.store.dialect }),
  );
};
