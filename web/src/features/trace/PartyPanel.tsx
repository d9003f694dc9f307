import { Anchor, Badge, Divider, Drawer, Group, Stack, Text, Title } from '@mantine/core';
import { IconMail, IconMapPin, IconPhone } from '@tabler/icons-react';
import { useMemo, type ReactNode } from 'react';
import { useParty } from '../../api/master-data';
import { DocumentBadges } from '../../ui/DocumentBadges';
import { formatQuantity, formatTime } from '../../ui/format';
import { LotLink } from '../../ui/LotLink';
import { PagedTable } from '../../ui/PagedTable';
import { ErrorState, Loading } from '../../ui/states';
import { uomLookup } from '../../ui/totals';
import { customerUom, type Party, type Trace } from './traceModel';

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
  const uom = customerUom(customer, uomLookup(trace.lots));
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
      <PagedTable
        rows={shipments}
        columns={[
          { header: 'Shipped', cell: (s) => formatTime(s.time) },
          { header: 'Lot', cell: (s) => <LotLink sku={s.sku} lot={s.lot} showSku /> },
          { header: 'Quantity', cell: (s) => formatQuantity(s.quantity, s.uom), numeric: true },
          { header: 'Documents', cell: (s) => <DocumentBadges documents={s.documents} /> },
        ]}
        rowKey={(s) => `${s.event} ${s.sku} ${s.lot}`}
        noun="shipments"
        empty="No shipment of a traced lot."
        minWidth={480}
      />
    </Stack>
  );
}

function SupplierDetails({ trace, code }: { trace: Trace; code: string }) {
  // The trace names its suppliers; their contact details live with the party.
  const party = useParty(code);
  const receipts = useMemo(() => trace.receipts.filter((r) => r.supplier === code), [trace, code]);
  const uomOf = useMemo(() => uomLookup(trace.lots), [trace]);
  return (
    <Stack>
      <Header name={receipts[0]?.supplierName ?? party.data?.name ?? code} code={code} />
      {party.isPending && <Loading label="Loading contact details…" />}
      {party.isError && <ErrorState error={party.error} title="Contact details could not be loaded" />}
      {party.data && <Contact email={party.data.email} phone={party.data.phone} address={party.data.address} />}
      <Divider label="Deliveries into the trace" labelPosition="left" />
      <PagedTable
        rows={receipts}
        columns={[
          { header: 'Received', cell: (r) => formatTime(r.time) },
          { header: 'Lot', cell: (r) => <LotLink sku={r.sku} lot={r.lot} showSku /> },
          { header: 'Supplier lot', cell: (r) => <Text ff="monospace" size="sm">{r.supplierLot ?? '—'}</Text> },
          { header: 'Quantity', cell: (r) => formatQuantity(r.quantity, uomOf(r)), numeric: true },
          { header: 'Documents', cell: (r) => <DocumentBadges documents={r.documents} /> },
        ]}
        rowKey={(r) => `${r.event} ${r.sku} ${r.lot}`}
        noun="receipts"
        empty="No delivery into the trace."
        minWidth={480}
      />
    </Stack>
  );
}
