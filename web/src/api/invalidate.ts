import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * After anything that moves stock (a receipt, batch, shipment, write-off, order action, recall):
 * stock, lots, traces, orders and dashboards that screens cache under their own keys all change,
 * so every cached query but the sign-in state and those `keep` names is marked stale (only the ones
 * on screen refetch now).
 */
export function invalidateAfterStockChange(queryClient: QueryClient, keep: (key: QueryKey) => boolean = () => false): Promise<void> {
  return queryClient.invalidateQueries({ predicate: ({ queryKey }) => queryKey[0] !== 'auth' && !keep(queryKey) });
}
