import { Invalid, NotFound } from '../domain/errors.js';
import { EVENT_TYPES, type EventType } from '../domain/ledger.js';
import { listEvents as listEventRows } from '../store/events.repository.js';
import type { App } from './context.js';
import { loadEventViews, viewsOfRows, type EventView } from './event-views.js';
import { decodeCursor, encodeCursor, isNumber, pageLimit, type Page, type PageRequest } from './paging.js';

export interface EventListFilter {
  type?: EventType;
  sku?: string;
  lot?: string;
  party?: string;
  /** Event times from (inclusive) and to (exclusive), ISO 8601. */
  from?: string;
  to?: string;
  order?: 'asc' | 'desc';
}

function instant(value: string | undefined, path: string): string | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  // Date.parse also takes "99999-01-01" or "0", whose text would then compare wrongly with stored times.
  if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}/.test(value)) throw Invalid.at(path, 'must be an ISO 8601 date or date-time');
  return new Date(t).toISOString();
}

/** Ledger events, filtered, in ledger order (or newest first), with their lines. */
export async function listEvents(app: App, filter: EventListFilter, page: PageRequest): Promise<Page<EventView>> {
  if (filter.type !== undefined && !EVENT_TYPES.includes(filter.type)) {
    throw Invalid.at('type', `must be one of ${EVENT_TYPES.join(', ')}`);
  }
  const limit = pageLimit(page.limit);
  const afterSeq = decodeCursor(page.cursor, isNumber);
  const rows = await listEventRows(
    app.store.db,
    { ...filter, from: instant(filter.from, 'from'), to: instant(filter.to, 'to') },
    { afterSeq, limit: limit + 1, descending: filter.order === 'desc' },
  );
  const more = rows.length > limit;
  const pageRows = rows.slice(0, limit);
  const items = await viewsOfRows(app.store.db, pageRows);
  return { items, nextCursor: more ? encodeCursor(pageRows.at(-1)!.seq) : null };
}

/** One event with its lines. */
export async function getEvent(app: App, id: string): Promise<EventView> {
  const [event] = await loadEventViews(app.store.db, [id]);
  if (!event) throw new NotFound(`event "${id}" not found`);
  return event;
}
