import { useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Item = components['schemas']['Item'];
export type Location = components['schemas']['Location'];
export type Lot = components['schemas']['Lot'];
export type LotListItem = components['schemas']['LotListItem'];
export type LedgerEvent = components['schemas']['Event'];
export type LotStatus = LotListItem['status'];

export const LOT_STATUSES: readonly LotStatus[] = ['available', 'hold', 'recalled', 'expired', 'depleted'];

/** Query keys of this area, so mutations invalidate exactly what they change. */
export const lotKeys = {
  all: ['lots'] as const,
  list: ['lots', 'list'] as const,
  detail: (sku: string, lot: string) => ['lots', 'detail', sku, lot] as const,
  events: (sku: string, lot: string) => ['lots', 'events', sku, lot] as const,
  origin: (sku: string, lot: string) => ['lots', 'origin', sku, lot] as const,
};

// Master data is small (a catalogue, a handful of sites): one page of the API's maximum holds it.
const MASTER_PAGE = 1000;

/** Every item, and a lookup by sku for names and units. */
export function useItems() {
  const query = useQuery({
    queryKey: ['items', 'all'],
    queryFn: () => unwrap(api.GET('/api/v1/items', { params: { query: { limit: MASTER_PAGE } } })),
    staleTime: 5 * 60_000,
  });
  const bySku = new Map((query.data?.items ?? []).map((item) => [item.sku, item]));
  return { query, items: query.data?.items ?? [], bySku };
}

/** Every location, and a lookup by code for names. */
export function useLocations() {
  const query = useQuery({
    queryKey: ['locations', 'all'],
    queryFn: () => unwrap(api.GET('/api/v1/locations', { params: { query: { limit: MASTER_PAGE } } })),
    staleTime: 5 * 60_000,
  });
  const byCode = new Map((query.data?.items ?? []).map((location) => [location.code, location]));
  return { query, locations: query.data?.items ?? [], byCode };
}

/**
 * Names of the parties (suppliers, customers) on screen, by code: one cached request per code
 * shown, never the whole customer list. Codes not (yet) resolved are absent.
 */
export function usePartyNames(codes: readonly string[]): Map<string, string> {
  const unique = [...new Set(codes)];
  const results = useQueries({
    queries: unique.map((code) => ({
      queryKey: ['party', code],
      queryFn: () => unwrap(api.GET('/api/v1/parties/{code}', { params: { path: { code } } })),
      staleTime: 5 * 60_000,
    })),
  });
  const names = new Map<string, string>();
  results.forEach((result, i) => {
    if (result.data) names.set(unique[i]!, result.data.name);
  });
  return names;
}

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function browserToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * The server's calendar day, which decides expiry and may be fixed (a demo or test clock): the API
 * has no "today" endpoint, but every expiry row carries its date and the days left from today.
 * Falls back to the browser's date when no stock has an expiry date; undefined while it loads.
 */
export function useServerToday(): string | undefined {
  const query = useQuery({
    queryKey: ['server-today'],
    queryFn: async () => {
      const page = await unwrap(api.GET('/api/v1/expiry', { params: { query: { withinDays: 100_000, limit: 1 } } }));
      const row = page.items[0];
      return row?.expiryDate ? shiftDate(row.expiryDate, -row.daysLeft) : null;
    },
    staleTime: 60 * 60_000,
  });
  if (query.isPending) return undefined;
  return query.data ?? browserToday();
}
