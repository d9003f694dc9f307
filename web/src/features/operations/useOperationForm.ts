import { useState, type FormEvent } from 'react';
import type { EventHeader } from './OperationForm';
import { useRecordEvent, type LedgerEvent } from './useRecordEvent';

/**
 * The state of a recording form (receive, produce, ship) in one place: the fields, the form's own
 * checks before anything is sent, the server's field messages after, and the recording itself.
 * Any edit clears the messages (they describe what was sent, not what is typed now).
 */
export function useOperationForm<F extends EventHeader, B>({
  initial,
  check,
  toBody,
  send,
}: {
  initial: () => F;
  /** Messages for fields that must be filled, keyed like the API's paths; empty when the form may go. */
  check: (form: F) => Record<string, string>;
  toBody: (form: F) => B;
  send: (body: B, idempotencyKey: string) => Promise<LedgerEvent>;
}) {
  const [form, setForm] = useState(initial);
  const [checks, setChecks] = useState<Record<string, string>>({});
  // After a success the form starts afresh at the same place: the next event most likely happens there too.
  const recording = useRecordEvent(send, () => setForm((previous) => ({ ...initial(), location: previous.location })));

  /** A change of some fields, or a function of the latest form for changes made after an await. */
  const edit = (change: Partial<F> | ((form: F) => Partial<F>)) => {
    setForm((current) => ({ ...current, ...(typeof change === 'function' ? change(current) : change) }));
    setChecks({});
    recording.clearError();
  };

  /** Runs the form's checks; the body when they pass. */
  const checked = (): B | undefined => {
    const problems = check(form);
    setChecks(problems);
    return Object.keys(problems).length === 0 ? toBody(form) : undefined;
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (recording.pending) return;
    const body = checked();
    if (body !== undefined) recording.record(body);
  };

  return { form, edit, checked, onSubmit, errors: { ...recording.errors, ...checks }, missing: Object.keys(checks).length, recording };
}
