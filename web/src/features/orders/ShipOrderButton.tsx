import { Button, Group, Modal, Stack, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconTruckDelivery } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { notifySuccess } from '../../ui/notify';
import { ErrorState } from '../../ui/states';
import { DocumentFields, documentsBody, NO_DOCUMENTS, type DocumentNumbers } from './documents';
import { invalidateAfterOrderChange } from './queries';
import { fieldErrors, useIdempotencyKey } from './submission';
import type { SalesOrder } from './types';

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
  const idempotency = useIdempotencyKey();
  const queryClient = useQueryClient();
  const ship = useMutation({
    mutationFn: () => {
      const body = { documents: documentsBody(documents) };
      return unwrap(
        api.POST('/api/v1/sales-orders/{id}/ship', { params: { path: { id: order.id }, header: { 'idempotency-key': idempotency.keyFor(body) } }, body }),
      );
    },
    onSuccess: async (shipped) => {
      idempotency.done();
      const lots = new Set(shipped.shipment.lines.map((l) => `${l.sku}\u0000${l.lot}`)).size;
      notifySuccess(`${order.number} shipped: ${lots} lot${lots === 1 ? '' : 's'} left ${order.location}.`, 'Shipment recorded');
      await invalidateAfterOrderChange(queryClient);
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    ship.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {ship.isError && <ErrorState error={ship.error} title="The order was not shipped" />}
        <Text size="sm">
          {`Records one shipment of the ${order.allocations.length} reserved lot${order.allocations.length === 1 ? '' : 's'} from ${order.location} to ${order.customer}. The order number goes on the shipment; add the invoice and bill of lading if you have them.`}
        </Text>
        <DocumentFields value={documents} onChange={setDocuments} errors={fieldErrors(ship.error)} />
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
