import { notifications } from '@mantine/notifications';

export function notifySuccess(message: string, title?: string): void {
  notifications.show({ color: 'green', title, message });
}

/** A failed action: the server's message, never a silent failure. */
export function notifyError(error: unknown, title = 'The action failed'): void {
  notifications.show({ color: 'red', title, message: error instanceof Error ? error.message : String(error), autoClose: 8000 });
}
