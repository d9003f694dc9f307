import { Table, Text } from '@mantine/core';
import { LotLink } from '../../ui/LotLink';
import { formatQuantity, formatTime } from '../../ui/format';
import { Empty } from '../../ui/states';
import type { LotRef, Recall } from './api';
import { lotKey } from './units';
import { usePage } from './usePage';

/** Units of the affected lots customers sent back: what the recall has recovered so far. */
export function ReturnsTable({ recall, uomOf }: { recall: Recall; uomOf: (ref: LotRef) => string }) {
  const names = new Map(recall.customers.map((c) => [c.code, c.name]));
  const returns = [...recall.returns].sort((a, b) => b.time.localeCompare(a.time));
  const { rows, pager } = usePage(returns, 'returns');
  if (returns.length === 0) return <Empty>Nothing has come back yet. Customer returns of the affected lots show here.</Empty>;
  return (
    <>
      <Table.ScrollContainer minWidth={640}>
        <Table striped aria-label="Recovered units">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Returned</Table.Th>
              <Table.Th>Customer</Table.Th>
              <Table.Th>Lot</Table.Th>
              <Table.Th>Into</Table.Th>
              <Table.Th ta="right">Quantity</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={`${r.event}/${lotKey(r)}/${r.location}`}>
                <Table.Td>{formatTime(r.time)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{names.get(r.customer) ?? r.customer}</Text>
                  <Text size="xs" c="dimmed">
                    {r.customer}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <LotLink sku={r.sku} lot={r.lot} showSku />
                </Table.Td>
                <Table.Td>{r.location}</Table.Td>
                <Table.Td ta="right">{formatQuantity(r.quantity, uomOf(r))}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pager}
    </>
  );
}
