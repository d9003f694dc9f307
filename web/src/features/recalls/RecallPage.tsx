import { Alert, Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconClockPlay, IconGitBranch, IconLockCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { lotPath } from '../../api/client';
import { Can } from '../../auth/AuthProvider';
import { formatPercent, formatQuantity, formatTime } from '../../ui/format';
import { Kpi } from '../../ui/Kpi';
import { lotKey } from '../../ui/lotKey';
import { LotLink } from '../../ui/LotLink';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/states';
import { StatusBadge } from '../../ui/StatusBadge';
import { formatTotals, totalsByUom, uomLookup } from '../../ui/totals';
import { AffectedLotsTable } from './AffectedLotsTable';
import { useRecall, type Recall } from './api';
import { CloseRecall } from './CloseRecall';
import { CustomerChecklist } from './CustomerChecklist';
import { OnHandTable } from './OnHandTable';
import { ReportDownloads } from './ReportDownloads';
import { ReturnsTable } from './ReturnsTable';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Title order={3} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function RecallView({ recall }: { recall: Recall }) {
  const uomOf = uomLookup(recall.affectedLots);
  // Units per unit of measure from the customers' lot lines, the same lines the server's effectiveness adds up.
  const perUom = (pick: (l: Recall['customers'][number]['lots'][number]) => number) =>
    formatTotals(totalsByUom(recall.customers.flatMap((c) => c.lots.map((l) => ({ quantity: pick(l), uom: uomOf(l) })))));
  const shipped = perUom((l) => l.shipped);
  const recovered = perUom((l) => l.returned);
  const stillOut = perUom((l) => l.shipped - l.returned);
  const { counts } = recall;
  const open = recall.status === 'open';

  return (
    <Stack gap="lg">
      <PageHeader
        title={recall.reason}
        description={
          <>
            {recall.drill ? 'Mock recall drill' : 'Recall'} {recall.id} · opened {formatTime(recall.createdAt)}
            {recall.closedAt && ` · closed ${formatTime(recall.closedAt)}`}
          </>
        }
        actions={
          <>
            <ReportDownloads recallId={recall.id} />
            {open && (
              <Can permission="qa">
                <CloseRecall recall={recall} stillOut={stillOut} />
              </Can>
            )}
          </>
        }
      />
      <Group gap="xs" mt={-8}>
        <StatusBadge status={recall.status} />
        {recall.drill ? (
          <Badge color="grape" leftSection={<IconClockPlay size={12} />}>
            Drill
          </Badge>
        ) : (
          <Badge color={recall.hold ? 'red' : 'gray'} variant="light" tt="none">
            {recall.hold ? 'affected stock on recall hold' : 'stock not held'}
          </Badge>
        )}
        <Text size="sm" c="dimmed">
          Recalled:
        </Text>
        {recall.lots.map((l) => (
          <Group key={lotKey(l)} gap={4}>
            <LotLink sku={l.sku} lot={l.lot} showSku />
            <Anchor component={Link} to={`/trace/${lotPath(l.sku, l.lot)}`} size="xs" aria-label={`Trace ${l.lot}`}>
              <IconGitBranch size={14} /> trace
            </Anchor>
          </Group>
        ))}
      </Group>
      {recall.drill && (
        <Alert color="grape" icon={<IconClockPlay size={18} />} title={`Drill: traced in ${formatQuantity(recall.durationMs)} ms`}>
          {counts.affectedLots} lots, {counts.customers} customers, {counts.shipments} shipments and stock at {counts.locationsWithStock} locations found in{' '}
          {formatQuantity(recall.durationMs)} ms. This was a mock recall: nothing was put on hold and no ledger event was recorded.
        </Alert>
      )}
      {recall.closedAt && (
        <Alert color="gray" icon={<IconLockCheck size={18} />} title={`Closed ${formatTime(recall.closedAt)}`}>
          {recall.closeNote ?? 'No close-out note.'}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
        <Kpi label="Affected lots" value={counts.affectedLots} hint={`stock at ${counts.locationsWithStock} location${counts.locationsWithStock === 1 ? '' : 's'}`} />
        <Kpi label="Customers" value={counts.customers} hint={`${counts.customersNotified} notified · ${counts.customersAcknowledged} acknowledged`} />
        <Kpi label="Units shipped" value={shipped} hint={`in ${counts.shipments} shipment${counts.shipments === 1 ? '' : 's'}`} />
        <Kpi label="Units recovered" value={recovered} hint={`${stillOut} still out`} />
        <Kpi
          label="Effectiveness"
          value={formatPercent(recall.effectiveness.ratio)}
          hint="recovered of shipped"
          color={recall.effectiveness.ratio === 1 ? 'green' : undefined}
        />
        <Kpi
          label="Mass balance"
          value={recall.accountedFor ? 'Closes' : `${recall.massBalance.unbalanced.length} open`}
          hint={recall.accountedFor ? 'every unit accounted for' : 'lots with unaccounted units'}
          color={recall.accountedFor ? 'green' : 'red'}
        />
      </SimpleGrid>
      {!recall.drill && (
        <Text size="xs" c="dimmed" mt={-8}>
          Traced, recorded{recall.hold ? ' and held' : ''} in {formatQuantity(recall.durationMs)} ms.
        </Text>
      )}
      <Section title="Customer checklist">
        <CustomerChecklist recall={recall} uomOf={uomOf} />
      </Section>
      <SimpleGrid cols={{ base: 1, xl: 2 }}>
        <Section title="Affected lots">
          <AffectedLotsTable lots={recall.affectedLots} />
        </Section>
        <Section title="Stock on hand">
          <OnHandTable onHand={recall.onHand} uomOf={uomOf} />
        </Section>
      </SimpleGrid>
      <Section title="Recovered (customer returns)">
        <ReturnsTable recall={recall} uomOf={uomOf} />
      </Section>
    </Stack>
  );
}

/** One recall with its live progress: who was told, what came back, what is still on the shelves. */
export function RecallPage() {
  const { id = '' } = useParams();
  const query = useRecall(id);
  return (
    <QueryState query={query} isEmpty={() => false}>
      {(recall) => <RecallView recall={recall} />}
    </QueryState>
  );
}
