import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../ui/field-errors';

/**
 * An order form that checks itself before it asks the server: `check` gives friendly messages for
 * blank fields, the server's field messages come after a refusal; `errors` holds both by API path
 * (`lines.0.quantity`), so each shows under its input.
 */
export function useCheckedSubmit<R>({ check, send, onSuccess }: { check: () => Record<string, string>; send: () => Promise<R>; onSuccess: (result: R) => Promise<void> }) {
  const [missing, setMissing] = useState<Record<string, string>>({});
  const mutation = useMutation({ mutationFn: send, onSuccess });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors = check();
    setMissing(errors);
    if (Object.keys(errors).length === 0) mutation.mutate();
  };
  return { mutation, submit, errors: { ...fieldErrors(mutation.error), ...missing } };
}
