import { lotKey } from '../../ui/lotKey';
import type { LotRef, Trace, TraceLot, TraceOnHand } from './api';

type Exposure = Trace['customers'][number];
export type ImpactCustomer = Exposure;

/** What recalling a set of lots reaches: the union of their forward traces. */
export interface Impact {
  lots: TraceLot[];
  customers: ImpactCustomer[];
  onHand: TraceOnHand[];
  unbalanced: Trace['massBalance']['unbalanced'];
}

/**
 * Merges the forward traces of several chosen lots. Two chosen lots may share descendants (two
 * strawberry lots in the same batch of jam), so lots, customer shipments and stock are counted
 * once per lot, never once per trace.
 */
export function mergeTraces(traces: readonly Trace[]): Impact {
  const roots = new Set(traces.flatMap((t) => t.roots.map(lotKey)));
  const lots = new Map<string, TraceLot>();
  const customers = new Map<string, { exposure: Exposure; lots: Map<string, Exposure['lots'][number]> }>();
  const onHand = new Map<string, TraceOnHand>();
  const unbalanced = new Map<string, Trace['massBalance']['unbalanced'][number]>();

  for (const trace of traces) {
    for (const lot of trace.lots) {
      const key = lotKey(lot);
      const seen = lots.get(key);
      const merged = roots.has(key) ? { ...lot, depth: 0, side: 'root' as const } : lot;
      if (!seen || merged.depth < seen.depth) lots.set(key, merged);
    }
    for (const exposure of trace.customers) {
      const entry = customers.get(exposure.code) ?? { exposure, lots: new Map() };
      for (const line of exposure.lots) entry.lots.set(lotKey(line), line);
      customers.set(exposure.code, entry);
    }
    for (const line of trace.onHand) onHand.set(`${lotKey(line)}\u0000${line.location}`, line);
    for (const line of trace.massBalance.unbalanced) unbalanced.set(lotKey(line), line);
  }

  return {
    lots: [...lots.values()].sort((a, b) => a.depth - b.depth || compareLots(a, b)),
    customers: [...customers.values()]
      .map(({ exposure, lots: perLot }) => {
        const lines = [...perLot.values()].sort(compareLots);
        return {
          ...exposure,
          lots: lines,
          quantity: lines.reduce((sum, l) => sum + l.shipped, 0),
          returned: lines.reduce((sum, l) => sum + l.returned, 0),
        };
      })
      .sort((a, b) => b.quantity - a.quantity || a.code.localeCompare(b.code)),
    onHand: [...onHand.values()].sort((a, b) => a.location.localeCompare(b.location) || compareLots(a, b)),
    unbalanced: [...unbalanced.values()],
  };
}

function compareLots(a: LotRef, b: LotRef): number {
  return a.sku.localeCompare(b.sku) || a.lot.localeCompare(b.lot);
}
