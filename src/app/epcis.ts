import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { canonicalJson } from '../domain/canonical.js';
import { bareCbv, lgtinOf, parseEpcClass, parseGln, type ClassRef } from '../domain/epcis/identifiers.js';
import { checkEpcisDocument, EVENT_TYPES, type EpcisDocument, type EpcisEvent, type QuantityElement, type SchemaViolation } from '../domain/epcis/schema.js';
import { DomainError, Invalid, NotFound } from '../domain/errors.js';
import {
  capturedEventIds,
  findEpcisEvents,
  findLocationByGln,
  grantPartyRole,
  insertEpcisEvent,
  ledgerEventIdsOfLot,
  type EpcisEventRow,
} from '../store/epcis.repository.js';
import { findItems, findItemsByGtins, findLocations, findParties, insertItem, insertLocation, insertParty } from '../store/master-data.repository.js';
import { findLots } from '../store/lots.repository.js';
import { inLedgerTransaction, type Tx } from '../store/transaction.js';
import type { App } from './context.js';
import { loadEventViews, type EventView } from './event-views.js';
import { appendEvent, type EventDraft } from './event-writer.js';
import { productionBuilder } from './productions.js';
import { receiptBuilder } from './receipts.js';
import { shipmentBuilder } from './shipments.js';

export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/epcis-context.jsonld';

/** A capture body that breaks the EPCIS 2.0 schema rules: answered as RFC 7807 problem details. */
export class EpcisDocumentInvalid extends Error {
  constructor(readonly violations: SchemaViolation[]) {
    super(`the EPCIS document is invalid: ${violations.map((v) => `${v.pointer || '/'}: ${v.message}`).join('; ')}`);
  }
}

export type CaptureOutcome = 'mapped' | 'stored' | 'skipped';

export interface CaptureDetail {
  /** Position of the event in `epcisBody.eventList`. */
  index: number;
  eventID: string;
  eventType: string;
  outcome: CaptureOutcome;
  /** What the event became on the ledger. */
  mappedAs?: 'receipt' | 'production' | 'shipment';
  ledgerEventId?: string;
  /** Why it was stored without moving stock, or skipped. */
  reason?: string;
}

export interface CaptureResult {
  captureId: string;
  events: number;
  mapped: number;
  stored: number;
  skipped: number;
  details: CaptureDetail[];
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The event's eventID, or for events sent without one an ID derived from their content, so that
 * sending the same document again is recognised as well (two identical events without eventIDs
 * are one event).
 */
function eventIdOf(event: EpcisEvent): string {
  return event.eventID ?? `urn:lotline:epcis:sha-256:${sha256(canonicalJson(event))}`;
}

/** The ledger idempotency key of a mapped EPCIS event (at most 255 characters). */
function ledgerKeyOf(eventId: string): string {
  const key = `epcis:${eventId}`;
  return key.length <= 255 ? key : `epcis:sha-256:${sha256(eventId)}`;
}

// ---------------------------------------------------------------------------------------------
// Mapping onto the ledger

type Line = { gtin: string; lot: string; quantity: number; uom?: string };

type Plan =
  | { kind: 'receipt'; time: string; location: string; supplier: string; lines: Line[]; expiryDate?: string }
  | { kind: 'production'; time: string; location: string; inputs: Line[]; outputs: Line[]; expiryDate?: string }
  | { kind: 'shipment'; time: string; location: string; customer: string; lines: Line[] }
  | { kind: 'none'; reason: string };

const ilmdValue = (event: EpcisEvent, name: string): string | undefined => {
  for (const [key, value] of Object.entries(event.ilmd ?? {})) {
    if ((key === `cbvmda:${name}` || key.endsWith(`mda#${name}`) || key.endsWith(`/MDA-${name}`) || key.endsWith(`mda:${name}`)) && typeof value === 'string') return value;
  }
  return undefined;
};

/** Lot-level lines from a quantity list, or why they cannot be mapped. */
function linesOf(list: readonly QuantityElement[] | undefined, field: string, ilmdLot: string | undefined): Line[] | string {
  if (!list || list.length === 0) return `no ${field}`;
  const lines: Line[] = [];
  for (const [i, q] of list.entries()) {
    const ref: ClassRef | undefined = parseEpcClass(q.epcClass);
    if (!ref) return `${field}/${i}: "${q.epcClass}" is not a GTIN class (urn:epc:class:lgtin or Digital Link /01/…/10/…)`;
    const lot = ref.lot ?? ilmdLot;
    if (lot === undefined) return `${field}/${i}: "${q.epcClass}" names no lot and the ilmd has no cbvmda:lotNumber`;
    if (q.quantity === undefined) return `${field}/${i}: no quantity`;
    lines.push({ gtin: ref.gtin, lot, quantity: q.quantity, uom: q.uom });
  }
  return lines;
}

const partyOf = (list: readonly { type: string; id: string }[]): string | undefined => {
  for (const type of ['owning_party', 'possessing_party', 'location']) {
    const found = list.find((s) => bareSourceType(s.type) === type);
    if (found) return found.id;
  }
  return undefined;
};
const bareSourceType = (type: string): string => type.replace(/^(https:\/\/ref\.gs1\.org\/cbv\/SDT-|urn:epcglobal:cbv:sdt:|cbv:SDT-)/, '');

/** Decides what an event becomes on the ledger, from the event alone. */
function planOf(event: EpcisEvent): Plan {
  const step = bareCbv(event.bizStep);
  const site = event.bizLocation?.id ?? event.readPoint?.id;
  const sources = (event.sourceList ?? []).map((s) => ({ type: s.type, id: s.source }));
  const destinations = (event.destinationList ?? []).map((d) => ({ type: d.type, id: d.destination }));
  const expiry = ilmdValue(event, 'itemExpirationDate')?.slice(0, 10);
  const ilmdLot = ilmdValue(event, 'lotNumber');
  const withSite = (plan: Exclude<Plan, { kind: 'none' }> | { kind: 'none'; reason: string }, location: string | undefined): Plan =>
    plan.kind !== 'none' && location === undefined ? { kind: 'none', reason: 'no bizLocation or readPoint with a GLN (sgln or Digital Link /414)' } : plan;

  if (event.type === 'ObjectEvent' && event.action === 'ADD' && (step === 'receiving' || step === 'commissioning')) {
    const lines = linesOf(event.quantityList, 'quantityList', ilmdLot);
    if (typeof lines === 'string') return { kind: 'none', reason: event.quantityList ? lines : 'instance-level EPCs only: Lotline tracks lots (class-level quantities)' };
    const location = site === undefined ? undefined : parseGln(site);
    const supplier = partyOf(sources) ?? site;
    return withSite({ kind: 'receipt', time: event.eventTime, location: location!, supplier: supplier!, lines, expiryDate: expiry }, location);
  }
  if (event.type === 'TransformationEvent') {
    const inputs = linesOf(event.inputQuantityList, 'inputQuantityList', undefined);
    if (typeof inputs === 'string') return { kind: 'none', reason: inputs };
    const outputs = linesOf(event.outputQuantityList, 'outputQuantityList', ilmdLot);
    if (typeof outputs === 'string') return { kind: 'none', reason: outputs };
    const location = site === undefined ? undefined : parseGln(site);
    return withSite({ kind: 'production', time: event.eventTime, location: location!, inputs, outputs, expiryDate: expiry }, location);
  }
  const shipping = event.type === 'ObjectEvent' && event.action === 'OBSERVE' && step === 'shipping';
  const transaction = event.type === 'TransactionEvent' && event.action !== 'DELETE' && destinations.length > 0;
  if (shipping || transaction) {
    const lines = linesOf(event.quantityList, 'quantityList', undefined);
    if (typeof lines === 'string') return { kind: 'none', reason: event.quantityList ? lines : 'instance-level EPCs only: Lotline tracks lots (class-level quantities)' };
    const customer = partyOf(destinations);
    if (customer === undefined) return { kind: 'none', reason: 'no destinationList party to ship to' };
    const from = site ?? sources.find((s) => bareSourceType(s.type) === 'location')?.id;
    const location = from === undefined ? undefined : parseGln(from);
    return withSite({ kind: 'shipment', time: event.eventTime, location: location!, customer, lines }, location);
  }
  if (event.type === 'AggregationEvent' || event.type === 'AssociationEvent') return { kind: 'none', reason: `${event.type}s are stored, not mapped onto the ledger` };
  return { kind: 'none', reason: 'not a receiving/commissioning, transformation or shipping event Lotline maps' };
}

/** Finds or creates the master data an event refers to by GS1 identifiers. */
class Gs1MasterData {
  constructor(
    private readonly app: App,
    private readonly trx: Tx,
  ) {}

  private now = () => this.app.clock.now().toISOString();

  /** The item with the GTIN, created as sku = GTIN, name "GTIN …" when unknown. */
  async item(gtin: string, uom: string | undefined): Promise<string> {
    const [known] = await findItemsByGtins(this.trx, [gtin]);
    if (known) return known.sku;
    const [sameSku] = await findItems(this.trx, [gtin]);
    if (sameSku) return sameSku.sku;
    await insertItem(this.trx, {
      sku: gtin,
      name: `GTIN ${gtin}`,
      uom: uom ?? 'ea',
      gtin,
      shelf_life_days: null,
      sell_by_days: null,
      unit_cost: null,
      created_at: this.now(),
    });
    return gtin;
  }

  /** The location with the GLN, created as code = GLN when unknown. */
  async location(gln: string): Promise<string> {
    const known = await findLocationByGln(this.trx, gln);
    if (known) return known.code;
    const [sameCode] = await findLocations(this.trx, [gln]);
    if (sameCode) return sameCode.code;
    await insertLocation(this.trx, { code: gln, name: `GLN ${gln}`, gln, address: null, created_at: this.now() });
    return gln;
  }

  /** The party of a pgln/sgln (code = its GLN), created or given the role when needed. */
  async party(id: string, role: 'supplier' | 'customer'): Promise<string | undefined> {
    const gln = parseGln(id);
    if (gln === undefined) return undefined;
    const [known] = await findParties(this.trx, [gln]);
    if (!known) {
      await insertParty(this.trx, {
        code: gln,
        name: `GLN ${gln}`,
        is_supplier: role === 'supplier' ? 1 : 0,
        is_customer: role === 'customer' ? 1 : 0,
        email: null,
        phone: null,
        address: null,
        min_shelf_life_days: null,
        created_at: this.now(),
      });
    } else if (!(role === 'supplier' ? known.is_supplier : known.is_customer)) {
      await grantPartyRole(this.trx, gln, role);
    }
    return gln;
  }
}

/** Builds the ledger step of a plan, creating the master data it names; throws DomainError when it cannot apply. */
async function builderOf(app: App, trx: Tx, plan: Exclude<Plan, { kind: 'none' }>): Promise<(trx: Tx, eventId: string) => Promise<EventDraft>> {
  const md = new Gs1MasterData(app, trx);
  const location = await md.location(plan.location);
  const skus = async (lines: readonly Line[]) => Promise.all(lines.map(async (l) => ({ ...l, sku: await md.item(l.gtin, l.uom) })));
  if (plan.kind === 'receipt') {
    const supplier = await md.party(plan.supplier, 'supplier');
    if (supplier === undefined) throw Invalid.at('sourceList', `"${plan.supplier}" is not a GLN (pgln, sgln or Digital Link) to receive from`);
    const lines = await skus(plan.lines);
    return receiptBuilder(app, {
      supplier,
      location,
      time: plan.time,
      lines: lines.map((l) => ({ sku: l.sku, lot: l.lot, quantity: l.quantity, expiryDate: plan.expiryDate })),
    });
  }
  if (plan.kind === 'production') {
    const inputs = await skus(plan.inputs);
    const outputs = await skus(plan.outputs);
    return productionBuilder(app, {
      location,
      time: plan.time,
      inputs: inputs.map((l) => ({ sku: l.sku, lot: l.lot, quantity: l.quantity })),
      outputs: outputs.map((l) => ({ sku: l.sku, lot: l.lot, quantity: l.quantity, expiryDate: plan.expiryDate })),
    });
  }
  const customer = await md.party(plan.customer, 'customer');
  if (customer === undefined) throw Invalid.at('destinationList', `"${plan.customer}" is not a GLN (pgln, sgln or Digital Link) to ship to`);
  const lines = await skus(plan.lines);
  return shipmentBuilder(app, { customer, location, time: plan.time, lines: lines.map((l) => ({ sku: l.sku, lot: l.lot, quantity: l.quantity })) });
}

/** Namespace declarations of the document's @context, kept on each stored event so it stays readable alone. */
function withContext(event: EpcisEvent, document: EpcisDocument, recordTime: string): EpcisEvent {
  const declared = [document['@context']].flat().filter((c) => c !== null && typeof c === 'object');
  const own = event['@context'];
  const context = own === undefined ? declared : [...declared, ...[own].flat()];
  return { ...(context.length > 0 ? { '@context': context } : {}), ...event, recordTime: (event.recordTime as string | undefined) ?? recordTime };
}

/**
 * Captures an EPCIS 2.0 document in ONE ledger transaction. Invalid documents are refused whole
 * (EpcisDocumentInvalid). Every new event is stored whole; receiving/commissioning ObjectEvents,
 * TransformationEvents and shipping ObjectEvents / TransactionEvents with lot-level quantities
 * also become receipts, productions and shipments. A mappable event the ledger refuses (a lot we
 * do not have, not enough stock, a held lot) is stored unmapped with the reason, not fatal to the
 * document: the sender's events are facts that happened, and the capture result says which did
 * not move stock. Events whose eventID was captured before are skipped.
 */
export async function captureEpcis(app: App, body: unknown): Promise<CaptureResult> {
  const checked = checkEpcisDocument(body);
  if (!checked.document) throw new EpcisDocumentInvalid(checked.violations);
  const document = checked.document;
  const events = document.epcisBody.eventList;
  const captureId = app.newId();
  const recordedAt = app.clock.now().toISOString();

  const details = await inLedgerTransaction(app.store, async (trx) => {
    const ids = events.map(eventIdOf);
    const seen = await capturedEventIds(trx, ids);
    const out: CaptureDetail[] = [];
    for (const [index, event] of events.entries()) {
      const eventID = ids[index]!;
      const base = { index, eventID, eventType: event.type };
      if (seen.has(eventID)) {
        out.push({ ...base, outcome: 'skipped', reason: 'eventID already captured' });
        continue;
      }
      seen.add(eventID);
      const plan = planOf(event);
      let ledgerEventId: string | undefined;
      let reason: string | undefined;
      if (plan.kind === 'none') {
        reason = plan.reason;
      } else {
        // A savepoint per event: a refused event leaves nothing behind (no half-created lots).
        await sql`savepoint epcis_event`.execute(trx);
        try {
          const build = await builderOf(app, trx, plan);
          const recorded = await appendEvent(app, trx, { route: 'epcis/capture', body: event, idempotencyKey: ledgerKeyOf(eventID) }, build);
          ledgerEventId = recorded.event.id;
          await sql`release savepoint epcis_event`.execute(trx);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          await sql`rollback to savepoint epcis_event`.execute(trx);
          await sql`release savepoint epcis_event`.execute(trx);
          reason = `${plan.kind} not recorded: ${error.message}`;
        }
      }
      await insertEpcisEvent(trx, {
        event_id: eventID,
        capture_id: captureId,
        event_type: event.type,
        event_time: new Date(event.eventTime).toISOString(),
        biz_step: bareCbv(event.bizStep) ?? null,
        json: JSON.stringify(withContext(event, document, recordedAt)),
        ledger_event_id: ledgerEventId ?? null,
        unmapped_reason: reason ?? null,
        recorded_at: recordedAt,
      });
      out.push(
        ledgerEventId !== undefined
          ? { ...base, outcome: 'mapped', mappedAs: plan.kind as CaptureDetail['mappedAs'], ledgerEventId }
          : { ...base, outcome: 'stored', reason },
      );
    }
    return out;
  });
  const count = (o: CaptureOutcome) => details.filter((d) => d.outcome === o).length;
  return { captureId, events: events.length, mapped: count('mapped'), stored: count('stored'), skipped: count('skipped'), details };
}

// ---------------------------------------------------------------------------------------------
// Queries

export interface EpcisEventQuery {
  eventType?: string;
  GE_eventTime?: string;
  LT_eventTime?: string;
  EQ_bizStep?: string;
  MATCH_epcClass?: string;
  MATCH_anyEPC?: string;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const instant = (value: string | undefined, name: string): string | undefined => {
  if (value === undefined) return undefined;
  if (!DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) throw Invalid.at(name, 'must be an ISO 8601 date-time with a time zone');
  return new Date(value).toISOString();
};
const list = (value: string | undefined, separators: RegExp): string[] | undefined =>
  value === undefined ? undefined : value.split(separators).map((v) => v.trim()).filter((v) => v !== '');

/** Whether an identifier matches a pattern: equal, a `*` prefix pattern, or the same GTIN class in the other syntax. */
function matches(value: string, pattern: string): boolean {
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  if (value === pattern) return true;
  const a = parseEpcClass(value);
  const b = parseEpcClass(pattern);
  return a !== undefined && b !== undefined && a.gtin === b.gtin && a.lot === b.lot;
}

function epcClassesOf(e: EpcisEvent): string[] {
  return [e.quantityList, e.childQuantityList, e.inputQuantityList, e.outputQuantityList].flatMap((l) => (l ?? []).map((q) => q.epcClass));
}
function epcsOf(e: EpcisEvent): string[] {
  return [e.epcList, e.childEPCs, e.inputEPCList, e.outputEPCList, e.parentID === undefined ? [] : [e.parentID]].flatMap((l) => l ?? []);
}

export interface EpcisQueryDocument {
  '@context': unknown[];
  type: 'EPCISQueryDocument';
  schemaVersion: '2.0';
  creationDate: string;
  epcisBody: { queryResults: { queryName: string; resultsBody: { eventList: unknown[] } } };
}

/** Captured events matching the EPCIS query parameters, as an EPCISQueryDocument. Several values of one parameter are separated by "|". */
export async function queryEpcisEvents(app: App, query: EpcisEventQuery): Promise<EpcisQueryDocument> {
  const eventTypes = list(query.eventType, /[|,]/);
  const unknownType = eventTypes?.find((t) => !(EVENT_TYPES as readonly string[]).includes(t));
  if (unknownType !== undefined) throw Invalid.at('eventType', `"${unknownType}" is not one of ${EVENT_TYPES.join(', ')}`);
  const bizSteps = list(query.EQ_bizStep, /\|/)?.map((s) => bareCbv(s)!);
  const classes = list(query.MATCH_epcClass, /\|/);
  const epcs = list(query.MATCH_anyEPC, /\|/);
  const rows: EpcisEventRow[] = await findEpcisEvents(app.store.db, {
    eventTypes,
    bizSteps,
    fromTime: instant(query.GE_eventTime, 'GE_eventTime'),
    beforeTime: instant(query.LT_eventTime, 'LT_eventTime'),
  });
  const events = rows
    .map((r) => JSON.parse(r.json) as EpcisEvent)
    .filter((e) => !classes || epcClassesOf(e).some((c) => classes.some((p) => matches(c, p))))
    .filter((e) => !epcs || epcsOf(e).some((c) => epcs.some((p) => matches(c, p))));
  return {
    '@context': [EPCIS_CONTEXT],
    type: 'EPCISQueryDocument',
    schemaVersion: '2.0',
    creationDate: app.clock.now().toISOString(),
    epcisBody: { queryResults: { queryName: 'SimpleEventQuery', resultsBody: { eventList: events } } },
  };
}

// ---------------------------------------------------------------------------------------------
// A lot's history as EPCIS

const glnUri = (code: string, ai: '414' | '417'): string => (/^\d{13}$/.test(code) ? `https://id.gs1.org/${ai}/${code}` : `urn:lotline:${ai === '414' ? 'location' : 'party'}:${encodeURIComponent(code)}`);

/**
 * The lot's ledger history as an EPCISDocument: its receipts as receiving ObjectEvents with the
 * lot data in ilmd, the productions it went into or came out of as TransformationEvents, and its
 * shipments as shipping ObjectEvents with source and destination. Lots of items with a GTIN are
 * named `urn:epc:class:lgtin:…` (Lotline does not know the company prefix length: 7 digits are
 * assumed, which keeps the GTIN intact); others `urn:lotline:lot:{sku}:{lot}`. Other event types
 * (transfers, adjustments, returns, holds) are not exported yet.
 */
export async function lotHistoryEpcis(app: App, sku: string, lot: string): Promise<EpcisDocument> {
  const db = app.store.db;
  const [row] = await findLots(db, [{ sku, code: lot }]);
  if (!row) throw new NotFound(`lot "${lot}" of item "${sku}" not found`);
  const views = await loadEventViews(db, await ledgerEventIdsOfLot(db, Number(row.id)));
  const skus = [...new Set(views.flatMap((v) => v.lines.map((l) => l.sku)))];
  const items = new Map((await findItems(db, skus)).map((i) => [i.sku, i]));
  const lotInfo = new Map((await findLots(db, views.flatMap((v) => v.lines.map((l) => ({ sku: l.sku, code: l.lot }))))).map((l) => [`${l.sku}\u0000${l.code}`, l]));

  const classOf = (s: string, l: string): string => {
    const gtin = items.get(s)?.gtin;
    return gtin ? lgtinOf(gtin, l) : `urn:lotline:lot:${encodeURIComponent(s)}:${encodeURIComponent(l)}`;
  };
  const quantities = (lines: EventView['lines']) =>
    lines.map((l) => {
      const uom = items.get(l.sku)?.uom;
      return { epcClass: classOf(l.sku, l.lot), quantity: Math.abs(l.quantity), ...(uom && /^[A-Z0-9]{2,3}$/.test(uom) ? { uom } : {}) };
    });
  const own = (v: EventView) => v.lines.filter((l) => l.sku === sku && l.lot === lot);
  const base = (v: EventView) => ({
    eventID: `urn:uuid:${v.id}`,
    eventTime: v.time,
    eventTimeZoneOffset: '+00:00',
    ...(v.location ? { bizLocation: { id: glnUri(v.location, '414') } } : {}),
  });

  const eventList: EpcisEvent[] = [];
  for (const v of views) {
    if (v.type === 'receipt') {
      const info = lotInfo.get(`${sku}\u0000${lot}`);
      eventList.push({
        type: 'ObjectEvent',
        ...base(v),
        action: 'ADD',
        bizStep: 'receiving',
        disposition: 'in_progress',
        quantityList: quantities(own(v)),
        ...(v.party ? { sourceList: [{ type: 'owning_party', source: glnUri(v.party, '417') }] } : {}),
        ilmd: {
          'cbvmda:lotNumber': lot,
          ...(info?.expiry_date ? { 'cbvmda:itemExpirationDate': info.expiry_date } : {}),
        },
      });
    } else if (v.type === 'production') {
      eventList.push({
        type: 'TransformationEvent',
        ...base(v),
        inputQuantityList: quantities(v.lines.filter((l) => l.movement === 'consumption')),
        outputQuantityList: quantities(v.lines.filter((l) => l.movement === 'production')),
      });
    } else if (v.type === 'shipment') {
      eventList.push({
        type: 'ObjectEvent',
        ...base(v),
        action: 'OBSERVE',
        bizStep: 'shipping',
        disposition: 'in_transit',
        quantityList: quantities(own(v)),
        ...(v.location ? { sourceList: [{ type: 'location', source: glnUri(v.location, '414') }] } : {}),
        ...(v.party ? { destinationList: [{ type: 'owning_party', destination: glnUri(v.party, '417') }] } : {}),
      });
    }
  }
  return {
    '@context': [EPCIS_CONTEXT],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: app.clock.now().toISOString(),
    epcisBody: { eventList },
  };
}
