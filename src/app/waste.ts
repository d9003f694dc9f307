import { Invalid } from '../domain/errors.js';
import { addMonths, isMonth, monthRanges, monthsBetween } from '../domain/periods.js';
import { addMicro, fromMicro, type Micro } from '../domain/quantity.js';
import { formatValue, valueOf, wasteRate, type Value } from '../domain/value.js';
import { wasteFlows } from '../store/analytics.repository.js';
import { findItems } from '../store/master-data.repository.js';
import type { App } from './context.js';

export const WASTE_GROUPINGS = ['month', 'item', 'reason'] as const;
export type WasteGrouping = (typeof WASTE_GROUPINGS)[number];

const MAX_MONTHS = 120;

export interface WasteQuery {
  /** First month, `YYYY-MM` (default: eleven months before `to`). */
  from?: string;
  /** Last month, included (default: the current month). */
  to?: string;
  groupBy?: WasteGrouping;
  location?: string;
  sku?: string;
}

interface Figures {
  /** Quantity written off, net of reversals. */
  writtenOff: number;
  /** writtenOff at the items' unit costs, exact decimal text. */
  value: string;
  /** False when some written-off item has no unit cost, so `value` leaves it out. */
  valueComplete: boolean;
  shipped: number;
  /** writtenOff / (shipped + writtenOff), four decimals; null when both are 0. */
  wasteRate: number | null;
}

export interface WasteRow extends Figures {
  period?: string;
  sku?: string;
  itemName?: string;
  uom?: string;
  reason?: string;
}

export interface WasteReport {
  from: string;
  to: string;
  groupBy: WasteGrouping;
  /** Months are calendar months in this zone. */
  timeZone: string;
  location: string | null;
  sku: string | null;
  /** Units of measure of the items counted. */
  units: string[];
  /** True when quantities of items in different units are added up (in totals, or in rows unless grouped by item). */
  mixedUnits: boolean;
  note: string | null;
  rows: WasteRow[];
  totals: Figures;
}

class Tally {
  writtenOff: Micro = 0;
  shipped: Micro = 0;
  value: Value = 0n;
  unpriced = false;

  addWaste(quantity: Micro, unitCost: Micro | null): void {
    this.writtenOff = addMicro(this.writtenOff, quantity);
    if (unitCost === null) this.unpriced ||= quantity !== 0;
    else this.value += valueOf(quantity, unitCost);
  }

  addShipped(quantity: Micro): void {
    this.shipped = addMicro(this.shipped, quantity);
  }

  isEmpty(): boolean {
    return this.writtenOff === 0 && this.shipped === 0 && this.value === 0n;
  }

  figures(rate: number | null = wasteRate(this.writtenOff, this.shipped)): Figures {
    return {
      writtenOff: fromMicro(this.writtenOff),
      value: formatValue(this.value),
      valueComplete: !this.unpriced,
      shipped: fromMicro(this.shipped),
      wasteRate: rate,
    };
  }
}

function periodOf(app: App, query: WasteQuery): { from: string; to: string } {
  const to = query.to ?? app.today().slice(0, 7);
  if (!isMonth(to)) throw Invalid.at('to', 'must be a month YYYY-MM');
  const from = query.from ?? addMonths(to, -11);
  if (!isMonth(from)) throw Invalid.at('from', 'must be a month YYYY-MM');
  if (from > to) throw Invalid.at('from', 'must not be after to');
  if (monthsBetween(from, to).length > MAX_MONTHS) throw Invalid.at('from', `the report spans at most ${MAX_MONTHS} months`);
  return { from, to };
}

/**
 * Waste per month, item or reason: quantity written off (write-offs and scrapped returns, net of
 * reversals), its value at the items' unit costs, quantity shipped, and the waste rate
 * written off / (shipped + written off). Months are those of the business's time zone.
 * Grouped by reason, each row's rate is its share of all outflow, so the rows add up to the total.
 */
export async function wasteReport(app: App, query: WasteQuery): Promise<WasteReport> {
  const groupBy = query.groupBy ?? 'month';
  if (!WASTE_GROUPINGS.includes(groupBy)) throw Invalid.at('groupBy', `must be one of ${WASTE_GROUPINGS.join(', ')}`);
  const { from, to } = periodOf(app, query);
  const months = monthsBetween(from, to);
  const ranges = monthRanges(months, app.timeZone).map((r) => ({ period: r.month, start: r.start, end: r.end }));
  const flows = await wasteFlows(app.store.db, ranges, { sku: query.sku, location: query.location });
  const items = new Map((await findItems(app.store.db, flows.map((f) => f.sku))).map((i) => [i.sku, i]));

  const groups = new Map<string, Tally>();
  const total = new Tally();
  const tally = (key: string) => {
    let t = groups.get(key);
    if (!t) groups.set(key, (t = new Tally()));
    return t;
  };
  if (groupBy === 'month') for (const m of months) tally(m);
  for (const f of flows) {
    const item = items.get(f.sku)!;
    const unitCost = item.unit_cost === null ? null : Number(item.unit_cost);
    // Lines are signed stock changes: what left stock is negative.
    const quantity = -f.quantity;
    if (f.movement === 'shipment') {
      total.addShipped(quantity);
      if (groupBy !== 'reason') tally(groupBy === 'month' ? f.period : f.sku).addShipped(quantity);
    } else {
      total.addWaste(quantity, unitCost);
      tally(groupBy === 'month' ? f.period : groupBy === 'item' ? f.sku : (f.reason ?? 'unspecified')).addWaste(quantity, unitCost);
    }
  }

  // A month is shown even when empty (a chart's axis); an item or reason only when it has figures
  // (a write-off reversed in full leaves nothing to show).
  const keys = [...groups.keys()].filter((k) => groupBy === 'month' || !groups.get(k)!.isEmpty()).sort();
  const rows: WasteRow[] = keys.map((key) => {
    const t = groups.get(key)!;
    if (groupBy === 'month') return { period: key, ...t.figures() };
    if (groupBy === 'item') {
      const item = items.get(key)!;
      return { sku: key, itemName: item.name, uom: item.uom, ...t.figures() };
    }
    // Shipments have no reason: each reason's row shows all shipped, and its rate is its share
    // of all outflow, w / (total shipped + total written off), so the rows' rates add up.
    t.shipped = total.shipped;
    return { reason: key, ...t.figures(wasteRate(t.writtenOff, total.shipped + total.writtenOff - t.writtenOff)) };
  });
  const units = [...new Set([...items.values()].map((i) => i.uom))].sort();
  const mixedUnits = units.length > 1;
  return {
    from,
    to,
    groupBy,
    timeZone: app.timeZone,
    location: query.location ?? null,
    sku: query.sku ?? null,
    units,
    mixedUnits,
    note: mixedUnits
      ? `writtenOff and shipped add up quantities of items in different units (${units.join(', ')})${groupBy === 'item' ? ' in the totals' : ''}; compare value across items instead`
      : null,
    rows,
    totals: total.figures(),
  };
}
