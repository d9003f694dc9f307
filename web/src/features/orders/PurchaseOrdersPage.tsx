import { Anchor, Button, Group, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Can } from '../../auth/AuthProvider';
import { formatTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/states';
import { StatusBadge } from '../../ui/StatusBadge';
import { LinesSummary } from './LinesSummary';
import { NewPurchaseOrderModal } from './NewPurchaseOrderModal';
import { PAGE_SIZE, Pager, useCursorPager } from './pager';
import { PartySelect } from './pickers';
import { orderKeys, usePartyNames } from './queries';
import { filterParam, setFilterParam, StatusFilter } from './StatusFilter';
import { PURCHASE_STATUSES, type PurchaseOrder } from './types';

/** Purchase orders, newest first, by status and supplier; goods are received against them. */
export function PurchaseOrdersPage() {
  const [params, setParams] = useSearchParams();
  const status = filterParam(params, 'status', PURCHASE_STATUSES);
  const supplier = filterParam(params, 'supplier');
  const pager = useCursorPager(`${status}|${supplier}`);
  const [creating, { open, close }] = useDisclosure(false);
  const query = useQuery({
    queryKey: [...orderKeys.purchase, 'list', { status, supplier, cursor: pager.cursor }],
    queryFn: () =>
      unwrap(api.GET('/api/v1/purchase-orders', { params: { query: { status: status ?? undefined, supplier: supplier ?? undefined, limit: PAGE_SIZE, cursor: pager.cursor } } })),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title="Purchase orders"
        description="What was ordered from suppliers and how much of it has arrived; receive deliveries against them."
        actions={
          <Can permission="warehouse">
            <Button leftSection={<IconPlus size={16} />} onClick={open}>
              New purchase order
            </Button>
          </Can>
        }
      />
      <Group mb="md" align="flex-end" wrap="wrap">
        <StatusFilter statuses={PURCHASE_STATUSES} value={status} onChange={(s) => setParams((p) => setFilterParam(p, 'status', s))} />
        <PartySelect role="supplier" label="Supplier" placeholder="Any supplier" value={supplier} onChange={(s) => setParams((p) => setFilterParam(p, 'supplier', s))} w={320} />
      </Group>
      <QueryState query={query} empty={status || supplier ? 'No purchase order matches these filters.' : 'No purchase orders yet.'}>
        {(page) => (
          <>
            <PurchaseOrdersTable orders={page.items} />
            <Pager pager={pager} nextCursor={page.nextCursor} shown={page.items.length} loading={query.isFetching} />
          </>
        )}
      </QueryState>
      <NewPurchaseOrderModal opened={creating} onClose={close} />
    </>
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
                  <Anchor component={Link} to={`/orders/purchase/${o.id}`} ff="monospace" size="sm">
                    {o.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{names.get(o.supplier) ?? o.supplier}</Text>
                  <Text size="xs" c="dimmed">
                    {o.supplier}
                  </Text>
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
                  <Text size="sm" c="dimmed">
                    {formatTime(o.createdAt)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
