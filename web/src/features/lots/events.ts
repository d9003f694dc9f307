import type { LedgerEvent } from './queries';

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
