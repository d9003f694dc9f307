import { MAX_LIMIT, type Page, type PageRequest } from '../app/paging.js';

/** Every page of a listing: the CLI shows the whole answer, not the API's first page. */
export async function allPages<T>(fetch: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetch({ limit: MAX_LIMIT, cursor });
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return rows;
}
