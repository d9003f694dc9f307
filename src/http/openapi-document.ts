import { openApp } from '../app/context.js';
import { fixedClock } from '../app/context.js';
import { buildServer } from './server.js';

/**
 * The OpenAPI document the server publishes, built from an empty in-memory database: the web
 * UI's typed client is generated from it, and a test keeps the two in step.
 */
export async function openApiDocument(): Promise<unknown> {
  const app = await openApp({ databaseUrl: 'sqlite::memory:', clock: fixedClock('2026-01-01T00:00:00Z'), timeZone: 'UTC' });
  try {
    const server = await buildServer(app, { webRoot: false });
    try {
      return server.swagger();
    } finally {
      await server.close();
    }
  } finally {
    await app.close();
  }
}
