import type { components } from '../../api/schema';
import { formatQuantity } from '../../ui/format';
import { lotKey } from '../../ui/lotKey';
import { addTo, formatTotals, plus, uomLookup, type Totals } from '../../ui/totals';

export type Trace = components['schemas']['Trace'];
export type TraceLot = components['schemas']['TraceLot'];
export type CustomerExposure = components['schemas']['CustomerExposure'];
export type TraceReceipt = Trace['receipts'][number];
export type TraceShipment = components['schemas']['TraceShipment'];
export type Direction = Trace['direction'];
/** A supplier or customer the user asked to see. */
export type Party = { kind: 'customer' | 'supplier'; code: string };

export const DIRECTIONS: { value: Direction; label: string }[] = [
  { value: 'backward', label: 'Backward' },
  { value: 'forward', label: 'Forward' },
  { value: 'both', label: 'Both' },
];

export function parseDirection(value: string | null): Direction {
  return value === 'backward' || value === 'forward' ? value : 'both';
}

/**
 * Most customers (and most lots at one depth) the graph draws; the rest fold into one
 * "+N more" node per parent lot. Beyond this a layered layout grows tall enough to be
 * unreadable and slow to compute, while the table view still lists everything.
 */
export const GRAPH_LIMIT = 60;

export function lotNodeId(ref: { sku: string; lot: string }): string {
  return `lot:${lotKey(ref)}`;
}

const lotNodeIdOfKey = (key: string) => `lot:${key}`;

/** The one unit a customer's quantities share, or null when it received lots of several units. */
export function customerUom(customer: CustomerExposure, uomOf: (ref: { sku: string; lot: string }) => string): string | null {
  const uoms = new Set(customer.lots.map(uomOf));
  return uoms.size === 1 ? [...uoms][0]! : null;
}

export type GraphNode =
  | { id: string; kind: 'supplier'; code: string; name: string }
  | { id: string; kind: 'lot'; lot: TraceLot; root: boolean }
  | { id: string; kind: 'customer'; customer: CustomerExposure; uom: string | null }
  | { id: string; kind: 'more'; what: 'customers' | 'lots'; count: number; totals: Totals };

/** How a node is named to screen readers (and to tests). */
export function nodeName(node: GraphNode): string {
  switch (node.kind) {
    case 'lot':
      return `${node.lot.sku} ${node.lot.lot}`;
    case 'supplier':
      return node.name;
    case 'customer':
      return node.customer.name;
    case 'more':
      return `${node.count} more ${node.what}`;
  }
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** What moved along the edge, in the unit of the lot it left (or of the lot received). */
  label: string;
  /** Into or out of a "+N more" node. */
  folded?: boolean;
}

export interface TraceGraphModel {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Customers and lots the graph folded into "+N more" nodes (the table view lists them). */
  hiddenCustomers: number;
  hiddenLots: number;
}

/**
 * Turns a trace into the nodes and edges of its genealogy graph: suppliers → received lots →
 * lots made from them → customers. Past GRAPH_LIMIT, the smallest exposures fold per parent lot.
 */
export function buildTraceGraph(trace: Trace, limit = GRAPH_LIMIT): TraceGraphModel {
  const uomOf = uomLookup(trace.lots);

  const visible = visibleLots(trace, limit);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (const lot of trace.lots) {
    if (visible.shown.has(lotKey(lot))) nodes.push({ id: lotNodeId(lot), kind: 'lot', lot, root: lot.side === 'root' });
  }
  // Several productions may consume one lot into the same output: one edge with their sum.
  const linked = new Map<string, { from: Trace['links'][number]['from']; to: Trace['links'][number]['to']; quantity: number }>();
  for (const link of trace.links) {
    if (!visible.shown.has(lotKey(link.from)) || !visible.shown.has(lotKey(link.to))) continue;
    const key = `${lotKey(link.from)}>${lotKey(link.to)}`;
    const entry = linked.get(key);
    if (entry) entry.quantity = plus(entry.quantity, link.quantity);
    else linked.set(key, { from: link.from, to: link.to, quantity: link.quantity });
  }
  for (const [key, link] of linked) {
    edges.push({ id: `link:${key}`, source: lotNodeId(link.from), target: lotNodeId(link.to), label: formatQuantity(link.quantity, uomOf(link.from)) });
  }
  for (const [parent, group] of visible.folded) {
    const id = `more-lots:${parent}`;
    nodes.push({ id, kind: 'more', what: 'lots', count: group.count, totals: group.totals });
    edges.push({ id: `${id}:edge`, ...group.ends(lotNodeIdOfKey(parent), id), label: formatTotals(group.totals), folded: true });
  }

  // One supplier node per supplier, one edge per lot it delivered (several receipts add up).
  const received = new Map<string, { receipt: TraceReceipt; quantity: number }>();
  for (const receipt of trace.receipts) {
    if (!visible.shown.has(lotKey(receipt))) continue;
    const key = JSON.stringify([receipt.supplier, receipt.sku, receipt.lot]);
    const entry = received.get(key);
    if (entry) entry.quantity = plus(entry.quantity, receipt.quantity);
    else received.set(key, { receipt, quantity: receipt.quantity });
  }
  const suppliers = new Set<string>();
  for (const { receipt, quantity } of received.values()) {
    const id = `supplier:${receipt.supplier}`;
    if (!suppliers.has(id)) {
      suppliers.add(id);
      nodes.push({ id, kind: 'supplier', code: receipt.supplier, name: receipt.supplierName });
    }
    edges.push({ id: `${id}:${lotKey(receipt)}`, source: id, target: lotNodeId(receipt), label: formatQuantity(quantity, uomOf(receipt)) });
  }

  // Customers of drawn lots, the biggest exposures first; the rest fold per lot they came from.
  const reached = trace.customers
    .map((customer) => ({ customer, lots: customer.lots.filter((l) => visible.shown.has(lotKey(l))) }))
    .filter((c) => c.lots.length > 0)
    .sort((a, b) => b.customer.quantity - a.customer.quantity || a.customer.name.localeCompare(b.customer.name));
  const foldedCustomers = new Map<string, { count: number; totals: Totals }>();
  reached.forEach(({ customer, lots }, index) => {
    if (index < limit) {
      const id = `customer:${customer.code}`;
      nodes.push({ id, kind: 'customer', customer, uom: customerUom(customer, uomOf) });
      for (const l of lots) {
        edges.push({ id: `${id}:${lotKey(l)}`, source: lotNodeId(l), target: id, label: formatQuantity(l.shipped, uomOf(l)) });
      }
      return;
    }
    for (const l of lots) {
      const key = lotKey(l);
      const group = foldedCustomers.get(key) ?? { count: 0, totals: new Map() };
      group.count += 1;
      addTo(group.totals, uomOf(l), l.shipped);
      foldedCustomers.set(key, group);
    }
  });
  for (const [key, group] of foldedCustomers) {
    const id = `more-customers:${key}`;
    nodes.push({ id, kind: 'more', what: 'customers', count: group.count, totals: group.totals });
    edges.push({ id: `${id}:edge`, source: lotNodeIdOfKey(key), target: id, label: formatTotals(group.totals), folded: true });
  }

  const drawnCustomers = Math.min(limit, reached.length);
  return { nodes, edges, hiddenCustomers: trace.customers.length - drawnCustomers, hiddenLots: trace.lots.length - visible.shown.size };
}

interface FoldedLots {
  count: number;
  totals: Totals;
  /** The edge between the parent and its "+N more" node, pointing the way the genealogy flows. */
  ends(parent: string, more: string): { source: string; target: string };
}

/**
 * Which lots the graph draws. Lots are grouped by side and depth; a group larger than `limit`
 * keeps its biggest lots (shipped + on hand) and folds the rest per parent (the linked lot one
 * step nearer the root). Lots reachable only through folded lots are left to the table view.
 */
function visibleLots(trace: Trace, limit: number): { shown: Set<string>; folded: Map<string, FoldedLots> } {
  const groups = new Map<string, TraceLot[]>();
  for (const lot of trace.lots) {
    const key = `${lot.side}:${lot.depth}`;
    groups.set(key, [...(groups.get(key) ?? []), lot]);
  }
  const overflow = new Set<string>();
  for (const group of groups.values()) {
    if (group.length <= limit) continue;
    const ranked = [...group].sort(
      (a, b) => b.massBalance.shipped + b.onHand - (a.massBalance.shipped + a.onHand) || a.lot.localeCompare(b.lot),
    );
    for (const lot of ranked.slice(limit)) overflow.add(lotKey(lot));
  }

  const depthOf = new Map(trace.lots.map((l) => [lotKey(l), l.depth]));
  // Each lot's linked lots; `uom` is that of the link's source lot (the unit consumed), and
  // `downstream` says the neighbour was made from this lot.
  const neighbours = new Map<string, { key: string; quantity: number; uom: string; downstream: boolean }[]>();
  const uomOf = uomLookup(trace.lots);
  for (const link of trace.links) {
    const from = lotKey(link.from);
    const to = lotKey(link.to);
    const uom = uomOf(link.from);
    neighbours.set(to, [...(neighbours.get(to) ?? []), { key: from, quantity: link.quantity, uom, downstream: false }]);
    neighbours.set(from, [...(neighbours.get(from) ?? []), { key: to, quantity: link.quantity, uom, downstream: true }]);
  }

  const shown = new Set<string>();
  const folded = new Map<string, FoldedLots>();
  const byDepth = [...trace.lots].sort((a, b) => a.depth - b.depth);
  for (const lot of byDepth) {
    const key = lotKey(lot);
    if (lot.depth === 0) {
      shown.add(key);
      continue;
    }
    // Parents: drawn lots one step nearer the root, linked either way.
    const parents = (neighbours.get(key) ?? []).filter((n) => shown.has(n.key) && depthOf.get(n.key) === lot.depth - 1);
    if (parents.length === 0) continue;
    if (!overflow.has(key)) {
      shown.add(key);
      continue;
    }
    for (const parent of parents) {
      const group =
        folded.get(parent.key) ??
        ({
          count: 0,
          totals: new Map(),
          // A parent made from the folded lots sits to their right: the edge runs into it.
          ends: parent.downstream
            ? (p: string, more: string) => ({ source: more, target: p })
            : (p: string, more: string) => ({ source: p, target: more }),
        } satisfies FoldedLots);
      group.count += 1;
      addTo(group.totals, parent.uom, parent.quantity);
      folded.set(parent.key, group);
    }
  }
  return { shown, folded };
}
