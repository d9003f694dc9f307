import { useCallback, useRef } from 'react';
import { v4 as uuidv4 } from 'uuid';

/**
 * A random UUID (v4). The uuid package, not `crypto.randomUUID`: that exists only on https or
 * localhost, and a tablet on the LAN has neither (uuid falls back to `crypto.getRandomValues`).
 */
export function newIdempotencyKey(): string {
  return uuidv4();
}

/**
 * The Idempotency-Key of one submission. Sending the same body again after a failure (a lost
 * answer, a timeout) reuses the key, so the server records the event at most once; a changed body
 * is a new submission with a new key (the server refuses a reused key with another body).
 * Call `done()` after a success so the next submission of the same form is a new one.
 */
export function useIdempotencyKey() {
  const last = useRef<{ body: string; key: string } | null>(null);
  const keyFor = useCallback((body: unknown) => {
    const text = JSON.stringify(body);
    if (last.current?.body !== text) last.current = { body: text, key: newIdempotencyKey() };
    return last.current.key;
  }, []);
  const done = useCallback(() => {
    last.current = null;
  }, []);
  return { keyFor, done };
}
