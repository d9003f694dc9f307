import { Alert, Center, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconInbox } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl" mih={120} role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Stack>
    </Center>
  );
}

/** An API or network failure, with the server's message and every field it named. */
export function ErrorState({ error, title = 'Something went wrong' }: { error: unknown; title?: string }) {
  const details = error instanceof ApiError ? (error.details ?? []) : [];
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title={title} role="alert">
      <Text size="sm">{error instanceof Error ? error.message : String(error)}</Text>
      {details.length > 0 && (
        <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
          {details.map((d, i) => (
            <li key={i}>
              <Text size="sm">
                {[d.row !== undefined ? `row ${d.row}` : '', d.column ?? d.path ?? ''].filter(Boolean).join(', ')}
                {(d.row !== undefined || d.column || d.path) && ': '}
                {d.message}
              </Text>
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <Center py="xl" c="dimmed">
      <Stack align="center" gap={4}>
        <IconInbox size={28} stroke={1.5} />
        <Text size="sm">{children}</Text>
      </Stack>
    </Center>
  );
}

/**
 * Loading, error and empty states around a query in one place; `children` renders the data.
 * `isEmpty` decides emptiness (default: an empty array or an empty `items` page).
 */
export function QueryState<T>({
  query,
  empty = 'Nothing here yet.',
  isEmpty = defaultIsEmpty,
  children,
}: {
  query: UseQueryResult<T>;
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} />;
  if (isEmpty(query.data)) return <Empty>{empty}</Empty>;
  return <>{children(query.data)}</>;
}

function defaultIsEmpty(data: unknown): boolean {
  if (Array.isArray(data)) return data.length === 0;
  const items = (data as { items?: unknown } | null)?.items;
  return Array.isArray(items) && items.length === 0;
}
