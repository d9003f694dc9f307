import type { Movement } from './ledger.js';
import type { Micro } from './quantity.js';

export type TraceDirection = 'backward' | 'forward' | 'both';

export interface Link {
  fromLotId: number;
  toLotId: number;
}

/** Where a lot stands relative to the traced lot(s). */
export interface Placement {
  /** Fewest links between the root and this lot. */
  depth: number;
  side: 'root' | 'backward' | 'forward' | 'both';
}

/**
 * Breadth-first distances from the roots over the closure's links: backward follows links to
 * their inputs, forward to their outputs. Every lot is visited once, so rework cycles (a lot fed
 * back into its own ancestry) terminate and get their shortest distance.
 */
export function placeLots(roots: readonly number[], links: readonly Link[], direction: TraceDirection): Map<number, Placement> {
  const placed = new Map<number, Placement>();
  for (const r of roots) placed.set(r, { depth: 0, side: 'root' });
  const walk = (side: 'backward' | 'forward') => {
    const next = new Map<number, number[]>();
    for (const l of links) {
      const [from, to] = side === 'forward' ? [l.fromLotId, l.toLotId] : [l.toLotId, l.fromLotId];
      const list = next.get(from);
      if (list) list.push(to);
      else next.set(from, [to]);
    }
    const seen = new Set(roots);
    let frontier = [...roots];
    for (let depth = 1; frontier.length > 0; depth++) {
      const following: number[] = [];
      for (const lot of frontier) {
        for (const n of next.get(lot) ?? []) {
          if (seen.has(n)) continue;
          seen.add(n);
          following.push(n);
          const before = placed.get(n);
          if (!before) placed.set(n, { depth, side });
          else if (before.side !== 'root' && before.side !== side) placed.set(n, { depth: Math.min(depth, before.depth), side: 'both' });
        }
      }
      frontier = following;
    }
  };
  if (direction !== 'forward') walk('backward');
  if (direction !== 'backward') walk('forward');
  return placed;
}

/** What a lot received, made and lost, as positive flows in micro-units. */
export interface Flows {
  received: Micro;
  produced: Micro;
  returned: Micro;
  adjusted: Micro;
  consumed: Micro;
  shipped: Micro;
  writtenOff: Micro;
  /** Sent back to the supplier it was received from. */
  returnedToSupplier: Micro;
  /** Net of transfers between locations; zero whenever each transfer's two lines were recorded. */
  transferred: Micro;
}

/** A lot with no ledger lines. A fresh object each call: `addFlow` adds to it in place. */
export function noFlows(): Flows {
  return { received: 0, produced: 0, returned: 0, adjusted: 0, consumed: 0, shipped: 0, writtenOff: 0, returnedToSupplier: 0, transferred: 0 };
}

/** Adds the sum of a lot's ledger lines of one movement to its flows (outflows become positive). */
export function addFlow(f: Flows, movement: Movement, q: Micro): void {
  switch (movement) {
    case 'receipt': f.received += q; break;
    case 'production': f.produced += q; break;
    case 'return': f.returned += q; break;
    case 'adjustment': f.adjusted += q; break;
    case 'consumption': f.consumed -= q; break;
    case 'shipment': f.shipped -= q; break;
    case 'write_off': f.writtenOff -= q; break;
    case 'supplier_return': f.returnedToSupplier -= q; break;
    case 'transfer_in':
    case 'transfer_out': f.transferred += q; break;
  }
}

/** Sums of a lot's ledger lines per movement → flows. */
export function flowsOf(sums: Iterable<[Movement, Micro]>): Flows {
  const f = noFlows();
  for (const [movement, q] of sums) addFlow(f, movement, q);
  return f;
}

export interface MassBalance extends Flows {
  onHand: Micro;
  /** in − out − on hand; zero when every unit is accounted for. */
  difference: Micro;
  closes: boolean;
}

/**
 * received + produced + returned ± adjusted = consumed + shipped + written off + returned to
 * supplier + on hand.
 * `onHand` comes from the balance projection, so a difference means the projection and the
 * ledger disagree (or a transfer lost a line) — exactly what an auditor wants flagged.
 */
export function massBalance(f: Flows, onHand: Micro): MassBalance {
  const inflow = f.received + f.produced + f.returned + f.adjusted + f.transferred;
  const outflow = f.consumed + f.shipped + f.writtenOff + f.returnedToSupplier;
  const difference = inflow - outflow - onHand;
  // Spelled out rather than spread: a hub trace balances thousands of lots, and a literal of
  // known shape is several times cheaper to build than a spread copy.
  return {
    received: f.received,
    produced: f.produced,
    returned: f.returned,
    adjusted: f.adjusted,
    consumed: f.consumed,
    shipped: f.shipped,
    writtenOff: f.writtenOff,
    returnedToSupplier: f.returnedToSupplier,
    transferred: f.transferred,
    onHand,
    difference,
    closes: difference === 0,
  };
}
