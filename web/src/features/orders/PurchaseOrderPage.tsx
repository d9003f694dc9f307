import { Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useParty } from '../../api/master-data';
import { Can } from '../../auth/AuthProvider';
import { formatTime } from '../../ui/format';
import { NameAndCode } from '../../ui/NameAndCode';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorState, Loading } from '../../ui/states';
import { StatusBadge } from '../../ui/StatusBadge';
import { BackLink } from './BackLink';
import { Facts } from './Facts';
import { OrderLinesTable } from './OrderLinesTable';
import { OrderEvents, OrderSection } from './OrderSection';
import { orderKeys } from './queries';
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
          { label: 'Supplier', value: <NameAndCode name={supplier.data?.name} code={order.supplier} /> },
          { label: 'Deliver to', value: <Text size="sm">{order.location}</Text> },
          { label: 'Receipts', value: <Text size="sm">{order.events.length}</Text> },
          { label: 'Created', value: <Text size="sm">{formatTime(order.createdAt)}</Text> },
        ]}
      />
      <Stack gap="lg">
        <OrderSection title="Ordered and received">
          <OrderLinesTable
            lines={order.lines}
            caption="Order lines"
            columns={[
              { header: 'Received', value: (l) => l.received },
              { header: 'Outstanding', value: (l) => l.outstanding },
            ]}
            progress={(l) => l.received}
          />
        </OrderSection>
        {order.status !== 'received' && (
          <Can permission="warehouse">
            {/* A new form per order and after each receipt, starting from what is still outstanding. */}
            <ReceiveForm key={`${order.id}:${order.events.length}`} order={order} />
          </Can>
        )}
        <OrderEvents title="Receipts" events={[...order.events].reverse()} empty="Nothing received against this order yet." />
      </Stack>
    </>
  );
}
