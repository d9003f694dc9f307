import { InvalidArgumentError } from 'commander';
import { openApp, type App } from '../app/context.js';
import { loadConfig, type Config } from '../config.js';
import type { CliIo } from './output.js';

/** What every command gets: where to write and the environment to read its configuration from. */
export interface CommandContext {
  io: CliIo;
  env: NodeJS.ProcessEnv;
}

/** A command that finished but must report failure: the message becomes `lotline: <message>`. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Opens the app configured by the environment for the duration of `fn`, and always closes it. */
export async function withApp<T>(ctx: CommandContext, fn: (app: App, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig(ctx.env);
  const app = await openApp(config);
  try {
    return await fn(app, config);
  } finally {
    await app.close();
  }
}

/** A commander argument parser for whole numbers within a range. */
export function integerOption(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
    }
    return n;
  };
}
