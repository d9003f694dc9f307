import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { IMPORT_KINDS, importFile, isImportKind, type ImportResult } from '../../app/imports/imports.js';
import { detectFormat, type RowProblem } from '../../app/imports/table.js';
import { DomainError } from '../../domain/errors.js';
import { describeError, printJson, renderFields } from '../output.js';
import { CliFailure, withApp, type CommandContext } from '../runtime.js';

/** How many row problems a failed import prints under its one-line summary. */
const SHOWN_PROBLEMS = 10;

function isRowProblem(d: unknown): d is RowProblem {
  return typeof d === 'object' && d !== null && typeof (d as RowProblem).row === 'number';
}

function failure(error: unknown): CliFailure {
  const lines = [`import: ${describeError(error)}`];
  if (error instanceof DomainError) {
    const problems = (error.details as unknown[]).filter(isRowProblem);
    for (const p of problems.slice(0, SHOWN_PROBLEMS)) lines.push(`  row ${p.row}${p.column ? `, ${p.column}` : ''}: ${p.message}`);
    if (problems.length > SHOWN_PROBLEMS) lines.push(`  … and ${problems.length - SHOWN_PROBLEMS} more`);
  }
  return new CliFailure(lines.join('\n'));
}

export function registerImport(program: Command, ctx: CommandContext): void {
  program
    .command('import')
    .description(`import ${IMPORT_KINDS.join(', ')} from a CSV or XLSX file, all or nothing (columns as the API fields; see GET /api/v1/imports/<kind>/template)`)
    .argument('<kind>', IMPORT_KINDS.join(' | '))
    .argument('<file>', 'a .csv or .xlsx file whose first row names the columns')
    .option('--json', 'print the result as JSON')
    .action(async (kind: string, file: string, opts: { json?: boolean }) => {
      if (!isImportKind(kind)) throw new CliFailure(`import: kind must be one of ${IMPORT_KINDS.join(', ')} (got "${kind}")`);
      let body: Buffer;
      try {
        body = await readFile(file);
      } catch (error) {
        throw new CliFailure(`import: cannot read ${file}: ${describeError(error)}`);
      }
      const { io } = ctx;
      const bar = io.progress
        ? new SingleBar({ stream: io.progress, format: `importing ${kind} [{bar}] {value}/{total} rows`, hideCursor: true, clearOnComplete: true })
        : undefined;
      let result: ImportResult;
      try {
        result = await withApp(ctx, (app) =>
          importFile(app, kind, body, detectFormat(body, file), {
            onProgress: (done, total) => {
              if (!bar) return;
              if (done <= 1 || !bar.isActive) bar.start(total, 0);
              bar.update(done);
            },
          }),
        );
      } catch (error) {
        if (error instanceof DomainError) throw failure(error);
        throw error;
      } finally {
        bar?.stop();
      }
      if (opts.json) return printJson(io, result);
      io.out(
        renderFields([
          ['File', file],
          ['Kind', result.kind],
          ['Rows', result.rows],
          [result.kind === 'stock' ? 'Lots in stock' : 'Created', result.created],
          ...(result.events === undefined ? [] : [['Receipts', result.events] as [string, number]]),
        ]),
      );
    });
}
