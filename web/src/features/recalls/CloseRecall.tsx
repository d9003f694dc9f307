import { Alert, Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { getHotkeyHandler, useDisclosure } from '@mantine/hooks';
import { IconLockCheck } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { notifySuccess } from '../../ui/notify';
import { ErrorState } from '../../ui/states';
import { useCloseRecall, type Recall } from './api';

/** Closes the recall with a close-out note; says what is still open (`stillOut`: units not back) before QA confirms. */
export function CloseRecall({ recall, stillOut }: { recall: Recall; stillOut: string }) {
  const [opened, { open, close }] = useDisclosure(false);
  const [note, setNote] = useState('');
  const closeRecall = useCloseRecall(recall.id);
  const notYetNotified = recall.counts.customers - recall.counts.customersNotified;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!note.trim() || closeRecall.isPending) return;
    closeRecall.mutate(note.trim(), {
      onSuccess: () => {
        notifySuccess('The recall is closed. Its lots stay recalled until QA releases or writes them off.', 'Recall closed');
        close();
      },
    });
  };

  return (
    <>
      <Button variant="default" leftSection={<IconLockCheck size={18} />} onClick={open}>
        Close recall
      </Button>
      <Modal opened={opened} onClose={close} title={recall.drill ? 'Close the drill' : 'Close the recall'} size="lg">
        <form onSubmit={submit}>
          <Stack>
            {(notYetNotified > 0 || recall.effectiveness.outstanding > 0) && (
              <Alert color="yellow" title="Still open">
                {notYetNotified > 0 && `${notYetNotified} of ${recall.counts.customers} customers have not been notified. `}
                {recall.effectiveness.outstanding > 0 && `${stillOut} shipped have not come back.`}
              </Alert>
            )}
            <Textarea
              label="Close-out note"
              description="What became of the stock and of the customers' units; it goes into the report. Ctrl+Enter closes."
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              onKeyDown={getHotkeyHandler([['mod+Enter', () => submit()]])}
              required
              autosize
              minRows={3}
              maxLength={2000}
              data-autofocus
            />
            {closeRecall.isError && <ErrorState error={closeRecall.error} title="The recall was not closed" />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={closeRecall.isPending} disabled={!note.trim()}>
                Close recall
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
