import { useQueries, useQuery, type QueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, unwrap } from '../../api/client';
import type { Item } from './types';

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

/**
 * After an order action: reservations, receipts, batches and shipments change stock, lots,
 * traces and dashboards that other screens cache under their own keys, so every cached query
 * but the sign-in state is marked stale (only the ones on screen refetch now).
 */
export function invalidateAfterOrderChange(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'auth' });
}

// Master data changes rarely; a few minutes of freshness spares a request per screen.
const MASTER_DATA_STALE_MS = 5 * 60_000;

/** Every item (a catalogue, not a ledger: one page of up to 1000 holds it), by sku. */
export function useItems() {
  const query = useQuery({
    queryKey: ['items', 'all'],
    queryFn: () => unwrap(api.GET('/api/v1/items', { params: { query: { limit: 1000 } } })),
    staleTime: MASTER_DATA_STALE_MS,
  });
  const bySku = useMemo(() => new Map<string, Item>((query.data?.items ?? []).map((i) => [i.sku, i])), [query.data]);
  return { query, items: query.data?.items ?? [], bySku };
}

/** Warehouses and sites (a handful). */
export function useLocations() {
  return useQuery({
    queryKey: ['locations', 'all'],
    queryFn: () => unwrap(api.GET('/api/v1/locations', { params: { query: { limit: 1000 } } })),
    staleTime: MASTER_DATA_STALE_MS,
  });
}

const partyQuery = (code: string) => ({
  queryKey: ['parties', 'detail', code] as const,
  queryFn: () => unwrap(api.GET('/api/v1/parties/{code}', { params: { path: { code } } })),
  staleTime: MASTER_DATA_STALE_MS,
});

export function useParty(code: string | undefined) {
  return useQuery({ ...partyQuery(code ?? ''), enabled: code !== undefined });
}

/** Names of the parties on one page of a list: one cached request per distinct code. */
export function usePartyNames(codes: readonly string[]): Map<string, string> {
  const unique = useMemo(() => [...new Set(codes)], [codes]);
  const results = useQueries({ queries: unique.map(partyQuery) });
  const names = new Map<string, string>();
  results.forEach((r, i) => {
    if (r.data) names.set(unique[i]!, r.data.name);
  });
  return names;
}

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
    staleTime: MASTER_DATA_STALE_MS,
  });
}
