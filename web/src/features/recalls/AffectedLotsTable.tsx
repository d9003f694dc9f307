import { Table, Text } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { LotLink } from '../../ui/LotLink';
import { StatusBadge } from '../../ui/StatusBadge';
import { formatDate, formatQuantity } from '../../ui/format';
import { Empty } from '../../ui/states';
import type { TraceLot } from './api';
import { lotKey } from './units';
import { usePage } from './usePage';

function relation(lot: TraceLot): string {
  if (lot.side === 'root') return 'Recalled lot';
  return lot.depth === 1 ? 'Made from it' : `Made from it (${lot.depth} steps on)`;
}

/** Every lot a recall reaches, with its stock and state; each links to its lot page. */
export function AffectedLotsTable({ lots }: { lots: readonly TraceLot[] }) {
  const { rows, pager } = usePage(lots, 'lots');
  if (lots.length === 0) return <Empty>No lots.</Empty>;
  return (
    <>
      <Table.ScrollContainer minWidth={720}>
        <Table striped highlightOnHover aria-label="Affected lots">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Lot</Table.Th>
              <Table.Th>Relation</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th ta="right">On hand</Table.Th>
              <Table.Th>Expiry</Table.Th>
              <Table.Th>Mass balance</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((lot) => (
              <Table.Tr key={lotKey(lot)}>
                <Table.Td>
                  <LotLink sku={lot.sku} lot={lot.lot} showSku />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{relation(lot)}</Text>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={lot.status} />
                </Table.Td>
                <Table.Td ta="right">{formatQuantity(lot.onHand, lot.uom)}</Table.Td>
                <Table.Td>{formatDate(lot.expiryDate)}</Table.Td>
                <Table.Td>
                  {lot.massBalance.closes ? (
                    <Text size="sm" c="green">
                      <IconCheck size={14} aria-hidden /> closes
                    </Text>
                  ) : (
                    <Text size="sm" c="red">
                      {formatQuantity(lot.massBalance.difference, lot.uom)} unaccounted
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pager}
    </>
  );
}
