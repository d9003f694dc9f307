import { Table, Text } from '@mantine/core';
import { formatMoney, formatPercent, formatQuantity } from '../../ui/format';
import type { WasteReport, WasteRow } from './wasteApi';

interface Props {
  report: WasteReport;
  /** Header of the first column: Month, Item or Reason. */
  groupLabel: string;
  label(row: WasteRow): string;
  caption: string;
}

/** The numbers behind a chart, for reading and for screen readers, with the period's totals. */
export function WasteTable({ report, groupLabel, label, caption }: Props) {
  // Quantities in different units are not added up in words: each item row keeps its own unit.
  const sharedUnit = report.units.length === 1 ? report.units[0] : undefined;
  const unpriced = report.rows.some((r) => !r.valueComplete) || !report.totals.valueComplete;
  const isReason = report.groupBy === 'reason';
  return (
    <>
      <Table.ScrollContainer minWidth={560}>
        <Table striped verticalSpacing={6} fz="sm" aria-label={caption} style={{ whiteSpace: 'nowrap' }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{groupLabel}</Table.Th>
              <Table.Th ta="right">Written off</Table.Th>
              <Table.Th ta="right">Value</Table.Th>
              {!isReason && <Table.Th ta="right">Shipped</Table.Th>}
              <Table.Th ta="right">{isReason ? 'Share of outflow' : 'Waste rate'}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.rows.map((row) => (
              <Table.Tr key={label(row)}>
                <Table.Td>{label(row)}</Table.Td>
                <Table.Td ta="right">{formatQuantity(row.writtenOff, row.uom ?? sharedUnit)}</Table.Td>
                <Table.Td ta="right">
                  {formatMoney(Number(row.value))}
                  {row.valueComplete ? '' : ' *'}
                </Table.Td>
                {!isReason && <Table.Td ta="right">{formatQuantity(row.shipped, row.uom ?? sharedUnit)}</Table.Td>}
                <Table.Td ta="right">{formatPercent(row.wasteRate, 2)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr fw={700}>
              <Table.Td>Total</Table.Td>
              <Table.Td ta="right">{formatQuantity(report.totals.writtenOff, sharedUnit)}</Table.Td>
              <Table.Td ta="right">{formatMoney(Number(report.totals.value))}</Table.Td>
              {!isReason && <Table.Td ta="right">{formatQuantity(report.totals.shipped, sharedUnit)}</Table.Td>}
              <Table.Td ta="right">{formatPercent(report.totals.wasteRate, 2)}</Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
      {unpriced && (
        <Text size="xs" c="dimmed" mt={4}>
          * Some written-off items have no unit cost; their quantity is not in the value.
        </Text>
      )}
    </>
  );
}
