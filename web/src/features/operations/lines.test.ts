import { describe, expect, it } from 'vitest';
import { documentsBody } from './DocumentsEditor';
import { placeScan, removeLine, type KeyedLine } from './lines';
import type { Scanned } from './scan';

interface Line extends KeyedLine {
  quantity: number | string;
}

let key = 100;
const blank = (): Line => ({ key: ++key, sku: null, lot: '', quantity: '' });
const line = (sku: string | null, lot = '', quantity: number | string = ''): Line => ({ key: ++key, sku, lot, quantity });
const fill = (l: Line, s: Scanned): Line => ({ ...l, sku: s.sku ?? l.sku, lot: s.lot ?? l.lot, quantity: s.quantity ?? l.quantity });
const shape = (lines: Line[]) => lines.map((l) => [l.sku, l.lot, l.quantity]);

describe('where a scan lands', () => {
  it('fills the empty last row and names it for the focus', () => {
    const rows = [line(null)];
    const placed = placeScan(rows, { sku: 'JAM', lot: 'L1', quantity: 12 }, blank, fill);
    expect(shape(placed.lines)).toEqual([['JAM', 'L1', 12]]);
    expect(placed.key).toBe(rows[0]!.key);
  });

  it('completes a row whose item was chosen but whose lot is still missing', () => {
    const rows = [line('JAM', '', 5)];
    expect(shape(placeScan(rows, { sku: 'JAM', lot: 'L1' }, blank, fill).lines)).toEqual([['JAM', 'L1', 5]]);
  });

  it('starts a new row for a second item or a second lot, leaving the filled rows alone', () => {
    const rows = [line('JAM', 'L1', 5)];
    const second = placeScan(rows, { sku: 'JAM', lot: 'L2' }, blank, fill);
    expect(shape(second.lines)).toEqual([
      ['JAM', 'L1', 5],
      ['JAM', 'L2', ''],
    ]);
    expect(second.key).toBe(second.lines[1]!.key);
    expect(shape(placeScan([line('JAM')], { sku: 'SUGAR', lot: 'S1' }, blank, fill).lines)).toEqual([
      ['JAM', '', ''],
      ['SUGAR', 'S1', ''],
    ]);
  });

  it('puts a plain lot code on the last row, whatever it holds', () => {
    const rows = [line('JAM', 'OLD', 5)];
    expect(shape(placeScan(rows, { lot: 'NEW' }, blank, fill).lines)).toEqual([['JAM', 'NEW', 5]]);
  });

  it('keeps one blank row when the last one is removed', () => {
    const rows = [line('JAM', 'L1', 5)];
    const after = removeLine(rows, rows[0]!.key, blank);
    expect(shape(after)).toEqual([[null, '', '']]);
  });
});

describe('documents sent', () => {
  it('leaves out rows without a number and trims the rest', () => {
    expect(
      documentsBody([
        { key: 1, type: 'PO', number: ' PO-1 ' },
        { key: 2, type: 'invoice', number: '  ' },
      ]),
    ).toEqual([{ type: 'PO', number: 'PO-1' }]);
    expect(documentsBody([{ key: 3, type: 'BOL', number: '' }])).toBeUndefined();
  });
});
