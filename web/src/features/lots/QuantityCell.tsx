import { Table } from '@mantine/core';
import { formatQuantity } from '../../ui/format';

/** A quantity in a table: right-aligned digits that line up, never wrapped away from their unit. */
export function QuantityCell({ value, uom, bold = false, header = false }: { value: number; uom: string | undefined; bold?: boolean; header?: boolean }) {
  const Cell = header ? Table.Th : Table.Td;
  return (
    <Cell ta="right" ff="monospace" fw={bold ? 600 : undefined} style={{ whiteSpace: 'nowrap' }}>
      {formatQuantity(value, uom)}
    </Cell>
  );
}
