import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import type { App } from './context.js';
import type { EventView } from './event-views.js';
import { listEvents } from './events.js';
import type { Cell, TableFormat } from './imports/table.js';
import { MAX_LIMIT, type Page } from './paging.js';
import { listStock } from './stock.js';

export type { TableFormat } from './imports/table.js';

/** Rows fetched per query: exports page through the data, never loading it all at once. */
const BATCH = MAX_LIMIT;

export const STOCK_EXPORT_COLUMNS = ['sku', 'lot', 'location', 'quantity', 'reserved', 'free', 'expiryDate', 'status'] as const;
export const LEDGER_EXPORT_COLUMNS = ['eventId', 'seq', 'type', 'time', 'party', 'location', 'documents', 'sku', 'lot', 'quantity', 'movement', 'hash'] as const;

/** A table as a stream of CSV or XLSX bytes, written as the rows arrive. */
export function tableStream(format: TableFormat, headers: readonly string[], rows: AsyncIterable<readonly Cell[]>, sheetName: string): Readable {
  if (format === 'csv') {
    return Readable.from(
      (async function* () {
        yield stringify([headers]);
        let batch: Cell[][] = [];
        for await (const row of rows) {
          batch.push(row.map((c) => c ?? ''));
          if (batch.length >= BATCH) {
            yield stringify(batch);
            batch = [];
          }
        }
        if (batch.length > 0) yield stringify(batch);
      })(),
    );
  }
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  void (async () => {
    sheet.addRow([...headers]).commit();
    for await (const row of rows) sheet.addRow(row.map((c) => c ?? null)).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}

async function* pages<T>(first: Page<T>, next: (cursor: string) => Promise<Page<T>>): AsyncGenerator<T> {
  let page = first;
  for (;;) {
    yield* page.items;
    if (page.nextCursor === null) return;
    page = await next(page.nextCursor);
  }
}

/** Current stock per (lot, location), as `GET /stock` lists it; `batch` rows per query. */
export async function exportStock(app: App, format: TableFormat, batch = BATCH): Promise<Readable> {
  const first = await listStock(app, {}, { limit: batch });
  const rows = (async function* () {
    for await (const s of pages(first, (cursor) => listStock(app, {}, { limit: batch, cursor }))) {
      yield [s.sku, s.lot, s.location, s.quantity, s.reserved, s.free, s.expiryDate, s.status];
    }
  })();
  return tableStream(format, STOCK_EXPORT_COLUMNS, rows, 'stock');
}

function eventRows(e: EventView): Cell[][] {
  const documents = e.documents.map((d) => `${d.type}:${d.number}`).join('; ');
  const head = [e.id, e.seq, e.type, e.time, e.party, e.location, documents];
  // Events without lines (holds, releases) still get a row, naming their lot.
  if (e.lines.length === 0) return [[...head, e.lot?.sku, e.lot?.lot, null, null, e.hash]];
  return e.lines.map((l) => [...head, l.sku, l.lot, l.quantity, l.movement, e.hash]);
}

/** The ledger in order, one row per event line, for event times in [from, to); `batch` events per query. */
export async function exportLedger(app: App, range: { from?: string; to?: string }, format: TableFormat, batch = BATCH): Promise<Readable> {
  const filter = { from: range.from, to: range.to, order: 'asc' as const };
  // The first page is read before the response starts, so a bad range is a clean 400.
  const first = await listEvents(app, filter, { limit: batch });
  const rows = (async function* () {
    for await (const e of pages(first, (cursor) => listEvents(app, filter, { limit: batch, cursor }))) yield* eventRows(e);
  })();
  return tableStream(format, LEDGER_EXPORT_COLUMNS, rows, 'ledger');
}
