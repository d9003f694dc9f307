import { Button, Group, Modal, Stack } from '@mantine/core';
import type { ComponentType, FormEvent, ReactNode } from 'react';
import { ErrorState } from '../../ui/states';

/** A modal around a new-order form; the form lives inside it, so each opening starts blank. */
export function NewOrderModal({ title, opened, onClose, form: Form }: { title: string; opened: boolean; onClose: () => void; form: ComponentType<{ onClose: () => void }> }) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg">
      <Form onClose={onClose} />
    </Modal>
  );
}

/** A new-order form's frame: the server's refusal on top, the fields, then Cancel and the submit button. */
export function NewOrderForm({
  onSubmit,
  onCancel,
  create,
  failedTitle,
  submitLabel,
  submitDisabled,
  children,
}: {
  onSubmit: (event: FormEvent) => void;
  onCancel: () => void;
  create: { isError: boolean; error: unknown; isPending: boolean };
  /** The title of the error when the server refuses, e.g. "The order was not created". */
  failedTitle: string;
  submitLabel: string;
  submitDisabled?: boolean;
  children: ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        {create.isError && <ErrorState error={create.error} title={failedTitle} />}
        {children}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending} disabled={submitDisabled}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
