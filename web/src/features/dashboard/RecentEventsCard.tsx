import { Badge, Card, Group, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { components } from '../../api/schema';
import { eventColor, eventLabel, eventLots } from '../../ui/eventTypes';
import { formatTime } from '../../ui/format';
import { LotLink } from '../../ui/LotLink';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { recentEventsQuery } from './dashboardQueries';

type LedgerEvent = components['schemas']['Event'];

const LOTS_SHOWN = 3;

function EventRow({ event }: { event: LedgerEvent }) {
  const lots = eventLots(event);
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatTime(event.time)}</Table.Td>
      <Table.Td>
        <Badge color={eventColor(event.type)} variant="light" tt="none" miw="max-content">
          {eventLabel(event.type)}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Group gap="md">
          {lots.slice(0, LOTS_SHOWN).map((l) => (
            <LotLink key={`${l.sku}|${l.lot}`} sku={l.sku} lot={l.lot} showSku />
          ))}
          {lots.length > LOTS_SHOWN && (
            <Text size="xs" c="dimmed">
              +{lots.length - LOTS_SHOWN} more
            </Text>
          )}
        </Group>
      </Table.Td>
      <Table.Td>{event.party ?? '—'}</Table.Td>
      <Table.Td>{event.to ? `${event.location ?? '—'} → ${event.to}` : (event.location ?? '—')}</Table.Td>
    </Table.Tr>
  );
}

/** The last ledger events, newest first, with links to the lots they moved. */
export function RecentEventsCard() {
  const events = useQuery(recentEventsQuery);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="dashboard-events">
      <Title order={4} id="dashboard-events" mb="sm">
        Recent events
      </Title>
      {events.isPending ? (
        <Loading />
      ) : events.isError ? (
        <ErrorState error={events.error} title="Recent events could not be loaded" />
      ) : events.data.items.length === 0 ? (
        <Empty>Nothing has been recorded yet.</Empty>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" aria-label="Recent events">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Time</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Lots</Table.Th>
                <Table.Th>Party</Table.Th>
                <Table.Th>Location</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.data.items.map((event) => (
                <EventRow key={event.id} event={event} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
