import { Button, Paper, Stack } from '@mantine/core';
import { useCallback } from 'react';
import { PageHeader } from '../../ui/PageHeader';
import { LotFiltersBar } from './LotFiltersBar';
import { LotSearch } from './LotSearch';
import { LotsTable } from './LotsTable';
import { hasFilters, useLotFilters } from './useLotFilters';

const CLEARED = { q: null, sku: null, status: null, location: null, expiring: null } as const;

/** Every lot, found by scanning or typing its code, or narrowed by item, status, site and expiry. */
export function LotsPage() {
  const [filters, setFilters] = useLotFilters();
  const onSearch = useCallback((q: string | undefined) => setFilters({ q }), [setFilters]);
  const clear = hasFilters(filters) ? () => setFilters(CLEARED) : undefined;
  return (
    <>
      <PageHeader title="Lots" description="Every lot received or produced, with its status, origin, expiry and stock on hand." />
      <Stack gap="md">
        <Paper withBorder p="md">
          <Stack gap="md">
            <LotSearch q={filters.q} onSearch={onSearch} />
            <LotFiltersBar filters={filters} onChange={setFilters} onClear={clear} />
          </Stack>
        </Paper>
        <LotsTable
          filters={filters}
          empty={
            clear ? (
              <>
                No lots match these filters.{' '}
                <Button variant="subtle" size="compact-sm" onClick={clear}>
                  Clear filters
                </Button>
              </>
            ) : (
              'No lots yet: they appear with the first receipt or production.'
            )
          }
        />
      </Stack>
    </>
  );
}
