import { Alert, Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api, lotPath, unwrap } from '../../api/client';
import { Can } from '../../auth/AuthProvider';
import { formatQuantity, formatTime } from '../../ui/format';
import { LotLink } from '../../ui/LotLink';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { StatusBadge } from '../../ui/StatusBadge';
import { BackLink } from './BackLink';
import { CompleteForm } from './CompleteForm';
import { ConfirmButton } from './ConfirmButton';
import { EventCard } from './EventCard';
import { Facts } from './Facts';
import { SkippedLots } from './LotNotes';
import type { PlannedState } from './NewProductionOrderModal';
import { OrderLinesTable } from './OrderLinesTable';
import { invalidateAfterOrderChange, orderKeys, useItems } from './queries';
import { ReservationsTable } from './ReservationsTable';
import type { ProductionOrder } from './types';

/** One production order: the inputs it needs and the lots reserved for them; complete or cancel it. */
export function ProductionOrderPage() {
  const { id = '' } = useParams();
  // Lots passed over while planning travel from the create form: the API reports them only then.
  const planned = useLocation().state as PlannedState | null;
  // Kept with its order's id, as this page stays mounted when the address moves to another order.
  const [made, setMade] = useState<{ id: string; lot: string } | null>(null);
  const madeLot = made?.id === id ? made.lot : null;
  const { bySku } = useItems();
  const query = useQuery({
    queryKey: orderKeys.productionOrder(id),
    queryFn: () => unwrap(api.GET('/api/v1/production-orders/{id}', { params: { path: { id } } })),
  });

  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} title="The production order could not be loaded" />;
  const order = query.data;
  const uom = bySku.get(order.sku)?.uom;
  return (
    <>
      <BackLink to="/orders/production" label="Production orders" />
      <PageHeader
        title={`Production order ${order.number}`}
        description={`${formatQuantity(order.quantity, uom)} of ${order.sku}${bySku.get(order.sku) ? ` (${bySku.get(order.sku)!.name})` : ''} at ${order.location}, recipe v${order.recipeVersion}.`}
        actions={
          order.status === 'open' && (
            <Can permission="warehouse">
              <CancelProductionOrder order={order} />
            </Can>
          )
        }
      />
      <Facts
        facts={[
          { label: 'Status', value: <StatusBadge status={order.status} /> },
          { label: 'Item', value: <Text size="sm">{order.sku}</Text> },
          { label: 'Ordered', value: <Text size="sm">{formatQuantity(order.quantity, uom)}</Text> },
          { label: 'Produced', value: <Text size="sm">{order.produced > 0 ? formatQuantity(order.produced, uom) : '—'}</Text> },
          { label: 'Created', value: <Text size="sm">{formatTime(order.createdAt)}</Text> },
        ]}
      />
      {madeLot && (
        <Alert color="green" icon={<IconCircleCheck size={18} />} title="Batch recorded" mb="md">
          <Group gap="xs">
            <Text size="sm">New lot</Text>
            <LotLink sku={order.sku} lot={madeLot} showSku />
            <Anchor component={Link} to={`/trace/${lotPath(order.sku, madeLot)}`} size="sm">
              Trace it
            </Anchor>
          </Group>
        </Alert>
      )}
      <Stack gap="lg">
        <section aria-label="Inputs">
          <Title order={4} mb="xs">
            Inputs
          </Title>
          <OrderLinesTable
            lines={order.inputs}
            caption="Inputs"
            orderedHeader="Needed"
            columns={[
              { header: 'Reserved', value: (l) => l.reserved },
              { header: 'Consumed', value: (l) => l.consumed },
            ]}
            progress={(l) => l.reserved + l.consumed}
          />
        </section>
        {order.status === 'open' && (
          <section aria-label="Reserved input lots">
            <Title order={4} mb="xs">
              Reserved input lots
            </Title>
            {planned && <SkippedLots skipped={planned.skipped} />}
            {order.allocations.length > 0 ? (
              <ReservationsTable reservations={order.allocations} caption="Reserved input lots" />
            ) : (
              <Empty>No input lots are reserved.</Empty>
            )}
          </section>
        )}
        {order.status === 'open' && (
          <Can permission="warehouse">
            <CompleteForm key={order.id} order={order} onCompleted={(lot) => setMade({ id: order.id, lot })} />
          </Can>
        )}
        {order.events.length > 0 && (
          <section aria-label="Production">
            <Title order={4} mb="xs">
              Production
            </Title>
            <Stack>
              {order.events.map((e) => (
                <EventCard key={e} id={e} />
              ))}
            </Stack>
          </section>
        )}
      </Stack>
    </>
  );
}

function CancelProductionOrder({ order }: { order: ProductionOrder }) {
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/production-orders/{id}/cancel', { params: { path: { id: order.id } }, body: {} })),
    onSuccess: async () => {
      notifySuccess(`${order.number} is cancelled; its reserved input lots are free again.`, 'Order cancelled');
      await invalidateAfterOrderChange(queryClient);
    },
    onError: (error) => notifyError(error, 'The order was not cancelled'),
  });
  return (
    <ConfirmButton
      label="Cancel order"
      color="red"
      variant="subtle"
      title={`Cancel ${order.number}?`}
      message="The order is closed for good and its reserved input lots become available again."
      confirmLabel="Cancel the order"
      loading={cancel.isPending}
      onConfirm={() => cancel.mutateAsync()}
    />
  );
}
