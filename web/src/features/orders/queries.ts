import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

/** Query keys of the order screens, so that a mutation invalidates exactly what it changed. */
export const orderKeys = {
  all: ['orders'] as const,
  sales: ['orders', 'sales'] as const,
  salesOrder: (id: string) => ['orders', 'sales', 'detail', id] as const,
  pickList: (id: string) => ['orders', 'sales', 'detail', id, 'pick-list'] as const,
  purchase: ['orders', 'purchase'] as const,
  purchaseOrder: (id: string) => ['orders', 'purchase', 'detail', id] as const,
  production: ['orders', 'production'] as const,
  productionOrder: (id: string) => ['orders', 'production', 'detail', id] as const,
};

export function useRecipe(sku: string | null) {
  return useQuery({
    queryKey: ['recipes', sku],
    queryFn: () => unwrap(api.GET('/api/v1/recipes/{sku}', { params: { path: { sku: sku! } } })),
    enabled: sku !== null,
    retry: false,
  });
}

/** A ledger event recorded for an order (its receipt, batch or shipment). */
export function useEvent(id: string) {
  return useQuery({
    queryKey: ['events', 'detail', id],
    queryFn: () => unwrap(api.GET('/api/v1/events/{id}', { params: { path: { id } } })),
    // A recorded event never changes; only its reversal link may appear later.
    staleTime: 5 * 60_000,
  });
}
