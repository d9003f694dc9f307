import { Anchor, Code, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { NavigateFunction } from 'react-router';
import { lotPath } from '../../api/client';
import type { components } from '../../api/schema';
import { DocumentBadges } from '../../ui/DocumentBadges';
import { EventLinesTable } from '../../ui/EventLinesTable';
import { eventLots } from '../../ui/eventTypes';
import { formatTime } from '../../ui/format';

type LedgerEvent = components['schemas']['Event'];

const TITLES: Partial<Record<LedgerEvent['type'], string>> = { receipt: 'Receipt recorded', production: 'Production recorded', shipment: 'Shipment recorded' };

const titleOf = (event: LedgerEvent) => TITLES[event.type] ?? `${event.type} recorded`;

/**
 * The success notification of a recorded event, linking each lot it touched. Notifications render
 * outside the router, so the links navigate through the page's `navigate`.
 */
export function notifyRecorded(event: LedgerEvent, navigate: NavigateFunction): void {
  const lots = eventLots(event);
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
          <DocumentBadges documents={event.documents} empty={null} />
        </Group>
        <EventLinesTable lines={event.lines} />
        {children}
      </Stack>
    </Paper>
  );
}
