import { Table } from '@mantine/core';
import { useItems } from '../../api/master-data';
import { daysBetween, formatDate, formatQuantity } from '../../ui/format';
import { ItemName } from '../../ui/ItemName';
import { LotLink } from '../../ui/LotLink';
import type { Reservation } from './types';

/**
 * Lots reserved for an order, in the order the API gives them (per item, in picking order).
 * With `judgedOn` (the ship-by date) each row shows the days of shelf life left on that day.
 */
export function ReservationsTable({ reservations, judgedOn, caption }: { reservations: readonly Reservation[]; judgedOn?: string | null; caption: string }) {
  const { bySku } = useItems();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover aria-label={caption}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Item</Table.Th>
            <Table.Th>Lot</Table.Th>
            <Table.Th>Location</Table.Th>
            <Table.Th ta="right">Quantity</Table.Th>
            <Table.Th>Expiry</Table.Th>
            {judgedOn && <Table.Th ta="right">Days left on ship-by</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {reservations.map((r) => (
            <Table.Tr key={`${r.sku}\u0000${r.lot}\u0000${r.location}`}>
              <Table.Td>
                <ItemName sku={r.sku} />
              </Table.Td>
              <Table.Td>
                <LotLink sku={r.sku} lot={r.lot} />
              </Table.Td>
              <Table.Td>{r.location}</Table.Td>
              <Table.Td ta="right">{formatQuantity(r.quantity, bySku.get(r.sku)?.uom)}</Table.Td>
              <Table.Td>{formatDate(r.expiryDate)}</Table.Td>
              {judgedOn && <Table.Td ta="right">{r.expiryDate ? daysBetween(judgedOn, r.expiryDate) : '—'}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
