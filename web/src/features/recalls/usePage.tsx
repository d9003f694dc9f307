import { Group, Pagination, Text } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';

/**
 * Client-side pages over a list the API returned whole (a recall's customers, lots and stock can
 * run to hundreds of rows): the rows of the current page and the control to turn pages.
 */
export function usePage<T>(items: readonly T[], label: string, pageSize = 25): { rows: readonly T[]; pager: ReactNode } {
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  // A filter that shortens the list must not leave the view on a page that no longer exists.
  useEffect(() => {
    if (page > pages) setPage(pages);
  }, [page, pages]);
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
