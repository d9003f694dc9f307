import { useMutation, useQueryClient } from '@tanstack/react-query';
import { invalidateAfterStockChange } from '../../api/invalidate';
import { notifyError, notifySuccess } from '../../ui/notify';
import { ConfirmButton } from './ConfirmButton';

/**
 * Cancels an open order after asking: the order closes for good and what it had reserved is free
 * again (`reserved` names it: "reserved lots", "reserved input lots").
 */
export function CancelOrderButton({ number, reserved, consequence, send }: { number: string; reserved: string; consequence: string; send: () => Promise<unknown> }) {
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: send,
    onSuccess: async () => {
      notifySuccess(`${number} is cancelled; its ${reserved} are free again.`, 'Order cancelled');
      await invalidateAfterStockChange(queryClient);
    },
    onError: (error) => notifyError(error, 'The order was not cancelled'),
  });
  return (
    <ConfirmButton
      label="Cancel order"
      color="red"
      variant="subtle"
      title={`Cancel ${number}?`}
      message={consequence}
      confirmLabel="Cancel the order"
      loading={cancel.isPending}
      onConfirm={() => cancel.mutateAsync()}
    />
  );
}
