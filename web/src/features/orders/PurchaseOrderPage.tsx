import { Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Can } from '../../auth/AuthProvider';
import { formatTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { StatusBadge } from '../../ui/StatusBadge';
import { BackLink } from './BackLink';
import { EventCard } from './EventCard';
import { Facts } from './Facts';
import { OrderLinesTable } from './OrderLinesTable';
import { orderKeys, useParty } from './queries';
import { ReceiveForm } from './ReceiveForm';

/** One purchase order: ordered against received per line, the receipts made, and a receiving form. */
export function PurchaseOrderPage() {
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: orderKeys.purchaseOrder(id),
    queryFn: () => unwrap(api.GET('/api/v1/purchase-orders/{id}', { params: { path: { id } } })),
  });
  const supplier = useParty(query.data?.supplier);

  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} title="The purchase order could not be loaded" />;
  const order = query.data;
  return (
    <>
      <BackLink to="/orders/purchase" label="Purchase orders" />
      <PageHeader
        title={`Purchase order ${order.number}`}
        description={order.status === 'received' ? 'Received in full: every lot that arrived is listed below.' : 'Receive each delivery against the order; partial deliveries are fine.'}
      />
      <Facts
        facts={[
          { label: 'Status', value: <StatusBadge status={order.status} /> },
          {
            label: 'Supplier',
            value: (
              <>
                <Text size="sm">{supplier.data?.name ?? order.supplier}</Text>
                <Text size="xs" c="dimmed">
                  {order.supplier}
                </Text>
              </>
            ),
          },
          { label: 'Deliver to', value: <Text size="sm">{order.location}</Text> },
          { label: 'Receipts', value: <Text size="sm">{order.events.length}</Text> },
          { label: 'Created', value: <Text size="sm">{formatTime(order.createdAt)}</Text> },
        ]}
      />
      <Stack gap="lg">
        <section aria-label="Ordered and received">
          <Title order={4} mb="xs">
            Ordered and received
          </Title>
          <OrderLinesTable
            lines={order.lines}
            caption="Order lines"
            columns={[
              { header: 'Received', value: (l) => l.received },
              { header: 'Outstanding', value: (l) => l.outstanding },
            ]}
            progress={(l) => l.received}
          />
        </section>
        {order.status !== 'received' && (
          <Can permission="warehouse">
            {/* A new form per order and after each receipt, starting from what is still outstanding. */}
            <ReceiveForm key={`${order.id}:${order.events.length}`} order={order} />
          </Can>
        )}
        <section aria-label="Receipts">
          <Title order={4} mb="xs">
            Receipts
          </Title>
          {order.events.length === 0 ? (
            <Empty>Nothing received against this order yet.</Empty>
          ) : (
            <Stack>
              {[...order.events].reverse().map((e) => (
                <EventCard key={e} id={e} />
              ))}
            </Stack>
          )}
        </section>
      </Stack>
    </>
  );
}
