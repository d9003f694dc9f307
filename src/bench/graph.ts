import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { TraceDirection } from '../domain/trace.js';
import type { Tx } from '../store/transaction.js';

/**
 * Baselines for the trace benchmark: the genealogy as typed-array adjacency lists in memory (the
 * physical limit of a walk) and a walk issuing queries per lot (how Odoo and ERPNext trace).
 */

/** Compressed sparse rows: the neighbours of lot i are `targets[offsets[i] .. offsets[i + 1])`. */
export interface Adjacency {
  offsets: Int32Array;
  targets: Int32Array;
}

export interface Genealogy {
  maxLotId: number;
  forward: Adjacency;
  backward: Adjacency;
}

function compress(maxId: number, from: Int32Array, to: Int32Array, count: number): Adjacency {
  const offsets = new Int32Array(maxId + 2);
  for (let i = 0; i < count; i++) offsets[from[i]! + 1]!++;
  for (let i = 1; i < offsets.length; i++) offsets[i]! += offsets[i - 1]!;
  const fill = offsets.slice(0, maxId + 1);
  const targets = new Int32Array(count);
  for (let i = 0; i < count; i++) targets[fill[from[i]!]!++] = to[i]!;
  return { offsets, targets };
}

/** Reads every lot link, a page at a time, into adjacency lists in both directions. */
export async function loadGenealogy(db: Tx): Promise<Genealogy> {
  const max = await sql<{ lots: number | null; links: number | null }>`select (select max(id) from lots) as lots, (select count(*) from lot_links) as links`.execute(db);
  const maxLotId = Number(max.rows[0]?.lots ?? 0);
  const total = Number(max.rows[0]?.links ?? 0);
  const from = new Int32Array(total);
  const to = new Int32Array(total);
  let count = 0;
  let after = 0;
  for (;;) {
    const { rows } = await sql<{ id: number; f: number; t: number }>`select id, from_lot_id as f, to_lot_id as t from lot_links where id > ${after} order by id limit 200000`.execute(db);
    if (rows.length === 0) break;
    for (const r of rows) {
      if (count === total) break;
      from[count] = Number(r.f);
      to[count] = Number(r.t);
      count++;
    }
    after = Number(rows.at(-1)!.id);
  }
  return { maxLotId, forward: compress(maxLotId, from, to, count), backward: compress(maxLotId, to, from, count) };
}

function walk(adj: Adjacency, roots: readonly number[], seen: Uint8Array, out: number[]): void {
  const queue = [...roots];
  for (const r of roots) seen[r] = 1;
  out.push(...roots);
  for (let q = 0; q < queue.length; q++) {
    const n = queue[q]!;
    for (let i = adj.offsets[n]!; i < adj.offsets[n + 1]!; i++) {
      const m = adj.targets[i]!;
      if (seen[m] === 0) {
        seen[m] = 1;
        queue.push(m);
        out.push(m);
      }
    }
  }
}

/** Breadth-first closure in memory; `seen` is a scratch buffer of maxLotId + 1 zeros, left zeroed. */
export function memoryClosure(g: Genealogy, roots: readonly number[], direction: TraceDirection, seen = new Uint8Array(g.maxLotId + 1)): number[] {
  const side = (adj: Adjacency) => {
    const out: number[] = [];
    walk(adj, roots, seen, out);
    for (const id of out) seen[id] = 0;
    return out;
  };
  if (direction === 'backward') return side(g.backward);
  if (direction === 'forward') return side(g.forward);
  return [...new Set([...side(g.backward), ...side(g.forward)])];
}

/**
 * The per-node walk of ERP trace reports: for every lot reached, one query for its row, one for
 * its links, one for its line totals, one for its stock and one for its receipts and shipments.
 * It returns the same closure as the set-at-a-time trace, at one round trip per lot and table.
 */
export async function perNodeClosure(db: Tx, roots: readonly number[], direction: Exclude<TraceDirection, 'both'>): Promise<{ ids: number[]; statements: number }> {
  const seen = new Set<number>(roots);
  const queue = [...roots];
  let statements = 0;
  for (let q = 0; q < queue.length; q++) {
    const id = queue[q]!;
    await sql`select * from lots where id = ${id}`.execute(db);
    await sql`select movement, sum(quantity) as quantity from event_lines where lot_id = ${id} group by movement`.execute(db);
    await sql`select location, quantity from balances where lot_id = ${id}`.execute(db);
    await sql`select e.id, e.type, e.party, l.quantity from event_lines l join events e on e.id = l.event_id where l.lot_id = ${id} and l.movement in ('receipt', 'shipment', 'return')`.execute(db);
    const next =
      direction === 'forward'
        ? await sql<{ n: number }>`select to_lot_id as n from lot_links where from_lot_id = ${id}`.execute(db)
        : await sql<{ n: number }>`select from_lot_id as n from lot_links where to_lot_id = ${id}`.execute(db);
    statements += 5;
    for (const r of next.rows) {
      const n = Number(r.n);
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return { ids: queue, statements };
}

/** A fingerprint of a closure, whatever order it was found in. */
export function closureHash(ids: Iterable<number>): string {
  return createHash('sha256').update([...ids].sort((a, b) => a - b).join(',')).digest('hex');
}
