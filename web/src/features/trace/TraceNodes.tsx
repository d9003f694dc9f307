import { Badge, Button, Group, Paper, Popover, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconArrowsMaximize, IconBuildingWarehouse, IconExternalLink, IconFocusCentered, IconTable, IconUser } from '@tabler/icons-react';
import { Handle, Position, type Node, type NodeProps, type NodeTypes } from '@xyflow/react';
import { createContext, useContext, type ReactNode } from 'react';
import { Link } from 'react-router';
import { lotPath } from '../../api/client';
import { formatDate, formatQuantity } from '../../ui/format';
import { StatusBadge, statusColor } from '../../ui/StatusBadge';
import { formatTotals } from '../../ui/totals';
import { NODE_SIZE } from './traceLayout';
import type { Direction, GraphNode, Party } from './traceModel';

export type TraceFlowNode = Node<{ node: GraphNode }>;

/** What a click on a node leads to; the graph provides it once instead of per node. */
export interface TraceGraphActions {
  direction: Direction;
  /** The lot whose popover is open (one at a time; closed when the view moves). */
  openLot: string | null;
  setOpenLot(id: string | null): void;
  showParty(party: Party): void;
  showTable(section: 'customers' | 'lots'): void;
}

export const TraceGraphActionsContext = createContext<TraceGraphActions | null>(null);

function useActions(): TraceGraphActions {
  const actions = useContext(TraceGraphActionsContext);
  if (!actions) throw new Error('trace nodes outside TraceGraphActionsContext');
  return actions;
}

// The graph is not editable: the handles only anchor the edges.
function Handles({ input = true, output = true }: { input?: boolean; output?: boolean }) {
  return (
    <>
      {input && <Handle type="target" position={Position.Left} isConnectable={false} style={{ opacity: 0 }} />}
      {output && <Handle type="source" position={Position.Right} isConnectable={false} style={{ opacity: 0 }} />}
    </>
  );
}

function Card({
  kind,
  highlight,
  dashed,
  accent,
  children,
}: {
  kind: GraphNode['kind'];
  highlight?: boolean;
  dashed?: boolean;
  /** A Mantine colour for the left edge (a lot's status), visible even zoomed far out. */
  accent?: string;
  children: ReactNode;
}) {
  return (
    <Paper
      withBorder
      radius="md"
      px="sm"
      py={6}
      w={NODE_SIZE[kind].width}
      h={NODE_SIZE[kind].height}
      shadow={highlight ? 'md' : 'xs'}
      bg={highlight ? 'blue.0' : undefined}
      style={{
        borderColor: highlight ? 'var(--mantine-color-blue-6)' : undefined,
        borderWidth: highlight ? 2 : undefined,
        borderStyle: dashed ? 'dashed' : undefined,
        borderLeft: accent ? `5px solid var(--mantine-color-${accent}-6)` : undefined,
        overflow: 'hidden',
      }}
    >
      {children}
    </Paper>
  );
}

function LotNode({ id, data }: NodeProps<TraceFlowNode>) {
  const actions = useActions();
  if (data.node.kind !== 'lot') return null;
  const { lot, root } = data.node;
  const opened = actions.openLot === id;
  return (
    <>
      <Handles />
      <Popover opened={opened} onDismiss={() => actions.setOpenLot(null)} position="bottom" withArrow shadow="md" width={260} trapFocus returnFocus>
        <Popover.Target>
          <UnstyledButton
            className="nodrag nopan"
            aria-label={`Lot ${lot.sku} ${lot.lot}${root ? ' (traced lot)' : ''}`}
            aria-haspopup="dialog"
            onClick={() => actions.setOpenLot(opened ? null : id)}
          >
            <Card kind="lot" highlight={root} accent={statusColor(lot.status)}>
              <Group justify="space-between" gap={4} wrap="nowrap">
                <Text size="xs" c="dimmed" truncate>
                  {lot.sku}
                </Text>
                {root ? (
                  <Badge size="xs" variant="filled">
                    traced lot
                  </Badge>
                ) : (
                  <StatusBadge status={lot.status} />
                )}
              </Group>
              <Text ff="monospace" fw={700} size="sm" truncate>
                {lot.lot}
              </Text>
              {root && <StatusBadge status={lot.status} />}
              <Text size="xs" c="dimmed">
                On hand <b>{formatQuantity(lot.onHand, lot.uom)}</b>
              </Text>
            </Card>
          </UnstyledButton>
        </Popover.Target>
        <Popover.Dropdown>
          <Stack gap={6}>
            <Text size="sm" fw={600}>
              {lot.sku} · {lot.lot}
            </Text>
            <Text size="xs" c="dimmed">
              {lot.origin === 'receipt' ? `Received from ${lot.supplier ?? 'a supplier'}` : `Produced ${formatDate(lot.productionDate)}`} · expires {formatDate(lot.expiryDate)}
            </Text>
            <Button component={Link} to={`/lots/${lotPath(lot.sku, lot.lot)}`} size="xs" leftSection={<IconExternalLink size={14} />}>
              Open lot page
            </Button>
            {!root && (
              <Button
                component={Link}
                to={`/trace/${lotPath(lot.sku, lot.lot)}?direction=${actions.direction}`}
                size="xs"
                variant="light"
                leftSection={<IconFocusCentered size={14} />}
                onClick={() => actions.setOpenLot(null)}
              >
                Re-centre trace here
              </Button>
            )}
          </Stack>
        </Popover.Dropdown>
      </Popover>
    </>
  );
}

function SupplierNode({ data }: NodeProps<TraceFlowNode>) {
  const actions = useActions();
  if (data.node.kind !== 'supplier') return null;
  const { code, name } = data.node;
  return (
    <>
      <Handles input={false} />
      <UnstyledButton className="nodrag nopan" aria-label={`Supplier ${name}`} onClick={() => actions.showParty({ kind: 'supplier', code })}>
        <Card kind="supplier">
          <Group gap={6} wrap="nowrap">
            <IconBuildingWarehouse size={16} color="var(--mantine-color-teal-7)" />
            <Text size="sm" fw={600} truncate>
              {name}
            </Text>
          </Group>
          <Text size="xs" c="dimmed" ff="monospace">
            Supplier {code}
          </Text>
        </Card>
      </UnstyledButton>
    </>
  );
}

function CustomerNode({ data }: NodeProps<TraceFlowNode>) {
  const actions = useActions();
  if (data.node.kind !== 'customer') return null;
  const { customer, uom } = data.node;
  return (
    <>
      <Handles output={false} />
      <UnstyledButton className="nodrag nopan" aria-label={`Customer ${customer.name}`} onClick={() => actions.showParty({ kind: 'customer', code: customer.code })}>
        <Card kind="customer">
          <Group gap={6} wrap="nowrap">
            <IconUser size={16} color="var(--mantine-color-grape-7)" />
            <Text size="sm" fw={600} truncate>
              {customer.name}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            Shipped <b>{formatQuantity(customer.quantity, uom)}</b>
            {customer.returned > 0 && ` · returned ${formatQuantity(customer.returned, uom)}`}
          </Text>
        </Card>
      </UnstyledButton>
    </>
  );
}

function MoreNode({ data }: NodeProps<TraceFlowNode>) {
  const actions = useActions();
  if (data.node.kind !== 'more') return null;
  const { what, count, totals } = data.node;
  const label = `+${count} more ${what === 'customers' ? (count === 1 ? 'customer' : 'customers') : count === 1 ? 'lot' : 'lots'}`;
  return (
    <>
      <Handles />
      <UnstyledButton className="nodrag nopan" aria-label={`${label}, ${formatTotals(totals)}: show all in the table`} onClick={() => actions.showTable(what)}>
        <Card kind="more" dashed>
          <Group gap={6} wrap="nowrap">
            <IconArrowsMaximize size={16} color="var(--mantine-color-gray-7)" />
            <Text size="sm" fw={600}>
              {label}
            </Text>
          </Group>
          <Text size="xs" c="dimmed" truncate>
            {formatTotals(totals)} in total
          </Text>
          <Group gap={4} c="blue.7">
            <IconTable size={14} />
            <Text size="xs">All of them in the table</Text>
          </Group>
        </Card>
      </UnstyledButton>
    </>
  );
}

export const NODE_TYPES: NodeTypes = { lot: LotNode, supplier: SupplierNode, customer: CustomerNode, more: MoreNode };
