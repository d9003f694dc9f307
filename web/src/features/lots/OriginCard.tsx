import { Card, Divider, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api, unwrap } from '../../api/client';
import { useItems, usePartyNames } from '../../api/master-data';
import { DocumentBadges } from '../../ui/DocumentBadges';
import { formatQuantity, formatTime } from '../../ui/format';
import { LotLink } from '../../ui/LotLink';
import { QuantityCell } from '../../ui/QuantityCell';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { eventDocuments, linesOfLot } from './events';
import { lotKeys, type LedgerEvent, type Lot } from './queries';

// A lot is normally received or produced once; a few more cover top-up receipts of the same code.
const ORIGIN_EVENTS = 20;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="baseline">
      <Text size="sm" c="dimmed" w={110} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <div>{children}</div>
    </Group>
  );
}

function Supplier({ code }: { code: string }) {
  const name = usePartyNames([code]).get(code);
  return (
    <Text size="sm" fw={500}>
      {name ? `${name} (${code})` : code}
    </Text>
  );
}

function InputLots({ event, uomOf }: { event: LedgerEvent; uomOf: (sku: string) => string | undefined }) {
  const inputs = event.lines.filter((line) => line.movement === 'consumption');
  if (inputs.length === 0) return null;
  return (
    <Table verticalSpacing={2} aria-label="Input lots">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Input lot</Table.Th>
          <Table.Th ta="right">Used</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {inputs.map((line) => (
          <Table.Tr key={`${line.sku}\u0000${line.lot}\u0000${line.location}`}>
            <Table.Td>
              <LotLink sku={line.sku} lot={line.lot} showSku />
            </Table.Td>
            <QuantityCell value={-line.quantity} uom={uomOf(line.sku)} />
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Where the lot came from: the supplier and the receipt documents, or the production and its input lots. */
export function OriginCard({ lot, uom }: { lot: Lot; uom: string | undefined }) {
  const { bySku } = useItems();
  const movement = lot.origin === 'receipt' ? 'receipt' : 'production';
  const events = useQuery({
    queryKey: lotKeys.origin(lot.sku, lot.lot),
    queryFn: () => unwrap(api.GET('/api/v1/events', { params: { query: { sku: lot.sku, lot: lot.lot, type: lot.origin, order: 'asc', limit: ORIGIN_EVENTS } } })),
  });
  // A production event also lists the lots it consumed; only those that made this lot are its origin.
  const origins = (events.data?.items ?? []).filter((e) => linesOfLot(e, lot.sku, lot.lot).some((l) => l.movement === movement));

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="origin-title">
      <Title order={4} id="origin-title" mb="xs">
        Origin
      </Title>
      {lot.origin === 'receipt' && (
        <Stack gap={6}>
          <Field label="Supplier">{lot.supplier ? <Supplier code={lot.supplier} /> : <Text size="sm">—</Text>}</Field>
          <Field label="Supplier lot">
            <Text size="sm" ff="monospace">
              {lot.supplierLot ?? '—'}
            </Text>
          </Field>
        </Stack>
      )}
      <Divider my="sm" label={lot.origin === 'receipt' ? 'Received' : 'Produced from'} labelPosition="left" />
      {events.isPending ? (
        <Loading />
      ) : events.isError ? (
        <ErrorState error={events.error} title="The origin could not be loaded" />
      ) : origins.length === 0 ? (
        <Empty>No {movement} of this lot is recorded.</Empty>
      ) : (
        <Stack gap="sm">
          {origins.map((event) => {
            const quantity = linesOfLot(event, lot.sku, lot.lot).reduce((s, l) => s + l.quantity, 0);
            return (
              <Stack key={event.id} gap={4}>
                <Text size="sm">
                  {formatTime(event.time)} · {event.location} · <b>{formatQuantity(quantity, uom)}</b>
                </Text>
                <DocumentBadges documents={eventDocuments(event)} />
                {lot.origin === 'production' && <InputLots event={event} uomOf={(sku) => bySku.get(sku)?.uom} />}
              </Stack>
            );
          })}
        </Stack>
      )}
    </Card>
  );
}
