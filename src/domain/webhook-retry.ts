/** The types of event a webhook can subscribe to. */
export const WEBHOOK_EVENT_TYPES = ['lot.expiring', 'lot.expired', 'lot.sell_by', 'recall.opened'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

const MINUTE = 60_000;

/**
 * Waits before each retry of a failed delivery: 1 min, 5 min, 30 min, 2 h, 12 h. A receiver that
 * is down for a deploy gets the event minutes later; one down for most of a day still gets it.
 */
export const RETRY_DELAYS_MS: readonly number[] = [1 * MINUTE, 5 * MINUTE, 30 * MINUTE, 120 * MINUTE, 720 * MINUTE];

/** The first attempt plus one per retry delay. */
export const MAX_DELIVERY_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** How long to wait after `attempts` failed attempts, or null when the delivery has failed for good. */
export function retryDelay(attempts: number): number | null {
  if (attempts < 1) return 0;
  return RETRY_DELAYS_MS[attempts - 1] ?? null;
}
