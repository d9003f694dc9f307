import { Button, Group, SegmentedControl, Stack, Tabs } from '@mantine/core';
import { IconAlertOctagon, IconExternalLink, IconHierarchy3, IconTable } from '@tabler/icons-react';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError, lotPath } from '../../api/client';
import { traceQuery } from '../../api/trace';
import { Can } from '../../auth/AuthProvider';
import { PageHeader } from '../../ui/PageHeader';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { ExportPngButton } from './ExportPngButton';
import { PartyPanel } from './PartyPanel';
import { TraceGraph } from './TraceGraph';
import { prepareLayout } from './traceLayout';
import { DIRECTIONS, parseDirection, type Direction, type Party, type Trace } from './traceModel';
import { MassBalance, TraceSummary } from './TraceSummary';
import { parseSection, TraceTables, type Section } from './TraceTables';

const PURPOSE: Record<Direction, string> = {
  backward: 'Where this lot came from: the lots it was made from and the suppliers who delivered them.',
  forward: 'Where this lot went: the lots made from it and the customers who received them.',
  both: 'Where this lot came from and where it went: suppliers, lots and customers.',
};

const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

/** A lot's genealogy as a graph and as tables, backward to suppliers and forward to customers. */
export function TracePage() {
  const { sku = '', lot = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const direction = parseDirection(params.get('direction'));
  const view = params.get('view') === 'table' ? 'table' : 'graph';
  const section = parseSection(params.get('section'));
  const [party, setParty] = useState<Party | null>(null);
  useEffect(() => void prepareLayout(), []);

  const trace = useQuery({
    ...traceQuery({ sku, lot }, direction),
    // A lot that does not exist will not appear on a second try.
    retry: (failures, error) => !isNotFound(error) && failures < 1,
  });
  const missing = isNotFound(trace.error);

  // A new direction is a new trace (its own history entry); views and sections only replace it.
  const setParam = useCallback(
    (changes: Record<string, string>, push = false) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(changes)) next.set(key, value);
          return next;
        },
        { replace: !push },
      ),
    [setParams],
  );
  const showTable = useCallback((target: Section) => setParam({ view: 'table', section: target }), [setParam]);

  return (
    <>
      <PageHeader
        title={`Trace ${sku} · ${lot}`}
        description={PURPOSE[direction]}
        actions={
          // A lot that does not exist has nothing to open or recall.
          !missing && (
            <>
              <SegmentedControl aria-label="Trace direction" data={DIRECTIONS} value={direction} onChange={(value) => setParam({ direction: value }, true)} />
              <Button component={Link} to={`/lots/${lotPath(sku, lot)}`} variant="default" leftSection={<IconExternalLink size={16} />}>
                Lot page
              </Button>
              <Can permission="qa">
                <Button component={Link} to={`/recalls/new?${new URLSearchParams({ sku, lot })}`} color="red" leftSection={<IconAlertOctagon size={16} />}>
                  Start recall
                </Button>
              </Can>
            </>
          )
        }
      />
      <TraceBody
        trace={trace}
        direction={direction}
        view={view}
        onView={(target) => setParam({ view: target })}
        section={section}
        onSection={(target) => setParam({ section: target })}
        showParty={setParty}
        showTable={showTable}
      />
      {trace.data && <PartyPanel trace={trace.data} party={party} onClose={() => setParty(null)} />}
    </>
  );
}

interface BodyProps {
  trace: UseQueryResult<Trace>;
  direction: Direction;
  view: 'graph' | 'table';
  onView(view: 'graph' | 'table'): void;
  section: Section;
  onSection(section: Section): void;
  showParty(party: Party): void;
  showTable(section: 'customers' | 'lots'): void;
}

function TraceBody(props: BodyProps) {
  const { trace } = props;
  if (trace.isPending) return <Loading label="Tracing…" />;
  if (trace.isError) {
    if (isNotFound(trace.error)) {
      return (
        <Stack align="flex-start">
          <ErrorState error={trace.error} title="Lot not found" />
          <Button component={Link} to="/lots" variant="default">
            Find a lot
          </Button>
        </Stack>
      );
    }
    return <ErrorState error={trace.error} title="The trace could not be loaded" />;
  }
  return (
    // The export button sits in the tab bar, outside the graph, and reads the graph's nodes.
    <ReactFlowProvider>
      <TraceView {...props} trace={trace.data} />
    </ReactFlowProvider>
  );
}

function TraceView({ trace: data, direction, view, onView, section, onSection, showParty, showTable }: Omit<BodyProps, 'trace'> & { trace: Trace }) {
  const canvas = useRef<HTMLDivElement>(null);
  const isolated = data.links.length === 0 && data.receipts.length === 0 && data.shipments.length === 0;
  return (
    <>
      <TraceSummary trace={data} />
      {isolated && <Empty>Nothing links this lot to suppliers, other lots or customers in this direction yet.</Empty>}
      <Tabs value={view} onChange={(value) => onView(value === 'table' ? 'table' : 'graph')}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="graph" leftSection={<IconHierarchy3 size={16} />}>
            Graph
          </Tabs.Tab>
          <Tabs.Tab value="table" leftSection={<IconTable size={16} />}>
            Table
          </Tabs.Tab>
          <Group gap="xs" ml="auto" pb={4}>
            <MassBalance trace={data} />
            {view === 'graph' && <ExportPngButton canvas={canvas} sku={data.root.sku} lot={data.root.lot} />}
          </Group>
        </Tabs.List>
        <Tabs.Panel value="graph">
          <TraceGraph trace={data} canvas={canvas} direction={direction} showParty={showParty} showTable={showTable} />
        </Tabs.Panel>
        <Tabs.Panel value="table">
          <TraceTables trace={data} section={section} onSection={onSection} showParty={showParty} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
