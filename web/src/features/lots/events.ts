import type { LedgerEvent } from './queries';

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

export const eventLabel = (type: EventType): string => TYPE_LABELS[type];
export const eventColor = (type: EventType): string => TYPE_COLORS[type];

export type Document = LedgerEvent['documents'][number];

/** The event's documents, and for a return those of the shipment or receipt it was made against. */
export function eventDocuments(event: LedgerEvent): Document[] {
  const all = [...event.documents, ...(event.against?.documents ?? [])];
  return all.filter((d, i) => all.findIndex((o) => o.type === d.type && o.number === d.number) === i);
}

export type LotLine = LedgerEvent['lines'][number];

export function linesOfLot(event: LedgerEvent, sku: string, lot: string): LotLine[] {
  return event.lines.filter((line) => line.sku === sku && line.lot === lot);
}

/**
 * What the event did to this lot: the signed change of its stock, or for a transfer (which
 * changes no total) the quantity moved. Undefined for events without lines (holds, releases).
 */
export function lotEffect(event: LedgerEvent, sku: string, lot: string): { quantity: number; moved: boolean } | undefined {
  const lines = linesOfLot(event, sku, lot);
  if (lines.length === 0) return undefined;
  if (event.type === 'transfer') return { quantity: lines.filter((l) => l.quantity > 0).reduce((s, l) => s + l.quantity, 0), moved: true };
  return { quantity: lines.reduce((s, l) => s + l.quantity, 0), moved: false };
}

/** Where the event happened: a site, "from → to" for a transfer, or the sites of its lines for this lot. */
export function eventPlace(event: LedgerEvent, lines: LotLine[]): string {
  if (event.type === 'transfer' && event.location && event.to) return `${event.location} → ${event.to}`;
  if (event.location) return event.location;
  const sites = [...new Set(lines.map((l) => l.location))];
  return sites.length > 0 ? sites.join(', ') : '—';
}
