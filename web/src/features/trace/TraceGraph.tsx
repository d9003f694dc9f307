import { Alert, Anchor, Box, Group, Paper, Text } from '@mantine/core';
import { IconArrowsMaximize, IconBuildingWarehouse, IconInfoCircle, IconUser } from '@tabler/icons-react';
import { Background, Controls, getNodesBounds, MiniMap, ReactFlow, type ReactFlowInstance } from '@xyflow/react';
import { useEffect, useMemo, useReducer, useState, type RefObject } from 'react';
import { ErrorState, Loading } from '../../ui/states';
import { statusColor } from '../../ui/StatusBadge';
import { EDGE_TYPES, type QuantityFlowEdge } from './QuantityEdge';
import { layoutTraceGraph, NODE_SIZE, type TraceLayout } from './traceLayout';
import { buildTraceGraph, GRAPH_LIMIT, nodeName, type Direction, type Trace, type TraceGraphModel } from './traceModel';
import { NODE_TYPES, TraceGraphActionsContext, type TraceFlowNode, type TraceGraphActions } from './TraceNodes';

interface Props {
  trace: Trace;
  /** Receives the graph's container (the PNG export draws what is inside it). */
  canvas: RefObject<HTMLDivElement | null>;
  direction: Direction;
  showParty: TraceGraphActions['showParty'];
  showTable: TraceGraphActions['showTable'];
}

/** The genealogy as an interactive graph: suppliers on the left, customers on the right (inside a ReactFlowProvider). */
export function TraceGraph({ trace, canvas, direction, showParty, showTable }: Props) {
  const model = graphOf(trace);
  const layout = useTraceLayout(model);

  return (
    <>
      {(model.hiddenCustomers > 0 || model.hiddenLots > 0) && (
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} p="xs" mb="xs">
          <Text size="sm">
            The graph draws at most {GRAPH_LIMIT} customers (those who received the most) and {GRAPH_LIMIT} lots per step; {describeHidden(model)}{' '}
            are folded into "+N more" nodes.{' '}
            <Anchor component="button" size="sm" onClick={() => showTable(model.hiddenCustomers > 0 ? 'customers' : 'lots')}>
              The table view lists all of them.
            </Anchor>
          </Text>
        </Alert>
      )}
      <Paper withBorder radius="md" h="max(440px, calc(100dvh - 350px))" style={{ overflow: 'hidden' }}>
        {layout.status === 'pending' && <Loading label="Laying out the graph…" />}
        {layout.status === 'error' && <ErrorState error={layout.error} title="The graph could not be laid out" />}
        {layout.status === 'done' && (
          // The layout time is kept on the canvas so a test can hold hub lots to the one-second budget.
          <Box ref={canvas} h="100%" data-layout-ms={Math.round(layout.layout.ms)}>
            <Canvas model={model} layout={layout.layout} container={canvas} direction={direction} showParty={showParty} showTable={showTable} />
          </Box>
        )}
      </Paper>
      <Legend />
    </>
  );
}

function describeHidden(model: TraceGraphModel): string {
  const parts: string[] = [];
  if (model.hiddenCustomers > 0) parts.push(`${model.hiddenCustomers} more ${model.hiddenCustomers === 1 ? 'customer' : 'customers'}`);
  if (model.hiddenLots > 0) parts.push(`${model.hiddenLots} more ${model.hiddenLots === 1 ? 'lot' : 'lots'}`);
  return parts.join(' and ');
}

type LayoutState = { status: 'pending' } | { status: 'error'; error: unknown } | { status: 'done'; layout: TraceLayout };

// Switching to the table and back (or returning to a trace still cached) reuses the layout.
const models = new WeakMap<Trace, TraceGraphModel>();
const layouts = new WeakMap<TraceGraphModel, LayoutState>();

function graphOf(trace: Trace): TraceGraphModel {
  let model = models.get(trace);
  if (!model) {
    model = buildTraceGraph(trace);
    models.set(trace, model);
  }
  return model;
}

function useTraceLayout(model: TraceGraphModel): LayoutState {
  const [, settled] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (layouts.has(model)) return;
    let current = true;
    layoutTraceGraph(model)
      .then(
        (layout) => layouts.set(model, { status: 'done', layout }),
        (error: unknown) => layouts.set(model, { status: 'error', error }),
      )
      .finally(() => current && settled());
    return () => {
      current = false;
    };
  }, [model]);
  return layouts.get(model) ?? { status: 'pending' };
}

function Canvas({
  model,
  layout,
  container,
  direction,
  showParty,
  showTable,
}: {
  model: TraceGraphModel;
  layout: TraceLayout;
  container: RefObject<HTMLDivElement | null>;
  direction: Direction;
} & Pick<Props, 'showParty' | 'showTable'>) {
  const [openLot, setOpenLot] = useState<string | null>(null);
  const actions = useMemo<TraceGraphActions>(() => ({ direction, openLot, setOpenLot, showParty, showTable }), [direction, openLot, showParty, showTable]);

  const nodes = useMemo<TraceFlowNode[]>(
    () =>
      model.nodes.map((node) => ({
        id: node.id,
        type: node.kind,
        position: layout.positions.get(node.id) ?? { x: 0, y: 0 },
        data: { node },
        ...NODE_SIZE[node.kind],
        // React Flow lets clicks through nodes that are neither selectable nor draggable; ours hold buttons.
        style: { pointerEvents: 'all' as const },
      })),
    [model, layout],
  );
  const edges = useMemo<QuantityFlowEdge[]>(() => {
    const names = new Map(model.nodes.map((node) => [node.id, nodeName(node)]));
    const fanOut = new Map<string, number>();
    const incoming = new Map<string, string[]>();
    for (const edge of model.edges) {
      fanOut.set(edge.source, (fanOut.get(edge.source) ?? 0) + 1);
      incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge.id]);
    }
    const sourceY = new Map(model.edges.map((edge) => [edge.id, layout.positions.get(edge.source)?.y ?? 0]));
    for (const ids of incoming.values()) ids.sort((a, b) => sourceY.get(a)! - sourceY.get(b)!);
    // Labels keep away from the crowded end of a fan; where many lots feed one customer that
    // many lots also feed, each label takes its own distance along its curve.
    const labelAt = (edge: TraceGraphModel['edges'][number]): number => {
      const out = fanOut.get(edge.source) ?? 1;
      const siblings = incoming.get(edge.target) ?? [edge.id];
      if (out > 1 && siblings.length > 1) return 0.85 - (0.5 * siblings.indexOf(edge.id)) / (siblings.length - 1);
      return out > siblings.length ? 0.8 : siblings.length > out ? 0.2 : 0.5;
    };
    return model.edges.map((edge) => ({
      id: edge.id,
      type: 'quantity',
      ariaLabel: `${names.get(edge.source)} → ${names.get(edge.target)}: ${edge.label}`,
      source: edge.source,
      target: edge.target,
      label: edge.label,
      data: { at: labelAt(edge) },
      // Colours inline, not from React Flow's CSS variables, which the PNG export does not carry.
      labelStyle: { fontSize: 11, fontWeight: 600, fill: '#212529' },
      labelBgStyle: { fill: '#ffffff' },
      labelBgPadding: [4, 2] as [number, number],
      labelBgBorderRadius: 3,
      style: { stroke: '#909296', strokeWidth: 1.2, ...(edge.folded ? { strokeDasharray: '5 4' } : {}) },
    }));
  }, [model, layout]);

  return (
    <TraceGraphActionsContext.Provider value={actions}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onInit={(flow) => void showInitialView(flow, nodes, container.current)}
        minZoom={0.05}
        maxZoom={2}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        // Only the user's panning and zooming (which come with an event) close the lot popover.
        onMoveStart={(event) => event && setOpenLot(null)}
        onPaneClick={() => setOpenLot(null)}
      >
        <Background gap={24} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable nodeColor={minimapColor} ariaLabel="Overview of the whole graph" style={{ width: 160, height: 110 }} />
      </ReactFlow>
    </TraceGraphActionsContext.Provider>
  );
}

// Below this zoom the node text is too small to read.
const READABLE_ZOOM = 0.6;
const FIT_PADDING = 24;

/**
 * The whole graph when it fits at a readable zoom; otherwise a readable zoom centred on the
 * traced lot (the minimap shows the rest), rather than a page of specks.
 */
function showInitialView(flow: ReactFlowInstance<TraceFlowNode, QuantityFlowEdge>, nodes: TraceFlowNode[], element: HTMLElement | null): Promise<boolean> {
  const width = element?.clientWidth ?? 0;
  const height = element?.clientHeight ?? 0;
  const bounds = getNodesBounds(nodes);
  const fit = Math.min(width / (bounds.width + 2 * FIT_PADDING), height / (bounds.height + 2 * FIT_PADDING));
  if (width === 0 || fit >= READABLE_ZOOM) return flow.fitView({ padding: 0.08, maxZoom: 1 });
  const widthFit = width / (bounds.width + 2 * FIT_PADDING);
  const zoom = Math.min(1, Math.max(READABLE_ZOOM, widthFit));
  const root = nodes.find((n) => n.data.node.kind === 'lot' && n.data.node.root) ?? nodes[0]!;
  const rootX = root.position.x + (root.width ?? 0) / 2;
  const rootY = root.position.y + (root.height ?? 0) / 2;
  const x = widthFit >= zoom ? (width - bounds.width * zoom) / 2 - bounds.x * zoom : width / 2 - rootX * zoom;
  return flow.setViewport({ x, y: height / 2 - rootY * zoom, zoom });
}

function minimapColor(node: TraceFlowNode): string {
  const model = node.data.node;
  if (model.kind === 'lot') return model.root ? 'var(--mantine-color-blue-8)' : `var(--mantine-color-${statusColor(model.lot.status)}-5)`;
  if (model.kind === 'supplier') return 'var(--mantine-color-teal-5)';
  if (model.kind === 'customer') return 'var(--mantine-color-grape-4)';
  return 'var(--mantine-color-gray-3)';
}

function Legend() {
  const swatch = (border: string, background = 'var(--mantine-color-body)') => (
    <Box w={18} h={12} style={{ border: `2px solid ${border}`, borderRadius: 3, background }} />
  );
  return (
    <Group gap="md" mt="xs" c="dimmed" aria-label="Legend" role="group">
      <Group gap={4}>
        <IconBuildingWarehouse size={14} color="var(--mantine-color-teal-7)" />
        <Text size="xs">Supplier</Text>
      </Group>
      <Group gap={4}>
        {swatch('var(--mantine-color-blue-6)', 'var(--mantine-color-blue-0)')}
        <Text size="xs">Traced lot</Text>
      </Group>
      <Group gap={4}>
        {swatch('var(--mantine-color-gray-4)')}
        <Text size="xs">Lot (stripe and badge: status)</Text>
      </Group>
      <Group gap={4}>
        <IconUser size={14} color="var(--mantine-color-grape-7)" />
        <Text size="xs">Customer</Text>
      </Group>
      <Group gap={4}>
        <IconArrowsMaximize size={14} />
        <Text size="xs">+N more (folded; see the table)</Text>
      </Group>
      <Text size="xs">Edge labels: quantity received, used or shipped, in the lot's unit</Text>
      <Text size="xs">Click a lot to open it or trace from it; a supplier or customer for contact details.</Text>
    </Group>
  );
}
