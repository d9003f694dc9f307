import { Button, Group, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';

export const PAGE_SIZE = 25;

/**
 * Cursor paging (the API pages by cursor, not by number): a stack of the cursors of the pages
 * seen, so Previous returns to exactly the page it left. `resetKey` (the filters) starts over.
 */
export function useCursorPager(resetKey: string) {
  const [state, setState] = useState<{ key: string; cursors: (string | undefined)[] }>({ key: resetKey, cursors: [undefined] });
  const cursors = state.key === resetKey ? state.cursors : [undefined];
  return {
    cursor: cursors.at(-1),
    page: cursors.length,
    next: (cursor: string) => setState({ key: resetKey, cursors: [...cursors, cursor] }),
    previous: () => setState({ key: resetKey, cursors: cursors.slice(0, -1) }),
  };
}

export function Pager({ pager, nextCursor, shown, loading }: { pager: ReturnType<typeof useCursorPager>; nextCursor: string | null | undefined; shown: number; loading: boolean }) {
  if (pager.page === 1 && !nextCursor) return null;
  const first = (pager.page - 1) * PAGE_SIZE + 1;
  return (
    <Group justify="space-between" mt="sm">
      <Text size="sm" c="dimmed">
        {shown > 0 ? `Showing ${first}–${first + shown - 1}` : ''}
      </Text>
      <Group gap="xs">
        <Button variant="default" size="xs" leftSection={<IconChevronLeft size={14} />} disabled={pager.page === 1 || loading} onClick={pager.previous}>
          Previous
        </Button>
        <Button variant="default" size="xs" rightSection={<IconChevronRight size={14} />} disabled={!nextCursor || loading} onClick={() => nextCursor && pager.next(nextCursor)}>
          Next
        </Button>
      </Group>
    </Group>
  );
}
