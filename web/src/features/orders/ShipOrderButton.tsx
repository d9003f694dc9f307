import { Button, Group, Modal, Stack, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconTruckDelivery } from '@tabler/icons-react';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { lotKey } from '../../ui/lotKey';
import { notifySuccess } from '../../ui/notify';
import { ErrorState } from '../../ui/states';
import { DocumentFields, documentsBody, NO_DOCUMENTS, type DocumentNumbers } from './documents';
import type { SalesOrder } from './types';
import { useOrderEvent } from './useOrderEvent';

/** Ships a fully allocated order: one shipment event of exactly the reserved lots. */
export function ShipOrderButton({ order }: { order: SalesOrder }) {
  const [opened, { open, close }] = useDisclosure(false);
  const ready = order.status === 'allocated';
  const button = (
    <Button color="green" leftSection={<IconTruckDelivery size={16} />} disabled={!ready} onClick={open}>
      Ship
    </Button>
  );
  return (
    <>
      {ready ? button : <Tooltip label="Every line must be allocated in full before the order can ship">{button}</Tooltip>}
      <Modal opened={opened} onClose={close} title={`Ship ${order.number}`}>
        <ShipForm order={order} onDone={close} />
      </Modal>
    </>
  );
}

function ShipForm({ order, onDone }: { order: SalesOrder; onDone: () => void }) {
  const [documents, setDocuments] = useState<DocumentNumbers>(NO_DOCUMENTS);
  const { mutation: ship, submit, errors } = useOrderEvent({
    body: () => ({ documents: documentsBody(documents) }),
    send: (body, key) => unwrap(api.POST('/api/v1/sales-orders/{id}/ship', { params: { path: { id: order.id }, header: { 'idempotency-key': key } }, body })),
    onRecorded: (shipped) => {
      const lots = new Set(shipped.shipment.lines.map(lotKey)).size;
      notifySuccess(`${order.number} shipped: ${lots} lot${lots === 1 ? '' : 's'} left ${order.location}.`, 'Shipment recorded');
      onDone();
    },
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {ship.isError && <ErrorState error={ship.error} title="The order was not shipped" />}
        <Text size="sm">
          {`Records one shipment of the ${order.allocations.length} reserved lot${order.allocations.length === 1 ? '' : 's'} from ${order.location} to ${order.customer}. The order number goes on the shipment; add the invoice and bill of lading if you have them.`}
        </Text>
        <DocumentFields value={documents} onChange={setDocuments} errors={errors} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Not now
          </Button>
          <Button type="submit" color="green" loading={ship.isPending} data-autofocus>
            Record shipment
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
