import { DomainError } from '../../domain/errors.js';
import { inLedgerTransaction, storeInTransaction } from '../../store/transaction.js';
import type { App } from '../context.js';
import { createItem, type ItemInput } from '../items.js';
import { createLocation, type LocationInput } from '../locations.js';
import { createParty, type PartyInput } from '../parties.js';
import { recordReceipt, type ReceiptInput } from '../receipts.js';
import { importInvalid, readTable, writeTable, type Cell, type RowProblem, type TableFormat, type TableRow } from './table.js';

export const IMPORT_KINDS = ['items', 'parties', 'locations', 'stock'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

type ColumnType = 'text' | 'number' | 'boolean' | 'list' | 'email';

interface KindSpec {
  /** Key column(s): a repeat inside the file is reported against the first occurrence. */
  key: string[];
  columns: Record<string, { type: ColumnType; required?: boolean; values?: readonly string[] }>;
  /** Further columns are passed through as they are (items: fields added to createItem later). */
  open?: boolean;
  example: Record<string, Cell>;
}

const SPECS: Record<ImportKind, KindSpec> = {
  items: {
    key: ['sku'],
    open: true,
    columns: {
      sku: { type: 'text', required: true },
      name: { type: 'text', required: true },
      uom: { type: 'text' },
      gtin: { type: 'text' },
      shelfLifeDays: { type: 'number' },
      sellByDays: { type: 'number' },
      unitCost: { type: 'number' },
      allocation: { type: 'text' },
      expiryFromInputs: { type: 'boolean' },
      ftl: { type: 'boolean' },
      ndc: { type: 'text' },
      strength: { type: 'text' },
      dosageForm: { type: 'text' },
      containerSize: { type: 'text' },
    },
    example: { sku: 'JAM-STRAW-250', name: 'Strawberry jam 250 g', uom: 'ea', gtin: '04012345000016', shelfLifeDays: 365, sellByDays: 30, unitCost: 1.25, allocation: 'fefo', expiryFromInputs: 'false', ftl: 'true' },
  },
  parties: {
    key: ['code'],
    columns: {
      code: { type: 'text', required: true },
      name: { type: 'text', required: true },
      roles: { type: 'list', required: true, values: ['supplier', 'customer'] },
      email: { type: 'email' },
      phone: { type: 'text' },
      address: { type: 'text' },
      minShelfLifeDays: { type: 'number' },
      minShelfLifePercent: { type: 'number' },
    },
    example: { code: 'FARM-01', name: 'Berry Farm Ltd', roles: 'supplier;customer', email: 'orders@berryfarm.example', phone: '+44 20 7946 0000', address: '1 Orchard Lane', minShelfLifeDays: 30, minShelfLifePercent: 50 },
  },
  locations: {
    key: ['code'],
    columns: {
      code: { type: 'text', required: true },
      name: { type: 'text', required: true },
      gln: { type: 'text' },
      address: { type: 'text' },
    },
    example: { code: 'WH-MAIN', name: 'Main warehouse', gln: '4012345000009', address: '2 Dock Road' },
  },
  stock: {
    key: ['sku', 'lot', 'location'],
    columns: {
      sku: { type: 'text', required: true },
      lot: { type: 'text', required: true },
      location: { type: 'text', required: true },
      quantity: { type: 'number', required: true },
      expiryDate: { type: 'text' },
      productionDate: { type: 'text' },
      supplier: { type: 'text', required: true },
      supplierLot: { type: 'text' },
    },
    example: { sku: 'JAM-STRAW-250', lot: 'L2026-001', location: 'WH-MAIN', quantity: 120, expiryDate: '2027-06-30', productionDate: '2026-06-01', supplier: 'FARM-01', supplierLot: 'BF-7781' },
  },
};

export function isImportKind(kind: string): kind is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(kind);
}

/** The columns of an import, in template order. */
export function importColumns(kind: ImportKind): string[] {
  return Object.keys(SPECS[kind].columns);
}

/** A file with the header row and one example row. */
export function importTemplate(kind: ImportKind, format: TableFormat): Promise<Buffer> {
  const spec = SPECS[kind];
  const headers = importColumns(kind);
  return writeTable(format, headers, [headers.map((h) => spec.example[h])], kind);
}

export interface ImportResult {
  kind: ImportKind;
  /** Data rows read (blank rows are skipped). */
  rows: number;
  /** Items, parties or locations created; for stock, lots placed in stock. */
  created: number;
  /** Stock only: opening-balance receipts recorded (one per supplier and location). */
  events?: number;
}

export interface ImportOptions {
  /** Called as rows are processed (done, total), for a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const TRUE = new Set(['true', 'yes', '1', 'y']);
const FALSE = new Set(['false', 'no', '0', 'n']);

function convert(text: string, type: ColumnType, values?: readonly string[]): { value?: unknown; problem?: string } {
  switch (type) {
    case 'email':
      return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text) ? { value: text } : { problem: `"${text}" is not an email address` };
    case 'number':
      return NUMBER.test(text) ? { value: Number(text) } : { problem: `"${text}" is not a number` };
    case 'boolean': {
      const t = text.toLowerCase();
      if (TRUE.has(t)) return { value: true };
      if (FALSE.has(t)) return { value: false };
      return { problem: `"${text}" must be true or false` };
    }
    case 'list': {
      const list = text.split(/[;,]/).map((s) => s.trim()).filter((s) => s !== '');
      const wrong = values ? list.filter((v) => !values.includes(v)) : [];
      if (wrong.length > 0) return { problem: `"${wrong.join('", "')}" is not one of ${values!.join(', ')} (separate several with ";")` };
      return { value: list };
    }
    default:
      return { value: text };
  }
}

/** One row as a use case's input, or the problems with it. */
function rowInput(spec: KindSpec, row: TableRow, problems: RowProblem[]): Record<string, unknown> | undefined {
  const input: Record<string, unknown> = {};
  let ok = true;
  for (const [name, column] of Object.entries(spec.columns)) {
    const text = row.cells[name];
    if (text === undefined) {
      if (column.required) {
        problems.push({ row: row.row, column: name, message: 'is required' });
        ok = false;
      }
      continue;
    }
    const { value, problem } = convert(text, column.type, column.values);
    if (problem) {
      problems.push({ row: row.row, column: name, message: problem });
      ok = false;
    } else input[name] = value;
  }
  if (spec.open) {
    for (const [name, text] of Object.entries(row.cells)) {
      if (name in spec.columns) continue;
      const t = text.toLowerCase();
      input[name] = TRUE.has(t) && t !== '1' && t !== 'y' ? true : FALSE.has(t) && t !== '0' && t !== 'n' ? false : text;
    }
  }
  return ok ? input : undefined;
}

/** A use case's error as row problems: its paths name the columns (`lines.3.quantity` → quantity). */
function problemsOf(error: DomainError, rowOf: (path: string) => number, column: (path: string) => string): RowProblem[] {
  if (error.details.length === 0) return [{ row: rowOf(''), column: '', message: error.message }];
  return error.details.map((d) => ({ row: rowOf(d.path), column: column(d.path), message: d.message }));
}

/**
 * Imports a CSV or XLSX file all-or-nothing: every row is checked (columns, then the same use
 * case the API's POST runs, with its audit entry or ledger event) inside ONE transaction, and if
 * any row has a problem the transaction is rolled back and every problem is reported by row and
 * column. Opening stock is recorded as receipts from each row's supplier, one per supplier and
 * location, so it is on the hash-chained ledger like any other stock.
 */
export async function importFile(app: App, kind: ImportKind, body: Buffer, format: TableFormat, options: ImportOptions = {}): Promise<ImportResult> {
  const spec = SPECS[kind];
  const table = await readTable(body, format);
  const problems: RowProblem[] = [];
  if (!spec.open) {
    for (const h of table.headers) {
      if (!(h in spec.columns)) problems.push({ row: 1, column: h, message: `unknown column; expected ${importColumns(kind).join(', ')}` });
    }
  }
  for (const [name, column] of Object.entries(spec.columns)) {
    if (column.required && !table.headers.includes(name)) problems.push({ row: 1, column: name, message: 'required column is missing' });
  }
  if (problems.length > 0) throw importInvalid(problems);
  if (table.rows.length === 0) throw importInvalid([{ row: 2, column: '', message: 'the file has no data rows' }]);

  const inputs: { row: number; input: Record<string, unknown> }[] = [];
  const firstOf = new Map<string, number>();
  for (const row of table.rows) {
    const input = rowInput(spec, row, problems);
    const key = spec.key.map((k) => row.cells[k] ?? '').join('\u0000');
    const first = firstOf.get(key);
    if (first !== undefined && spec.key.every((k) => row.cells[k] !== undefined)) {
      problems.push({ row: row.row, column: spec.key.at(-1)!, message: `duplicate of row ${first} (${spec.key.map((k) => row.cells[k]).join(' / ')})` });
      continue;
    }
    firstOf.set(key, row.row);
    if (input) inputs.push({ row: row.row, input });
  }

  const total = table.rows.length;
  return inLedgerTransaction(app.store, async (trx) => {
    // Every use case below joins this transaction; their own transactions become savepoints.
    const bound: App = { ...app, store: storeInTransaction(app.store, trx), close: async () => {} };
    let created = 0;
    let events: number | undefined;
    let done = 0;
    const progress = (n: number) => {
      done += n;
      options.onProgress?.(done, total);
    };
    const attempt = async (into: RowProblem[], rowOf: (path: string) => number, column: (path: string) => string, fn: () => Promise<unknown>): Promise<boolean> => {
      try {
        await fn();
        return true;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        into.push(...problemsOf(error, rowOf, column));
        return false;
      }
    };
    if (kind === 'stock') {
      events = 0;
      const groups = new Map<string, { row: number; input: Record<string, unknown> }[]>();
      for (const r of inputs) {
        const key = `${r.input.supplier}\u0000${r.input.location}`;
        groups.set(key, [...(groups.get(key) ?? []), r]);
      }
      for (const group of groups.values()) {
        const receiptOf = (rows: typeof group): ReceiptInput => ({
          supplier: rows[0]!.input.supplier as string,
          location: rows[0]!.input.location as string,
          // Marks the receipt as the opening balance brought in from another system.
          documents: [{ type: 'opening-balance', number: `import ${app.today()}` }],
          lines: rows.map(({ input }) => ({
            sku: input.sku as string,
            lot: input.lot as string,
            quantity: input.quantity as number,
            expiryDate: input.expiryDate as string | undefined,
            productionDate: input.productionDate as string | undefined,
            supplierLot: input.supplierLot as string | undefined,
          })),
        });
        const lineOf = (path: string) => /^lines\.(\d+)/.exec(path)?.[1];
        const columnOf = (path: string) => (lineOf(path) !== undefined ? (path.split('.')[2] ?? '') : path.split('.')[0]!);
        const groupProblems: RowProblem[] = [];
        const ok = await attempt(
          groupProblems,
          (path) => group[Number(lineOf(path) ?? 0)]?.row ?? group[0]!.row,
          columnOf,
          () => recordReceipt(bound, receiptOf(group)),
        );
        if (ok) {
          created += group.length;
          events += 1;
        } else {
          // A receipt stops at its first bad line: check each row alone so that every one is named.
          // (The import fails anyway, so what these single-row receipts record is rolled back.)
          for (const r of group) await attempt(problems, () => r.row, columnOf, () => recordReceipt(bound, receiptOf([r])));
        }
        progress(group.length);
      }
    } else {
      for (const { row, input } of inputs) {
        const column = (path: string) => path.split('.')[0]!;
        const ok = await attempt(
          problems,
          () => row,
          column,
          () =>
            kind === 'items'
              ? createItem(bound, input as unknown as ItemInput)
              : kind === 'parties'
                ? createParty(bound, input as unknown as PartyInput)
                : createLocation(bound, input as unknown as LocationInput),
        );
        if (ok) created += 1;
        progress(1);
      }
    }
    if (problems.length > 0) throw importInvalid(problems);
    return { kind, rows: total, created, ...(events === undefined ? {} : { events }) };
  });
}
