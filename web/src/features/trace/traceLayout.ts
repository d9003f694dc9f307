import ELK, { type ELK as ElkEngine, type ElkNode } from 'elkjs/lib/elk-api.js';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';
import type { GraphNode, TraceGraphModel } from './traceModel';

/** Every node of a kind has one size, so the layout never waits for the browser to measure. */
export const NODE_SIZE: Record<GraphNode['kind'], { width: number; height: number }> = {
  supplier: { width: 200, height: 64 },
  lot: { width: 220, height: 92 },
  customer: { width: 220, height: 64 },
  more: { width: 220, height: 76 },
};

class WorkerFailure extends Error {}

let worker: { elk: ElkEngine; failed: Promise<never> } | undefined;

// The engine is 1.6 MB of compiled Java: it starts and runs in a worker, so the page stays responsive.
function workerEngine(): { elk: ElkEngine; failed: Promise<never> } {
  if (!worker) {
    let fail: (error: Error) => void = () => undefined;
    const failed = new Promise<never>((_, reject) => (fail = reject));
    failed.catch(() => undefined);
    const elk = new ELK({
      workerFactory: () => {
        const instance = new Worker(elkWorkerUrl);
        instance.addEventListener('error', (event) => fail(new WorkerFailure(event.message)));
        return instance;
      },
    });
    worker = { elk, failed };
  }
  return worker;
}

let ready: Promise<unknown> | undefined;

/**
 * Starts the layout worker and has it compile its engine while the trace is still loading,
 * so the first layout does not also pay for the worker's start-up.
 */
export function prepareLayout(): Promise<unknown> {
  ready ??= runLayout({ id: 'warm-up', children: [{ id: 'a', width: 1, height: 1 }] }).catch(() => undefined);
  return ready;
}

async function runLayout(graph: ElkNode): Promise<ElkNode> {
  if (typeof Worker !== 'undefined') {
    const { elk, failed } = workerEngine();
    try {
      return await Promise.race([elk.layout(graph), failed]);
    } catch (error) {
      if (!(error instanceof WorkerFailure)) throw error;
    }
  }
  // Without workers (tests, or a policy that blocks them) the same engine runs on the page.
  const { default: BundledElk } = await import('elkjs/lib/elk.bundled.js');
  return new BundledElk().layout(graph);
}

// Room between columns for the quantity on each edge.
const BETWEEN_COLUMNS = 110;
const IN_COLUMN = 18;
const FIRST_COLUMN: Record<string, string> = { 'elk.layered.layering.layerConstraint': 'FIRST' };

const OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.layered.spacing.nodeNodeBetweenLayers': String(BETWEEN_COLUMNS),
  'elk.spacing.nodeNode': String(IN_COLUMN),
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  // Each lot sits level with the middle of what it feeds, not at the top of a long column.
  'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
  // React Flow draws its own edges: polyline routing is the cheapest and, unlike orthogonal
  // routing, reserves no extra room between columns.
  'elk.edgeRouting': 'POLYLINE',
  'elk.separateConnectedComponents': 'false',
};


export interface TraceLayout {
  positions: Map<string, { x: number; y: number }>;
  /** How long the layout itself took, in milliseconds (the engine's start-up aside). */
  ms: number;
}

const inCustomerColumn = (node: GraphNode) => node.kind === 'customer' || (node.kind === 'more' && node.what === 'customers');

/**
 * Lays the genealogy out left to right: suppliers first, customers in the last column.
 *
 * ELK lays out suppliers and lots. Customers, the bulk of a hub lot's graph (hundreds of
 * edges), all go in one last column: each is placed at the mean height of the lots it received
 * (the barycentre step of a layered layout), which costs a sort instead of ELK's crossing
 * minimisation over the whole graph, and keeps a hub lot's layout well under a second.
 */
export async function layoutTraceGraph(model: TraceGraphModel): Promise<TraceLayout> {
  await prepareLayout();
  const started = performance.now();
  const core = model.nodes.filter((node) => !inCustomerColumn(node));
  const coreIds = new Set(core.map((node) => node.id));
  const laid = await runLayout({
    id: 'trace',
    layoutOptions: OPTIONS,
    children: core.map((node) => ({
      id: node.id,
      ...NODE_SIZE[node.kind],
      layoutOptions: node.kind === 'supplier' ? FIRST_COLUMN : undefined,
    })),
    edges: model.edges
      .filter((edge) => coreIds.has(edge.source) && coreIds.has(edge.target))
      .map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  });
  const positions = new Map<string, { x: number; y: number }>();
  for (const child of laid.children ?? []) positions.set(child.id, { x: child.x ?? 0, y: child.y ?? 0 });
  placeCustomerColumn(model, positions);
  return { positions, ms: performance.now() - started };
}

function placeCustomerColumn(model: TraceGraphModel, positions: Map<string, { x: number; y: number }>): void {
  const column = model.nodes.filter(inCustomerColumn);
  if (column.length === 0) return;
  let x = 0;
  const centres = new Map<string, number>();
  for (const node of model.nodes) {
    const at = positions.get(node.id);
    if (!at) continue;
    centres.set(node.id, at.y + NODE_SIZE[node.kind].height / 2);
    x = Math.max(x, at.x + NODE_SIZE[node.kind].width + BETWEEN_COLUMNS);
  }
  const sources = new Map<string, number[]>();
  for (const edge of model.edges) {
    const y = centres.get(edge.source);
    if (y !== undefined) sources.set(edge.target, [...(sources.get(edge.target) ?? []), y]);
  }
  // Customers who received many lots get a wider gap: room for each of their edges' labels.
  const mostLots = Math.max(1, ...[...sources.values()].map((ys) => ys.length));
  x += 40 * Math.min(mostLots - 1, 4);
  // Model order breaks ties: a lot's customers (biggest first), then its "+N more" node.
  const ordered = column
    .map((node, index) => {
      const ys = sources.get(node.id) ?? [0];
      return { node, index, wanted: ys.reduce((a, b) => a + b, 0) / ys.length };
    })
    .sort((a, b) => a.wanted - b.wanted || a.index - b.index);
  let top = 0;
  const stacked = ordered.map((entry) => {
    const height = NODE_SIZE[entry.node.kind].height;
    const placed = { ...entry, top, height };
    top += height + IN_COLUMN;
    return placed;
  });
  // Shift the stack so that, on average, each customer sits level with the lots it came from.
  const shift = stacked.reduce((sum, e) => sum + e.wanted - (e.top + e.height / 2), 0) / stacked.length;
  for (const entry of stacked) positions.set(entry.node.id, { x, y: entry.top + shift });
}
