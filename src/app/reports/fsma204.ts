import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { addDays, isCalendarDate, localDate } from '../../domain/dates.js';
import { Invalid, NotFound } from '../../domain/errors.js';
import type { DocumentRef } from '../../domain/ledger.js';
import { fromMicro } from '../../domain/quantity.js';
import { findEvents, type EventRow } from '../../store/events.repository.js';
import { findLocations, findParties, type LocationRow, type PartyRow } from '../../store/master-data.repository.js';
import { cteEventIds, cteLines, lotsByCode, type CteLineRow } from '../../store/regulatory.repository.js';
import { inReadTransaction } from '../../store/transaction.js';
import type { App } from '../context.js';
import { collectTrace } from '../trace.js';
import { parseDocuments } from '../views.js';

/**
 * The FDA FSMA 204 electronic sortable spreadsheet (21 CFR 1.1455(c)(3)(ii)): one row per critical
 * tracking event of a food on the Food Traceability List, with the key data elements of
 * 21 CFR 1.1345 (receiving), 1.1340 (shipping) and 1.1350 (transformation) as columns.
 */

export const FSMA204_FORMATS = ['csv', 'xlsx'] as const;
export type Fsma204Format = (typeof FSMA204_FORMATS)[number];

export type Cte = 'Receiving' | 'Transformation' | 'Shipping';

/** One critical tracking event of one traceability lot, every KDE as the text it is exported as. */
export interface CteRow {
  cte: Cte;
  tlc: string;
  tlcSource: string;
  tlcSourceReference: string;
  product: string;
  quantity: number;
  uom: string;
  date: string;
  previousSource: string;
  shipFrom: string;
  shipTo: string;
  receivingLocation: string;
  transformationLocation: string;
  inputs: string;
  documentType: string;
  documentNumber: string;
  eventId: string;
}

interface Column {
  header: string;
  /** The CTEs for which the rule requires this KDE; empty for the others. */
  ctes: readonly Cte[];
  kind: 'text' | 'number';
  value: (row: CteRow) => string | number;
}

const ALL: readonly Cte[] = ['Receiving', 'Transformation', 'Shipping'];

/** The one column definition both formats are written from; headers follow the FDA's KDE names. */
export const FSMA204_COLUMNS: readonly Column[] = [
  { header: 'Critical Tracking Event (CTE)', ctes: ALL, kind: 'text', value: (r) => r.cte },
  { header: 'Traceability Lot Code (TLC)', ctes: ALL, kind: 'text', value: (r) => r.tlc },
  { header: 'Traceability Lot Code Source Location Description', ctes: ALL, kind: 'text', value: (r) => r.tlcSource },
  { header: 'Traceability Lot Code Source Reference', ctes: ALL, kind: 'text', value: (r) => r.tlcSourceReference },
  { header: 'Product Description', ctes: ALL, kind: 'text', value: (r) => r.product },
  { header: 'Quantity', ctes: ALL, kind: 'number', value: (r) => r.quantity },
  { header: 'Unit of Measure', ctes: ALL, kind: 'text', value: (r) => r.uom },
  { header: 'Event Date', ctes: ALL, kind: 'text', value: (r) => r.date },
  { header: 'Immediate Previous Source Location Description', ctes: ['Receiving'], kind: 'text', value: (r) => r.previousSource },
  { header: 'Receiving Location Description', ctes: ['Receiving'], kind: 'text', value: (r) => r.receivingLocation },
  { header: 'Ship From Location Description', ctes: ['Shipping'], kind: 'text', value: (r) => r.shipFrom },
  { header: 'Ship To Location Description', ctes: ['Shipping'], kind: 'text', value: (r) => r.shipTo },
  { header: 'Transformation Location Description', ctes: ['Transformation'], kind: 'text', value: (r) => r.transformationLocation },
  { header: 'Input Traceability Lot Codes (Quantity, Unit of Measure)', ctes: ['Transformation'], kind: 'text', value: (r) => r.inputs },
  { header: 'Reference Document Type', ctes: ALL, kind: 'text', value: (r) => r.documentType },
  { header: 'Reference Document Number', ctes: ALL, kind: 'text', value: (r) => r.documentNumber },
  { header: 'Lotline Event ID', ctes: ALL, kind: 'text', value: (r) => r.eventId },
];

export interface Fsma204Query {
  from?: string;
  to?: string;
  lot?: string;
  sku?: string;
}

const describe = (...parts: (string | null | undefined)[]): string => parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(', ');

function locationDescription(l: LocationRow | undefined, code: string): string {
  return l ? describe(l.name, l.address, l.gln === null ? null : `GLN ${l.gln}`) : code;
}

function partyDescription(p: PartyRow | undefined, code: string | null): string {
  return p ? describe(p.name, p.address) : (code ?? '');
}

function productDescription(l: CteLineRow): string {
  return `${l.name} (${describe(`SKU ${l.sku}`, l.gtin === null ? null : `GTIN ${l.gtin}`)})`;
}

/** Documents as the two reference-document columns; an event without any is its database record. */
function referenceDocuments(docs: readonly DocumentRef[], eventId: string): { documentType: string; documentNumber: string } {
  if (docs.length === 0) return { documentType: 'Database record (Lotline event)', documentNumber: eventId };
  return { documentType: docs.map((d) => d.type).join('; '), documentNumber: docs.map((d) => d.number).join('; ') };
}

/** The critical tracking events asked for, as rows in ledger order. */
export async function fsma204Rows(app: App, query: Fsma204Query): Promise<CteRow[]> {
  for (const key of ['from', 'to'] as const) {
    const v = query[key];
    if (v !== undefined && !isCalendarDate(v)) throw Invalid.at(key, 'must be a calendar date YYYY-MM-DD');
  }
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) throw Invalid.at('to', 'must not be before from');
  if (query.sku !== undefined && query.lot === undefined && query.sku.trim() === '') throw Invalid.at('sku', 'must not be empty');
  const tz = app.timeZone;
  return inReadTransaction(app.store, async (trx) => {
    let lotIds: Set<number> | undefined;
    if (query.lot !== undefined) {
      const roots = await lotsByCode(trx, query.lot, query.sku);
      if (roots.length === 0) throw new NotFound(`lot "${query.lot}"${query.sku === undefined ? '' : ` of item "${query.sku}"`} not found`);
      const data = await collectTrace(app, trx, roots, 'both');
      lotIds = new Set(data.lots.map((l) => l.id));
    }
    // Dates are the business's local days; the instants are widened by a day each side and the
    // events then kept by their local date.
    const ids = await cteEventIds(trx, {
      fromTime: query.from === undefined ? undefined : `${addDays(query.from, -1)}T00:00:00.000Z`,
      toTime: query.to === undefined ? undefined : `${addDays(query.to, 2)}T00:00:00.000Z`,
      lotIds: lotIds === undefined ? undefined : [...lotIds],
    });
    const events = new Map((await findEvents(trx, ids)).map((e) => [e.id, e]));
    const dateOf = (e: EventRow) => localDate(new Date(e.time), tz);
    const inRange = ids.filter((id) => {
      const d = dateOf(events.get(id)!);
      return (query.from === undefined || d >= query.from) && (query.to === undefined || d <= query.to);
    });
    const lines = await cteLines(trx, inRange);
    const byEvent = new Map<string, CteLineRow[]>();
    for (const l of lines) byEvent.set(l.event_id, [...(byEvent.get(l.event_id) ?? []), l]);

    // Where each lot's TLC was assigned: the supplier for received lots, the production location for made ones.
    const creators = new Map((await findEvents(trx, lines.filter((l) => l.origin === 'production').map((l) => l.created_event_id))).map((e) => [e.id, e]));
    const partyCodes = new Set<string>();
    const locationCodes = new Set<string>();
    for (const l of lines) {
      if (l.supplier !== null) partyCodes.add(l.supplier);
      locationCodes.add(l.location);
    }
    for (const e of [...events.values(), ...creators.values()]) {
      if (e.party !== null) partyCodes.add(e.party);
      if (e.location !== null) locationCodes.add(e.location);
    }
    const parties = new Map((await findParties(trx, [...partyCodes])).map((p) => [p.code, p]));
    const locations = new Map((await findLocations(trx, [...locationCodes])).map((l) => [l.code, l]));

    const tlcSource = (l: CteLineRow): { tlcSource: string; tlcSourceReference: string } => {
      if (l.origin === 'receipt') {
        return {
          tlcSource: partyDescription(parties.get(l.supplier ?? ''), l.supplier),
          tlcSourceReference: describe(l.supplier === null ? null : `Supplier ${l.supplier}`, l.supplier_lot === null ? null : `supplier lot ${l.supplier_lot}`),
        };
      }
      const made = creators.get(l.created_event_id);
      const at = made?.location ?? l.location;
      const loc = locations.get(at);
      return { tlcSource: locationDescription(loc, at), tlcSourceReference: loc?.gln ? `GLN ${loc.gln}` : `Location ${at}` };
    };
    const base = (l: CteLineRow, e: EventRow, cte: Cte): CteRow => ({
      cte,
      tlc: l.lot,
      ...tlcSource(l),
      product: productDescription(l),
      quantity: fromMicro(Math.abs(l.quantity)),
      uom: l.uom,
      date: dateOf(e),
      previousSource: '',
      shipFrom: '',
      shipTo: '',
      receivingLocation: '',
      transformationLocation: '',
      inputs: '',
      ...referenceDocuments(parseDocuments(e.documents), e.id),
      eventId: e.id,
    });
    const wanted = (l: CteLineRow) => (lotIds === undefined || lotIds.has(l.lot_id)) && (query.sku === undefined || query.lot !== undefined || l.sku === query.sku);

    const rows: CteRow[] = [];
    for (const id of inRange) {
      const e = events.get(id)!;
      const eventLines = byEvent.get(id) ?? [];
      if (e.type === 'receipt') {
        for (const l of eventLines) {
          if (l.movement !== 'receipt' || l.ftl !== 1 || !wanted(l)) continue;
          rows.push({ ...base(l, e, 'Receiving'), previousSource: partyDescription(parties.get(e.party ?? ''), e.party), receivingLocation: locationDescription(locations.get(l.location), l.location) });
        }
      } else if (e.type === 'shipment') {
        for (const l of eventLines) {
          if (l.movement !== 'shipment' || l.ftl !== 1 || !wanted(l)) continue;
          rows.push({ ...base(l, e, 'Shipping'), shipFrom: locationDescription(locations.get(l.location), l.location), shipTo: partyDescription(parties.get(e.party ?? ''), e.party) });
        }
      } else {
        const inputs = eventLines.filter((l) => l.movement === 'consumption');
        const anyFtlInput = inputs.some((l) => l.ftl === 1);
        const inputText = inputs.map((l) => `${l.lot} (${l.name}, SKU ${l.sku}): ${fromMicro(Math.abs(l.quantity))} ${l.uom}`).join('; ');
        for (const l of eventLines) {
          if (l.movement !== 'production' || !(l.ftl === 1 || anyFtlInput)) continue;
          if (!(wanted(l) || inputs.some(wanted))) continue;
          rows.push({ ...base(l, e, 'Transformation'), transformationLocation: locationDescription(locations.get(l.location), l.location), inputs: inputText });
        }
      }
    }
    return rows;
  });
}

type Value = string | number | null;

function values(row: CteRow): Value[] {
  return FSMA204_COLUMNS.map((c) => (c.ctes.includes(row.cte) ? c.value(row) : null));
}

/** The rows as CSV: a header row, then one record per event; a BOM for Excel, formula-like text escaped. */
export function fsma204Csv(rows: readonly CteRow[]): string {
  const records = [FSMA204_COLUMNS.map((c) => c.header), ...rows.map((r) => values(r).map((v) => v ?? ''))];
  return stringify(records, { bom: true, escape_formulas: true, record_delimiter: 'windows' });
}

/** The rows as one sortable, filterable sheet with a bold frozen header and number cells for quantities. */
export async function fsma204Xlsx(rows: readonly CteRow[], generatedAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lotline';
  workbook.title = 'FSMA 204 electronic sortable spreadsheet';
  workbook.created = generatedAt;
  workbook.modified = generatedAt;
  const sheet = workbook.addWorksheet('FSMA 204', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = FSMA204_COLUMNS.map((c, i) => {
    const longest = rows.reduce((max, r) => Math.max(max, String(values(r)[i] ?? '').length), c.header.length);
    return { header: c.header, width: Math.min(60, Math.max(8, longest + 2)) };
  });
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(values(r));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: FSMA204_COLUMNS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface Fsma204File {
  contentType: string;
  filename: string;
  body: string | Buffer;
}

export async function fsma204Export(app: App, query: Fsma204Query, format: Fsma204Format): Promise<Fsma204File> {
  if (!FSMA204_FORMATS.includes(format)) throw Invalid.at('format', `must be one of ${FSMA204_FORMATS.join(', ')}`);
  const rows = await fsma204Rows(app, query);
  const name = `fsma204-${query.lot ?? `${query.from ?? 'start'}-${query.to ?? app.today()}`}`.replace(/[^A-Za-z0-9._-]/g, '_');
  if (format === 'csv') return { contentType: 'text/csv; charset=utf-8', filename: `${name}.csv`, body: fsma204Csv(rows) };
  return { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: `${name}.xlsx`, body: await fsma204Xlsx(rows, app.clock.now()) };
}
