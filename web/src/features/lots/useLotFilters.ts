import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { LOT_STATUSES, type LotStatus } from './queries';

/** The lot list's filters; they live in the address so a filtered list can be bookmarked and shared. */
export interface LotFilters {
  q?: string;
  sku?: string;
  status?: LotStatus;
  location?: string;
  /** Lots with stock expiring within this many days (expired included). */
  expiring?: number;
}

export type LotFilterPatch = { [K in keyof LotFilters]?: LotFilters[K] | null };

function parseStatus(value: string | null): LotStatus | undefined {
  return LOT_STATUSES.find((s) => s === value);
}

function parseDays(value: string | null): number | undefined {
  if (value === null || !/^\d{1,6}$/.test(value)) return undefined;
  return Number(value);
}

/** The filters read from the query string, and a setter that writes changed ones back. */
export function useLotFilters(): [LotFilters, (patch: LotFilterPatch) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<LotFilters>(
    () => ({
      q: params.get('q')?.trim() || undefined,
      sku: params.get('sku') || undefined,
      status: parseStatus(params.get('status')),
      location: params.get('location') || undefined,
      expiring: parseDays(params.get('expiring')),
    }),
    [params],
  );
  const update = useCallback(
    (patch: LotFilterPatch) =>
      // Replace, not push: a filter tweak is not a page the back button should step through.
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(patch)) {
            if (value === undefined || value === null || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [filters, update];
}

export function hasFilters(filters: LotFilters): boolean {
  return Object.values(filters).some((value) => value !== undefined);
}
