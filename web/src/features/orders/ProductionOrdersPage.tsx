import { Table } from '@mantine/core';
import { api, unwrap } from '../../api/client';
import { useItems } from '../../api/master-data';
import { formatQuantity } from '../../ui/format';
import { ItemName } from '../../ui/ItemName';
import { ItemSelect } from '../../ui/pickers';
import { StatusBadge } from '../../ui/StatusBadge';
import { NewProductionOrderModal } from './NewProductionOrderModal';
import { CreatedAt, OrderLink } from './OrderCells';
import { OrderListPage } from './OrderListPage';
import { orderKeys } from './queries';
import { PRODUCTION_STATUSES, type ProductionOrder } from './types';

/** Production orders, newest first: planned batches with their inputs reserved, and what they made. */
export function ProductionOrdersPage() {
  return (
    <OrderListPage
      title="Production orders"
      description="Planned batches: the recipe scaled to the quantity, input lots reserved first-expiry-first-out, then the batch recorded."
      newLabel="New production order"
      newModal={NewProductionOrderModal}
      statuses={PRODUCTION_STATUSES}
      filter={{
        name: 'sku',
        picker: (value, onChange) => <ItemSelect label="Item" placeholder="Any item" clearable value={value} onChange={onChange} w={320} />,
      }}
      queryKey={orderKeys.production}
      list={({ status, filter, ...page }) =>
        unwrap(api.GET('/api/v1/production-orders', { params: { query: { status: status ?? undefined, sku: filter ?? undefined, ...page } } }))
      }
      noun="production order"
      table={(orders) => <ProductionOrdersTable orders={orders} />}
    />
  );
}

function ProductionOrdersTable({ orders }: { orders: ProductionOrder[] }) {
  const { bySku } = useItems();
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped highlightOnHover aria-label="Production orders">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Number</Table.Th>
            <Table.Th>Item</Table.Th>
            <Table.Th ta="right">Ordered</Table.Th>
            <Table.Th ta="right">Produced</Table.Th>
            <Table.Th>At</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Created</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {orders.map((o) => {
            const uom = bySku.get(o.sku)?.uom;
            return (
              <Table.Tr key={o.id}>
                <Table.Td>
                  <OrderLink to={`/orders/production/${o.id}`} number={o.number} />
                </Table.Td>
                <Table.Td>
                  <ItemName sku={o.sku} />
                </Table.Td>
                <Table.Td ta="right">{formatQuantity(o.quantity, uom)}</Table.Td>
                <Table.Td ta="right">{o.produced > 0 ? formatQuantity(o.produced, uom) : '—'}</Table.Td>
                <Table.Td>{o.location}</Table.Td>
                <Table.Td>
                  <StatusBadge status={o.status} />
                </Table.Td>
                <Table.Td>
                  <CreatedAt time={o.createdAt} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
