import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { createStore } from '../../store/db.js';
import { migrateToLatest } from '../../store/migrate.js';
import { printJson } from '../output.js';
import type { CommandContext } from '../runtime.js';

export function registerMigrate(program: Command, ctx: CommandContext): void {
  program
    .command('migrate')
    .description('bring the database schema up to date (every command also does this on start)')
    .option('--json', 'print the applied migrations as JSON')
    .action(async (opts: { json?: boolean }) => {
      const config = loadConfig(ctx.env);
      // The store directly, not openApp: opening the app migrates silently, and this command's
      // whole point is to say which migrations ran.
      const store = createStore(config.databaseUrl);
      try {
        const applied = await migrateToLatest(store);
        if (opts.json) return printJson(ctx.io, { applied });
        if (applied.length === 0) ctx.io.out('the schema is up to date; no migrations to apply');
        for (const name of applied) ctx.io.out(`applied ${name}`);
      } finally {
        await store.close();
      }
    });
}
