import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { userInfo } from 'node:os';
import { cliActor, runAs } from '../app/actor.js';
import { registerAudit } from './commands/audit.js';
import { registerAlerts } from './commands/alerts.js';
import { registerBench } from './commands/bench.js';
import { registerDemo } from './commands/demo.js';
import { registerEvents } from './commands/events.js';
import { registerExpiry } from './commands/expiry.js';
import { registerImport } from './commands/import.js';
import { registerLot } from './commands/lot.js';
import { registerMigrate } from './commands/migrate.js';
import { registerRecall } from './commands/recall.js';
import { registerServe } from './commands/serve.js';
import { registerStock } from './commands/stock.js';
import { registerToken } from './commands/token.js';
import { registerTrace } from './commands/trace.js';
import { registerUser } from './commands/user.js';
import { registerVerify } from './commands/verify.js';
import { registerWaste } from './commands/waste.js';
import { describeError, type CliIo } from './output.js';
import { CliFailure, type CommandContext } from './runtime.js';

// package.json sits two levels up from both src/cli and dist/cli.
const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

const COMMANDS: ((program: Command, ctx: CommandContext) => void)[] = [
  registerServe,
  registerMigrate,
  registerDemo,
  registerStock,
  registerImport,
  registerLot,
  registerEvents,
  registerTrace,
  registerRecall,
  registerExpiry,
  registerAlerts,
  registerWaste,
  registerVerify,
  registerUser,
  registerToken,
  registerAudit,
  registerBench,
];

const chomp = (text: string): string => text.replace(/\n$/, '');

/** The `lotline` command tree, writing to `io` and configured from `env`; nothing touches the process. */
export function buildProgram(io: CliIo, env: NodeJS.ProcessEnv = process.env): Command {
  const program = new Command('lotline')
    .description('Lot tracking and traceability: an immutable lot ledger with instant traces and recalls.\nConfigured by LOTLINE_DATABASE_URL (default sqlite:./data/lotline.db), PORT, HOST, LOTLINE_TIMEZONE, LOTLINE_NOW.')
    .version(version)
    // Commander must not exit the process (tests run in-process) …
    .exitOverride()
    // … and must write where the commands write, errors in the same one-line form.
    .configureOutput({
      writeOut: (text) => io.out(chomp(text)),
      writeErr: (text) => io.err(chomp(text)),
      outputError: (text, write) => write(`lotline: ${text.replace(/^error: /, '')}`),
    });
  const ctx: CommandContext = { io, env };
  for (const register of COMMANDS) register(program, ctx);
  return program;
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown'; // no passwd entry (e.g. an arbitrary container uid)
  }
}

function processIo(): CliIo {
  // `lotline stock | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  return {
    out: (text) => void process.stdout.write(`${text}\n`),
    err: (text) => void process.stderr.write(`${text}\n`),
    progress: process.stderr.isTTY ? process.stderr : undefined,
  };
}

/**
 * Runs one command line (without `node lotline`) and returns the exit code. Every failure is one
 * line on stderr, `lotline: <what went wrong>`; LOTLINE_DEBUG=1 adds the stack for bug reports.
 */
export async function run(argv: readonly string[], io: CliIo = processIo(), env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const program = buildProgram(io, env);
  try {
    // Whoever can run the CLI holds the database itself; events and audit entries name them.
    await runAs(cliActor(osUser()), () => program.parseAsync([...argv], { from: 'user' }));
    return 0;
  } catch (error) {
    // Commander has already printed its message (or the help or version).
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof CliFailure) {
      io.err(`lotline: ${error.message}`);
      return error.exitCode;
    }
    io.err(`lotline: ${describeError(error)}`);
    if (env.LOTLINE_DEBUG && error instanceof Error && error.stack) io.err(error.stack);
    return 1;
  }
}
