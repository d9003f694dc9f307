import { Conflict } from '../domain/errors.js';
import { applyPostings, balanceKey } from '../domain/posting.js';
import { loadBalances, saveBalances } from '../store/balances.repository.js';
import { findEventsByKeys, insertEvents, lastEvent } from '../store/events.repository.js';
import { addLotFlows } from '../store/lot-flows.repository.js';
import { reservedAt } from '../store/reservations.repository.js';
import { chunks, inLedgerTransaction } from '../store/transaction.js';
import type { App } from './context.js';
import { loadEventViews, viewsOfAppended, type EventView } from './event-views.js';
import { withLotsWrittenTogether } from './lot-creation.js';
import { rememberedLots, withReferenceCache, type EventBuilder } from './references.js';
import { appendedOf, chainEvent, checkIdempotencyKey, requestHashOf, type ChainedEvent, type EventDraft, type EventRequest, type Recorded } from './event-writer.js';

/** One event of a batch: how it was asked for and the use case's builder (e.g. `receiptBuilder`). */
export interface BatchedEvent {
  request: EventRequest;
  build: EventBuilder;
}

/**
 * Records many events in ONE ledger transaction, all-or-nothing, for imports and integrations
 * that deliver events in bulk. Each event is validated by its own builder and checked against the
 * stock left by the events before it in the batch (no negative stock, reserved stock untouched),
 * and the events join the hash chain in order, exactly as one-by-one recording would chain them.
 * What is per batch instead of per event: the idempotency lookup, the balance and reservation
 * reads, the chain head, the inserts (multi-row) and the balance and lot-flow upserts, the codes
 * the builders declare (items, parties, locations, lots: see `withReferenceCache`) and the lots
 * they create (written together once all are built: see `withLotsWrittenTogether`).
 *
 * Builders run before any of the batch's lines are written, so they see the ledger as it was
 * before the batch (plus, through `References`, lots created earlier in it). Use cases whose validation reads stock or
 * earlier lines — auto-allocated shipments, customer returns — must not be batched together with
 * the events they depend on; receipts, productions, transfers and shipments of named lots may.
 * Builders must not change items, parties, locations or existing lots (holds): the batch reads
 * each code once.
 */
export async function recordEvents(app: App, events: readonly BatchedEvent[]): Promise<Recorded[]> {
  for (const e of events) checkIdempotencyKey(e.request.idempotencyKey);
  if (events.length === 0) return [];
  return inLedgerTransaction(app.store, async (trx) => {
    const keys = events.flatMap((e) => (e.request.idempotencyKey === undefined ? [] : [e.request.idempotencyKey]));
    const seen = new Map((await findEventsByKeys(trx, keys)).map((r) => [r.idempotency_key, r]));
    const results: ({ replayedId: string } | { draft: EventDraft; id: string; requestHash: string; key: string | undefined })[] = [];
    // The codes of every builder that will run (a known key replays or conflicts instead).
    const declared = events.flatMap((e) => (e.request.idempotencyKey !== undefined && seen.has(e.request.idempotencyKey) ? [] : [e.build.references ?? {}]));
    const lots = await withReferenceCache(trx, declared, async () => {
      const { ids } = await withLotsWrittenTogether(trx, async () => {
        for (const e of events) {
          const requestHash = requestHashOf(e.request);
          const key = e.request.idempotencyKey;
          const known = key === undefined ? undefined : seen.get(key);
          if (known) {
            if (known.request_hash !== requestHash) throw Conflict.at('Idempotency-Key', `"${key}" was already used for a different request`);
            results.push({ replayedId: known.id });
            continue;
          }
          const id = app.newId();
          results.push({ draft: await e.build(trx, id), id, requestHash, key });
        }
      });
      if (ids.size > 0) for (const r of results) if ('draft' in r) renumberLots(r.draft, ids);
      // The lots the builders resolved or created: the views need not read them again.
      return rememberedLots(trx);
    });
    const fresh = results.filter((r): r is Extract<(typeof results)[number], { draft: EventDraft }> => 'draft' in r);

    // Balance check event by event against the running balances of the batch.
    const allLines = fresh.flatMap((r) => r.draft.lines);
    const running = await loadBalances(trx, allLines);
    const reserved = await reservedAt(trx, allLines.filter((l) => l.quantity < 0));
    for (const r of fresh) {
      for (const [key, quantity] of applyPostings(running, r.draft.lines, reserved)) running.set(key, quantity);
    }
    const touched = new Map(allLines.map((l) => [balanceKey(l.lotId, l.location), { lot_id: l.lotId, location: l.location }]));
    await saveBalances(trx, app.store.dialect, [...touched].map(([key, b]) => ({ ...b, quantity: running.get(key) ?? 0 })));
    await addLotFlows(trx, allLines);

    let previous = await lastEvent(trx);
    const chained: ChainedEvent[] = fresh.map((r) => {
      const c = chainEvent(app, { id: r.id, requestHash: r.requestHash, idempotencyKey: r.key }, r.draft, previous);
      previous = { seq: c.event.seq, hash: c.event.hash };
      return c;
    });
    await insertEvents(trx, chained.map((c) => c.event), chained.flatMap((c) => c.lines), chained.flatMap((c) => c.links));

    const ids = results.map((r) => ('replayedId' in r ? r.replayedId : r.id));
    const views = new Map<string, EventView>();
    for (const v of await viewsOfAppended(trx, chained.map(appendedOf), lots)) views.set(v.id, v);
    const replayed = results.flatMap((r) => ('replayedId' in r ? [r.replayedId] : []));
    for (const part of chunks(replayed, 500)) for (const v of await loadEventViews(trx, part)) views.set(v.id, v);
    return results.map((r, i) => ({ event: views.get(ids[i]!)!, replayed: 'replayedId' in r }));
  });
}

/** Replaces, in a built event, the provisional ids of lots made in the batch by their real ones. */
function renumberLots(draft: EventDraft, ids: ReadonlyMap<number, number>): void {
  const real = (id: number) => ids.get(id) ?? id;
  if (draft.lotId !== undefined) draft.lotId = real(draft.lotId);
  for (const l of draft.lines) l.lotId = real(l.lotId);
  for (const k of draft.links ?? []) {
    k.fromLotId = real(k.fromLotId);
    k.toLotId = real(k.toLotId);
  }
}
