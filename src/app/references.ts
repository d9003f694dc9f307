import { Invalid, type ErrorDetail } from '../domain/errors.js';
import { findItems, findLocations, findParties, type ItemRow, type LocationRow, type PartyRow } from '../store/master-data.repository.js';
import { findLots, type LotRow } from '../store/lots.repository.js';
import type { Tx } from '../store/transaction.js';

/**
 * Resolves the codes a request refers to, one statement per kind, and reports every unknown
 * reference at once as a 400 naming each field.
 */
export class References {
  private readonly problems: ErrorDetail[] = [];

  constructor(private readonly trx: Tx) {}

  fail(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  /** Throws the collected problems, if any, as one Invalid. */
  check(): void {
    if (this.problems.length > 0) {
      throw new Invalid(this.problems.map((p) => `${p.path}: ${p.message}`).join('; '), [...this.problems]);
    }
  }

  async party(code: string, role: 'supplier' | 'customer', path: string): Promise<PartyRow | undefined> {
    const [row] = await findParties(this.trx, [code]);
    if (!row) this.fail(path, `unknown party "${code}"`);
    else if (!(role === 'supplier' ? row.is_supplier : row.is_customer)) this.fail(path, `party "${code}" is not a ${role}`);
    return row;
  }

  async locations(refs: readonly { code: string; path: string }[]): Promise<Map<string, LocationRow>> {
    const rows = await findLocations(this.trx, refs.map((r) => r.code));
    const byCode = new Map(rows.map((r) => [r.code, r]));
    for (const r of refs) if (!byCode.has(r.code)) this.fail(r.path, `unknown location "${r.code}"`);
    return byCode;
  }

  async items(refs: readonly { sku: string; path: string }[]): Promise<Map<string, ItemRow>> {
    const rows = await findItems(this.trx, refs.map((r) => r.sku));
    const bySku = new Map(rows.map((r) => [r.sku, r]));
    for (const r of refs) if (!bySku.has(r.sku)) this.fail(r.path, `unknown item "${r.sku}"`);
    return bySku;
  }

  /** Existing lots by `lotKey`; `mustExist` refs that are missing are reported. */
  async lots(refs: readonly { sku: string; lot: string; path: string; mustExist: boolean }[]): Promise<Map<string, LotRow>> {
    const rows = await findLots(this.trx, refs.map((r) => ({ sku: r.sku, code: r.lot })));
    const byKey = new Map(rows.map((r) => [lotKey(r.sku, r.code), { ...r, id: Number(r.id) }]));
    for (const r of refs) {
      if (r.mustExist && !byKey.has(lotKey(r.sku, r.lot))) this.fail(r.path, `unknown lot "${r.lot}" of item "${r.sku}"`);
    }
    return byKey;
  }
}

export const lotKey = (sku: string, lot: string): string => `${sku}\u0000${lot}`;

export const lotLabel = (sku: string, lot: string): string => `${sku}/${lot}`;
