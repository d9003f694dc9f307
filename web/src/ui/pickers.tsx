import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useItems, useLocations, useParty, usePartySearch, type Party } from '../api/master-data';

type PickerProps = Omit<SelectProps, 'data' | 'value' | 'onChange'> & { value: string | null; onChange: (value: string | null) => void };

function partyLabel(p: Pick<Party, 'code' | 'name'>): string {
  return `${p.name} (${p.code})`;
}

/**
 * A customer or supplier, found by a part of its name or code. The server searches (there may be
 * thousands of customers), so only the best 50 matches travel; the chosen one stays listed.
 */
export function PartySelect({ role, value, onChange, ...props }: PickerProps & { role: 'customer' | 'supplier' }) {
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<Party | null>(null);
  const [debounced] = useDebouncedValue(search, 200);
  // A value that arrived from the address rather than a choice is looked up by its code.
  const looked = useParty(value !== null && chosen?.code !== value ? value : undefined);
  const selected = chosen?.code === value ? chosen : (looked.data ?? null);
  // After a choice the box shows the chosen label; searching for that label would find nothing.
  const query = usePartySearch(role, selected && debounced === partyLabel(selected) ? '' : debounced.trim());
  const parties = useMemo(() => {
    const found = query.data?.items ?? [];
    return selected && !found.some((p) => p.code === selected.code) ? [selected, ...found] : found;
  }, [query.data, selected]);
  return (
    <Select
      searchable
      clearable
      data={parties.map((p) => ({ value: p.code, label: partyLabel(p) }))}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      // The server already filtered by name and code.
      filter={({ options }) => options}
      nothingFoundMessage={query.isFetching ? 'Searching…' : query.isError ? query.error.message : `No ${role} matches`}
      onChange={(code) => {
        setChosen(parties.find((p) => p.code === code) ?? null);
        onChange(code);
      }}
      {...props}
    />
  );
}

/** An item by sku or name; `only` narrows the choice (the lines of an order). */
export function ItemSelect({ value, onChange, only, ...props }: PickerProps & { only?: readonly string[] }) {
  const { items, query } = useItems();
  const data = useMemo(
    () => items.filter((i) => !only || only.includes(i.sku)).map((i) => ({ value: i.sku, label: `${i.sku} · ${i.name}` })),
    [items, only],
  );
  return (
    <Select
      searchable
      data={data}
      value={value}
      onChange={(sku) => onChange(sku)}
      nothingFoundMessage={query.isPending ? 'Loading items…' : query.isError ? query.error.message : 'No item matches'}
      {...props}
    />
  );
}

/** A warehouse or site. */
export function LocationSelect({ value, onChange, ...props }: PickerProps) {
  const { query, locations } = useLocations();
  const data = locations.map((l) => ({ value: l.code, label: `${l.code} · ${l.name}` }));
  return (
    <Select
      data={data}
      value={value}
      onChange={(code) => onChange(code)}
      nothingFoundMessage={query.isPending ? 'Loading locations…' : query.isError ? query.error.message : 'No locations'}
      {...props}
    />
  );
}
