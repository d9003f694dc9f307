import { Badge, Code, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatTime } from '../../ui/format';
import { LotLink } from '../../ui/LotLink';
import { eventLabel } from './events';
import { QuantityCell } from './QuantityCell';
import type { LedgerEvent } from './queries';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

/** Everything the ledger holds about one event: all its lines (other lots too), links and its hash. */
export function EventDetails({ event, uomOf }: { event: LedgerEvent; uomOf: (sku: string) => string | undefined }) {
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
      {event.lines.length > 0 && (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing={2} aria-label="Event lines">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Lot</Table.Th>
                <Table.Th>Location</Table.Th>
                <Table.Th>Movement</Table.Th>
                <Table.Th ta="right">Quantity</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {event.lines.map((line, i) => (
                <Table.Tr key={i}>
                  <Table.Td>
                    <LotLink sku={line.sku} lot={line.lot} showSku />
                  </Table.Td>
                  <Table.Td>{line.location}</Table.Td>
                  <Table.Td>{line.movement.replaceAll('_', ' ')}</Table.Td>
                  <QuantityCell value={line.quantity} uom={uomOf(line.sku)} />
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text size="xs" c="dimmed">
        Event <Code>{event.id}</Code> · ledger #{event.seq} · hash{' '}
        <Code title={event.hash}>{event.hash.slice(0, 16)}…</Code>
      </Text>
    </Stack>
  );
}
