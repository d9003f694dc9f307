import { useCallback, useRef } from 'react';
import { ApiError } from '../../api/client';

/** A random UUID; `crypto.randomUUID` exists only on https or localhost, a tablet on the LAN has neither. */
function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
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
    if (last.current?.body !== text) last.current = { body: text, key: randomKey() };
    return last.current.key;
  }, []);
  const done = useCallback(() => {
    last.current = null;
  }, []);
  return { keyFor, done };
}

/** The server's field messages by path (`lines.0.quantity`), to show each under its input. */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const d of error.details ?? []) if (d.path && !(d.path in out)) out[d.path] = d.message;
  return out;
}

/** A quantity input's value as a number, or undefined while it is blank or half-typed. */
export function quantityOf(value: number | string): number | undefined {
  const n = typeof value === 'number' ? value : Number(value);
  return value === '' || !Number.isFinite(n) ? undefined : n;
}
