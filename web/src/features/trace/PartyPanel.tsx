import { Anchor, Badge, Divider, Drawer, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconMail, IconMapPin, IconPhone } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import { api, unwrap } from '../../api/client';
import { formatQuantity, formatTime } from '../../ui/format';
import { LotLink } from '../../ui/LotLink';
import { ErrorState, Loading } from '../../ui/states';
import { Documents } from './TraceTables';
import { customerUom, uomLookup, type Party, type Trace } from './traceModel';

/** A customer's or supplier's contact details and what it received from or delivered into the trace. */
export function PartyPanel({ trace, party, onClose }: { trace: Trace; party: Party | null; onClose(): void }) {
  const title = party ? (party.kind === 'customer' ? 'Customer' : 'Supplier') : '';
  return (
    <Drawer opened={party !== null} onClose={onClose} position="right" size="lg" title={title}>
      {party?.kind === 'customer' && <CustomerDetails trace={trace} code={party.code} />}
      {party?.kind === 'supplier' && <SupplierDetails trace={trace} code={party.code} />}
    </Drawer>
  );
}

function Contact({ email, phone, address }: { email: string | null; phone: string | null; address: string | null }) {
  if (!email && !phone && !address) return <Text c="dimmed">No contact details on file.</Text>;
  return (
    <Stack gap={4}>
      {email && (
        <Group gap={6}>
          <IconMail size={16} />
          <Anchor href={`mailto:${email}`}>{email}</Anchor>
        </Group>
      )}
      {phone && (
        <Group gap={6}>
          <IconPhone size={16} />
          <Anchor href={`tel:${phone.replaceAll(' ', '')}`}>{phone}</Anchor>
        </Group>
      )}
      {address && (
        <Group gap={6} wrap="nowrap">
          <IconMapPin size={16} />
          <Text size="sm">{address}</Text>
        </Group>
      )}
    </Stack>
  );
}

function Header({ name, code, children }: { name: string; code: string; children?: ReactNode }) {
  return (
    <Stack gap={2}>
      <Title order={3}>{name}</Title>
      <Group gap="xs">
        <Text ff="monospace" c="dimmed" size="sm">
          {code}
        </Text>
        {children}
      </Group>
    </Stack>
  );
}

function CustomerDetails({ trace, code }: { trace: Trace; code: string }) {
  const customer = trace.customers.find((c) => c.code === code);
  const shipments = useMemo(() => trace.shipments.filter((s) => s.customer === code).sort((a, b) => b.time.localeCompare(a.time)), [trace, code]);
  if (!customer) return <Text c="dimmed">This customer is not in the trace.</Text>;
  const uom = customerUom(customer, uomLookup(trace));
  return (
    <Stack>
      <Header name={customer.name} code={customer.code}>
        <Badge variant="light">shipped {formatQuantity(customer.quantity, uom)}</Badge>
        {customer.returned > 0 && (
          <Badge variant="light" color="yellow">
            returned {formatQuantity(customer.returned, uom)}
          </Badge>
        )}
      </Header>
      <Contact email={customer.email} phone={customer.phone} address={customer.address} />
      <Divider label="Shipments of traced lots" labelPosition="left" />
      <Table.ScrollContainer minWidth={480}>
        <Table verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Shipped</Table.Th>
              <Table.Th>Lot</Table.Th>
              <Table.Th ta="right">Quantity</Table.Th>
              <Table.Th>Documents</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shipments.map((s) => (
              <Table.Tr key={`${s.event} ${s.sku} ${s.lot}`}>
                <Table.Td>{formatTime(s.time)}</Table.Td>
                <Table.Td>
                  <LotLink sku={s.sku} lot={s.lot} showSku />
                </Table.Td>
                <Table.Td ta="right">{formatQuantity(s.quantity, s.uom)}</Table.Td>
                <Table.Td>
                  <Documents documents={s.documents} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function SupplierDetails({ trace, code }: { trace: Trace; code: string }) {
  // The trace names its suppliers; their contact details live with the party.
  const party = useQuery({ queryKey: ['party', code], queryFn: () => unwrap(api.GET('/api/v1/parties/{code}', { params: { path: { code } } })) });
  const receipts = useMemo(() => trace.receipts.filter((r) => r.supplier === code), [trace, code]);
  const uomOf = useMemo(() => uomLookup(trace), [trace]);
  return (
    <Stack>
      <Header name={receipts[0]?.supplierName ?? party.data?.name ?? code} code={code} />
      {party.isPending && <Loading label="Loading contact details…" />}
      {party.isError && <ErrorState error={party.error} title="Contact details could not be loaded" />}
      {party.data && <Contact email={party.data.email} phone={party.data.phone} address={party.data.address} />}
      <Divider label="Deliveries into the trace" labelPosition="left" />
      <Table.ScrollContainer minWidth={480}>
        <Table verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Received</Table.Th>
              <Table.Th>Lot</Table.Th>
              <Table.Th>Supplier lot</Table.Th>
              <Table.Th ta="right">Quantity</Table.Th>
              <Table.Th>Documents</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {receipts.map((r) => (
              <Table.Tr key={`${r.event} ${r.sku} ${r.lot}`}>
                <Table.Td>{formatTime(r.time)}</Table.Td>
                <Table.Td>
                  <LotLink sku={r.sku} lot={r.lot} showSku />
                </Table.Td>
                <Table.Td ff="monospace">{r.supplierLot ?? '—'}</Table.Td>
                <Table.Td ta="right">{formatQuantity(r.quantity, uomOf(r))}</Table.Td>
                <Table.Td>
                  <Documents documents={r.documents} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
