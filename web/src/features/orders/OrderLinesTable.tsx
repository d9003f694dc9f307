import { Progress, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { useItems } from '../../api/master-data';
import { formatQuantity } from '../../ui/format';
import { ItemName } from '../../ui/ItemName';

export interface LineColumn<L> {
  header: string;
  value: (line: L) => number;
}

/**
 * An order's lines: item, the ordered quantity and the columns that track it (allocated and
 * shipped, received and outstanding, reserved and consumed), with a bar for the `progress` column.
 */
export function OrderLinesTable<L extends { sku: string; quantity: number }>({
  lines,
  columns,
  progress,
  caption,
  orderedHeader = 'Ordered',
}: {
  lines: readonly L[];
  columns: LineColumn<L>[];
  progress: (line: L) => number;
  caption: string;
  orderedHeader?: string;
}) {
  const { bySku } = useItems();
  const cell = (n: number, sku: string): ReactNode => formatQuantity(n, bySku.get(sku)?.uom);
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table aria-label={caption}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Item</Table.Th>
            <Table.Th ta="right">{orderedHeader}</Table.Th>
            {columns.map((c) => (
              <Table.Th key={c.header} ta="right">
                {c.header}
              </Table.Th>
            ))}
            <Table.Th w={140}>Progress</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((l) => {
            const done = l.quantity > 0 ? Math.min(100, (progress(l) / l.quantity) * 100) : 0;
            return (
              <Table.Tr key={l.sku}>
                <Table.Td>
                  <ItemName sku={l.sku} />
                </Table.Td>
                <Table.Td ta="right">{cell(l.quantity, l.sku)}</Table.Td>
                {columns.map((c) => (
                  <Table.Td key={c.header} ta="right">
                    {cell(c.value(l), l.sku)}
                  </Table.Td>
                ))}
                <Table.Td>
                  <Progress value={done} color={done >= 100 ? 'green' : 'blue'} aria-label={`${l.sku} ${Math.round(done)} %`} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
