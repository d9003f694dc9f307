import type { components } from '../api/schema';

type LedgerEvent = components['schemas']['Event'];
type EventType = LedgerEvent['type'];

const TYPE_LABELS: Record<EventType, string> = {
  receipt: 'receipt',
  production: 'production',
  shipment: 'shipment',
  transfer: 'transfer',
  return: 'customer return',
  supplier_return: 'return to supplier',
  adjustment: 'adjustment',
  write_off: 'write-off',
  hold: 'hold',
  release: 'release',
  recall: 'recall',
  reversal: 'reversal',
};

const TYPE_COLORS: Record<EventType, string> = {
  receipt: 'teal',
  production: 'indigo',
  shipment: 'blue',
  transfer: 'cyan',
  return: 'grape',
  supplier_return: 'grape',
  adjustment: 'orange',
  write_off: 'red',
  hold: 'yellow',
  release: 'green',
  recall: 'red',
  reversal: 'gray',
};

/** A ledger event's type as people say it, and its colour, the same on every screen. */
export const eventLabel = (type: EventType): string => TYPE_LABELS[type];
export const eventColor = (type: EventType): string => TYPE_COLORS[type];

/** The lots an event touched, once each, in the order of its lines; a hold or release names its one lot. */
export function eventLots(event: Pick<LedgerEvent, 'lot' | 'lines'>): { sku: string; lot: string }[] {
  const seen = new Map<string, { sku: string; lot: string }>();
  for (const l of [...(event.lot ? [event.lot] : []), ...event.lines]) seen.set(`${l.sku}\u0000${l.lot}`, { sku: l.sku, lot: l.lot });
  return [...seen.values()];
}
