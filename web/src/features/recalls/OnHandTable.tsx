import { Badge, Group, Table } from '@mantine/core';
import { LotLink } from '../../ui/LotLink';
import { StatusBadge } from '../../ui/StatusBadge';
import { formatQuantity } from '../../ui/format';
import { Empty } from '../../ui/states';
import type { LotRef, TraceOnHand } from './api';
import { formatTotals, lotKey, totalsByUom } from './units';
import { usePage } from './usePage';

/** Stock of the affected lots by location: what the warehouse must find, quarantine or destroy. */
export function OnHandTable({ onHand, uomOf }: { onHand: readonly TraceOnHand[]; uomOf: (ref: LotRef) => string }) {
  const { rows, pager } = usePage(onHand, 'stock lines');
  if (onHand.length === 0) return <Empty>None of the affected lots has stock on hand.</Empty>;
  const locations = [...new Set(onHand.map((l) => l.location))].sort();
  return (
    <>
      <Group gap="xs" mb="xs" role="group" aria-label="Stock by location">
        {locations.map((location) => (
          <Badge key={location} variant="outline" color="gray" tt="none" size="lg">
            {location}: {formatTotals(totalsByUom(onHand.filter((l) => l.location === location).map((l) => ({ quantity: l.quantity, uom: uomOf(l) }))))}
          </Badge>
        ))}
      </Group>
      <Table.ScrollContainer minWidth={560}>
        <Table striped aria-label="Stock on hand">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Location</Table.Th>
              <Table.Th>Lot</Table.Th>
              <Table.Th ta="right">Quantity</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((line) => (
              <Table.Tr key={`${lotKey(line)}@${line.location}`}>
                <Table.Td>{line.location}</Table.Td>
                <Table.Td>
                  <LotLink sku={line.sku} lot={line.lot} showSku />
                </Table.Td>
                <Table.Td ta="right">{formatQuantity(line.quantity, uomOf(line))}</Table.Td>
                <Table.Td>
                  <StatusBadge status={line.status} />
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
