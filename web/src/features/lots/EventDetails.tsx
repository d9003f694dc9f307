import { Badge, Code, SimpleGrid, Stack, Text } from '@mantine/core';
import { EventLinesTable } from '../../ui/EventLinesTable';
import { eventLabel } from '../../ui/eventTypes';
import { Fact } from '../../ui/Fact';
import { formatTime } from '../../ui/format';
import type { LedgerEvent } from './queries';

/** Everything the ledger holds about one event: all its lines (other lots too), links and its hash. */
export function EventDetails({ event }: { event: LedgerEvent }) {
  return (
    <Stack gap="sm" py="xs">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        <Fact label="Happened">{formatTime(event.time)}</Fact>
        <Fact label="Recorded">
          {formatTime(event.recordedAt)}
          {event.actor && ` by ${event.actor}`}
        </Fact>
        {event.reason && <Fact label="Reason">{event.reason}</Fact>}
        {event.disposition && <Fact label="Disposition">{event.disposition}</Fact>}
        {event.against && (
          <Fact label="Made against">
            {eventLabel(event.against.type)} of {formatTime(event.against.time)}
            {event.against.party ? ` (${event.against.party})` : ''}
          </Fact>
        )}
        {event.reverses && (
          <Fact label="Reverses event">
            <Code>{event.reverses}</Code>
          </Fact>
        )}
        {event.reversedBy && (
          <Fact label="Reversed by">
            <Badge color="gray" variant="light" tt="none">
              event {event.reversedBy}
            </Badge>
          </Fact>
        )}
        {event.returns.length > 0 && <Fact label="Returns against it">{event.returns.length}</Fact>}
      </SimpleGrid>
      {event.lines.length > 0 && <EventLinesTable lines={event.lines} />}
      <Text size="xs" c="dimmed">
        Event <Code>{event.id}</Code> · ledger #{event.seq} · hash{' '}
        <Code title={event.hash}>{event.hash.slice(0, 16)}…</Code>
      </Text>
    </Stack>
  );
}
