import { useQueryClient } from '@tanstack/react-query';
import { useIdempotencyKey } from '../../api/idempotency';
import { invalidateAfterStockChange } from '../../api/invalidate';
import { useCheckedSubmit } from './useCheckedSubmit';

/**
 * Recording a ledger event against an order (a receipt, a batch, a shipment) from a checked form.
 * The request carries an Idempotency-Key that stays while the body does, so a retry after a lost
 * answer records once; on success every cached read is marked stale (stock, lots, traces change).
 */
export function useOrderEvent<B, R>({
  check = () => ({}),
  body,
  send,
  onRecorded,
}: {
  check?: () => Record<string, string>;
  body: () => B;
  send: (body: B, idempotencyKey: string) => Promise<R>;
  onRecorded: (result: R) => void;
}) {
  const idempotency = useIdempotencyKey();
  const queryClient = useQueryClient();
  return useCheckedSubmit({
    check,
    send: () => {
      const request = body();
      return send(request, idempotency.keyFor(request));
    },
    onSuccess: async (result) => {
      idempotency.done();
      onRecorded(result);
      await invalidateAfterStockChange(queryClient);
    },
  });
}
