import { Box, Checkbox, Table, Text } from '@mantine/core';
import { DaysLeftBadge } from '../../ui/DaysLeftBadge';
import { formatDate, formatMoney, formatQuantity } from '../../ui/format';
import { LotLink } from '../../ui/LotLink';
import { StatusBadge } from '../../ui/StatusBadge';
import { isExpiredRow, rowKey, type ExpiryBasis, type ExpiryRow } from './expiryApi';

interface Props {
  rows: ExpiryRow[];
  basis: ExpiryBasis;
  /** The selection, by row key; absent for roles that cannot write off. */
  selection?: { keys: ReadonlySet<string>; toggle(keys: string[], checked: boolean): void };
}

/** Stock by lot and location, soonest date first, as the server sorted it. */
export function ExpiryTable({ rows, basis, selection }: Props) {
  const selectedCount = selection ? rows.filter((r) => selection.keys.has(rowKey(r))).length : 0;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="xs" horizontalSpacing="xs" aria-label="Stock by expiry">
        <Table.Thead>
          <Table.Tr>
            {selection && (
              <Table.Th w={40}>
                <Checkbox
                  aria-label="Select all shown"
                  checked={selectedCount > 0 && selectedCount === rows.length}
                  indeterminate={selectedCount > 0 && selectedCount < rows.length}
                  onChange={(event) => selection.toggle(rows.map(rowKey), event.currentTarget.checked)}
                />
              </Table.Th>
            )}
            <Table.Th miw={170}>Item</Table.Th>
            <Table.Th>Lot</Table.Th>
            <Table.Th>Location</Table.Th>
            <Table.Th ta="right">Quantity</Table.Th>
            <Table.Th>Expiry date</Table.Th>
            <Table.Th>Sell-by date</Table.Th>
            <Table.Th>{basis === 'expiry' ? 'Days to expiry' : 'Days to sell-by'}</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Value</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const key = rowKey(row);
            const checked = selection?.keys.has(key) ?? false;
            return (
              <Table.Tr key={key} bg={checked ? 'var(--mantine-color-blue-light)' : undefined}>
                {selection && (
                  <Table.Td>
                    <Checkbox
                      aria-label={`Select ${row.sku} ${row.lot} at ${row.location}`}
                      checked={checked}
                      onChange={(event) => selection.toggle([key], event.currentTarget.checked)}
                    />
                  </Table.Td>
                )}
                <Table.Td>
                  <Text size="sm">{row.itemName}</Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {row.sku}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <LotLink sku={row.sku} lot={row.lot} />
                </Table.Td>
                <Table.Td>{row.location}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatQuantity(row.quantity, row.uom)}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(row.expiryDate)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(row.sellByDate)}</Table.Td>
                <Table.Td>
                  <DaysLeftBadge daysLeft={row.daysLeft} basis={basis} expired={isExpiredRow(row, basis)} />
                </Table.Td>
                <Table.Td>
                  {/* A badge's label shrinks to an ellipsis in a squeezed column; its full width is kept here. */}
                  <Box miw="max-content">
                    <StatusBadge status={row.status} />
                  </Box>
                </Table.Td>
                <Table.Td ta="right">{row.value === null ? '—' : formatMoney(Number(row.value))}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
