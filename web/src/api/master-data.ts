import { keepPreviousData, queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, unwrap } from './client';
import type { components } from './schema';

export type Item = components['schemas']['Item'];
export type Location = components['schemas']['Location'];
export type Party = components['schemas']['Party'];

// Master data changes rarely; a few minutes of freshness spares a request per screen.
const STALE_MS = 5 * 60_000;
// A catalogue and a handful of sites, not a ledger: one page of the API's maximum holds them.
const MASTER_PAGE = 1000;

/** Every item, and a lookup by sku for names, units and shelf lives. */
export function useItems() {
  const query = useQuery({
    queryKey: ['items', 'all'],
    queryFn: () => unwrap(api.GET('/api/v1/items', { params: { query: { limit: MASTER_PAGE } } })),
    staleTime: STALE_MS,
  });
  const bySku = useMemo(() => new Map<string, Item>((query.data?.items ?? []).map((i) => [i.sku, i])), [query.data]);
  return { query, items: query.data?.items ?? [], bySku };
}

const locationsQuery = queryOptions({
  queryKey: ['locations', 'all'],
  queryFn: () => unwrap(api.GET('/api/v1/locations', { params: { query: { limit: MASTER_PAGE } } })),
  staleTime: STALE_MS,
});

/** Every warehouse and site, and a lookup by code for names. */
export function useLocations() {
  const query = useQuery(locationsQuery);
  const byCode = useMemo(() => new Map<string, Location>((query.data?.items ?? []).map((l) => [l.code, l])), [query.data]);
  return { query, locations: query.data?.items ?? [], byCode };
}

const partyQuery = (code: string) =>
  queryOptions({
    queryKey: ['parties', 'detail', code],
    queryFn: () => unwrap(api.GET('/api/v1/parties/{code}', { params: { path: { code } } })),
    staleTime: STALE_MS,
  });

/** One customer or supplier with its contact details and shelf-life terms; idle without a code. */
export function useParty(code: string | undefined) {
  return useQuery({ ...partyQuery(code ?? ''), enabled: code !== undefined });
}

/**
 * Names of the parties on screen, by code: one cached request per distinct code, never the whole
 * customer list (there may be thousands). Codes not (yet) resolved are absent.
 */
export function usePartyNames(codes: readonly string[]): Map<string, string> {
  const unique = useMemo(() => [...new Set(codes)], [codes]);
  const results = useQueries({ queries: unique.map(partyQuery) });
  const names = new Map<string, string>();
  results.forEach((r, i) => {
    if (r.data) names.set(unique[i]!, r.data.name);
  });
  return names;
}

/** The best 50 customers or suppliers whose name or code holds `q`, searched by the server. */
export function usePartySearch(role: 'customer' | 'supplier', q: string) {
  return useQuery({
    queryKey: ['parties', 'search', role, q],
    queryFn: () => unwrap(api.GET('/api/v1/parties', { params: { query: { role, q: q || undefined, limit: 50 } } })),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
