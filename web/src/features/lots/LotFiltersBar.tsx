import { Button, NumberInput, Select, SimpleGrid } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconFilterOff } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { ItemSelect, LocationSelect } from '../../ui/pickers';
import { LOT_STATUSES, type LotStatus } from './queries';
import type { LotFilterPatch, LotFilters } from './useLotFilters';

const STATUS_OPTIONS = LOT_STATUSES.map((status) => ({ value: status, label: status }));

/** Item, status, location and expiry filters of the lot list. */
export function LotFiltersBar({ filters, onChange, onClear }: { filters: LotFilters; onChange: (patch: LotFilterPatch) => void; onClear?: () => void }) {
  const [days, setDays] = useState<string | number>(filters.expiring ?? '');
  const applyDays = useDebouncedCallback((value: string | number) => onChange({ expiring: value === '' ? null : Number(value) }), 300);
  useEffect(() => {
    if (!applyDays.isPending()) setDays(filters.expiring ?? '');
  }, [filters.expiring]); // not on `applyDays`: only a change from outside matters

  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: onClear ? 5 : 4 }} spacing="sm" verticalSpacing="sm">
      <ItemSelect label="Item" placeholder="All items" value={filters.sku ?? null} onChange={(sku) => onChange({ sku })} clearable />
      <Select
        label="Status"
        placeholder="Any status"
        data={STATUS_OPTIONS}
        value={filters.status ?? null}
        onChange={(status) => onChange({ status: status as LotStatus | null })}
        clearable
      />
      <LocationSelect label="Location" placeholder="All locations" value={filters.location ?? null} onChange={(location) => onChange({ location })} searchable clearable />
      <NumberInput
        label="Expiring within (days)"
        placeholder="Any expiry"
        min={0}
        max={100_000}
        allowDecimal={false}
        allowNegative={false}
        value={days}
        onChange={(value) => {
          setDays(value);
          applyDays(value);
        }}
      />
      {onClear && (
        <Button variant="subtle" leftSection={<IconFilterOff size={16} />} onClick={onClear} style={{ alignSelf: 'end' }}>
          Clear filters
        </Button>
      )}
    </SimpleGrid>
  );
}
