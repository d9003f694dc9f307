import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components } from './schema';

export type Direction = components['schemas']['Trace']['direction'];

/** A lot's trace: backward to its suppliers, forward to its customers and stock, or both; the recall wizard shares the forward one. */
export function traceQuery({ sku, lot }: { sku: string; lot: string }, direction: Direction) {
  return queryOptions({
    queryKey: ['trace', sku, lot, direction],
    queryFn: () => unwrap(api.GET('/api/v1/trace/{sku}/{lot}', { params: { path: { sku, lot }, query: { direction } } })),
  });
}
