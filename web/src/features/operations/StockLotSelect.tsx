import { Select, type SelectProps } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { formatDate, formatQuantity } from '../../ui/format';

type StockRow = components['schemas']['StockRow'];

// One item rarely has more lots at one location than this; the select says so when it has.
const STOCK_LIMIT = 1000;

/** The lots of an item with stock at a location, soonest expiry first (the order they should go in). */
export function useStockAt(sku: string | null, location: string | null) {
  const query = useQuery({
    queryKey: ['stock', 'at-location', sku, location],
    queryFn: () => unwrap(api.GET('/api/v1/stock', { params: { query: { sku: sku!, location: location!, limit: STOCK_LIMIT } } })),
    enabled: sku !== null && location !== null,
  });
  const rows = useMemo(
    () =>
      [...(query.data?.items ?? [])].sort((a, b) => {
        if (a.expiryDate === b.expiryDate) return a.lot < b.lot ? -1 : 1;
        if (a.expiryDate === null) return 1;
        if (b.expiryDate === null) return -1;
        return a.expiryDate < b.expiryDate ? -1 : 1;
      }),
    [query.data],
  );
  return { query, rows, truncated: Boolean(query.data?.nextCursor) };
}

/** The free quantity of one lot at the location, or a sentence saying why it is not known. */
export function freeText(stock: ReturnType<typeof useStockAt>, lot: string, uom: string | undefined, location: string | null): string | undefined {
  if (!location || lot === '') return undefined;
  if (stock.query.isPending) return 'Checking stock…';
  if (stock.query.isError) return `Stock unknown: ${stock.query.error.message}`;
  const row = stock.rows.find((r) => r.lot === lot);
  if (!row) return `None of this lot at ${location}`;
  const reserved = row.reserved > 0 ? ` (${formatQuantity(row.reserved)} reserved)` : '';
  return `${formatQuantity(row.free, uom)} free at ${location}${reserved}`;
}

function optionLabel(row: StockRow, uom: string | undefined): string {
  const status = row.status === 'available' ? '' : ` · ${row.status}`;
  return `${row.lot} · exp ${formatDate(row.expiryDate)} · ${formatQuantity(row.free, uom)} free${status}`;
}

/**
 * A lot of `sku` with stock at `location`, soonest expiry first; held, recalled and expired lots
 * are listed but cannot be chosen (the server would refuse them). A lot that was scanned but has
 * no stock here stays shown, so the worker sees what was scanned and the message next to it.
 */
export function StockLotSelect({
  sku,
  location,
  uom,
  value,
  onChange,
  description,
  ...props
}: Omit<SelectProps, 'data' | 'value' | 'onChange'> & { sku: string | null; location: string | null; uom?: string; value: string; onChange: (lot: string) => void }) {
  const stock = useStockAt(sku, location);
  const data = useMemo(() => {
    const options = stock.rows.map((r) => ({ value: r.lot, label: optionLabel(r, uom), disabled: r.status !== 'available' || r.free <= 0 }));
    if (value !== '' && !options.some((o) => o.value === value)) options.unshift({ value, label: `${value} · no stock here`, disabled: false });
    return options;
  }, [stock.rows, uom, value]);
  const nothing = !sku || !location ? 'Choose the item and the location first' : stock.query.isError ? stock.query.error.message : `No stock of ${sku} at ${location}`;
  return (
    <Select
      searchable
      data={data}
      value={value || null}
      onChange={(lot) => onChange(lot ?? '')}
      nothingFoundMessage={stock.query.isFetching ? 'Loading lots…' : nothing}
      description={stock.truncated ? `Showing the first ${STOCK_LIMIT} lots` : description}
      {...props}
    />
  );
}
