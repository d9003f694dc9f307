import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { daysBetween } from '../../ui/format';

export type ExpiryRow = components['schemas']['ExpiryRow'];
export type ExpiryBasis = 'expiry' | 'sellBy';

/** What the expiry list shows; kept in the URL so a filtered list can be linked and reloaded. */
export interface ExpiryFilters {
  withinDays: number;
  basis: ExpiryBasis;
  location: string | null;
  /** Only stock past its expiry date (forces the expiry basis). */
  expiredOnly: boolean;
}

export const WITHIN_PRESETS = [7, 30, 60, 90] as const;
export const DEFAULT_FILTERS: ExpiryFilters = { withinDays: 30, basis: 'expiry', location: null, expiredOnly: false };
const MAX_WITHIN_DAYS = 100_000;

export function filtersFromParams(params: URLSearchParams): ExpiryFilters {
  const within = Number(params.get('within'));
  return {
    withinDays: params.has('within') && Number.isInteger(within) && within >= 0 && within <= MAX_WITHIN_DAYS ? within : DEFAULT_FILTERS.withinDays,
    basis: params.get('basis') === 'sellBy' ? 'sellBy' : 'expiry',
    location: params.get('location') || null,
    expiredOnly: params.get('expired') === '1',
  };
}

/** The URL query of a filter state, leaving defaults out so links stay short. */
export function filtersToParams(filters: ExpiryFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.expiredOnly) params.set('expired', '1');
  if (filters.withinDays !== DEFAULT_FILTERS.withinDays) params.set('within', String(filters.withinDays));
  if (filters.basis !== DEFAULT_FILTERS.basis) params.set('basis', filters.basis);
  if (filters.location) params.set('location', filters.location);
  return params;
}

/** Link to the expiry list with some filters set. */
export function expiryHref(filters: Partial<ExpiryFilters>): string {
  const query = filtersToParams({ ...DEFAULT_FILTERS, ...filters }).toString();
  return query ? `/expiry?${query}` : '/expiry';
}

/**
 * Days to the row's expiry date whatever basis the list uses: the server reports days left for the
 * chosen date only, and the gap between the two dates carries it over without the browser's clock.
 */
export function expiryDaysLeft(row: ExpiryRow, basis: ExpiryBasis): number | null {
  if (basis === 'expiry') return row.daysLeft;
  if (!row.expiryDate || !row.sellByDate) return null;
  return row.daysLeft + daysBetween(row.sellByDate, row.expiryDate);
}

/** Past its expiry date (a lot is usable through that date), whatever QA decided about it. */
export function isExpiredRow(row: ExpiryRow, basis: ExpiryBasis): boolean {
  const days = expiryDaysLeft(row, basis);
  return days !== null && days < 0;
}

export function rowKey(row: Pick<ExpiryRow, 'sku' | 'lot' | 'location'>): string {
  return JSON.stringify([row.sku, row.lot, row.location]);
}

const PAGE_SIZE = 100;

/** The API query behind a filter state: "expired only" is every expiry date up to today. */
function apiQuery(filters: ExpiryFilters) {
  return filters.expiredOnly
    ? { withinDays: 0, basis: 'expiry' as const, location: filters.location ?? undefined }
    : { withinDays: filters.withinDays, basis: filters.basis, location: filters.location ?? undefined };
}

/** The expiry list, soonest first, a page at a time. */
export function expiryListQuery(filters: ExpiryFilters) {
  const query = apiQuery(filters);
  return infiniteQueryOptions({
    queryKey: ['expiry', 'list', query],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/expiry', { params: { query: { ...query, limit: PAGE_SIZE, cursor: pageParam } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

const SUMMARY_LIMIT = 1000;

export interface ExpirySummary {
  /** Distinct lots with stock whose date is within the window but not yet past. */
  upcomingLots: number;
  /** Distinct lots with stock already past the date (for the expiry basis: expired stock on hand). */
  pastLots: number;
  /** Whether the window holds more stock lines than one page: the upcoming count is then a lower bound. */
  truncated: boolean;
  /** Past dates come first, so their count is short only when the whole page is past. */
  pastTruncated: boolean;
}

function distinctLots(rows: ExpiryRow[]): number {
  return new Set(rows.map((r) => JSON.stringify([r.sku, r.lot]))).size;
}

/** Counts for the dashboard from one bounded page of the expiry list. */
export function expirySummaryQuery(basis: ExpiryBasis, withinDays: number) {
  return queryOptions({
    queryKey: ['expiry', 'summary', { basis, withinDays }],
    queryFn: async (): Promise<ExpirySummary> => {
      const page = await unwrap(api.GET('/api/v1/expiry', { params: { query: { basis, withinDays, limit: SUMMARY_LIMIT } } }));
      return {
        upcomingLots: distinctLots(page.items.filter((r) => r.daysLeft >= 0)),
        pastLots: distinctLots(page.items.filter((r) => r.daysLeft < 0)),
        truncated: page.nextCursor !== null,
        pastTruncated: page.nextCursor !== null && page.items.every((r) => r.daysLeft < 0),
      };
    },
  });
}
