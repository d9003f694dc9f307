import { Badge, Card, Group, Table, Text } from '@mantine/core';
import { formatQuantity, formatTime } from '../../ui/format';
import { LotLink } from '../../ui/LotLink';
import { ErrorState, Loading } from '../../ui/states';
import { useEvent, useItems } from './queries';

const TITLES: Record<string, string> = { receipt: 'Receipt', production: 'Production', shipment: 'Shipment' };

/**
 * One ledger event an order recorded (a receipt, batch or shipment): when, its documents, and
 * every lot it moved, each linked to the lot's page.
 */
export function EventCard({ id }: { id: string }) {
  const query = useEvent(id);
  const { bySku } = useItems();
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
        <Group gap={4}>
          {event.documents.map((d) => (
            <Badge key={`${d.type}\u0000${d.number}`} variant="outline" tt="none">{`${d.type} ${d.number}`}</Badge>
          ))}
        </Group>
      </Group>
      <Table.ScrollContainer minWidth={480}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Item</Table.Th>
              <Table.Th>Lot</Table.Th>
              <Table.Th>Movement</Table.Th>
              <Table.Th ta="right">Quantity</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {event.lines.map((l, i) => (
              <Table.Tr key={i}>
                <Table.Td>
                  <Text size="sm">{l.sku}</Text>
                  <Text size="xs" c="dimmed">
                    {bySku.get(l.sku)?.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <LotLink sku={l.sku} lot={l.lot} />
                </Table.Td>
                <Table.Td>{l.movement.replaceAll('_', ' ')}</Table.Td>
                <Table.Td ta="right">{formatQuantity(Math.abs(l.quantity), bySku.get(l.sku)?.uom)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
