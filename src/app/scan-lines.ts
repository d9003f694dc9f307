import { Invalid, type ErrorDetail } from '../domain/errors.js';
import type { Gs1Data } from '../domain/gs1/gs1-data.js';
import { findItemsByGtins, type ItemRow } from '../store/master-data.repository.js';
import type { App } from './context.js';
import { readGs1 } from './gs1.js';
import type { ReceiptInput } from './receipts.js';
import type { ShipmentInput } from './shipments.js';

/**
 * Ledger lines given as a scan (a GS1 barcode's data or a Digital Link) instead of sku and lot.
 * They are resolved here, before a use case runs, into the plain lines it already understands:
 * the item by GTIN, the lot from (10), dates from (17) and (11), the quantity from the line or
 * else from a count (30)/(37) or, for items kept in kg, the net weight (310n).
 */

export interface ScanLine {
  scan: string;
  quantity?: number;
}

export interface ReceiptScanLine extends ScanLine {
  expiryDate?: string;
  productionDate?: string;
  supplierLot?: string;
}

type ReceiptLine = ReceiptInput['lines'][number];
type ShipmentLine = ShipmentInput['lines'][number];

/** A use case's input whose lines may also be scan lines of shape `S`. */
export type WithScanLines<I extends { lines: readonly object[] }, S extends ScanLine> = Omit<I, 'lines'> & { lines: (I['lines'][number] | S)[] };

const isScan = <L extends object>(line: L | ScanLine): line is ScanLine => 'scan' in line;

interface Scan {
  item: ItemRow;
  data: Gs1Data;
}

/** Collects every problem of every line so one 400 names them all. */
class Problems {
  readonly details: ErrorDetail[] = [];
  /** Records a problem; returns undefined so it can stand in for the value that is missing. */
  add(path: string, message: string): undefined {
    this.details.push({ path, message });
    return undefined;
  }
  /** Throws them, if any, in line order (they are found in two passes). */
  check(): void {
    if (this.details.length === 0) return;
    const line = (d: ErrorDetail) => Number(d.path.split('.')[1]);
    const details = [...this.details].sort((a, b) => line(a) - line(b));
    throw new Invalid(details.map((d) => `${d.path}: ${d.message}`).join('; '), details);
  }
}

/** Reads each scan line's data and finds its item, all items by GTIN in one statement. */
async function readScans(app: App, lines: readonly object[], problems: Problems): Promise<Map<number, Scan>> {
  const read = new Map<number, Gs1Data>();
  for (const [i, line] of lines.entries()) {
    if (!isScan(line)) continue;
    try {
      const data = readGs1(app, line.scan, `lines.${i}.scan`);
      if (data.gtin === undefined) problems.add(`lines.${i}.scan`, 'carries no GTIN, (01) or (02), to find the item by');
      else read.set(i, data);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      problems.details.push(...error.details);
    }
  }
  const scans = new Map<number, Scan>();
  if (read.size === 0) return scans;
  const items = await findItemsByGtins(app.store.db, [...read.values()].map((d) => d.gtin!));
  const byGtin = new Map(items.map((item) => [item.gtin, item]));
  for (const [i, data] of read) {
    const item = byGtin.get(data.gtin!);
    if (item) scans.set(i, { item, data });
    else problems.add(`lines.${i}.scan`, `no item has GTIN ${data.gtin}`);
  }
  return scans;
}

/** The line's own quantity, else the one the scan carries for this item's unit. */
function quantityOf(given: number | undefined, { item, data }: Scan, path: string, problems: Problems): number | undefined {
  if (given !== undefined) return given;
  if (item.uom.toLowerCase() === 'kg') {
    return data.netWeightKg ?? problems.add(path, `give a quantity: the scan carries no net weight in kg (310n) for item "${item.sku}"`);
  }
  const count = data.ais.find((a) => a.ai === '30' || a.ai === '37')?.value;
  return typeof count === 'number' ? count : problems.add(path, `give a quantity: the scan carries no count, (30) or (37), for item "${item.sku}"`);
}

/** A date given on the line must agree with the one the scan carries. */
function agreedDate(given: string | undefined, scanned: string | undefined, ai: string, path: string, problems: Problems): string | undefined {
  if (given !== undefined && scanned !== undefined && given !== scanned) return problems.add(path, `${given} differs from ${scanned} in the scan's (${ai})`);
  return given ?? scanned;
}

const withoutUndefined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/** Receipt lines with every scan resolved to sku, lot, quantity and dates. */
export async function resolveReceiptScans(app: App, lines: readonly (ReceiptLine | ReceiptScanLine)[]): Promise<ReceiptLine[]> {
  if (!lines.some(isScan)) return lines as ReceiptLine[];
  const problems = new Problems();
  const scans = await readScans(app, lines, problems);
  const resolved = lines.map((line, i): ReceiptLine | undefined => {
    if (!isScan(line)) return line;
    const scan = scans.get(i);
    if (!scan) return undefined;
    const { quantity, expiryDate, productionDate, supplierLot } = line;
    const lot = scan.data.lot ?? problems.add(`lines.${i}.scan`, 'carries no batch/lot (10)');
    const resolvedQuantity = quantityOf(quantity, scan, `lines.${i}.quantity`, problems);
    if (lot === undefined || resolvedQuantity === undefined) return undefined;
    return withoutUndefined({
      sku: scan.item.sku,
      lot,
      quantity: resolvedQuantity,
      expiryDate: agreedDate(expiryDate, scan.data.expiryDate, '17', `lines.${i}.expiryDate`, problems),
      productionDate: agreedDate(productionDate, scan.data.productionDate, '11', `lines.${i}.productionDate`, problems),
      supplierLot,
    });
  });
  problems.check();
  return resolved as ReceiptLine[];
}

/** Shipment lines with every scan resolved; a scan without (10) leaves the lot to FEFO. */
export async function resolveShipmentScans(app: App, lines: readonly (ShipmentLine | ScanLine)[]): Promise<ShipmentLine[]> {
  if (!lines.some(isScan)) return lines as ShipmentLine[];
  const problems = new Problems();
  const scans = await readScans(app, lines, problems);
  const resolved = lines.map((line, i): ShipmentLine | undefined => {
    if (!isScan(line)) return line;
    const scan = scans.get(i);
    const quantity = scan && quantityOf(line.quantity, scan, `lines.${i}.quantity`, problems);
    if (!scan || quantity === undefined) return undefined;
    return withoutUndefined({ sku: scan.item.sku, quantity, lot: scan.data.lot });
  });
  problems.check();
  return resolved as ShipmentLine[];
}
