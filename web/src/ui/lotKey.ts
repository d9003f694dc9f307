/** A map key for a lot (React keys, lookups, graph node ids): no sku or lot code can make two lots collide. */
export function lotKey(ref: { sku: string; lot: string }): string {
  return JSON.stringify([ref.sku, ref.lot]);
}
