import { Option, type Command } from 'commander';
import { startAlertScheduler } from '../../app/alerts.js';
import { isEmptyDatabase } from '../../app/demo/seed.js';
import { startWebhookDispatcher } from '../../app/webhooks.js';
import { buildServer } from '../../http/server.js';
import { webUiBuilt } from '../../http/web-ui.js';
import { renderDemoSummary, seedDemoWithProgress } from '../progress.js';
import { announceSignIns } from '../sign-ins.js';
import { integerOption, withApp, type CommandContext } from '../runtime.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Resolves with the reason once the process is asked to stop, then stops listening for it. */
function stopRequested(abort: AbortSignal | undefined): Promise<string> {
  return new Promise((resolve) => {
    const done = (why: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      abort?.removeEventListener('abort', onAbort);
      resolve(why);
    };
    const onInt = () => done('SIGINT');
    const onTerm = () => done('SIGTERM');
    const onAbort = () => done('stop requested');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
    if (abort?.aborted) done('stop requested');
    else abort?.addEventListener('abort', onAbort, { once: true });
  });
}

export function registerServe(program: Command, ctx: CommandContext): void {
  program
    .command('serve')
    .description('run the HTTP API on one port until SIGINT or SIGTERM')
    .option('--port <n>', 'port to listen on; 0 picks a free one (default: $PORT or 3000)', integerOption(0, 65_535))
    .option('--host <host>', 'interface to listen on (default: $HOST or 127.0.0.1)')
    .option('--demo', 'seed the demo data first, if the database is still empty')
    .option('--no-background', 'do not run the daily alert scheduler and the webhook dispatcher in this process')
    .addOption(new Option('--log-level <level>', 'request log level').choices(LOG_LEVELS).default(ctx.env.LOG_LEVEL ?? 'info'))
    .action(async (opts: { port?: number; host?: string; demo?: boolean; background: boolean; logLevel: string }) => {
      const { io } = ctx;
      await withApp(ctx, async (app, config) => {
        let demoSeeded = false;
        if (opts.demo) {
          if (await isEmptyDatabase(app)) {
            demoSeeded = true;
            io.out('seeding the demo data (an empty database)…');
            const { summary, seconds } = await seedDemoWithProgress(app, io, {});
            io.out(renderDemoSummary(summary));
            io.out(`demo seeded in ${seconds.toFixed(1)} s`);
          } else {
            // `npm start` runs `serve --demo` every time: a later start keeps what is there.
            io.out('the database already has data; not seeding the demo');
          }
        }
        await announceSignIns(app, io, demoSeeded);
        const server = await buildServer(app, {
          logger: { level: opts.logLevel },
          adminToken: config.adminToken,
          secureCookies: config.secureCookies,
          trustProxy: config.trustProxy,
          webRoot: config.webRoot,
        });
        // Alerts fire on a daily schedule and webhooks go out from a queue; with several processes
        // on one PostgreSQL database each may run both (runs take turns, deliveries are claimed).
        const log = server.log;
        const stopAlerts = opts.background
          ? startAlertScheduler(app, { onRun: (run) => log.info({ raised: run.raised.length }, 'expiry alerts evaluated'), onError: (err) => log.error({ err }, 'alert evaluation failed') })
          : undefined;
        const stopWebhooks = opts.background ? startWebhookDispatcher(app, { onError: (err) => log.error({ err }, 'webhook delivery round failed') }) : undefined;
        try {
          const url = await server.listen({ port: opts.port ?? config.port, host: opts.host ?? config.host });
          io.out(`Lotline is listening on ${url} (${app.store.dialect}); API docs at ${url}/api/docs`);
          io.out(webUiBuilt(config.webRoot) ? `web UI: open ${url}/ in a browser` : 'the web UI is not built (npm run build:web); the API works without it');
          const why = await stopRequested(io.stop);
          io.out(`${why}: shutting down`);
        } finally {
          stopAlerts?.();
          await stopWebhooks?.();
          await server.close();
        }
      });
    });
}
