import { Invalid } from './errors.js';
import type { Micro } from './quantity.js';

/** Statuses of a sales order: planned, stock reserved (in part or in full), shipped, or cancelled. */
export const SALES_ORDER_STATUSES = ['open', 'partially_allocated', 'allocated', 'shipped', 'cancelled'] as const;
export type SalesOrderStatus = (typeof SALES_ORDER_STATUSES)[number];

export const PURCHASE_ORDER_STATUSES = ['open', 'partially_received', 'received'] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];

export const PRODUCTION_ORDER_STATUSES = ['open', 'completed', 'cancelled'] as const;
export type ProductionOrderStatus = (typeof PRODUCTION_ORDER_STATUSES)[number];

/**
 * A sales order's status after an allocation: every line covered → allocated; something reserved
 * → partially_allocated; nothing at all → still open.
 */
export function allocationStatus(lines: readonly { quantity: Micro; reserved: Micro }[]): 'open' | 'partially_allocated' | 'allocated' {
  if (lines.every((l) => l.reserved >= l.quantity)) return 'allocated';
  return lines.some((l) => l.reserved > 0) ? 'partially_allocated' : 'open';
}

/**
 * Scales a recipe input to an order: input × ordered / recipe output, in exact integers and
 * rounded up to the next micro-unit, so that a batch is never planned with too little material.
 */
export function scaleInput(input: Micro, ordered: Micro, recipeOutput: Micro): Micro {
  const product = BigInt(input) * BigInt(ordered);
  const divisor = BigInt(recipeOutput);
  const scaled = (product + divisor - 1n) / divisor;
  if (scaled > BigInt(Number.MAX_SAFE_INTEGER)) throw new Invalid('the scaled recipe quantity is too large to be exact');
  return Number(scaled);
}

/** A generated order number: the prefix and a zero-padded sequence number, e.g. SO-000123. */
export function orderNumber(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(6, '0')}`;
}
