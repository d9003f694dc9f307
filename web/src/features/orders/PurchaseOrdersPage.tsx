import { Table } from '@mantine/core';
import { api, unwrap } from '../../api/client';
import { usePartyNames } from '../../api/master-data';
import { NameAndCode } from '../../ui/NameAndCode';
import { PartySelect } from '../../ui/pickers';
import { StatusBadge } from '../../ui/StatusBadge';
import { LinesSummary } from './LinesSummary';
import { NewPurchaseOrderModal } from './NewPurchaseOrderModal';
import { CreatedAt, OrderLink } from './OrderCells';
import { OrderListPage } from './OrderListPage';
import { orderKeys } from './queries';
import { PURCHASE_STATUSES, type PurchaseOrder } from './types';

/** Purchase orders, newest first, by status and supplier; goods are received against them. */
export function PurchaseOrdersPage() {
  return (
    <OrderListPage
      title="Purchase orders"
      description="What was ordered from suppliers and how much of it has arrived; receive deliveries against them."
      newLabel="New purchase order"
      newModal={NewPurchaseOrderModal}
      statuses={PURCHASE_STATUSES}
      filter={{
        name: 'supplier',
        picker: (value, onChange) => <PartySelect role="supplier" label="Supplier" placeholder="Any supplier" value={value} onChange={onChange} w={320} />,
      }}
      queryKey={orderKeys.purchase}
      list={({ status, filter, ...page }) =>
        unwrap(api.GET('/api/v1/purchase-orders', { params: { query: { status: status ?? undefined, supplier: filter ?? undefined, ...page } } }))
      }
      noun="purchase order"
      table={(orders) => <PurchaseOrdersTable orders={orders} />}
    />
  );
}

function PurchaseOrdersTable({ orders }: { orders: PurchaseOrder[] }) {
  const names = usePartyNames(orders.map((o) => o.supplier));
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table striped highlightOnHover aria-label="Purchase orders">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Number</Table.Th>
            <Table.Th>Supplier</Table.Th>
            <Table.Th>Into</Table.Th>
            <Table.Th>Lines</Table.Th>
            <Table.Th ta="right">Received</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Created</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {orders.map((o) => {
            // Lines may be in different units, so progress is counted in lines, not summed quantities.
            const complete = o.lines.filter((l) => l.outstanding === 0).length;
            return (
              <Table.Tr key={o.id}>
                <Table.Td>
                  <OrderLink to={`/orders/purchase/${o.id}`} number={o.number} />
                </Table.Td>
                <Table.Td>
                  <NameAndCode name={names.get(o.supplier)} code={o.supplier} />
                </Table.Td>
                <Table.Td>{o.location}</Table.Td>
                <Table.Td>
                  <LinesSummary lines={o.lines} />
                </Table.Td>
                <Table.Td ta="right">{`${complete} of ${o.lines.length} lines`}</Table.Td>
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
