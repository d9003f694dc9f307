import type { Command } from 'commander';
import { MAX_CUSTOMERS } from '../../app/demo/customers.js';
import { DEFAULT_DEMO_CUSTOMERS, DEFAULT_DEMO_DAYS, DEFAULT_DEMO_SEED, MAX_DEMO_DAYS } from '../../app/demo/seed.js';
import { printJson } from '../output.js';
import { renderDemoSummary, seedDemoWithProgress } from '../progress.js';
import { integerOption, withApp, type CommandContext } from '../runtime.js';

export function registerDemo(program: Command, ctx: CommandContext): void {
  program
    .command('demo')
    .description('seed an empty database with a strawberry-jam maker and a year of history ending today')
    .option('--seed <n>', 'random seed; the same seed on the same date gives the same data', integerOption(0, 0xffff_ffff), DEFAULT_DEMO_SEED)
    .option('--customers <n>', 'number of wholesale customers', integerOption(1, MAX_CUSTOMERS), DEFAULT_DEMO_CUSTOMERS)
    .option('--days <n>', 'days of history, ending yesterday', integerOption(1, MAX_DEMO_DAYS), DEFAULT_DEMO_DAYS)
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { seed: number; customers: number; days: number; json?: boolean }) => {
      await withApp(ctx, async (app) => {
        const { summary, seconds } = await seedDemoWithProgress(app, ctx.io, { seed: opts.seed, customers: opts.customers, days: opts.days });
        if (opts.json) return printJson(ctx.io, { ...summary, seconds });
        ctx.io.out(renderDemoSummary(summary));
        ctx.io.out(`demo seeded with seed ${summary.seed} in ${seconds.toFixed(1)} s`);
      });
    });
}
