import { Anchor, Badge, Code, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { NavigateFunction } from 'react-router';
import { lotPath } from '../../api/client';
import type { components } from '../../api/schema';
import { LotLink } from '../../ui/LotLink';
import { formatQuantity, formatTime } from '../../ui/format';

type LedgerEvent = components['schemas']['Event'];

const TITLES: Partial<Record<LedgerEvent['type'], string>> = { receipt: 'Receipt recorded', production: 'Production recorded', shipment: 'Shipment recorded' };
const MOVEMENT_LABELS: Record<string, string> = { receipt: 'received', production: 'produced', consumption: 'consumed', shipment: 'shipped' };

const titleOf = (event: LedgerEvent) => TITLES[event.type] ?? `${event.type} recorded`;

/** Each lot the event touched, once, in the order of its lines. */
function lotsOf(event: LedgerEvent): { sku: string; lot: string }[] {
  const seen = new Map<string, { sku: string; lot: string }>();
  for (const l of event.lines) seen.set(`${l.sku}\u0000${l.lot}`, { sku: l.sku, lot: l.lot });
  return [...seen.values()];
}

/**
 * The success notification of a recorded event, linking each lot it touched. Notifications render
 * outside the router, so the links navigate through the page's `navigate`.
 */
export function notifyRecorded(event: LedgerEvent, navigate: NavigateFunction): void {
  const lots = lotsOf(event);
  const shown = lots.slice(0, 5);
  notifications.show({
    color: 'green',
    title: titleOf(event),
    autoClose: 10_000,
    message: (
      <Stack gap={2}>
        {shown.map(({ sku, lot }) => {
          const to = `/lots/${lotPath(sku, lot)}`;
          return (
            <Anchor
              key={to}
              href={to}
              size="sm"
              ff="monospace"
              onClick={(e) => {
                e.preventDefault();
                void navigate(to);
              }}
            >
              {sku} · {lot}
            </Anchor>
          );
        })}
        {lots.length > shown.length && <Text size="xs">and {lots.length - shown.length} more lots</Text>}
      </Stack>
    ),
  });
}

/** What the last submission recorded: the event, its lines with links to the lots, and any extra detail. */
export function RecordedEvent({ event, children }: { event: LedgerEvent; children?: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="sm" bg="green.0" role="status" aria-label={titleOf(event)}>
      <Stack gap="sm">
        <Group gap="xs" wrap="wrap">
          <IconCircleCheck size={20} color="var(--mantine-color-green-7)" />
          <Text fw={600}>{titleOf(event)}</Text>
          <Text size="sm" c="dimmed">
            {formatTime(event.time)} · event <Code>{event.id}</Code>
          </Text>
          {event.documents.map((d) => (
            <Badge key={`${d.type}:${d.number}`} variant="light" tt="none">
              {d.type} {d.number}
            </Badge>
          ))}
        </Group>
        <Table.ScrollContainer minWidth={480}>
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Item</Table.Th>
                <Table.Th>Lot</Table.Th>
                <Table.Th>Location</Table.Th>
                <Table.Th>Movement</Table.Th>
                <Table.Th ta="right">Quantity</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {event.lines.map((l, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{l.sku}</Table.Td>
                  <Table.Td>
                    <LotLink sku={l.sku} lot={l.lot} />
                  </Table.Td>
                  <Table.Td>{l.location}</Table.Td>
                  <Table.Td>{MOVEMENT_LABELS[l.movement] ?? l.movement}</Table.Td>
                  <Table.Td ta="right">{formatQuantity(Math.abs(l.quantity))}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {children}
      </Stack>
    </Paper>
  );
}
