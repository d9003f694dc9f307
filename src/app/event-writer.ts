import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/canonical.js';
import { Conflict, Invalid } from '../domain/errors.js';
import type { DocumentRef, EventType, Movement } from '../domain/ledger.js';
import { applyPostings, balanceKey, type Posting } from '../domain/posting.js';
import { loadBalances, saveBalances } from '../store/balances.repository.js';
import { findEventByKey, insertEvent, lastEvent } from '../store/events.repository.js';
import { addLotFlows } from '../store/lot-flows.repository.js';
import { reservedAt } from '../store/reservations.repository.js';
import type { EventsTable } from '../store/schema.js';
import type { Dialect } from '../store/db.js';
import { inLedgerTransaction, type Tx } from '../store/transaction.js';
import { currentActor } from './actor.js';
import type { App } from './context.js';
import { loadEventViews, viewsOfAppended, type AppendedEvent, type EventView } from './event-views.js';

export interface LineDraft extends Posting {
  movement: Movement;
}

/** What a use case decided to record; the writer adds sequence, hashes and the balance check. */
export interface EventDraft {
  type: EventType;
  time: string;
  party?: string;
  location?: string;
  toLocation?: string;
  reason?: string;
  disposition?: string;
  lotId?: number;
  reverses?: string;
  shipmentId?: string;
  documents?: DocumentRef[];
  allocation?: unknown;
  lines: LineDraft[];
  links?: { fromLotId: number; toLotId: number; quantity: number }[];
}

/** How the client asked: the idempotency fingerprint is the route plus the body. */
export interface EventRequest {
  route: string;
  body: unknown;
  idempotencyKey?: string;
}

export interface Recorded {
  event: EventView;
  /** True when the idempotency key was seen before and the original event is returned. */
  replayed: boolean;
}

export const GENESIS_HASH = '0'.repeat(64);

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The stored columns of an event that its hash covers: everything but the hash itself. Actor and
 * client address may be absent: events recorded before users existed hash without them.
 */
export type HashedEventRecord = Omit<EventsTable, 'hash' | 'actor' | 'client_address'> & {
  actor?: string | null;
  client_address?: string | null;
};

export interface HashedLine {
  line_no: number;
  lot_id: number;
  location: string;
  quantity: number;
  movement: string;
}

export interface HashedLink {
  fromLotId: number;
  toLotId: number;
  quantity: number;
}

/**
 * The SHA-256 of an event's canonical form. Exported so `verifyLedger` recomputes it with the
 * very code that wrote it: any drift between the two would make every ledger look tampered.
 */
export function eventHash(record: HashedEventRecord, lines: readonly HashedLine[], links: readonly HashedLink[]): string {
  // Actor columns enter the hash only when set: canonical JSON drops undefined keys, so events
  // recorded before they existed hash exactly as they did, and setting or clearing them later
  // on any event breaks its hash.
  const { actor, client_address, ...rest } = record;
  return sha256(canonicalJson({ ...rest, actor: actor ?? undefined, client_address: client_address ?? undefined, lines, links }));
}

/**
 * Records one event all-or-nothing: inside the ledger transaction it replays a known idempotency
 * key, lets `build` validate and prepare the event (it may create lots or change hold states in
 * the same transaction), refuses any line that would make stock negative, appends the event to
 * the hash chain and updates the balance projection.
 */
export async function recordEvent(
  app: App,
  request: EventRequest,
  build: (trx: Tx, eventId: string) => Promise<EventDraft>,
): Promise<Recorded> {
  checkIdempotencyKey(request.idempotencyKey);
  return inLedgerTransaction(app.store, (trx) => appendEvent(app, trx, request, build));
}

/** Idempotency keys are 1 to 255 characters (the width of the stored key). */
export function checkIdempotencyKey(key: string | undefined): void {
  if (key !== undefined && (key.length < 1 || key.length > 255)) {
    throw Invalid.at('Idempotency-Key', 'must be 1 to 255 characters');
  }
}

/** The fingerprint stored with an event: a replayed key must come with the same request. */
export function requestHashOf(request: Pick<EventRequest, 'route' | 'body'>): string {
  return sha256(canonicalJson({ route: request.route, body: request.body }));
}

/**
 * `recordEvent` inside a ledger transaction the caller already holds, so that a use case can
 * record several events all-or-nothing (e.g. one write-off per location).
 */
export async function appendEvent(
  app: App,
  trx: Tx,
  request: EventRequest,
  build: (trx: Tx, eventId: string) => Promise<EventDraft>,
): Promise<Recorded> {
  const requestHash = requestHashOf(request);
  if (request.idempotencyKey !== undefined) {
    const seen = await findEventByKey(trx, request.idempotencyKey);
    if (seen) {
      if (seen.request_hash !== requestHash) {
        throw Conflict.at('Idempotency-Key', 'was already used for a different request');
      }
      const [event] = await loadEventViews(trx, [seen.id]);
      return { event: event!, replayed: true };
    }
  }
  const id = app.newId();
  const draft = await build(trx, id);
  await postLines(trx, app.store.dialect, draft.lines);

  const previous = await lastEvent(trx);
  const chained = chainEvent(app, { id, requestHash, idempotencyKey: request.idempotencyKey }, draft, previous);
  await insertEvent(trx, chained.event, chained.lines, chained.links);
  const [event] = await viewsOfAppended(trx, [appendedOf(chained)]);
  return { event: event!, replayed: false };
}

/** An event's stored rows, appended to the chain after `previous` and hashed. */
export interface ChainedEvent {
  event: HashedEventRecord & { hash: string };
  lines: (HashedLine & { event_id: string })[];
  links: { event_id: string; from_lot_id: number; to_lot_id: number; quantity: number }[];
}

/** A chained event as `viewsOfAppended` takes it: the rows exactly as they were stored. */
export function appendedOf(chained: ChainedEvent): AppendedEvent {
  const { actor, client_address, ...rest } = chained.event;
  return { row: { ...rest, actor: actor ?? null, client_address: client_address ?? null }, lines: chained.lines };
}

/**
 * Numbers and hashes a built event as the successor of `previous` (undefined for the first event).
 * Shared by the one-event and the batch writer so both chain exactly alike.
 */
export function chainEvent(
  app: App,
  ids: { id: string; requestHash: string; idempotencyKey: string | undefined },
  draft: EventDraft,
  previous: { seq: number; hash: string } | undefined,
): ChainedEvent {
  const { id } = ids;
  const actor = currentActor();
  const lines = draft.lines.map((l, i) => ({ line_no: i + 1, lot_id: l.lotId, location: l.location, quantity: l.quantity, movement: l.movement }));
  const links = draft.links ?? [];
  const record: HashedEventRecord = {
    id,
    seq: (previous?.seq ?? 0) + 1,
    type: draft.type,
    time: draft.time,
    recorded_at: app.clock.now().toISOString(),
    idempotency_key: ids.idempotencyKey ?? id,
    request_hash: ids.requestHash,
    party: draft.party ?? null,
    location: draft.location ?? null,
    to_location: draft.toLocation ?? null,
    reason: draft.reason ?? null,
    disposition: draft.disposition ?? null,
    lot_id: draft.lotId ?? null,
    reverses: draft.reverses ?? null,
    shipment_id: draft.shipmentId ?? null,
    documents: JSON.stringify(draft.documents ?? []),
    allocation: draft.allocation === undefined ? null : JSON.stringify(draft.allocation),
    prev_hash: previous?.hash ?? GENESIS_HASH,
    actor: actor.label,
    client_address: actor.clientAddress,
  };
  return {
    event: { ...record, hash: eventHash(record, lines, links) },
    lines: lines.map((l) => ({ ...l, event_id: id })),
    links: links.map((l) => ({ event_id: id, from_lot_id: l.fromLotId, to_lot_id: l.toLotId, quantity: l.quantity })),
  };
}

/**
 * The balances the lines would leave, refusing (409) any line that would make stock negative or
 * take reserved stock; writes nothing, so a plan can run the very check an event will face.
 */
export async function checkPostings(trx: Tx, lines: readonly Posting[]): Promise<Map<string, number>> {
  const current = await loadBalances(trx, lines);
  // Reserved stock is held back from every event that takes stock; an order taking its own
  // reservation releases it in the same transaction first.
  const takes = lines.filter((l) => l.quantity < 0);
  return applyPostings(current, lines, await reservedAt(trx, takes));
}

/**
 * Applies the lines to the balance and lot-flow projections, refusing the whole event if any
 * would go negative or take reserved stock.
 */
async function postLines(trx: Tx, dialect: Dialect, lines: readonly LineDraft[]): Promise<void> {
  if (lines.length === 0) return;
  const next = await checkPostings(trx, lines);
  const rows = new Map<string, { lot_id: number; location: string; quantity: number }>();
  for (const l of lines) {
    const key = balanceKey(l.lotId, l.location);
    rows.set(key, { lot_id: l.lotId, location: l.location, quantity: next.get(key)! });
  }
  await saveBalances(trx, dialect, [...rows.values()]);
  await addLotFlows(trx, lines);
}
