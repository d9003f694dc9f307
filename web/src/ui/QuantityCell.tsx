import { Table } from '@mantine/core';
import { formatChange, formatQuantity } from './format';

/**
 * A quantity in a table: right-aligned digits that line up, never wrapped away from their unit.
 * `signed` shows a change of stock with its sign, "+12 kg" or "−3 kg".
 */
export function QuantityCell({ value, uom, bold = false, header = false, signed = false }: { value: number; uom: string | undefined; bold?: boolean; header?: boolean; signed?: boolean }) {
  const Cell = header ? Table.Th : Table.Td;
  return (
    <Cell ta="right" ff="monospace" fw={bold ? 600 : undefined} style={{ whiteSpace: 'nowrap' }}>
      {signed ? formatChange(value, uom) : formatQuantity(value, uom)}
    </Cell>
  );
}
