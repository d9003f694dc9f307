import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type SalesOrder = Schemas['SalesOrder'];
export type SalesOrderAllocation = Schemas['SalesOrderAllocation'];
export type PurchaseOrder = Schemas['PurchaseOrder'];
export type ProductionOrder = Schemas['ProductionOrder'];
export type PlannedProductionOrder = Schemas['PlannedProductionOrder'];
export type Reservation = Schemas['Reservation'];
export type Skipped = PlannedProductionOrder['skipped'];

export const SALES_STATUSES = ['open', 'partially_allocated', 'allocated', 'shipped', 'cancelled'] as const satisfies readonly SalesOrder['status'][];
export const PURCHASE_STATUSES = ['open', 'partially_received', 'received'] as const satisfies readonly PurchaseOrder['status'][];
export const PRODUCTION_STATUSES = ['open', 'completed', 'cancelled'] as const satisfies readonly ProductionOrder['status'][];

/**
 * The JSON pick list. The route declares no 200 schema (the same URL also serves a PDF), so its
 * shape is written out here after src/app/pick-lists.ts `PickList`.
 */
export interface PickList {
  order: { id: string; number: string; customer: { code: string; name: string }; location: { code: string; name: string }; shipBy: string | null; status: string };
  generatedAt: string;
  complete: boolean;
  lines: {
    sku: string;
    name: string;
    uom: string;
    ordered: number;
    allocated: number;
    picks: { lot: string; location: string; quantity: number; expiryDate: string | null; sellByDate: string | null; status: string }[];
  }[];
}
