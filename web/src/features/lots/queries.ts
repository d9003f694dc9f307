import type { components } from '../../api/schema';

export type Lot = components['schemas']['Lot'];
export type LotListItem = components['schemas']['LotListItem'];
export type LedgerEvent = components['schemas']['Event'];
export type LotStatus = LotListItem['status'];

export const LOT_STATUSES: readonly LotStatus[] = ['available', 'hold', 'recalled', 'expired', 'depleted'];

/** Query keys of this area, so mutations invalidate exactly what they change. */
export const lotKeys = {
  all: ['lots'] as const,
  list: ['lots', 'list'] as const,
  events: (sku: string, lot: string) => ['lots', 'events', sku, lot] as const,
  origin: (sku: string, lot: string) => ['lots', 'origin', sku, lot] as const,
};
