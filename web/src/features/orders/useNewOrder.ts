import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { invalidateAfterStockChange } from '../../api/invalidate';
import { notifySuccess } from '../../ui/notify';
import { useCheckedSubmit } from './useCheckedSubmit';

/** What a new-order form says once the order exists, and where it goes next. */
export interface Created {
  title: string;
  message: string;
  /** The new order's page. */
  path: string;
  /** Passed to that page (what the API reports only in the create answer). */
  state?: unknown;
}

/** Creating an order from a form; on success a notification, every cached read marked stale, the modal closed and the new order opened. */
export function useNewOrder<O>({ send, check, created, onClose }: { send: () => Promise<O>; check: () => Record<string, string>; created: (order: O) => Created; onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { mutation, submit, errors } = useCheckedSubmit({
    check,
    send,
    onSuccess: async (order) => {
      const { title, message, path, state } = created(order);
      notifySuccess(message, title);
      await invalidateAfterStockChange(queryClient);
      onClose();
      void navigate(path, { state });
    },
  });
  return { create: mutation, submit, errors };
}
