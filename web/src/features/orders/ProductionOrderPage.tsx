import { Alert, Anchor, Group, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api, lotPath, unwrap } from '../../api/client';
import { useItems } from '../../api/master-data';
import { Can } from '../../auth/AuthProvider';
import { formatQuantity, formatTime } from '../../ui/format';
import { LotLink } from '../../ui/LotLink';
import { PageHeader } from '../../ui/PageHeader';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { StatusBadge } from '../../ui/StatusBadge';
import { BackLink } from './BackLink';
import { CancelOrderButton } from './CancelOrderButton';
import { CompleteForm } from './CompleteForm';
import { Facts } from './Facts';
import { SkippedLots } from './LotNotes';
import type { PlannedState } from './NewProductionOrderModal';
import { OrderLinesTable } from './OrderLinesTable';
import { OrderEvents, OrderSection } from './OrderSection';
import { orderKeys } from './queries';
import { ReservationsTable } from './ReservationsTable';

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
              <CancelOrderButton
                number={order.number}
                reserved="reserved input lots"
                consequence="The order is closed for good and its reserved input lots become available again."
                send={() => unwrap(api.POST('/api/v1/production-orders/{id}/cancel', { params: { path: { id: order.id } }, body: {} }))}
              />
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
        <OrderSection title="Inputs">
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
        </OrderSection>
        {order.status === 'open' && (
          <OrderSection title="Reserved input lots">
            {planned && <SkippedLots skipped={planned.skipped} />}
            {order.allocations.length > 0 ? (
              <ReservationsTable reservations={order.allocations} caption="Reserved input lots" />
            ) : (
              <Empty>No input lots are reserved.</Empty>
            )}
          </OrderSection>
        )}
        {order.status === 'open' && (
          <Can permission="warehouse">
            <CompleteForm key={order.id} order={order} onCompleted={(lot) => setMade({ id: order.id, lot })} />
          </Can>
        )}
        <OrderEvents title="Production" events={order.events} />
      </Stack>
    </>
  );
}
