import { sql } from 'kysely';
import type { Tx } from './transaction.js';

export interface PeriodRange {
  period: string;
  /** ISO UTC instant, inclusive. */
  start: string;
  /** ISO UTC instant, exclusive. */
  end: string;
}

export interface WasteFlowRow {
  period: string;
  sku: string;
  /** The write-off reason (null for shipments). */
  reason: string | null;
  movement: 'write_off' | 'shipment';
  /** Signed sum of the lines: negative for stock that left. */
  quantity: number;
}

/**
 * Written-off and shipped quantities per (period, item, reason), summed in SQL in one statement.
 *
 * Periods are passed in as a table of UTC ranges computed by the app for the business's time
 * zone, and events are joined to the range holding their time: the same portable SQL on both
 * engines, exact at DST changes and half-hour zones, where bucketing by UTC day or hour in SQL
 * would put events near midnight into the wrong month, and SQLite has no time-zone database.
 *
 * A reversal's lines count at the time and reason of the event it reverses, so a write-off
 * corrected later nets to zero in its own month instead of leaving +x in one month and −x in
 * the next. Scrapped returns carry `write_off` lines and count as waste.
 */
export async function wasteFlows(db: Tx, periods: readonly PeriodRange[], filter: { sku?: string; location?: string }): Promise<WasteFlowRow[]> {
  if (periods.length === 0) return [];
  const values = sql.join(periods.map((p) => sql`(${p.period}, ${p.start}, ${p.end})`));
  const effectiveTime = sql`coalesce(o.time, e.time)`;
  const rows = await sql<WasteFlowRow>`
    with periods (period, starts, ends) as (values ${values})
    select p.period as period,
           l.sku as sku,
           case when el.movement = 'write_off' then coalesce(o.reason, e.reason) end as reason,
           el.movement as movement,
           sum(el.quantity) as quantity
    from event_lines el
    join events e on e.id = el.event_id
    left join events o on o.id = e.reverses
    join lots l on l.id = el.lot_id
    join periods p on ${effectiveTime} >= p.starts and ${effectiveTime} < p.ends
    where el.movement in ('write_off', 'shipment')
      and e.time >= ${periods[0]!.start}
      ${filter.sku === undefined ? sql`` : sql`and l.sku = ${filter.sku}`}
      ${filter.location === undefined ? sql`` : sql`and el.location = ${filter.location}`}
    group by 1, 2, 3, 4
  `.execute(db);
  return rows.rows.map((r) => ({ ...r, quantity: Number(r.quantity) }));
}
