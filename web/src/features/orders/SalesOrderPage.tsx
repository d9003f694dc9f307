import { Button, Card, Stack, Text } from '@mantine/core';
import { IconListCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { invalidateAfterStockChange } from '../../api/invalidate';
import { useParty } from '../../api/master-data';
import { Can } from '../../auth/AuthProvider';
import { addDays, formatDate, formatTime } from '../../ui/format';
import { NameAndCode } from '../../ui/NameAndCode';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { shelfLifePolicy } from '../../ui/shelfLife';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { StatusBadge } from '../../ui/StatusBadge';
import { BackLink } from './BackLink';
import { CancelOrderButton } from './CancelOrderButton';
import { Facts } from './Facts';
import { AllocationProblems, SkippedLots } from './LotNotes';
import { OrderLinesTable } from './OrderLinesTable';
import { OrderEvents, OrderSection } from './OrderSection';
import { PickListButton } from './PickList';
import { orderKeys } from './queries';
import { ReservationsTable } from './ReservationsTable';
import { ShipOrderButton } from './ShipOrderButton';
import type { SalesOrder, SalesOrderAllocation } from './types';

const STATUS_HINTS: Partial<Record<SalesOrder['status'], string>> = {
  shipped: 'Shipped: the shipment below lists every lot that left.',
  cancelled: 'Cancelled: the lots it had reserved were released to other orders.',
};

/** One sales order: its lines, the lots reserved for it, the pick list, and allocate / ship / cancel. */
export function SalesOrderPage() {
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: orderKeys.salesOrder(id),
    queryFn: () => unwrap(api.GET('/api/v1/sales-orders/{id}', { params: { path: { id } } })),
  });
  // What the last allocation passed over: the API reports it only in the allocation's answer.
  // Kept with its order's id, as this page stays mounted when the address moves to another order.
  const [lastAllocation, setAllocation] = useState<SalesOrderAllocation | null>(null);
  const allocation = lastAllocation?.id === id ? lastAllocation : null;

  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} title="The sales order could not be loaded" />;
  const order = query.data;
  const open = order.status !== 'shipped' && order.status !== 'cancelled';
  return (
    <>
      <BackLink to="/orders/sales" label="Sales orders" />
      <PageHeader
        title={`Sales order ${order.number}`}
        description={STATUS_HINTS[order.status] ?? 'Allocate to reserve lots, pick from the pick list, then ship.'}
        actions={
          open && (
            <>
              {order.allocations.length > 0 && <PickListButton orderId={order.id} number={order.number} />}
              <Can permission="warehouse">
                <SalesOrderActions order={order} onAllocated={setAllocation} />
              </Can>
            </>
          )
        }
      />
      <OrderFacts order={order} />
      <Stack gap="lg">
        <OrderSection title="Lines">
          <OrderLinesTable
            lines={order.lines}
            caption="Order lines"
            columns={[
              { header: 'Allocated', value: (l) => l.allocated },
              { header: 'Shipped', value: (l) => l.shipped },
            ]}
            progress={(l) => l.allocated + l.shipped}
          />
        </OrderSection>
        {open && (
          <OrderSection title="Reserved lots">
            {allocation && <SkippedLots skipped={allocation.skipped} />}
            {allocation && <AllocationProblems result={allocation} />}
            {order.allocations.length > 0 ? (
              <ReservationsTable reservations={order.allocations} judgedOn={order.shipBy} caption="Reserved lots" />
            ) : (
              <Empty>Nothing reserved yet. Allocate to reserve lots first-expiry-first-out.</Empty>
            )}
          </OrderSection>
        )}
        <OrderEvents title="Shipment" events={order.events} />
      </Stack>
    </>
  );
}

function OrderFacts({ order }: { order: SalesOrder }) {
  const customer = useParty(order.customer);
  const policy = customer.data ? shelfLifePolicy(customer.data) : null;
  const days = customer.data?.minShelfLifeDays;
  return (
    <>
      <Facts
        facts={[
          { label: 'Status', value: <StatusBadge status={order.status} /> },
          { label: 'Customer', value: <NameAndCode name={customer.data?.name} code={order.customer} /> },
          { label: 'Ships from', value: <Text size="sm">{order.location}</Text> },
          { label: 'Ship by', value: <Text size="sm">{formatDate(order.shipBy)}</Text> },
          { label: 'Created', value: <Text size="sm">{formatTime(order.createdAt)}</Text> },
        ]}
      />
      {customer.isError && <ErrorState error={customer.error} title="The customer could not be loaded" />}
      {customer.data && (
        <Card withBorder padding="sm" mb="md" aria-label="Customer shelf-life policy" component="section">
          <Text size="sm">
            <Text span fw={600}>
              Minimum shelf life:{' '}
            </Text>
            {policy ?? 'none — any lot that has not expired on the ship date'}
            {days && order.shipBy ? `. Lots reserved must expire on or after ${addDays(order.shipBy, days)}.` : ''}
          </Text>
        </Card>
      )}
    </>
  );
}

function SalesOrderActions({ order, onAllocated }: { order: SalesOrder; onAllocated: (result: SalesOrderAllocation) => void }) {
  const queryClient = useQueryClient();
  const allocate = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/sales-orders/{id}/allocate', { params: { path: { id: order.id } }, body: {} })),
    onSuccess: async (result) => {
      onAllocated(result);
      const lots = result.allocations.length;
      notifySuccess(
        result.status === 'allocated'
          ? `${order.number} is allocated in full from ${lots} lot${lots === 1 ? '' : 's'}.`
          : `${order.number} is ${result.status.replaceAll('_', ' ')}: ${result.shortages.length} line${result.shortages.length === 1 ? '' : 's'} short.`,
        'Allocation done',
      );
      await invalidateAfterStockChange(queryClient);
    },
    onError: (error) => notifyError(error, 'The order was not allocated'),
  });
  return (
    <>
      <Button leftSection={<IconListCheck size={16} />} variant={order.status === 'allocated' ? 'default' : 'filled'} loading={allocate.isPending} onClick={() => allocate.mutate()}>
        Allocate
      </Button>
      <ShipOrderButton order={order} />
      <CancelOrderButton
        number={order.number}
        reserved="reserved lots"
        consequence="The order is closed for good and every lot reserved for it becomes available to other orders."
        send={() => unwrap(api.POST('/api/v1/sales-orders/{id}/cancel', { params: { path: { id: order.id } }, body: {} }))}
      />
    </>
  );
}
