import { Table } from '@mantine/core';
import { api, unwrap } from '../../api/client';
import { usePartyNames } from '../../api/master-data';
import { formatDate } from '../../ui/format';
import { NameAndCode } from '../../ui/NameAndCode';
import { PartySelect } from '../../ui/pickers';
import { StatusBadge } from '../../ui/StatusBadge';
import { LinesSummary } from './LinesSummary';
import { NewSalesOrderModal } from './NewSalesOrderModal';
import { CreatedAt, OrderLink } from './OrderCells';
import { OrderListPage } from './OrderListPage';
import { orderKeys } from './queries';
import { SALES_STATUSES, type SalesOrder } from './types';

/** Sales orders, newest first, by status and customer; the warehouse creates them here. */
export function SalesOrdersPage() {
  return (
    <OrderListPage
      title="Sales orders"
      description="Customer orders: reserve lots first-expiry-first-out within each customer's shelf-life policy, pick and ship."
      newLabel="New sales order"
      newModal={NewSalesOrderModal}
      statuses={SALES_STATUSES}
      filter={{
        name: 'customer',
        picker: (value, onChange) => <PartySelect role="customer" label="Customer" placeholder="Any customer" value={value} onChange={onChange} w={320} />,
      }}
      queryKey={orderKeys.sales}
      list={({ status, filter, ...page }) =>
        unwrap(api.GET('/api/v1/sales-orders', { params: { query: { status: status ?? undefined, customer: filter ?? undefined, ...page } } }))
      }
      noun="sales order"
      table={(orders) => <SalesOrdersTable orders={orders} />}
    />
  );
}

function SalesOrdersTable({ orders }: { orders: SalesOrder[] }) {
  const names = usePartyNames(orders.map((o) => o.customer));
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped highlightOnHover aria-label="Sales orders">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Number</Table.Th>
            <Table.Th>Customer</Table.Th>
            <Table.Th>From</Table.Th>
            <Table.Th>Ship by</Table.Th>
            <Table.Th>Lines</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Created</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {orders.map((o) => (
            <Table.Tr key={o.id}>
              <Table.Td>
                <OrderLink to={`/orders/sales/${o.id}`} number={o.number} />
              </Table.Td>
              <Table.Td>
                <NameAndCode name={names.get(o.customer)} code={o.customer} />
              </Table.Td>
              <Table.Td>{o.location}</Table.Td>
              <Table.Td>{formatDate(o.shipBy)}</Table.Td>
              <Table.Td>
                <LinesSummary lines={o.lines} />
              </Table.Td>
              <Table.Td>
                <StatusBadge status={o.status} />
              </Table.Td>
              <Table.Td>
                <CreatedAt time={o.createdAt} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
