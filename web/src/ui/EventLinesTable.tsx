import { Table } from '@mantine/core';
import { useItems } from '../api/master-data';
import type { components } from '../api/schema';
import { ItemName } from './ItemName';
import { LotLink } from './LotLink';
import { QuantityCell } from './QuantityCell';

type EventLine = components['schemas']['Event']['lines'][number];

const MOVEMENTS: Record<EventLine['movement'], string> = {
  receipt: 'received',
  production: 'produced',
  consumption: 'consumed',
  shipment: 'shipped',
  return: 'returned',
  supplier_return: 'returned to supplier',
  adjustment: 'adjusted',
  write_off: 'written off',
  transfer_out: 'transferred out',
  transfer_in: 'transferred in',
};

/**
 * Every line of a ledger event: the item, the lot (linked to its page), where, how it moved, and
 * the change of stock with its sign (a reversal's lines undo the original's).
 */
export function EventLinesTable({ lines }: { lines: readonly EventLine[] }) {
  const { bySku } = useItems();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped withTableBorder verticalSpacing={4} aria-label="Event lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Item</Table.Th>
            <Table.Th>Lot</Table.Th>
            <Table.Th>Location</Table.Th>
            <Table.Th>Movement</Table.Th>
            <Table.Th ta="right">Quantity</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((l, i) => (
            <Table.Tr key={i}>
              <Table.Td>
                <ItemName sku={l.sku} />
              </Table.Td>
              <Table.Td>
                <LotLink sku={l.sku} lot={l.lot} />
              </Table.Td>
              <Table.Td>{l.location}</Table.Td>
              <Table.Td>{MOVEMENTS[l.movement]}</Table.Td>
              <QuantityCell value={l.quantity} uom={bySku.get(l.sku)?.uom} signed />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
