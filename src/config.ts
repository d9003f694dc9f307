import { fixedClock, systemClock, type AppConfig } from './app/context.js';

/** Runtime settings, all from the environment (secrets never live in files). */
export interface Config extends AppConfig {
  port: number;
  host: string;
  /** LOTLINE_ADMIN_TOKEN: an admin API token with exactly this value exists after start. */
  adminToken?: string;
  /** LOTLINE_SECURE_COOKIES: true, false or auto (Secure when the request came over https). */
  secureCookies: boolean | 'auto';
  /** LOTLINE_TRUST_PROXY=1: behind a reverse proxy, take the client address and https from X-Forwarded-*. */
  trustProxy: boolean;
  /** LOTLINE_WEB_ROOT: the built web UI to serve (default dist/web of this installation). */
  webRoot?: string;
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
    adminToken: env.LOTLINE_ADMIN_TOKEN || undefined,
    secureCookies: booleanSetting(env, 'LOTLINE_SECURE_COOKIES', ['auto']) ?? 'auto',
    trustProxy: booleanSetting(env, 'LOTLINE_TRUST_PROXY') === true,
    webRoot: env.LOTLINE_WEB_ROOT || undefined,
  };
}

function booleanSetting<E extends string>(env: NodeJS.ProcessEnv, name: string, extra: readonly E[] = []): boolean | E | undefined {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === '') return undefined;
  if (['1', 'true', 'yes'].includes(value)) return true;
  if (['0', 'false', 'no'].includes(value)) return false;
  if ((extra as readonly string[]).includes(value)) return value as E;
  throw new Error(`${name} must be true or false${extra.map((e) => ` or ${e}`).join('')} (got "${env[name]}")`);
}
