import { Box, Button, Card, Tooltip } from '@mantine/core';
import { IconChecks, IconTrash } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { expiryListQuery, filtersFromParams, filtersToParams, isExpiredRow, rowKey, type ExpiryFilters } from './expiryApi';
import { ExpiryFilterBar } from './ExpiryFilterBar';
import { ExpiryTable } from './ExpiryTable';
import { stockTotals } from './stockTotals';
import type { WriteOffPlan } from './useWriteOff';
import { WriteOffModal } from './WriteOffModal';

function emptyText(filters: ExpiryFilters): string {
  if (filters.expiredOnly) return 'No expired stock on hand.';
  const date = filters.basis === 'expiry' ? 'expiry' : 'sell-by';
  return `No stock reaches its ${date} date within ${filters.withinDays} days.`;
}

/** Stock by how soon it expires (or reaches its sell-by date), and writing off what has to go. */
export function ExpiryPage() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const basis = filters.expiredOnly ? 'expiry' : filters.basis;
  const list = useInfiniteQuery(expiryListQuery(filters));
  const canWriteOff = useAuth().can('qa');

  const rows = useMemo(() => {
    const all = list.data?.pages.flatMap((p) => p.items) ?? [];
    // "Expired only" asks the server for dates up to today; the last day of use is not expired yet.
    return filters.expiredOnly ? all.filter((r) => isExpiredRow(r, 'expiry')) : all;
  }, [list.data, filters.expiredOnly]);
  const expiredRows = useMemo(() => rows.filter((r) => isExpiredRow(r, basis)), [rows, basis]);

  // The selection belongs to one filter state: changing filters starts afresh.
  const filterKey = filtersToParams(filters).toString();
  const [selection, setSelection] = useState<{ filterKey: string; keys: Set<string> }>({ filterKey, keys: new Set() });
  const selectedKeys = selection.filterKey === filterKey ? selection.keys : new Set<string>();
  // Lines written off elsewhere drop out of the selection when the list refreshes.
  const selectedRows = rows.filter((r) => selectedKeys.has(rowKey(r)));
  const [writingOff, setWritingOff] = useState(false);

  function toggle(keys: string[], checked: boolean) {
    const next = new Set(selectedKeys);
    for (const key of keys) {
      if (checked) next.add(key);
      else next.delete(key);
    }
    setSelection({ filterKey, keys: next });
  }

  const allExpiredSelected =
    expiredRows.length > 0 && selectedRows.length === expiredRows.length && selectedRows.every((r) => isExpiredRow(r, basis));
  // Only the expiry basis lists every past expiry date, so only then is "all expired shown" true of the whole scope.
  const plan: WriteOffPlan =
    allExpiredSelected && basis === 'expiry' && !list.hasNextPage ? { kind: 'allExpired', location: filters.location } : { kind: 'lines' };
  const totals = stockTotals(rows);

  return (
    <>
      <PageHeader
        title="Expiry"
        description="Stock on hand by how soon it expires or reaches its sell-by date, soonest first."
        actions={
          canWriteOff && (
            <>
              <Button
                variant="default"
                leftSection={<IconChecks size={16} />}
                disabled={expiredRows.length === 0}
                onClick={() => setSelection({ filterKey, keys: new Set(expiredRows.map(rowKey)) })}
              >
                Select all expired ({expiredRows.length})
              </Button>
              <Tooltip label="Select the lines to write off first" disabled={selectedRows.length > 0}>
                <Button color="red" leftSection={<IconTrash size={16} />} disabled={selectedRows.length === 0} onClick={() => setWritingOff(true)}>
                  Write off{selectedRows.length > 0 ? ` (${selectedRows.length})` : ''}
                </Button>
              </Tooltip>
            </>
          )
        }
      />
      <ExpiryFilterBar filters={filters} onChange={(next) => setParams(filtersToParams(next), { replace: true })} />
      <Card withBorder padding={0}>
        {list.isPending ? (
          <Loading />
        ) : list.isError && !list.isFetchNextPageError ? (
          <ErrorState error={list.error} title="The expiry list could not be loaded" />
        ) : rows.length === 0 && !list.hasNextPage ? (
          <Empty>{emptyText(filters)}</Empty>
        ) : (
          <>
            <ExpiryTable rows={rows} basis={basis} selection={canWriteOff ? { keys: selectedKeys, toggle } : undefined} />
            <Box px="sm" pb="sm">
              <LoadMore
                query={list}
                summary={
                  <>
                    {rows.length} {rows.length === 1 ? 'line' : 'lines'}
                    {list.hasNextPage ? ' so far' : ''} · {totals.quantity}
                    {totals.value !== null && ` · value ${totals.value}`}
                    {expiredRows.length > 0 && ` · ${expiredRows.length} expired`}
                  </>
                }
                errorTitle="The next page could not be loaded"
              />
            </Box>
          </>
        )}
      </Card>
      {writingOff && selectedRows.length > 0 && (
        <WriteOffModal
          rows={selectedRows}
          plan={plan}
          allExpired={selectedRows.every((r) => isExpiredRow(r, basis))}
          onClose={() => setWritingOff(false)}
          onDone={() => {
            setWritingOff(false);
            setSelection({ filterKey, keys: new Set() });
          }}
        />
      )}
    </>
  );
}
