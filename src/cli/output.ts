import Table from 'cli-table3';
import { DomainError } from '../domain/errors.js';

/** Where a command writes; the process's streams in production, buffers in tests. */
export interface CliIo {
  /** Writes one block of standard output; a newline is added. */
  out(text: string): void;
  /** Writes one block of standard error; a newline is added. */
  err(text: string): void;
  /** A terminal to draw progress bars on; absent when stderr is a pipe or a file, so logs stay clean. */
  progress?: NodeJS.WriteStream;
  /** Aborting it stops `serve`, as SIGINT or SIGTERM do (tests use it to stop the server). */
  stop?: AbortSignal;
}

export type Cell = string | number | null | undefined;
export type Align = 'left' | 'right';

// No colours: tables are often piped into files, mails and tickets.
const STYLE = { head: [], border: [] };

export interface TableOptions {
  /** Per column; numbers read better right-aligned. Default left. */
  align?: readonly Align[];
  /** Rules between rows: only worth their space when cells span several lines. */
  separators?: boolean;
}

/** A table with a header row. */
export function renderTable(head: readonly string[], rows: readonly (readonly Cell[])[], options: TableOptions = {}): string {
  const table = new Table({
    head: [...head],
    style: { ...STYLE, compact: !options.separators },
    colAligns: head.map((_, i) => options.align?.[i] ?? 'left'),
  });
  for (const row of rows) table.push(row.map((c) => c ?? ''));
  return table.toString();
}

/** A two-column table of labelled values, for one record. */
export function renderFields(fields: readonly (readonly [string, Cell])[]): string {
  const table = new Table({ style: { ...STYLE, compact: true } });
  for (const [label, value] of fields) table.push({ [label]: value ?? '—' });
  return table.toString();
}

/** JSON for scripts: the same shapes as the HTTP API. */
export function printJson(io: CliIo, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}

const quantityFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

/** A quantity with digit grouping (`12,480.5`); the API's numbers carry at most 6 decimals. */
export function formatQuantity(quantity: number): string {
  return quantityFormat.format(quantity);
}

/**
 * One line that says what went wrong, with no stack: domain errors keep their code (as the HTTP
 * API's `error.code`), so scripts can tell a conflict from a typo.
 */
export function describeError(error: unknown): string {
  const text = (() => {
    if (error instanceof DomainError) return `${error.code}: ${error.message}`;
    // pg reports a refused connection to "localhost" as an AggregateError with an empty message.
    if (error instanceof AggregateError && error.message === '' && error.errors.length > 0) return describeError(error.errors[0]);
    if (error instanceof Error) return error.message || (error as { code?: string }).code || error.name;
    return String(error);
  })();
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
