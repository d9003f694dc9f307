import { fromMicro } from '../domain/quantity.js';
import type { EventRow } from '../store/events.repository.js';
import { balanceMismatches, countBalances, countLotFlows, eventsAfter, linesInSeqRange, linksInSeqRange, lotFlowMismatches, partyMovementMismatches } from '../store/verify.repository.js';
import type { Tx } from '../store/transaction.js';
import { auditAfter, type AuditRow } from '../store/audit.repository.js';
import { auditHash } from './audit.js';
import type { App } from './context.js';
import { eventHash, GENESIS_HASH, type HashedEventRecord, type HashedLine, type HashedLink } from './event-writer.js';

/** Where the hash chain first stops holding. */
export interface ChainBreak {
  seq: number;
  id: string;
  problem: 'sequence_gap' | 'prev_hash_mismatch' | 'hash_mismatch';
  message: string;
  expected: string;
  actual: string;
}

export interface BalanceMismatch {
  sku: string;
  lot: string;
  location: string;
  /** What the ledger lines add up to. */
  ledger: number;
  /** What the balance projection holds. */
  projection: number;
}

export interface LotFlowMismatch {
  sku: string;
  lot: string;
  movement: string;
  /** What the lot's ledger lines of the movement add up to. */
  ledger: number;
  /** What the lot-flow projection holds. */
  projection: number;
}

/** A receipt, shipment or return line the party-movement projection lacks, or holds without cause. */
export interface PartyMovementMismatch {
  event: string;
  seq: number;
  line: number;
  sku: string;
  lot: string;
  /** `missing`: the ledger has the line, the projection not; `unexpected`: the reverse; `differs`: both, not alike. */
  problem: 'missing' | 'unexpected' | 'differs';
}

/** Where the audit chain first stops holding. */
export type AuditBreak = Omit<ChainBreak, 'id'>;

export interface VerifyReport {
  ok: boolean;
  chain: { ok: boolean; eventsChecked: number; lastHash: string; firstBreak: ChainBreak | null };
  audit: { ok: boolean; entriesChecked: number; lastHash: string; firstBreak: AuditBreak | null };
  balances: { ok: boolean; checked: number; mismatchCount: number; mismatches: BalanceMismatch[] };
  lotFlows: { ok: boolean; checked: number; mismatchCount: number; mismatches: LotFlowMismatch[] };
  partyMovements: { ok: boolean; checked: number; mismatchCount: number; mismatches: PartyMovementMismatch[] };
}

export interface VerifyOptions {
  /** Events read per statement; bounded so memory stays flat on a ledger of any length. */
  batchSize?: number;
  /** How many mismatched balances (and lot flows) to list (all are counted). */
  maxMismatches?: number;
}

/**
 * Checks the ledger's invariants: the balance projection equals the sum of the ledger lines for
 * every (lot, location), the lot-flow projection for every (lot, movement), the party-movement
 * projection holds exactly the receipt, shipment and return lines of events not reversed, and
 * every event's and every audit entry's hash matches its stored
 * contents and links to its predecessor. Reads one consistent snapshot, in batches by sequence.
 */
export async function verifyLedger(app: App, options: VerifyOptions = {}): Promise<VerifyReport> {
  const batchSize = options.batchSize ?? 5000;
  const maxMismatches = options.maxMismatches ?? 20;
  // Repeatable read (SQLite's deferred transaction is a snapshot too) so events written meanwhile
  // cannot show up as a balance that disagrees with lines read a moment earlier.
  return app.store.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const chain = await verifyChain(trx, batchSize);
      const audit = await verifyAuditChain(trx, batchSize);
      const [mismatched, checked] = await Promise.all([balanceMismatches(trx, maxMismatches), countBalances(trx)]);
      const balances = {
        ok: mismatched.count === 0,
        checked,
        mismatchCount: mismatched.count,
        mismatches: mismatched.rows.map((r) => ({
          sku: r.sku,
          lot: r.code,
          location: r.location,
          ledger: fromMicro(r.ledger),
          projection: fromMicro(r.projection),
        })),
      };
      const [flowsMismatched, flowsChecked] = await Promise.all([lotFlowMismatches(trx, maxMismatches), countLotFlows(trx)]);
      const lotFlows = {
        ok: flowsMismatched.count === 0,
        checked: flowsChecked,
        mismatchCount: flowsMismatched.count,
        mismatches: flowsMismatched.rows.map((r) => ({
          sku: r.sku,
          lot: r.code,
          movement: r.movement,
          ledger: fromMicro(r.ledger),
          projection: fromMicro(r.projection),
        })),
      };
      const moved = await partyMovementMismatches(trx, maxMismatches);
      const partyMovements = {
        ok: moved.count === 0,
        checked: moved.checked,
        mismatchCount: moved.count,
        mismatches: moved.rows.map((r) => ({ event: r.event_id, seq: r.seq, line: r.line_no, sku: r.sku, lot: r.code, problem: r.problem })),
      };
      return { ok: chain.ok && balances.ok && lotFlows.ok && partyMovements.ok && audit.ok, chain, audit, balances, lotFlows, partyMovements };
    });
}

async function verifyChain(trx: Tx, batchSize: number): Promise<VerifyReport['chain']> {
  let previous = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  for (;;) {
    const events = await eventsAfter(trx, previous.seq, batchSize);
    if (events.length === 0) break;
    const lastSeq = events.at(-1)!.seq;
    const [lines, links] = await Promise.all([linesInSeqRange(trx, previous.seq, lastSeq), linksInSeqRange(trx, previous.seq, lastSeq)]);
    const linesByEvent = groupBy(lines, (l) => l.event_id, (l): HashedLine => ({ line_no: l.line_no, lot_id: l.lot_id, location: l.location, quantity: l.quantity, movement: l.movement }));
    const linksByEvent = groupBy(links, (l) => l.event_id, (l): HashedLink => ({ fromLotId: l.from_lot_id, toLotId: l.to_lot_id, quantity: l.quantity }));
    for (const event of events) {
      const broken = checkLink(event, previous, linesByEvent.get(event.id) ?? [], linksByEvent.get(event.id) ?? []);
      if (broken) return { ok: false, eventsChecked: checked, lastHash: previous.hash, firstBreak: broken };
      previous = { seq: event.seq, hash: event.hash };
      checked++;
    }
  }
  return { ok: true, eventsChecked: checked, lastHash: previous.hash, firstBreak: null };
}

async function verifyAuditChain(trx: Tx, batchSize: number): Promise<VerifyReport['audit']> {
  let previous = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  for (;;) {
    const entries = await auditAfter(trx, previous.seq, batchSize);
    if (entries.length === 0) break;
    for (const entry of entries) {
      const broken = checkAuditLink(entry, previous);
      if (broken) return { ok: false, entriesChecked: checked, lastHash: previous.hash, firstBreak: broken };
      previous = { seq: entry.seq, hash: entry.hash };
      checked++;
    }
  }
  return { ok: true, entriesChecked: checked, lastHash: previous.hash, firstBreak: null };
}

function checkAuditLink(entry: AuditRow, previous: { seq: number; hash: string }): AuditBreak | null {
  const seq = entry.seq;
  if (seq !== previous.seq + 1) {
    return { seq, problem: 'sequence_gap', message: `audit entry #${seq} follows #${previous.seq}: entries are missing`, expected: String(previous.seq + 1), actual: String(seq) };
  }
  if (entry.prev_hash !== previous.hash) {
    return { seq, problem: 'prev_hash_mismatch', message: `audit entry #${seq} does not link to the hash of the entry before it`, expected: previous.hash, actual: entry.prev_hash };
  }
  const computed = auditHash(entry);
  if (computed !== entry.hash) {
    return { seq, problem: 'hash_mismatch', message: `audit entry #${seq} was changed after it was recorded: its contents do not match its hash`, expected: computed, actual: entry.hash };
  }
  return null;
}

function checkLink(event: EventRow, previous: { seq: number; hash: string }, lines: HashedLine[], links: HashedLink[]): ChainBreak | null {
  const at = { seq: event.seq, id: event.id };
  if (event.seq !== previous.seq + 1) {
    return { ...at, problem: 'sequence_gap', message: `event #${event.seq} follows #${previous.seq}: events are missing`, expected: String(previous.seq + 1), actual: String(event.seq) };
  }
  if (event.prev_hash !== previous.hash) {
    return { ...at, problem: 'prev_hash_mismatch', message: `event #${event.seq} does not link to the hash of the event before it`, expected: previous.hash, actual: event.prev_hash };
  }
  const computed = eventHash(hashedRecordOf(event), lines, links);
  if (computed !== event.hash) {
    return { ...at, problem: 'hash_mismatch', message: `event #${event.seq} was changed after it was recorded: its contents do not match its hash`, expected: computed, actual: event.hash };
  }
  return null;
}

/**
 * Picks the hashed columns by name rather than dropping `hash` from the row, so a column added
 * to the table later does not silently enter the recomputed hash.
 */
function hashedRecordOf(e: EventRow): HashedEventRecord {
  return {
    id: e.id,
    seq: e.seq,
    type: e.type,
    time: e.time,
    recorded_at: e.recorded_at,
    idempotency_key: e.idempotency_key,
    request_hash: e.request_hash,
    party: e.party,
    location: e.location,
    to_location: e.to_location,
    reason: e.reason,
    disposition: e.disposition,
    lot_id: e.lot_id,
    reverses: e.reverses,
    shipment_id: e.shipment_id,
    documents: e.documents,
    allocation: e.allocation,
    prev_hash: e.prev_hash,
    actor: e.actor,
    client_address: e.client_address,
  };
}

function groupBy<R, V>(rows: readonly R[], key: (r: R) => string, value: (r: R) => V): Map<string, V[]> {
  const out = new Map<string, V[]>();
  for (const r of rows) {
    const list = out.get(key(r));
    if (list) list.push(value(r));
    else out.set(key(r), [value(r)]);
  }
  return out;
}
