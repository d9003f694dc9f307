import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconClipboardList, IconFileTypePdf } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, download, unwrap } from '../../api/client';
import { formatDate, formatQuantity } from '../../ui/format';
import { ItemName } from '../../ui/ItemName';
import { LotLink } from '../../ui/LotLink';
import { notifyError } from '../../ui/notify';
import { ErrorState, Loading } from '../../ui/states';
import { StatusBadge } from '../../ui/StatusBadge';
import { orderKeys } from './queries';
import type { PickList } from './types';

const pdfUrl = (id: string) => `/api/v1/sales-orders/${encodeURIComponent(id)}/pick-list?format=pdf`;

/**
 * The pick list as the picker walks it: per line, lots in picking order (FEFO), in a modal with
 * the printable PDF. Anyone who can read the order can pick from it.
 */
export function PickListButton({ orderId, number }: { orderId: string; number: string }) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button variant="default" leftSection={<IconClipboardList size={16} />} onClick={open}>
        Pick list
      </Button>
      <Modal opened={opened} onClose={close} title={`Pick list ${number}`} size="xl">
        <PickListContent orderId={orderId} number={number} />
      </Modal>
    </>
  );
}

function PickListContent({ orderId, number }: { orderId: string; number: string }) {
  const query = useQuery({
    queryKey: orderKeys.pickList(orderId),
    // The route declares no JSON schema (the same URL serves the PDF): the shape is PickList.
    queryFn: async () => (await unwrap(api.GET('/api/v1/sales-orders/{id}/pick-list', { params: { path: { id: orderId }, query: { format: 'json' } } }))) as unknown as PickList,
  });
  const pdf = useMutation({
    mutationFn: () => download(pdfUrl(orderId), `pick-list-${number}.pdf`),
    onError: (error) => notifyError(error, 'The pick list PDF could not be downloaded'),
  });

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed">
          {query.data
            ? `${query.data.order.customer.name} · from ${query.data.order.location.name} · ship by ${formatDate(query.data.order.shipBy)}. Pick top to bottom: earliest expiry first.`
            : 'Pick top to bottom: earliest expiry first.'}
        </Text>
        <Button leftSection={<IconFileTypePdf size={16} />} loading={pdf.isPending} onClick={() => pdf.mutate()} data-autofocus>
          Download PDF
        </Button>
      </Group>
      {query.isPending && <Loading label="Loading the pick list…" />}
      {query.isError && <ErrorState error={query.error} title="The pick list could not be loaded" />}
      {query.data && <PickListTable pickList={query.data} />}
    </Stack>
  );
}

function PickListTable({ pickList }: { pickList: PickList }) {
  let step = 0;
  return (
    <>
      {!pickList.complete && (
        <Alert color="yellow" mb="sm">
          Not every line is reserved in full: allocate again when stock arrives, or pick what is listed.
        </Alert>
      )}
      <Table.ScrollContainer minWidth={760}>
        <Table striped aria-label="Pick list lots">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>#</Table.Th>
              <Table.Th>Item</Table.Th>
              <Table.Th>Lot</Table.Th>
              <Table.Th>Location</Table.Th>
              <Table.Th ta="right">Pick</Table.Th>
              <Table.Th>Expiry</Table.Th>
              <Table.Th>Sell by</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pickList.lines.flatMap((line) =>
              line.picks.length === 0
                ? [
                    <Table.Tr key={line.sku}>
                      <Table.Td />
                      <Table.Td>{line.sku}</Table.Td>
                      <Table.Td colSpan={6}>
                        <Text size="sm" c="dimmed">
                          {`Nothing reserved yet (${formatQuantity(line.ordered, line.uom)} ordered)`}
                        </Text>
                      </Table.Td>
                    </Table.Tr>,
                  ]
                : line.picks.map((p) => (
                    <Table.Tr key={`${line.sku}\u0000${p.lot}\u0000${p.location}`}>
                      <Table.Td>{++step}</Table.Td>
                      <Table.Td>
                        <ItemName sku={line.sku} name={line.name} />
                      </Table.Td>
                      <Table.Td>
                        <LotLink sku={line.sku} lot={p.lot} />
                      </Table.Td>
                      <Table.Td>{p.location}</Table.Td>
                      <Table.Td ta="right">{formatQuantity(p.quantity, line.uom)}</Table.Td>
                      <Table.Td>{formatDate(p.expiryDate)}</Table.Td>
                      <Table.Td>{formatDate(p.sellByDate)}</Table.Td>
                      <Table.Td>
                        <StatusBadge status={p.status} />
                      </Table.Td>
                    </Table.Tr>
                  )),
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
