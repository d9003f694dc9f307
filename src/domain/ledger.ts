/** The kinds of event the ledger records. */
export const EVENT_TYPES = [
  'receipt',
  'production',
  'shipment',
  'transfer',
  'return',
  'supplier_return',
  'adjustment',
  'write_off',
  'hold',
  'release',
  'recall',
  'reversal',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * What one line of an event does to a lot; the lot's totals are sums per movement. A reversal
 * line keeps the movement of the line it cancels with the opposite sign, so totals stay honest.
 */
export const MOVEMENTS = [
  'receipt',
  'production',
  'consumption',
  'shipment',
  'return',
  'supplier_return',
  'adjustment',
  'write_off',
  'transfer_out',
  'transfer_in',
] as const;
export type Movement = (typeof MOVEMENTS)[number];

export const WRITE_OFF_REASONS = ['expired', 'damaged', 'recall', 'other'] as const;
export type WriteOffReason = (typeof WRITE_OFF_REASONS)[number];

export const RETURN_DISPOSITIONS = ['restock', 'hold', 'scrap'] as const;
export type ReturnDisposition = (typeof RETURN_DISPOSITIONS)[number];

/** A business document an event refers to (purchase order, invoice, bill of lading, …). */
export interface DocumentRef {
  type: string;
  number: string;
}

/**
 * Whether a line is an exchange of goods with a party: the received lines of a receipt, the
 * shipped lines of a shipment, the returned lines of a customer return. These are what a trace
 * shows as where a lot came from and where it went.
 */
export function isPartyMovement(eventType: string, movement: string): eventType is 'receipt' | 'shipment' | 'return' {
  return movement === eventType && (eventType === 'receipt' || eventType === 'shipment' || eventType === 'return');
}

/** Event types whose lines can be cancelled by a reversing event. */
export function isReversible(type: EventType): boolean {
  return type !== 'reversal' && type !== 'hold' && type !== 'release' && type !== 'recall';
}
