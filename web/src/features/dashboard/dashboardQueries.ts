import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

// Keys start with the resource so that invalidating it elsewhere (a new recall, a hold) refreshes the card.
// One bounded page each: a count above it shows as "1000+", never a loop over pages.
export const COUNT_LIMIT = 1000;

export const openRecallsQuery = queryOptions({
  queryKey: ['recalls', 'dashboard', 'open'],
  queryFn: async () => {
    const page = await unwrap(api.GET('/api/v1/recalls', { params: { query: { status: 'open', limit: COUNT_LIMIT } } }));
    const drills = page.items.filter((r) => r.drill).length;
    return { recalls: page.items.length - drills, drills, truncated: page.nextCursor !== null };
  },
});

export const heldLotsQuery = queryOptions({
  queryKey: ['lots', 'dashboard', 'hold'],
  queryFn: async () => {
    const page = await unwrap(api.GET('/api/v1/lots', { params: { query: { status: 'hold', limit: COUNT_LIMIT } } }));
    return { lots: page.items.length, truncated: page.nextCursor !== null };
  },
});

export const openAlertsQuery = queryOptions({
  queryKey: ['alerts', 'dashboard', 'open'],
  queryFn: () => unwrap(api.GET('/api/v1/alerts', { params: { query: { status: 'open', limit: COUNT_LIMIT } } })),
});

export const recentEventsQuery = queryOptions({
  queryKey: ['events', 'dashboard', 'recent'],
  queryFn: () => unwrap(api.GET('/api/v1/events', { params: { query: { order: 'desc', limit: 10 } } })),
});

/** A count as a figure: a full page means there are more than it shows. */
export function countText(count: number, truncated: boolean): string {
  return truncated ? `${count}+` : String(count);
}
