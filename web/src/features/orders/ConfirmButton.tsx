import { Button, Group, Modal, Text, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';

/** A button for an action that cannot be undone: it asks first, in a modal that names the consequence. */
export function ConfirmButton({
  label,
  title,
  message,
  confirmLabel,
  onConfirm,
  loading,
  ...button
}: ButtonProps & { label: string; title: string; message: ReactNode; confirmLabel: string; onConfirm: () => Promise<unknown>; loading: boolean }) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button {...button} onClick={open} disabled={button.disabled || loading}>
        {label}
      </Button>
      <Modal opened={opened} onClose={close} title={title} centered>
        <Text size="sm">{message}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={close}>
            Keep it
          </Button>
          <Button
            color={button.color}
            loading={loading}
            data-autofocus
            onClick={() => {
              // The modal closes whatever the outcome: the caller's mutation reports a failure itself.
              void onConfirm().then(close, close);
            }}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
