import { ApiError } from '../api/client';

/** The server's field messages by path (`lines.0.quantity`), to show each under its input; the first per field. */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const d of error.details ?? []) if (d.path && !(d.path in out)) out[d.path] = d.message;
  return out;
}
