import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useIdempotencyKey } from '../../api/idempotency';
import { invalidateAfterStockChange } from '../../api/invalidate';
import type { components } from '../../api/schema';
import { fieldErrors } from '../../ui/field-errors';
import { notifyRecorded } from './RecordedEvent';

export type LedgerEvent = components['schemas']['Event'];

/**
 * Records one ledger event from a form. Every submission carries an Idempotency-Key that stays the
 * same while the body does, so a double click or a retry after a lost answer records once. On
 * success: a notification linking the lots, the event kept for the page to show, every cached
 * read marked stale (stock, lots, traces and dashboards all change), then `onRecorded` resets the form.
 */
export function useRecordEvent<B>(send: (body: B, idempotencyKey: string) => Promise<LedgerEvent>, onRecorded: (event: LedgerEvent) => void) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { keyFor, done } = useIdempotencyKey();
  const [recorded, setRecorded] = useState<LedgerEvent | null>(null);
  const [count, setCount] = useState(0);
  const mutation = useMutation({
    mutationFn: (body: B) => send(body, keyFor(body)),
    onSuccess: async (event) => {
      done();
      setRecorded(event);
      setCount((n) => n + 1);
      notifyRecorded(event, navigate);
      onRecorded(event);
      await invalidateAfterStockChange(queryClient);
    },
  });
  return {
    record: (body: B) => {
      setRecorded(null);
      mutation.mutate(body);
    },
    pending: mutation.isPending,
    error: mutation.error,
    /** The server's messages by field path (`lines.0.quantity`). */
    errors: fieldErrors(mutation.error),
    /** Forgets the last failure once the user changes the form. */
    clearError: () => {
      if (mutation.isError) mutation.reset();
    },
    recorded,
    /** Events recorded so far: a key that remounts the line editors for the next one (scan field focused again). */
    count,
  };
}
