import type { DocumentRef } from '../../domain/ledger.js';
import type { RecallView } from '../recalls.js';

/**
 * What a recall report says, defined once: every format (CSV, XLSX, PDF) renders these sections
 * and columns, so the files a regulator receives can never disagree with each other.
 */

/** The recall's live picture at the moment the report was made. */
export interface RecallReport extends RecallView {
  generatedAt: string;
}

/** How a value is meant, so each format can show it natively (a number cell, a percent, yes/no). */
export type CellKind = 'text' | 'quantity' | 'count' | 'percent' | 'datetime' | 'date' | 'yesno';

export type CellValue = string | number | boolean | null;

export interface Cell {
  value: CellValue;
  kind: CellKind;
}

interface Column<R> {
  header: string;
  /** A function when the kind varies by row (the summary's value column). */
  kind: CellKind | ((row: R) => CellKind);
  value: (row: R) => CellValue;
}

interface Section<R> {
  title: string;
  /** `fields`: label/value pairs (printed as a block); `table`: one record per row. */
  layout: 'fields' | 'table';
  columns: Column<R>[];
  rows: (report: RecallReport) => R[];
}

export interface ReportColumn {
  header: string;
  /** Null when rows differ in kind. */
  kind: CellKind | null;
}

/** A section with its cells worked out: what the renderers consume. */
export interface ReportTable {
  title: string;
  layout: 'fields' | 'table';
  columns: ReportColumn[];
  rows: Cell[][];
}

const NUMERIC: ReadonlySet<CellKind> = new Set(['quantity', 'count', 'percent']);

/** Quantities, counts and percents: right-aligned in print, number cells in a spreadsheet. */
export const isNumeric = (kind: CellKind | null): boolean => kind !== null && NUMERIC.has(kind);

/** A ratio (0–1) as a percent number with two decimals: 0.6667 → 66.67. */
export const percentOf = (ratio: number): number => Math.round(ratio * 10_000) / 100;

/** The plain-text form of a cell, the same in every format that prints text. */
export function cellText(cell: Cell): string {
  const { value, kind } = cell;
  if (value === null) return '';
  if (kind === 'yesno' || typeof value === 'boolean') return value ? 'yes' : 'no';
  if (kind === 'percent' && typeof value === 'number') return String(percentOf(value));
  return String(value);
}

/** "invoice INV-1; order SO-9", or null when there are none (an empty cell rather than empty text). */
export const documentsText = (documents: readonly DocumentRef[]): string | null => (documents.length === 0 ? null : documents.map((d) => `${d.type} ${d.number}`).join('; '));

const lotsText = (lots: readonly { sku: string; lot: string }[]): string => lots.map((l) => `${l.sku}/${l.lot}`).join(', ');

function col<R>(header: string, kind: CellKind, value: (row: R) => CellValue): Column<R> {
  return { header, kind, value };
}

interface Field {
  label: string;
  value: CellValue;
  kind: CellKind;
}

const summary: Section<Field> = {
  title: 'Summary',
  layout: 'fields',
  columns: [
    { header: 'Field', kind: 'text', value: (f) => f.label },
    { header: 'Value', kind: (f) => f.kind, value: (f) => f.value },
  ],
  rows: (r) => {
    const field = (label: string, kind: CellKind, value: CellValue): Field => ({ label, kind, value });
    const unbalanced = r.massBalance.unbalanced.map((u) => `${u.sku}/${u.lot} (difference ${u.difference})`).join(', ');
    return [
      field('Recall id', 'text', r.id),
      field('Status', 'text', r.status),
      field('Reason', 'text', r.reason),
      field('Opened', 'datetime', r.createdAt),
      field('Closed', 'datetime', r.closedAt),
      field('Close note', 'text', r.closeNote),
      field('Drill (mock recall)', 'yesno', r.drill),
      field('Affected stock put on hold', 'yesno', r.hold),
      field('Time to trace and hold (ms)', 'count', r.durationMs),
      field('Ledger event', 'text', r.event),
      field('Recalled (root) lots', 'text', lotsText(r.lots)),
      field('Affected lots', 'count', r.counts.affectedLots),
      field('Customers', 'count', r.counts.customers),
      field('Customers notified', 'count', r.counts.customersNotified),
      field('Customers acknowledged', 'count', r.counts.customersAcknowledged),
      field('Shipment events', 'count', r.counts.shipments),
      field('Locations with stock', 'count', r.counts.locationsWithStock),
      field('Units shipped', 'quantity', r.effectiveness.shipped),
      field('Units recovered', 'quantity', r.effectiveness.recovered),
      field('Units outstanding', 'quantity', r.effectiveness.outstanding),
      field('Effectiveness (%)', 'percent', r.effectiveness.ratio),
      field('Every unit accounted for', 'yesno', r.accountedFor),
      field('Lots whose mass balance does not close', 'text', unbalanced === '' ? 'none' : unbalanced),
      field('Generated at', 'datetime', r.generatedAt),
    ];
  },
};

type AffectedLot = RecallReport['affectedLots'][number] & { madeFrom: string | null; receivedUnder: string | null };

const affectedLots: Section<AffectedLot> = {
  title: 'Affected lots',
  layout: 'table',
  columns: [
    col('SKU', 'text', (l) => l.sku),
    col('Lot', 'text', (l) => l.lot),
    col('Root', 'yesno', (l) => l.side === 'root'),
    col('Depth', 'count', (l) => l.depth),
    col('Status', 'text', (l) => l.status),
    col('Origin', 'text', (l) => l.origin),
    col('Made from', 'text', (l) => l.madeFrom),
    col('Supplier', 'text', (l) => l.supplier),
    col('Supplier lot', 'text', (l) => l.supplierLot),
    col('Received under', 'text', (l) => l.receivedUnder),
    col('Production date', 'date', (l) => l.productionDate),
    col('Expiry date', 'date', (l) => l.expiryDate),
    col('Unit', 'text', (l) => l.uom),
    col('On hand', 'quantity', (l) => l.onHand),
  ],
  rows: (r) =>
    r.affectedLots.map((l) => {
      // A lot's purchase documents live on its receipts; a regulator wants them next to the lot.
      const docs = r.receipts.filter((x) => x.sku === l.sku && x.lot === l.lot).flatMap((x) => x.documents);
      const unique = [...new Map(docs.map((d) => [`${d.type}\u0000${d.number}`, d])).values()];
      // Genealogy inside the recall: which affected lot (and how much of it) went into this one.
      const inputs = r.links.filter((k) => k.to.sku === l.sku && k.to.lot === l.lot).map((k) => `${k.from.sku}/${k.from.lot} (${k.quantity})`);
      return { ...l, madeFrom: inputs.length === 0 ? null : inputs.join('; '), receivedUnder: documentsText(unique) };
    }),
};

const customers: Section<RecallReport['customers'][number]> = {
  title: 'Customers',
  layout: 'table',
  columns: [
    col('Code', 'text', (c) => c.code),
    col('Name', 'text', (c) => c.name),
    col('Email', 'text', (c) => c.email),
    col('Phone', 'text', (c) => c.phone),
    col('Address', 'text', (c) => c.address),
    col('Shipped', 'quantity', (c) => c.quantity),
    col('Recovered', 'quantity', (c) => c.recovered),
    col('Outstanding', 'quantity', (c) => c.outstanding),
    col('Effectiveness (%)', 'percent', (c) => c.effectiveness),
    col('Notified at', 'datetime', (c) => c.notifiedAt),
    col('Acknowledged at', 'datetime', (c) => c.acknowledgedAt),
    col('Note', 'text', (c) => c.note),
  ],
  rows: (r) => r.customers,
};

const shipments: Section<RecallReport['shipments'][number]> = {
  title: 'Shipments',
  layout: 'table',
  columns: [
    col('Time', 'datetime', (s) => s.time),
    col('Shipment', 'text', (s) => s.event),
    col('Customer', 'text', (s) => s.customer),
    col('SKU', 'text', (s) => s.sku),
    col('Lot', 'text', (s) => s.lot),
    col('From location', 'text', (s) => s.location),
    col('Quantity', 'quantity', (s) => s.quantity),
    col('Documents', 'text', (s) => documentsText(s.documents)),
    col('Unit', 'text', (s) => s.uom),
  ],
  rows: (r) => r.shipments,
};

const returns: Section<RecallReport['returns'][number]> = {
  title: 'Returns',
  layout: 'table',
  columns: [
    col('Time', 'datetime', (x) => x.time),
    col('Return', 'text', (x) => x.event),
    col('Customer', 'text', (x) => x.customer),
    col('SKU', 'text', (x) => x.sku),
    col('Lot', 'text', (x) => x.lot),
    col('To location', 'text', (x) => x.location),
    col('Quantity', 'quantity', (x) => x.quantity),
    col('Original shipment', 'text', (x) => x.shipment),
  ],
  rows: (r) => r.returns,
};

const onHand: Section<RecallReport['onHand'][number]> = {
  title: 'On hand',
  layout: 'table',
  columns: [
    col('SKU', 'text', (o) => o.sku),
    col('Lot', 'text', (o) => o.lot),
    col('Location', 'text', (o) => o.location),
    col('Quantity', 'quantity', (o) => o.quantity),
    col('Status', 'text', (o) => o.status),
  ],
  rows: (r) => r.onHand,
};

const massBalance: Section<RecallReport['affectedLots'][number]> = {
  title: 'Mass balance',
  layout: 'table',
  columns: [
    col('SKU', 'text', (l) => l.sku),
    col('Lot', 'text', (l) => l.lot),
    col('Received', 'quantity', (l) => l.massBalance.received),
    col('Produced', 'quantity', (l) => l.massBalance.produced),
    col('Returned', 'quantity', (l) => l.massBalance.returned),
    col('Adjusted', 'quantity', (l) => l.massBalance.adjusted),
    col('Consumed', 'quantity', (l) => l.massBalance.consumed),
    col('Shipped', 'quantity', (l) => l.massBalance.shipped),
    col('Written off', 'quantity', (l) => l.massBalance.writtenOff),
    col('Returned to supplier', 'quantity', (l) => l.massBalance.returnedToSupplier),
    col('On hand', 'quantity', (l) => l.massBalance.onHand),
    col('Difference', 'quantity', (l) => l.massBalance.difference),
    col('Closes', 'yesno', (l) => l.massBalance.closes),
  ],
  rows: (r) => r.affectedLots,
};

function materialize<R>(section: Section<R>, report: RecallReport): ReportTable {
  return {
    title: section.title,
    layout: section.layout,
    columns: section.columns.map((c) => ({ header: c.header, kind: typeof c.kind === 'function' ? null : c.kind })),
    rows: section.rows(report).map((row) => section.columns.map((c) => ({ value: c.value(row), kind: typeof c.kind === 'function' ? c.kind(row) : c.kind }))),
  };
}

/** The report's sections in reading order, with every cell computed from the recall. */
export function recallTables(report: RecallReport): ReportTable[] {
  return [
    materialize(summary, report),
    materialize(affectedLots, report),
    materialize(customers, report),
    materialize(shipments, report),
    materialize(returns, report),
    materialize(onHand, report),
    materialize(massBalance, report),
  ];
}
