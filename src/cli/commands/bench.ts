import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { sql } from 'kysely';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import { generateBench, type GenerateSummary } from '../../bench/generate.js';
import { markdownSection, resultRows, writeMarkdown } from '../../bench/report.js';
import { BENCH_PARTS, runBench, type BenchPart } from '../../bench/run.js';
import { createStore, type Dialect } from '../../store/db.js';
import { migrateToLatest } from '../../store/migrate.js';
import { printJson, renderTable, type CliIo } from '../output.js';
import { CliFailure, integerOption, type CommandContext } from '../runtime.js';

const DEFAULT_SIZE = 1_000_000;
const DEFAULT_SEED = 1;

function parseParts(value: string): BenchPart[] {
  const parts = value.split(',').map((p) => p.trim());
  const unknown = parts.filter((p) => !(BENCH_PARTS as readonly string[]).includes(p));
  if (unknown.length > 0 || parts.length === 0) throw new CliFailure(`--only takes a comma-separated list of ${BENCH_PARTS.join(', ')} (got "${value}")`);
  return parts as BenchPart[];
}

function parseDialect(value: string): Dialect {
  if (value !== 'sqlite' && value !== 'postgres') throw new CliFailure(`--db must be sqlite or postgres (got "${value}")`);
  return value;
}

/**
 * Where a benchmark database of a size lives: a SQLite file under ./data/bench, or a schema of the
 * PostgreSQL database named by LOTLINE_BENCH_POSTGRES_URL (or LOTLINE_TEST_POSTGRES_URL).
 */
async function benchUrl(ctx: CommandContext, dialect: Dialect, name: string, fresh: boolean): Promise<string> {
  if (dialect === 'sqlite') {
    const path = `./data/bench/${name}.db`;
    mkdirSync(dirname(path), { recursive: true });
    if (fresh) for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    return `sqlite:${path}`;
  }
  const base = ctx.env.LOTLINE_BENCH_POSTGRES_URL || ctx.env.LOTLINE_TEST_POSTGRES_URL;
  if (!base) throw new CliFailure('set LOTLINE_BENCH_POSTGRES_URL (or LOTLINE_TEST_POSTGRES_URL) to benchmark PostgreSQL');
  const schema = name.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    if (fresh) await client.query(`drop schema if exists ${schema} cascade`);
    await client.query(`create schema if not exists ${schema}`);
  } finally {
    await client.end();
  }
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

async function lotCount(url: string): Promise<number> {
  const store = createStore(url);
  try {
    await migrateToLatest(store);
    const row = await store.db.selectFrom('lots').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await store.close();
  }
}

async function generateWithProgress(io: CliIo, url: string, lots: number, seed: number): Promise<GenerateSummary> {
  const bar = io.progress ? new SingleBar({ stream: io.progress, format: 'generating [{bar}] {percentage}% | {value}/{total} lots | ETA {eta}s', hideCursor: true, clearOnComplete: true }) : undefined;
  bar?.start(lots, 0);
  try {
    return await generateBench(url, { lots, seed, onProgress: (done) => bar?.update(done) });
  } finally {
    bar?.stop();
  }
}

const summaryText = (s: GenerateSummary) =>
  `${s.lots} lots, ${s.events} events, ${s.lines} lines, ${s.links} links, ${s.balances} balances, ${s.hubLots} hub lots, rework depth ≤ ${s.maxReworkDepth}, ${s.from} … ${s.to}, generated in ${s.seconds.toFixed(0)} s`;

export function registerBench(program: Command, ctx: CommandContext): void {
  const bench = program.command('bench').description('the performance benchmark: generate a large ledger and measure traces, recalls, ingestion, FEFO and expiry');

  bench
    .command('generate')
    .description('generate a deterministic benchmark ledger into an empty database (LOTLINE_DATABASE_URL)')
    .option('--lots <n>', 'number of lots (about ten movement lines each)', integerOption(0, 100_000_000), DEFAULT_SIZE)
    .option('--seed <n>', 'random seed; the same seed and size give the same data', integerOption(0, 0xffff_ffff), DEFAULT_SEED)
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { lots: number; seed: number; json?: boolean }) => {
      const url = ctx.env.LOTLINE_DATABASE_URL;
      if (!url) throw new CliFailure('set LOTLINE_DATABASE_URL to the (empty) database to generate into');
      const summary = await generateWithProgress(ctx.io, url, opts.lots, opts.seed);
      if (opts.json) printJson(ctx.io, summary);
      else ctx.io.out(summaryText(summary));
    });

  bench
    .command('run')
    .description('measure on a benchmark database of --size lots (generated first when missing) and write docs/benchmarks.md')
    .option('--size <n>', 'lots in the benchmark ledger', integerOption(1000, 100_000_000), DEFAULT_SIZE)
    .option('--db <engine>', 'sqlite or postgres', 'sqlite')
    .option('--seed <n>', 'random seed of the generated data', integerOption(0, 0xffff_ffff), DEFAULT_SEED)
    .option('--fresh', 'generate the data again even if it exists')
    .option('--no-empty', 'skip the ingestion comparison against an empty database')
    .option('--out <file>', 'markdown file to write the results into', 'docs/benchmarks.md')
    .option('--only <parts>', `measure only some parts (${BENCH_PARTS.join(',')}); the results are printed, not written to --out`, parseParts)
    .action(async (opts: { size: number; db: string; seed: number; fresh?: boolean; empty: boolean; out: string; only?: BenchPart[] }) => {
      const dialect = parseDialect(opts.db);
      const { io } = ctx;
      const url = await benchUrl(ctx, dialect, `lotline_bench_${opts.size}`, opts.fresh === true);
      let generated: GenerateSummary | undefined;
      if ((await lotCount(url)) === 0) {
        io.err(`generating ${opts.size} lots into ${dialect} …`);
        generated = await generateWithProgress(io, url, opts.size, opts.seed);
        io.err(summaryText(generated));
      }
      let emptyUrl: string | undefined;
      if (opts.empty && (!opts.only || opts.only.includes('ingestion'))) {
        emptyUrl = await benchUrl(ctx, dialect, `lotline_bench_empty_${process.pid}`, true);
        await generateBench(emptyUrl, { lots: 0, seed: opts.seed });
      }
      try {
        const result = await runBench({ url, emptyUrl, parts: opts.only, log: (m) => io.err(m) });
        const rows = resultRows(result);
        io.out(renderTable(['Measure', 'Lotline', 'Baseline', 'Ratio', 'Target', 'Met'], rows));
        const engine = await engineVersion(url, dialect);
        const command = `npm run bench -- --size ${opts.size} --db ${dialect}`;
        const generate = generated ? `generated in ${generated.seconds.toFixed(0)} s` : undefined;
        if (opts.only) {
          io.err(`a run of some parts only: ${opts.out} left as it is`);
          return;
        }
        writeMarkdown(opts.out, `${dialect}-${opts.size}`, markdownSection(result, { command, engine, generate }));
        writeFileSync(`data/bench/result-${dialect}-${opts.size}.json`, `${JSON.stringify({ ...result, generated }, null, 2)}\n`);
        io.err(`results written to ${opts.out}`);
      } finally {
        if (emptyUrl) await dropBench(emptyUrl, dialect);
      }
    });
}

async function engineVersion(url: string, dialect: Dialect): Promise<string> {
  const store = createStore(url);
  try {
    const q = dialect === 'sqlite' ? sql<{ v: string }>`select 'SQLite ' || sqlite_version() as v` : sql<{ v: string }>`select version() as v`;
    return (await q.execute(store.db)).rows[0]!.v;
  } finally {
    await store.close();
  }
}

async function dropBench(url: string, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    const path = url.slice('sqlite:'.length);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    return;
  }
  const schema = new URL(url).searchParams.get('options')!.replace('-c search_path=', '');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}
