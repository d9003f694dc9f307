import { ActionIcon, Badge, Card, Table, Text, Title } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useItems, usePartyNames } from '../../api/master-data';
import { DocumentBadges } from '../../ui/DocumentBadges';
import { eventColor, eventLabel } from '../../ui/eventTypes';
import { formatChange, formatQuantity, formatTime } from '../../ui/format';
import { LoadMore } from '../../ui/LoadMore';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { EventDetails } from './EventDetails';
import { eventDocuments, eventPlace, linesOfLot, lotEffect } from './events';
import { lotKeys, type LedgerEvent } from './queries';

const PAGE_SIZE = 25;
const COLUMNS = 7;

function Quantity({ event, sku, lot, uom }: { event: LedgerEvent; sku: string; lot: string; uom: string | undefined }) {
  const effect = lotEffect(event, sku, lot);
  if (!effect) return <Text size="sm" c="dimmed">—</Text>;
  if (effect.moved) return <Text size="sm" ff="monospace">{formatQuantity(effect.quantity, uom)} moved</Text>;
  return (
    <Text size="sm" ff="monospace" c={effect.quantity > 0 ? 'teal' : effect.quantity < 0 ? 'red' : undefined}>
      {formatChange(effect.quantity, uom)}
    </Text>
  );
}

function Party({ event, name }: { event: LedgerEvent; name: string | undefined }) {
  if (event.party) {
    return (
      <div>
        <Text size="sm">{name ?? event.party}</Text>
        {name && (
          <Text size="xs" c="dimmed" ff="monospace">
            {event.party}
          </Text>
        )}
      </div>
    );
  }
  if (event.reason) {
    return (
      <Text size="sm" c="dimmed" lineClamp={2} title={event.reason}>
        {event.reason}
      </Text>
    );
  }
  return <Text size="sm" c="dimmed">—</Text>;
}

function EventRow({ event, sku, lot, partyName }: { event: LedgerEvent; sku: string; lot: string; partyName: string | undefined }) {
  const [open, setOpen] = useState(false);
  const { bySku } = useItems();
  const label = eventLabel(event.type);
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td w={36}>
          <ActionIcon
            variant="subtle"
            color="gray"
            onClick={() => setOpen((o) => !o)}
            aria-expanded={open}
            aria-label={`${open ? 'Hide' : 'Show'} details of the ${label} of ${formatTime(event.time)}`}
          >
            {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          </ActionIcon>
        </Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatTime(event.time)}</Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          <Badge color={eventColor(event.type)} variant="light" tt="none">
            {label}
          </Badge>
          {event.reversedBy && (
            <Text size="xs" c="dimmed">
              reversed
            </Text>
          )}
        </Table.Td>
        <Table.Td>{eventPlace(event, linesOfLot(event, sku, lot))}</Table.Td>
        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
          <Quantity event={event} sku={sku} lot={lot} uom={bySku.get(sku)?.uom} />
        </Table.Td>
        <Table.Td>
          <Party event={event} name={partyName} />
        </Table.Td>
        <Table.Td>
          <DocumentBadges documents={eventDocuments(event)} />
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr>
          <Table.Td colSpan={COLUMNS} bg="gray.0">
            <EventDetails event={event} />
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

/** The lot's ledger, newest first, a page at a time; each event opens to show all it recorded. */
export function EventHistory({ sku, lot }: { sku: string; lot: string }) {
  const query = useInfiniteQuery({
    queryKey: lotKeys.events(sku, lot),
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/events', { params: { query: { sku, lot, order: 'desc', limit: PAGE_SIZE, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  const partyNames = usePartyNames((query.data?.pages ?? []).flatMap((page) => page.items.flatMap((e) => (e.party ? [e.party] : []))));

  let body;
  if (query.isPending) body = <Loading label="Loading the history…" />;
  else if (query.isError && !query.data) body = <ErrorState error={query.error} title="The history could not be loaded" />;
  else {
    const events = query.data.pages.flatMap((page) => page.items);
    body =
      events.length === 0 ? (
        <Empty>No events recorded for this lot.</Empty>
      ) : (
        <>
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="xs" aria-label="Event history">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th />
                  <Table.Th>Time</Table.Th>
                  <Table.Th miw={150}>Event</Table.Th>
                  <Table.Th>Location</Table.Th>
                  <Table.Th ta="right">This lot</Table.Th>
                  <Table.Th>Party / reason</Table.Th>
                  <Table.Th>Documents</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {events.map((event) => (
                  <EventRow key={event.id} event={event} sku={sku} lot={lot} partyName={event.party ? partyNames.get(event.party) : undefined} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <LoadMore
            query={query}
            summary={query.hasNextPage ? `The latest ${events.length} events` : `${events.length} ${events.length === 1 ? 'event' : 'events'}`}
            label="Load older events"
            errorTitle="More events could not be loaded"
          />
        </>
      );
  }

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="history-title">
      <Title order={4} id="history-title" mb="xs">
        History
      </Title>
      {body}
    </Card>
  );
}
