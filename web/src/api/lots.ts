import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';

/** One lot with its stock, reservations and mass balance; under `lots`, so a hold or release refreshes it. */
export function lotQuery(sku: string, lot: string) {
  return queryOptions({
    queryKey: ['lots', 'detail', sku, lot],
    queryFn: () => unwrap(api.GET('/api/v1/lots/{sku}/{lot}', { params: { path: { sku, lot } } })),
  });
}
