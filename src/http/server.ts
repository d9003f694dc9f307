import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App } from '../app/context.js';
import { frameworkErrors, registerErrorHandling, registerNotFound } from './errors.js';
import { registerInputGuard } from './input-guard.js';
import { registerSecurity, registerSecurityRoutes, type SecurityOptions } from './security.js';
import { epcisRoutes } from './routes/epcis.routes.js';
import { importRoutes } from './routes/imports.routes.js';
import { eventRoutes } from './routes/events.routes.js';
import { gs1Routes } from './routes/gs1.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { lotRoutes } from './routes/lots.routes.js';
import { masterDataRoutes } from './routes/master-data.routes.js';
import { orderRoutes } from './routes/orders.routes.js';
import { recallReportRoutes } from './routes/recall-report.routes.js';
import { recallRoutes } from './routes/recalls.routes.js';
import { regulatoryRoutes } from './routes/regulatory.routes.js';
import { traceRoutes } from './routes/trace.routes.js';
import { alertRoutes } from './routes/alerts.routes.js';
import { analyticsRoutes } from './routes/analytics.routes.js';
import { expiryRoutes } from './routes/expiry.routes.js';
import { webhookRoutes } from './routes/webhooks.routes.js';
import { registerWebUi } from './web-ui.js';

export const API_PREFIX = '/api/v1';

export interface ServerOptions extends SecurityOptions {
  logger?: FastifyServerOptions['logger'];
  /** Trust X-Forwarded-* from a reverse proxy (client address, https); off unless configured. */
  trustProxy?: boolean;
  /** The built web UI's folder; false serves no UI. Default: dist/web, when it has been built. */
  webRoot?: string | false;
}

/** Builds the HTTP server around an opened app; the caller listens (or injects, in tests). */
export async function buildServer(app: App, options: ServerOptions = {}): Promise<FastifyInstance> {
  const server = Fastify({ logger: options.logger ?? false, bodyLimit: 10 * 1024 * 1024, frameworkErrors, trustProxy: options.trustProxy ?? false }).withTypeProvider<ZodTypeProvider>();
  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(server);
  registerInputGuard(server);
  await registerSecurity(server, app, options);

  await server.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Lotline API', version: '1.0.0', description: 'Lot tracking and traceability: the immutable lot ledger, stock, traces and recalls.' },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await server.register(swaggerUi, { routePrefix: '/api/docs' });

  await server.register(healthRoutes(app));
  server.get('/api/openapi.json', { schema: { hide: true } }, async () => server.swagger());
  await registerSecurityRoutes(server, app, API_PREFIX, options);
  await server.register(masterDataRoutes(app), { prefix: API_PREFIX });
  await server.register(lotRoutes(app), { prefix: API_PREFIX });
  await server.register(eventRoutes(app), { prefix: API_PREFIX });
  await server.register(orderRoutes(app), { prefix: API_PREFIX });
  await server.register(gs1Routes(app), { prefix: API_PREFIX });
  await server.register(traceRoutes(app), { prefix: API_PREFIX });
  await server.register(recallRoutes(app), { prefix: API_PREFIX });
  await server.register(recallReportRoutes(app), { prefix: API_PREFIX });
  await server.register(expiryRoutes(app), { prefix: API_PREFIX });
  await server.register(alertRoutes(app), { prefix: API_PREFIX });
  await server.register(webhookRoutes(app), { prefix: API_PREFIX });
  await server.register(analyticsRoutes(app), { prefix: API_PREFIX });
  await server.register(epcisRoutes(app), { prefix: API_PREFIX });
  await server.register(importRoutes(app), { prefix: API_PREFIX });
  await server.register(regulatoryRoutes(app), { prefix: API_PREFIX });
  registerNotFound(server, options.webRoot === false ? undefined : await registerWebUi(server, options.webRoot));
  await server.ready();
  return server;
}
