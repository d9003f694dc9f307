import { Badge, Card, Group, Text } from '@mantine/core';
import { DocumentBadges } from '../../ui/DocumentBadges';
import { EventLinesTable } from '../../ui/EventLinesTable';
import { formatTime } from '../../ui/format';
import { ErrorState, Loading } from '../../ui/states';
import { useEvent } from './queries';

const TITLES: Record<string, string> = { receipt: 'Receipt', production: 'Production', shipment: 'Shipment' };

/**
 * One ledger event an order recorded (a receipt, batch or shipment): when, its documents, and
 * every lot it moved, each linked to the lot's page.
 */
export function EventCard({ id }: { id: string }) {
  const query = useEvent(id);
  if (query.isPending) return <Loading label="Loading the event…" />;
  if (query.isError) return <ErrorState error={query.error} title="The event could not be loaded" />;
  const event = query.data;
  return (
    <Card withBorder padding="sm" aria-label={`${TITLES[event.type] ?? event.type} ${formatTime(event.time)}`} component="section">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Group gap="xs">
          <Text fw={600}>{TITLES[event.type] ?? event.type}</Text>
          <Text size="sm" c="dimmed">
            {formatTime(event.time)}
            {event.party ? ` · ${event.party}` : ''}
            {event.location ? ` · ${event.location}` : ''}
          </Text>
          {event.reversedBy && (
            <Badge color="gray" variant="light">
              reversed
            </Badge>
          )}
        </Group>
        <DocumentBadges documents={event.documents} empty={null} />
      </Group>
      <EventLinesTable lines={event.lines} />
    </Card>
  );
}
