import { Anchor, Button, Group, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Can } from '../../auth/AuthProvider';
import { formatQuantity, formatTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/states';
import { StatusBadge } from '../../ui/StatusBadge';
import { NewProductionOrderModal } from './NewProductionOrderModal';
import { PAGE_SIZE, Pager, useCursorPager } from './pager';
import { ItemSelect } from './pickers';
import { orderKeys, useItems } from './queries';
import { filterParam, setFilterParam, StatusFilter } from './StatusFilter';
import { PRODUCTION_STATUSES } from './types';

/** Production orders, newest first: planned batches with their inputs reserved, and what they made. */
export function ProductionOrdersPage() {
  const [params, setParams] = useSearchParams();
  const status = filterParam(params, 'status', PRODUCTION_STATUSES);
  const sku = filterParam(params, 'sku');
  const pager = useCursorPager(`${status}|${sku}`);
  const [creating, { open, close }] = useDisclosure(false);
  const { bySku } = useItems();
  const query = useQuery({
    queryKey: [...orderKeys.production, 'list', { status, sku, cursor: pager.cursor }],
    queryFn: () =>
      unwrap(api.GET('/api/v1/production-orders', { params: { query: { status: status ?? undefined, sku: sku ?? undefined, limit: PAGE_SIZE, cursor: pager.cursor } } })),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title="Production orders"
        description="Planned batches: the recipe scaled to the quantity, input lots reserved first-expiry-first-out, then the batch recorded."
        actions={
          <Can permission="warehouse">
            <Button leftSection={<IconPlus size={16} />} onClick={open}>
              New production order
            </Button>
          </Can>
        }
      />
      <Group mb="md" align="flex-end" wrap="wrap">
        <StatusFilter statuses={PRODUCTION_STATUSES} value={status} onChange={(s) => setParams((p) => setFilterParam(p, 'status', s))} />
        <ItemSelect label="Item" placeholder="Any item" clearable value={sku} onChange={(s) => setParams((p) => setFilterParam(p, 'sku', s))} w={320} />
      </Group>
      <QueryState query={query} empty={status || sku ? 'No production order matches these filters.' : 'No production orders yet.'}>
        {(page) => (
          <>
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
                  {page.items.map((o) => (
                    <Table.Tr key={o.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/orders/production/${o.id}`} ff="monospace" size="sm">
                          {o.number}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{o.sku}</Text>
                        <Text size="xs" c="dimmed">
                          {bySku.get(o.sku)?.name}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">{formatQuantity(o.quantity, bySku.get(o.sku)?.uom)}</Table.Td>
                      <Table.Td ta="right">{o.produced > 0 ? formatQuantity(o.produced, bySku.get(o.sku)?.uom) : '—'}</Table.Td>
                      <Table.Td>{o.location}</Table.Td>
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
            <Pager pager={pager} nextCursor={page.nextCursor} shown={page.items.length} loading={query.isFetching} />
          </>
        )}
      </QueryState>
      <NewProductionOrderModal opened={creating} onClose={close} />
    </>
  );
}
