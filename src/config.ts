import { fixedClock, systemClock, type AppConfig } from './app/context.js';

/** Runtime settings, all from the environment (secrets never live in files). */
export interface Config extends AppConfig {
  port: number;
  host: string;
}

export const DEFAULT_DATABASE_URL = 'sqlite:./data/lotline.db';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be a port number (got "${env.PORT}")`);
  const now = env.LOTLINE_NOW;
  if (now !== undefined && Number.isNaN(Date.parse(now))) throw new Error(`LOTLINE_NOW must be an ISO 8601 time (got "${now}")`);
  return {
    databaseUrl: env.LOTLINE_DATABASE_URL || DEFAULT_DATABASE_URL,
    port,
    host: env.HOST || '127.0.0.1',
    timeZone: env.LOTLINE_TIMEZONE || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    // A frozen clock makes demos, screenshots and browser tests reproducible on any date.
    clock: now ? fixedClock(now) : systemClock,
  };
}
