import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/** The error body every API failure carries (API.md "Errors"). */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: { path?: string; message: string; row?: number; column?: string }[] };
}

/** A failed API call: its status, the server's error code and message, and the fields it named. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorBody['error']['details'] = [],
  ) {
    super(message);
  }
}

/** No answer at all: the server is down or the network is. */
function unreachable(): ApiError {
  return new ApiError(0, 'network', 'the server cannot be reached; check the connection and try again');
}

function toApiError(status: number, body: unknown): ApiError {
  const error = (body as Partial<ApiErrorBody> | undefined)?.error;
  if (error && typeof error.message === 'string') return new ApiError(status, error.code ?? 'error', error.message, error.details);
  return new ApiError(status, 'error', `the server answered ${status}`);
}

// Anyone interested (the sign-in state) hears when the session has ended.
const unauthorizedListeners = new Set<() => void>();
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

const sessionWatch: Middleware = {
  onResponse({ response, request }) {
    if (response.status === 401 && !request.url.endsWith('/auth/login')) for (const listener of unauthorizedListeners) listener();
    return undefined;
  },
};

/** The typed client of the v1 API: paths, parameters and bodies are checked against the OpenAPI document. */
export const api = createClient<paths>({ baseUrl: '' });
api.use(sessionWatch);

/** Awaits an openapi-fetch call and returns its data, or throws an ApiError with the server's message. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw unreachable();
  }
  if (!result.response.ok) throw toApiError(result.response.status, result.error);
  return result.data as T;
}

/** Path of a lot in the API and in the UI: both segments URL-encoded (lot codes may hold "/"). */
export function lotPath(sku: string, lot: string): string {
  return `${encodeURIComponent(sku)}/${encodeURIComponent(lot)}`;
}

/** Downloads a file the API produces (reports, pick lists, exports) under the name the server gives it. */
export async function download(url: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw unreachable();
  }
  if (!response.ok) throw toApiError(response.status, await response.json().catch(() => undefined));
  const name = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const href = URL.createObjectURL(await response.blob());
  saveAs(href, name);
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** Hands a file (an object or data URL) to the browser's download under `name`. */
export function saveAs(href: string, name: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
}
