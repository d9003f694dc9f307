import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { notifySuccess } from '../../ui/notify';
import { ErrorState } from '../../ui/states';
import { lotKeys } from './queries';

export type HoldAction = 'hold' | 'release';

const COPY: Record<HoldAction, { title: string; button: string; done: string; explain: string }> = {
  hold: {
    title: 'Put the lot on hold',
    button: 'Put on hold',
    done: 'is on hold',
    explain: 'None of it can be shipped, consumed or allocated until QA releases it. The reason is kept in the ledger.',
  },
  release: {
    title: 'Release the lot',
    button: 'Release',
    done: 'is released',
    explain: 'It becomes available again for shipments, production and orders. A recalled lot can be released only after its recall is closed.',
  },
};

/** Asks for the reason (required to hold, optional to release) and records the hold or release. */
export function HoldReleaseModal({ sku, lot, action, onClose }: { sku: string; lot: string; action: HoldAction | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const mutation = useMutation({
    mutationFn: (input: { action: HoldAction; reason: string }) => {
      const path = { sku, lot };
      return input.action === 'hold'
        ? unwrap(api.POST('/api/v1/lots/{sku}/{lot}/hold', { params: { path }, body: { reason: input.reason } }))
        : unwrap(api.POST('/api/v1/lots/{sku}/{lot}/release', { params: { path }, body: input.reason ? { reason: input.reason } : {} }));
    },
    onSuccess: async (_event, input) => {
      notifySuccess(`Lot ${lot} ${COPY[input.action].done}.`);
      close();
      // Status shows in the lot, in every list of lots and (as a new event) in the history.
      await queryClient.invalidateQueries({ queryKey: lotKeys.all });
    },
  });

  const close = () => {
    setReason('');
    setTouched(false);
    mutation.reset();
    onClose();
  };

  // While the modal fades out `action` is already null; it keeps showing what it was opened for.
  const [shown, setShown] = useState<HoldAction>('hold');
  if (action !== null && action !== shown) setShown(action);
  const copy = COPY[shown];
  const missing = shown === 'hold' && reason.trim() === '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!action || missing || mutation.isPending) return;
    mutation.mutate({ action, reason: reason.trim() });
  };

  return (
    <Modal opened={action !== null} onClose={close} title={copy.title} centered>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Text size="sm">
            Lot <b>{lot}</b> of {sku}. {copy.explain}
          </Text>
          <TextInput
            label="Reason"
            description={shown === 'hold' ? 'Why it is held, e.g. "awaiting lab results"' : 'Optional: why it may be used again'}
            // An asterisk, not `required`: the browser's own bubble would replace the message below.
            withAsterisk={shown === 'hold'}
            data-autofocus
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={touched && missing ? 'Give a reason for the hold' : undefined}
          />
          {mutation.isError && <ErrorState error={mutation.error} title={shown === 'hold' ? 'The lot was not put on hold' : 'The lot was not released'} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" color={shown === 'hold' ? 'yellow' : 'green'} loading={mutation.isPending}>
              {copy.button}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
