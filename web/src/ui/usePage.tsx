import { Group, Pagination, Text } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';

/**
 * Client-side pages over a list the API returned whole (a recall's or a trace's customers, lots
 * and stock can run to hundreds of rows): the rows of the current page and the control to turn
 * pages, which says which rows show of how many `label`. A new `resetKey` (a filter) starts at page 1.
 */
export function usePage<T>(items: readonly T[], label: string, { pageSize = 25, resetKey = '' }: { pageSize?: number; resetKey?: string } = {}): { rows: readonly T[]; pager: ReactNode } {
  const [state, setState] = useState({ page: 1, resetKey });
  const page = state.resetKey === resetKey ? state.page : 1;
  const setPage = (next: number) => setState({ page: next, resetKey });
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  // A list that shrinks must not leave the view on a page that no longer exists.
  useEffect(() => {
    if (page > pages) setState({ page: pages, resetKey });
  }, [page, pages, resetKey]);
  const current = Math.min(page, pages);
  const rows = items.slice((current - 1) * pageSize, current * pageSize);
  const pager =
    items.length > pageSize ? (
      <Group justify="space-between" mt="xs">
        <Text size="xs" c="dimmed">
          {(current - 1) * pageSize + 1}–{(current - 1) * pageSize + rows.length} of {items.length} {label}
        </Text>
        <Pagination size="sm" total={pages} value={current} onChange={setPage} aria-label={`Pages of ${label}`} />
      </Group>
    ) : null;
  return { rows, pager };
}
