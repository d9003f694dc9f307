import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { invalidateAfterStockChange } from '../../api/invalidate';
import type { paths } from '../../api/schema';
import type { ExpiryRow } from './expiryApi';

export type WriteOffReason = paths['/api/v1/write-offs']['post']['requestBody']['content']['application/json']['reason'];
export const WRITE_OFF_REASONS: readonly { value: WriteOffReason; label: string }[] = [
  { value: 'expired', label: 'Expired' },
  { value: 'damaged', label: 'Damaged' },
  { value: 'recall', label: 'Recalled' },
  { value: 'other', label: 'Other' },
];

/**
 * How the selection is written off. Every expired line in scope goes through the bulk endpoint:
 * one all-or-nothing request that also leaves stock reserved by orders alone. Any other selection
 * is written off line by line, one event per location.
 */
export type WriteOffPlan = { kind: 'allExpired'; location: string | null } | { kind: 'lines' };

export interface WriteOffResult {
  lines: number;
  /** Expired stock the bulk write-off left alone because orders hold it. */
  reserved: { sku: string; lot: string; location: string; quantity: number; orders: string[] }[];
}

function byLocation(rows: ExpiryRow[]): Map<string, ExpiryRow[]> {
  const groups = new Map<string, ExpiryRow[]>();
  for (const row of rows) groups.set(row.location, [...(groups.get(row.location) ?? []), row]);
  return groups;
}

async function writeOffLines(rows: ExpiryRow[], reason: WriteOffReason, key: string): Promise<WriteOffResult> {
  const done: string[] = [];
  let lines = 0;
  for (const [location, group] of byLocation(rows)) {
    try {
      await unwrap(
        api.POST('/api/v1/write-offs', {
          params: { header: { 'idempotency-key': `${key}:${location}` } },
          body: { location, reason, lines: group.map((r) => ({ sku: r.sku, lot: r.lot, quantity: r.quantity })) },
        }),
      );
    } catch (error) {
      // Each location is its own event: say which ones are already recorded before the failure.
      if (done.length === 0 || !(error instanceof Error)) throw error;
      error.message = `written off at ${done.join(', ')}; at ${location} the server refused: ${error.message}`;
      throw error;
    }
    done.push(location);
    lines += group.length;
  }
  return { lines, reserved: [] };
}

/** Writes off the selected stock, then refreshes everything that shows stock or waste. */
export function useWriteOff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ plan, rows, reason, key }: { plan: WriteOffPlan; rows: ExpiryRow[]; reason: WriteOffReason; key: string }) => {
      if (plan.kind === 'lines') return writeOffLines(rows, reason, key);
      const result = await unwrap(
        api.POST('/api/v1/write-offs/expired', {
          params: { header: { 'idempotency-key': key } },
          body: { reason, location: plan.location ?? undefined },
        }),
      );
      return { lines: result.lines.length, reserved: result.reserved } satisfies WriteOffResult;
    },
    // Also after a failure: a multi-location write-off may have recorded some locations.
    onSettled: () => invalidateAfterStockChange(queryClient),
  });
}
