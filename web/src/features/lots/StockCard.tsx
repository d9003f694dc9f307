import { Anchor, Card, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useLocations } from '../../api/master-data';
import { QuantityCell } from '../../ui/QuantityCell';
import { Empty } from '../../ui/states';
import type { Lot } from './queries';

const ORDER_PATHS: Record<Lot['reservations'][number]['order']['kind'], string> = {
  sales: '/orders/sales',
  purchase: '/orders/purchase',
  production: '/orders/production',
};

/** Stock of the lot per location, what open orders have reserved of it, and which orders. */
export function StockCard({ lot, uom }: { lot: Lot; uom: string | undefined }) {
  const { byCode } = useLocations();
  const total = (pick: (row: Lot['onHand'][number]) => number) => lot.onHand.reduce((s, row) => s + pick(row), 0);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="stock-title">
      <Title order={4} id="stock-title" mb="xs">
        Stock by location
      </Title>
      {lot.onHand.length === 0 ? (
        <Empty>None of this lot is in stock.</Empty>
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table verticalSpacing={4} aria-label="Stock by location">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Location</Table.Th>
                <Table.Th ta="right">Quantity</Table.Th>
                <Table.Th ta="right">Reserved</Table.Th>
                <Table.Th ta="right">Free</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lot.onHand.map((row) => (
                <Table.Tr key={row.location}>
                  <Table.Td>
                    <Text size="sm">{row.location}</Text>
                    <Text size="xs" c="dimmed">
                      {byCode.get(row.location)?.name}
                    </Text>
                  </Table.Td>
                  <QuantityCell value={row.quantity} uom={uom} />
                  <QuantityCell value={row.reserved} uom={uom} />
                  <QuantityCell value={row.free} uom={uom} />
                </Table.Tr>
              ))}
            </Table.Tbody>
            {lot.onHand.length > 1 && (
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th>Total</Table.Th>
                  <QuantityCell value={total((r) => r.quantity)} uom={uom} header />
                  <QuantityCell value={total((r) => r.reserved)} uom={uom} header />
                  <QuantityCell value={total((r) => r.free)} uom={uom} header />
                </Table.Tr>
              </Table.Tfoot>
            )}
          </Table>
        </Table.ScrollContainer>
      )}
      <Title order={5} mt="md" mb={4}>
        Reservations
      </Title>
      {lot.reservations.length === 0 ? (
        <Text size="sm" c="dimmed">
          No open order has reserved this lot.
        </Text>
      ) : (
        <Table verticalSpacing={4} aria-label="Reservations">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Order</Table.Th>
              <Table.Th>Location</Table.Th>
              <Table.Th ta="right">Quantity</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lot.reservations.map((r) => (
              <Table.Tr key={`${r.order.id}\u0000${r.location}`}>
                <Table.Td>
                  <Anchor component={Link} to={`${ORDER_PATHS[r.order.kind]}/${encodeURIComponent(r.order.id)}`} size="sm">
                    {r.order.kind} order {r.order.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>{r.location}</Table.Td>
                <QuantityCell value={r.quantity} uom={uom} />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
