import { useCallback, useEffect, useRef, useState } from 'react';
import { withoutRow, type Keyed } from '../../ui/rows';
import type { Scanned } from './scan';

/** A row of a line editor: an item and a lot, and whatever else the event records per line. */
export interface KeyedLine extends Keyed {
  sku: string | null;
  lot: string;
}

/** Removes a row; the last one stays (blanked) so the editor never shows no row at all. */
export function removeLine<L extends KeyedLine>(lines: readonly L[], key: number, blank: () => L): L[] {
  const rest = withoutRow(lines, key);
  return rest.length > 0 ? rest : [blank()];
}

/**
 * Where a scan lands: a barcode naming an item fills the last row while that row is still open
 * for it, else a new row; a plain lot code fills the lot of the last row. `fill` maps the scan onto a row.
 */
export function placeScan<L extends KeyedLine>(lines: readonly L[], scanned: Scanned, blank: () => L, fill: (line: L, scanned: Scanned) => L): { lines: L[]; key: number } {
  const last = lines.at(-1);
  // The last row is still being filled when it has no item, or this item but no lot yet.
  const reuse = last !== undefined && (scanned.sku === undefined || last.sku === null || (last.sku === scanned.sku && last.lot === ''));
  const target = reuse ? last : blank();
  const filled = fill(target, scanned);
  return { lines: reuse ? lines.map((l) => (l.key === target.key ? filled : l)) : [...lines, filled], key: target.key };
}

/**
 * Moves the focus to a row's quantity after a scan filled it: the row may only exist after the
 * next render, so the request is kept until its input has mounted.
 */
export function useQuantityFocus() {
  const inputs = useRef(new Map<number, HTMLInputElement>());
  const [wanted, setWanted] = useState<number | null>(null);
  useEffect(() => {
    if (wanted === null) return;
    const input = inputs.current.get(wanted);
    if (input) {
      input.focus();
      input.select();
      setWanted(null);
    }
  });
  const register = useCallback(
    (key: number) => (element: HTMLInputElement | null) => {
      if (element) inputs.current.set(key, element);
      else inputs.current.delete(key);
    },
    [],
  );
  return { register, focus: setWanted };
}

/** A field every row must have, and what to say when it is empty. */
export interface RequiredField<L> {
  field: string;
  missing: (line: L) => boolean;
  message: string;
}

/** The form's own messages for empty required fields, keyed like the API's paths (`lines.0.lot`). */
export function missingFields<L>(lines: readonly L[], path: string, required: readonly RequiredField<L>[]): Record<string, string> {
  const errors: Record<string, string> = {};
  lines.forEach((line, i) => {
    for (const r of required) if (r.missing(line)) errors[`${path}.${i}.${r.field}`] = r.message;
  });
  return errors;
}

export const isBlank = (value: number | string | null | undefined): boolean => value === null || value === undefined || value === '';

/** A line that takes a quantity: what every scan may fill. */
export interface QuantityLine extends KeyedLine {
  quantity: number | string;
}

/** A scan fills what it carries and leaves what the worker already typed for the rest. */
export function fillLine<L extends QuantityLine>(line: L, s: Scanned): L {
  return { ...line, sku: s.sku ?? line.sku, lot: s.lot ?? line.lot, quantity: s.quantity ?? line.quantity };
}

/** The same for a line of a new lot, whose dates a GS1 label may carry too. */
export function fillDatedLine<L extends QuantityLine & { productionDate: string; expiryDate: string }>(line: L, s: Scanned): L {
  return { ...fillLine(line, s), productionDate: s.productionDate ?? line.productionDate, expiryDate: s.expiryDate ?? line.expiryDate };
}
