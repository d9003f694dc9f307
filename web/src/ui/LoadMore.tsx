import { Button, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorState } from './states';

/**
 * The foot of a list that grows a page at a time (the API's cursor): how much is shown, a button
 * while the server has more, and the error of a page that failed; the rows already shown stay.
 */
export function LoadMore({
  query,
  summary,
  label = 'Load more',
  errorTitle,
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown>; isError: boolean; error: unknown };
  summary?: ReactNode;
  label?: string;
  errorTitle: string;
}) {
  if (summary === undefined && !query.hasNextPage && !query.isError) return null;
  return (
    <>
      <Group justify="space-between" mt="sm" wrap="wrap">
        <Text size="sm" c="dimmed" aria-live="polite">
          {summary}
        </Text>
        {query.hasNextPage && (
          <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
            {label}
          </Button>
        )}
      </Group>
      {query.isError && <ErrorState error={query.error} title={errorTitle} />}
    </>
  );
}
