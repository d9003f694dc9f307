import { Table, Text, Tooltip } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api, unwrap } from '../../api/client';
import { useItems, usePartyNames } from '../../api/master-data';
import { useAuth } from '../../auth/AuthProvider';
import { formatDate } from '../../ui/format';
import { LoadMore } from '../../ui/LoadMore';
import { LotLink } from '../../ui/LotLink';
import { QuantityCell } from '../../ui/QuantityCell';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { StatusBadge } from '../../ui/StatusBadge';
import { ExpiryText } from './ExpiryText';
import { lotKeys, type LotListItem } from './queries';
import type { LotFilters } from './useLotFilters';

const PAGE_SIZE = 50;
// Codes, badges and dates read badly broken over lines; the table scrolls sideways instead.
const NOWRAP = { whiteSpace: 'nowrap' } as const;

function origin(lot: LotListItem, supplierName: string | undefined): string {
  if (lot.origin === 'production') return `Produced ${formatDate(lot.productionDate)}`;
  return `Received from ${supplierName ?? lot.supplier ?? 'an unknown supplier'}`;
}

/** The lots matching the filters, a page at a time, following the API's cursor. */
export function LotsTable({ filters, empty }: { filters: LotFilters; empty: ReactNode }) {
  const { bySku } = useItems();
  const { today } = useAuth();
  const query = useInfiniteQuery({
    queryKey: [...lotKeys.list, filters],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/lots', {
          params: {
            query: {
              q: filters.q,
              sku: filters.sku,
              status: filters.status,
              location: filters.location,
              expiringWithinDays: filters.expiring,
              // Newest first: the lots people ask about are mostly the recent ones.
              order: 'desc',
              limit: PAGE_SIZE,
              cursor: pageParam,
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // The old rows stay while a new filter loads, so the table does not jump.
    placeholderData: keepPreviousData,
  });

  const suppliers = usePartyNames((query.data?.pages ?? []).flatMap((page) => page.items.flatMap((lot) => (lot.supplier ? [lot.supplier] : []))));

  if (query.isPending) return <Loading label="Loading lots…" />;
  // A failed "load more" or refresh keeps the rows already shown and says what went wrong below them.
  if (query.isError && !query.data) return <ErrorState error={query.error} title="The lots could not be loaded" />;
  const lots = query.data.pages.flatMap((page) => page.items);
  if (lots.length === 0) return <Empty>{empty}</Empty>;
  return (
    <>
      <Table.ScrollContainer minWidth={960}>
        <Table striped highlightOnHover verticalSpacing="xs" aria-label="Lots" aria-busy={query.isFetching} style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Lot</Table.Th>
              <Table.Th>Item</Table.Th>
              <Table.Th miw={110}>Status</Table.Th>
              <Table.Th>Origin</Table.Th>
              <Table.Th>Expiry</Table.Th>
              <Table.Th ta="right">On hand</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lots.map((lot) => {
              const item = bySku.get(lot.sku);
              return (
                <Table.Tr key={`${lot.sku}\u0000${lot.lot}`}>
                  <Table.Td style={NOWRAP}>
                    <LotLink sku={lot.sku} lot={lot.lot} />
                    {lot.supplierLot && (
                      <Text size="xs" c="dimmed">
                        supplier lot {lot.supplierLot}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{item?.name ?? lot.sku}</Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {lot.sku}
                    </Text>
                  </Table.Td>
                  <Table.Td style={NOWRAP}>
                    {lot.holdReason ? (
                      <Tooltip label={lot.holdReason} multiline maw={320}>
                        <span>
                          <StatusBadge status={lot.status} />
                        </span>
                      </Tooltip>
                    ) : (
                      <StatusBadge status={lot.status} />
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{origin(lot, lot.supplier ? suppliers.get(lot.supplier) : undefined)}</Text>
                  </Table.Td>
                  <Table.Td style={NOWRAP}>
                    <ExpiryText date={lot.expiryDate} today={lot.onHand > 0 ? today : undefined} />
                  </Table.Td>
                  <QuantityCell value={lot.onHand} uom={item?.uom} />
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <LoadMore
        query={query}
        summary={query.hasNextPage ? `Showing the first ${lots.length} lots` : `${lots.length} ${lots.length === 1 ? 'lot' : 'lots'}`}
        errorTitle="More lots could not be loaded"
      />
    </>
  );
}
