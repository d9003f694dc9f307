import { created, ok } from './fixtures.js';
import type { Api } from './test-app.js';

/** Thin helpers over the order endpoints, asserting success. */

export interface OrderLine {
  sku: string;
  quantity: number;
}

export async function salesOrder(api: Api, customer: string, lines: OrderLine[], extra: { number?: string; location?: string; shipBy?: string } = {}): Promise<any> {
  return created(api.post('/sales-orders', { customer, location: extra.location ?? 'WH1', lines, ...(extra.number ? { number: extra.number } : {}), ...(extra.shipBy ? { shipBy: extra.shipBy } : {}) }));
}

export async function allocate(api: Api, id: string): Promise<any> {
  return ok(api.post(`/sales-orders/${id}/allocate`));
}

export async function shipOrder(api: Api, id: string, body: object = {}): Promise<any> {
  return created(api.post(`/sales-orders/${id}/ship`, body));
}

export async function cancelOrder(api: Api, id: string): Promise<any> {
  return ok(api.post(`/sales-orders/${id}/cancel`));
}

export async function purchaseOrder(api: Api, number: string, supplier: string, lines: OrderLine[], location = 'WH1'): Promise<any> {
  return created(api.post('/purchase-orders', { number, supplier, location, lines }));
}

export async function recipe(api: Api, sku: string, outputQuantity: number, inputs: OrderLine[]): Promise<any> {
  return created(api.post('/recipes', { sku, outputQuantity, inputs }));
}

export async function productionOrder(api: Api, sku: string, quantity: number, location = 'WH1'): Promise<any> {
  return created(api.post('/production-orders', { sku, quantity, location }));
}

/** Allocations as compact [sku, lot, quantity] tuples, in the order the server lists them. */
export const picks = (allocations: { sku: string; lot: string; quantity: number }[]): [string, string, number][] => allocations.map((a) => [a.sku, a.lot, a.quantity]);
