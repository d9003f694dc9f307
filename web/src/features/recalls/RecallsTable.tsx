import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { formatPercent, formatQuantity, formatTime } from '../../ui/format';
import { LoadMore } from '../../ui/LoadMore';
import { lotKey } from '../../ui/lotKey';
import { LotLink } from '../../ui/LotLink';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { StatusBadge } from '../../ui/StatusBadge';
import { useRecallList, type RecallFilter, type RecallSummary } from './api';

const SHOWN_LOTS = 2;

function RecalledLots({ lots }: { lots: RecallSummary['lots'] }) {
  return (
    <Stack gap={0}>
      {lots.slice(0, SHOWN_LOTS).map((l) => (
        <LotLink key={lotKey(l)} sku={l.sku} lot={l.lot} showSku />
      ))}
      {lots.length > SHOWN_LOTS && (
        <Text size="xs" c="dimmed">
          and {lots.length - SHOWN_LOTS} more
        </Text>
      )}
    </Stack>
  );
}

/** A titled list of recalls or drills, newest first, a page at a time. */
export function RecallsTable({ title, filter, empty, drills = false }: { title?: string; filter: RecallFilter; empty: string; drills?: boolean }) {
  const query = useRecallList(filter);
  const recalls = query.data?.pages.flatMap((p) => p.items) ?? [];
  const label = title ?? (drills ? 'Mock recall drills' : 'Recalls');
  return (
    <Stack gap="xs">
      {title && <Title order={3}>{title}</Title>}
      {query.isPending ? (
        <Loading />
      ) : !query.data ? (
        <ErrorState error={query.error} title={`${label} could not be loaded`} />
      ) : recalls.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <>
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover aria-label={label}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Reason</Table.Th>
                  <Table.Th>Opened</Table.Th>
                  <Table.Th>Recalled lots</Table.Th>
                  <Table.Th ta="right">Affected lots</Table.Th>
                  <Table.Th ta="right">Customers</Table.Th>
                  <Table.Th ta="right">Effectiveness</Table.Th>
                  {drills && <Table.Th ta="right">Traced in</Table.Th>}
                  <Table.Th>Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {recalls.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td maw={320}>
                      <Anchor component={Link} to={`/recalls/${encodeURIComponent(r.id)}`} size="sm" fw={500}>
                        {r.reason}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatTime(r.createdAt)}</Text>
                      {r.closedAt && (
                        <Text size="xs" c="dimmed">
                          closed {formatTime(r.closedAt)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <RecalledLots lots={r.lots} />
                    </Table.Td>
                    <Table.Td ta="right">{r.affectedLots}</Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm">{r.customers}</Text>
                      {r.customers > 0 && (
                        <Text size="xs" c={r.customersNotified === r.customers ? 'green' : 'dimmed'}>
                          {r.customersNotified} notified
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm">{formatPercent(r.effectiveness.ratio)}</Text>
                      <Text size="xs" c="dimmed">
                        {formatQuantity(r.effectiveness.recovered)} of {formatQuantity(r.effectiveness.shipped)} back
                      </Text>
                    </Table.Td>
                    {drills && <Table.Td ta="right">{formatQuantity(r.durationMs)} ms</Table.Td>}
                    <Table.Td>
                      <StatusBadge status={r.status} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <LoadMore query={query} label="Show more" errorTitle={`${label} could not be refreshed`} />
        </>
      )}
    </Stack>
  );
}
