import { Anchor, Button, Group, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Can } from '../../auth/AuthProvider';
import { formatDate, formatTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/states';
import { StatusBadge } from '../../ui/StatusBadge';
import { LinesSummary } from './LinesSummary';
import { NewSalesOrderModal } from './NewSalesOrderModal';
import { PAGE_SIZE, Pager, useCursorPager } from './pager';
import { PartySelect } from './pickers';
import { orderKeys, usePartyNames } from './queries';
import { filterParam, setFilterParam, StatusFilter } from './StatusFilter';
import { SALES_STATUSES, type SalesOrder } from './types';

/** Sales orders, newest first, by status and customer; the warehouse creates them here. */
export function SalesOrdersPage() {
  const [params, setParams] = useSearchParams();
  const status = filterParam(params, 'status', SALES_STATUSES);
  const customer = filterParam(params, 'customer');
  const pager = useCursorPager(`${status}|${customer}`);
  const [creating, { open, close }] = useDisclosure(false);
  const query = useQuery({
    queryKey: [...orderKeys.sales, 'list', { status, customer, cursor: pager.cursor }],
    queryFn: () =>
      unwrap(api.GET('/api/v1/sales-orders', { params: { query: { status: status ?? undefined, customer: customer ?? undefined, limit: PAGE_SIZE, cursor: pager.cursor } } })),
    placeholderData: keepPreviousData,
  });
  const setFilter = (name: string, value: string | null) => setParams((p) => setFilterParam(p, name, value));

  return (
    <>
      <PageHeader
        title="Sales orders"
        description="Customer orders: reserve lots first-expiry-first-out within each customer's shelf-life policy, pick and ship."
        actions={
          <Can permission="warehouse">
            <Button leftSection={<IconPlus size={16} />} onClick={open}>
              New sales order
            </Button>
          </Can>
        }
      />
      <Group mb="md" align="flex-end" wrap="wrap">
        <StatusFilter statuses={SALES_STATUSES} value={status} onChange={(s) => setFilter('status', s)} />
        <PartySelect role="customer" label="Customer" placeholder="Any customer" value={customer} onChange={(c) => setFilter('customer', c)} w={320} />
      </Group>
      <QueryState query={query} empty={status || customer ? 'No sales order matches these filters.' : 'No sales orders yet.'}>
        {(page) => (
          <>
            <SalesOrdersTable orders={page.items} />
            <Pager pager={pager} nextCursor={page.nextCursor} shown={page.items.length} loading={query.isFetching} />
          </>
        )}
      </QueryState>
      <NewSalesOrderModal opened={creating} onClose={close} />
    </>
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
                <Anchor component={Link} to={`/orders/sales/${o.id}`} ff="monospace" size="sm">
                  {o.number}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{names.get(o.customer) ?? o.customer}</Text>
                <Text size="xs" c="dimmed">
                  {o.customer}
                </Text>
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
                <Text size="sm" c="dimmed">
                  {formatTime(o.createdAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
