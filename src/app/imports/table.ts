import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { Invalid, type ErrorDetail } from '../../domain/errors.js';

/** The two spreadsheet formats Lotline reads and writes. */
export type TableFormat = 'csv' | 'xlsx';

export const CONTENT_TYPES: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** One problem with an imported file, where the user sees it: spreadsheet row (header = 1) and column. */
export interface RowProblem {
  row: number;
  column: string;
  message: string;
}

/** One data row: its spreadsheet row number and its non-empty cells by header name, as text. */
export interface TableRow {
  row: number;
  cells: Record<string, string>;
}

export interface Table {
  headers: string[];
  rows: TableRow[];
}

/** The 400 an import answers with: every bad row and column named, nothing imported. */
export function importInvalid(problems: RowProblem[]): Invalid {
  const sorted = [...problems].sort((a, b) => a.row - b.row);
  const first = sorted[0]!;
  const message = `${sorted.length} problem${sorted.length === 1 ? '' : 's'} in the file, nothing was imported; first: row ${first.row}, ${first.column}: ${first.message}`;
  // The contract's details for imports are {row, column, message} rather than {path, message}.
  return new Invalid(message, sorted as unknown as ErrorDetail[]);
}

/** The format a file is in: from its name or content type, else from its first bytes (XLSX is a ZIP). */
export function detectFormat(body: Buffer, hint?: string): TableFormat {
  const h = (hint ?? '').toLowerCase();
  if (h.endsWith('.xlsx') || h.includes('spreadsheetml')) return 'xlsx';
  if (h.endsWith('.csv') || h.includes('text/csv')) return 'csv';
  return body.subarray(0, 2).toString('latin1') === 'PK' ? 'xlsx' : 'csv';
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Excel dates carry no zone; a whole day is a date, anything else an ISO time.
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'object') {
    if ('result' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String((value as { text: unknown }).text);
    if ('error' in value) return '';
  }
  return String(value);
}

function toTable(matrix: string[][]): Table {
  const [head = [], ...body] = matrix;
  const headers = head.map((h) => h.trim());
  const problems: RowProblem[] = [];
  const seen = new Set<string>();
  headers.forEach((h, i) => {
    if (h === '') return;
    if (seen.has(h)) problems.push({ row: 1, column: h, message: `column appears twice (column ${i + 1})` });
    seen.add(h);
  });
  if (headers.every((h) => h === '')) problems.push({ row: 1, column: '', message: 'the first row must name the columns' });
  if (problems.length > 0) throw importInvalid(problems);
  const rows: TableRow[] = [];
  body.forEach((values, i) => {
    const cells: Record<string, string> = {};
    values.forEach((v, c) => {
      const name = headers[c];
      const text = (v ?? '').trim();
      if (name && text !== '') cells[name] = text;
    });
    // Blank lines (and rows of empty cells) are skipped but still counted, as the spreadsheet shows them.
    if (Object.keys(cells).length > 0) rows.push({ row: i + 2, cells });
  });
  return { headers: headers.filter((h) => h !== ''), rows };
}

/** Reads the first sheet of an XLSX file or a CSV file (UTF-8, optional BOM, comma-separated). */
export async function readTable(body: Buffer, format: TableFormat): Promise<Table> {
  if (format === 'csv') {
    let matrix: string[][];
    try {
      matrix = parse(body, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
    } catch (error) {
      throw Invalid.at('body', `is not a readable CSV file: ${(error as Error).message}`);
    }
    return toTable(matrix);
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
  } catch {
    throw Invalid.at('body', 'is not a readable XLSX file');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw Invalid.at('body', 'the XLSX file has no sheet');
  const matrix: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      values[col - 1] = cellText(cell.value);
    });
    matrix[number - 1] = Array.from(values, (v) => v ?? '');
  });
  return toTable(Array.from(matrix, (r) => r ?? []));
}

export type Cell = string | number | boolean | null | undefined;

/** A small table (a template) as a file. */
export async function writeTable(format: TableFormat, headers: readonly string[], rows: readonly (readonly Cell[])[], sheetName = 'Sheet1'): Promise<Buffer> {
  if (format === 'csv') return Buffer.from(stringify([headers, ...rows.map((r) => r.map((c) => c ?? ''))]), 'utf8');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow([...headers]).font = { bold: true };
  for (const r of rows) sheet.addRow(r.map((c) => c ?? null));
  // Codes and GTINs are text: a number would lose leading zeros.
  sheet.columns.forEach((col) => {
    col.numFmt = '@';
    col.width = 18;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
