import { Option, type Command } from 'commander';
import { isEmptyDatabase } from '../../app/demo/seed.js';
import { buildServer } from '../../http/server.js';
import { renderDemoSummary, seedDemoWithProgress } from '../progress.js';
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
    .addOption(new Option('--log-level <level>', 'request log level').choices(LOG_LEVELS).default(ctx.env.LOG_LEVEL ?? 'info'))
    .action(async (opts: { port?: number; host?: string; demo?: boolean; logLevel: string }) => {
      const { io } = ctx;
      await withApp(ctx, async (app, config) => {
        if (opts.demo) {
          if (await isEmptyDatabase(app)) {
            io.out('seeding the demo data (an empty database)…');
            const { summary, seconds } = await seedDemoWithProgress(app, io, {});
            io.out(renderDemoSummary(summary));
            io.out(`demo seeded in ${seconds.toFixed(1)} s`);
          } else {
            // `npm start` runs `serve --demo` every time: a later start keeps what is there.
            io.out('the database already has data; not seeding the demo');
          }
        }
        const server = await buildServer(app, { logger: { level: opts.logLevel } });
        try {
          const url = await server.listen({ port: opts.port ?? config.port, host: opts.host ?? config.host });
          io.out(`Lotline is listening on ${url} (${app.store.dialect}); API docs at ${url}/api/docs`);
          const why = await stopRequested(io.stop);
          io.out(`${why}: shutting down`);
        } finally {
          await server.close();
        }
      });
    });
}
