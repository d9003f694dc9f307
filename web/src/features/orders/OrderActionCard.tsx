import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { ErrorState } from '../../ui/states';

/**
 * A form on an order's page that records an event (a receipt, a batch): titled, what it does in a
 * line, the server's refusal, the fields, and the button.
 */
export function OrderActionCard({
  title,
  description,
  onSubmit,
  mutation,
  failedTitle,
  submit,
  children,
}: {
  title: string;
  description: string;
  onSubmit: (event: FormEvent) => void;
  mutation: { isError: boolean; error: unknown; isPending: boolean };
  failedTitle: string;
  submit: { label: string; icon: ReactNode };
  children: ReactNode;
}) {
  return (
    <Card withBorder component="section" aria-label={title}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <div>
            <Title order={4}>{title}</Title>
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          </div>
          {mutation.isError && <ErrorState error={mutation.error} title={failedTitle} />}
          {children}
          <Group justify="flex-end">
            <Button type="submit" leftSection={submit.icon} loading={mutation.isPending}>
              {submit.label}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
