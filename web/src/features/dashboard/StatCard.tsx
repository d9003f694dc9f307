import { Anchor, Card, Group, Loader, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconChevronRight, type Icon } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';

export interface Figure {
  value: string;
  detail?: ReactNode;
  /** Needs someone's attention: the figure shows in the card's colour instead of plain. */
  attention: boolean;
}

interface Props<T> {
  title: string;
  icon: Icon;
  color: string;
  query: UseQueryResult<T>;
  figure(data: T): Figure;
  to?: string;
  linkLabel?: string;
}

/** One count on the dashboard with its own loading and error state, so one failing call blanks only its card. */
export function StatCard<T>({ title, icon: IconComponent, color, query, figure, to, linkLabel = 'View' }: Props<T>) {
  const titleId = useId();
  const shown = query.isSuccess ? figure(query.data) : null;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text id={titleId} size="sm" fw={600} c="dimmed">
          {title}
        </Text>
        <ThemeIcon variant="light" color={shown?.attention ? color : 'gray'} size="md">
          <IconComponent size={18} stroke={1.6} />
        </ThemeIcon>
      </Group>
      {query.isPending ? (
        <Group gap="xs" mt="sm" role="status">
          <Loader size="xs" />
          <Text size="sm" c="dimmed">
            Loading…
          </Text>
        </Group>
      ) : query.isError ? (
        <Group gap={6} mt="sm" wrap="nowrap" role="alert" align="flex-start">
          <IconAlertTriangle size={16} color="var(--mantine-color-red-6)" style={{ flexShrink: 0, marginTop: 2 }} />
          <Text size="sm" c="red">
            {query.error.message}
          </Text>
        </Group>
      ) : (
        shown && (
          <>
            <Text data-testid="figure" fz={32} fw={700} lh={1.2} mt={4} c={shown.attention ? color : undefined}>
              {shown.value}
            </Text>
            <Text size="xs" c="dimmed" mih={18}>
              {shown.detail}
            </Text>
          </>
        )
      )}
      {to && (
        <Anchor component={Link} to={to} size="sm" mt="xs" aria-label={`${linkLabel}: ${title}`}>
          <Group gap={2}>
            {linkLabel}
            <IconChevronRight size={14} />
          </Group>
        </Anchor>
      )}
    </Card>
  );
}
