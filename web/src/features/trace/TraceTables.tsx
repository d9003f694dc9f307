import { Anchor, Badge, Group, Stack, Tabs, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconCheck, IconScale } from '@tabler/icons-react';
import { useCallback, useMemo } from 'react';
import { ContactLinks } from '../../ui/ContactLinks';
import { DocumentBadges } from '../../ui/DocumentBadges';
import { formatDate, formatQuantity, formatTime } from '../../ui/format';
import { LotLink } from '../../ui/LotLink';
import { PagedTable, type Column } from '../../ui/PagedTable';
import { StatusBadge } from '../../ui/StatusBadge';
import { StockByLocation } from '../../ui/StockByLocation';
import { uomLookup } from '../../ui/totals';
import {
  customerUom,
  type CustomerExposure,
  type Party,
  type Trace,
  type TraceLot,
  type TraceReceipt,
  type TraceShipment,
} from './traceModel';

export const SECTIONS = ['lots', 'customers', 'shipments', 'receipts', 'links', 'stock'] as const;
export type Section = (typeof SECTIONS)[number];

export function parseSection(value: string | null): Section {
  return SECTIONS.find((s) => s === value) ?? 'lots';
}

type Link = Trace['links'][number];
type StockLine = Trace['onHand'][number];

/** Every lot, link, receipt, shipment, customer and stock line of the trace, in tables. */
export function TraceTables({
  trace,
  section,
  onSection,
  showParty,
}: {
  trace: Trace;
  section: Section;
  onSection(section: Section): void;
  showParty(party: Party): void;
}) {
  const uomOf = useMemo(() => uomLookup(trace.lots), [trace]);
  const customerNames = useMemo(() => new Map(trace.customers.map((c) => [c.code, c.name])), [trace]);
  const columns = useMemo(() => tableColumns(uomOf, customerNames, showParty), [uomOf, customerNames, showParty]);
  const customers = useMemo(() => [...trace.customers].sort((a, b) => b.quantity - a.quantity || a.name.localeCompare(b.name)), [trace]);
  const lots = useMemo(() => [...trace.lots].sort((a, b) => a.depth - b.depth || a.sku.localeCompare(b.sku) || a.lot.localeCompare(b.lot)), [trace]);
  const shipments = useMemo(() => [...trace.shipments].sort((a, b) => b.time.localeCompare(a.time)), [trace]);
  const shipmentText = useCallback(
    (s: TraceShipment) => `${s.customer} ${customerNames.get(s.customer) ?? ''} ${s.sku} ${s.lot} ${documentText(s)}`,
    [customerNames],
  );
  const stock = useMemo(() => [...trace.onHand].sort((a, b) => a.location.localeCompare(b.location) || a.sku.localeCompare(b.sku) || a.lot.localeCompare(b.lot)), [trace]);

  const tab = (value: Section, label: string, count: number) => (
    <Tabs.Tab value={value}>
      {label} ({count})
    </Tabs.Tab>
  );
  return (
    <Tabs value={section} onChange={(value) => value && onSection(value as Section)} keepMounted={false}>
      <Tabs.List mb="sm">
        {tab('lots', 'Lots', trace.lots.length)}
        {tab('customers', 'Customers', trace.customers.length)}
        {tab('shipments', 'Shipments', trace.shipments.length)}
        {tab('receipts', 'Supplier receipts', trace.receipts.length)}
        {tab('links', 'Links', trace.links.length)}
        {tab('stock', 'On hand', trace.onHand.length)}
      </Tabs.List>
      <Tabs.Panel value="lots">
        <PagedTable rows={lots} columns={columns.lots} rowKey={lotRowKey} searchText={lotRowKey} noun="lots" label="Traced lots" empty="No lots in this trace." />
      </Tabs.Panel>
      <Tabs.Panel value="customers">
        <PagedTable
          rows={customers}
          columns={columns.customers}
          rowKey={customerKey}
          searchText={customerText}
          noun="customers"
          label="Customers"
          empty="No customers in this trace."
          minWidth={900}
        />
      </Tabs.Panel>
      <Tabs.Panel value="shipments">
        <PagedTable
          rows={shipments}
          columns={columns.shipments}
          rowKey={eventKey}
          searchText={shipmentText}
          noun="shipments"
          label="Shipments"
          empty="No shipments in this trace."
          minWidth={900}
        />
      </Tabs.Panel>
      <Tabs.Panel value="receipts">
        <PagedTable
          rows={trace.receipts}
          columns={columns.receipts}
          rowKey={eventKey}
          searchText={receiptText}
          noun="receipts"
          label="Supplier receipts"
          empty="No receipts in this trace."
          minWidth={900}
        />
      </Tabs.Panel>
      <Tabs.Panel value="links">
        <PagedTable rows={trace.links} columns={columns.links} rowKey={linkKey} searchText={linkKey} noun="links" label="Links" empty="No links in this trace." />
      </Tabs.Panel>
      <Tabs.Panel value="stock">
        <StockByLocation lines={stock.map((line) => ({ ...line, uom: uomOf(line) }))} />
        <PagedTable rows={stock} columns={columns.stock} rowKey={stockKey} searchText={stockKey} noun="stock lines" label="On hand" empty="No stock lines in this trace." />
      </Tabs.Panel>
    </Tabs>
  );
}

const lotRowKey = (l: { sku: string; lot: string }) => `${l.sku} ${l.lot}`;
const customerKey = (c: CustomerExposure) => c.code;
const customerText = (c: CustomerExposure) => `${c.code} ${c.name} ${c.email ?? ''} ${c.phone ?? ''} ${c.lots.map(lotRowKey).join(' ')}`;
const eventKey = (e: { event: string; sku: string; lot: string }) => `${e.event} ${e.sku} ${e.lot}`;
const receiptText = (r: TraceReceipt) => `${r.supplier} ${r.supplierName} ${r.sku} ${r.lot} ${r.supplierLot ?? ''} ${documentText(r)}`;
const linkKey = (l: Link) => `${l.event} ${lotRowKey(l.from)} ${lotRowKey(l.to)}`;
const stockKey = (s: StockLine) => `${s.location} ${s.sku} ${s.lot}`;
const documentText = (row: { documents: { type: string; number: string }[] }) => row.documents.map((d) => `${d.type} ${d.number}`).join(' ');

function PartyLink({ party, name, onOpen }: { party: Party; name: string; onOpen(party: Party): void }) {
  return (
    <Stack gap={0}>
      <Anchor component="button" size="sm" ta="left" onClick={() => onOpen(party)}>
        {name}
      </Anchor>
      <Text size="xs" c="dimmed" ff="monospace">
        {party.code}
      </Text>
    </Stack>
  );
}

function tableColumns(uomOf: (ref: { sku: string; lot: string }) => string, customerNames: Map<string, string>, showParty: (party: Party) => void) {
  const lots: Column<TraceLot>[] = [
    { header: 'Lot', cell: (l) => <LotLink sku={l.sku} lot={l.lot} showSku /> },
    { header: 'Direction', cell: (l) => (l.side === 'root' ? <Badge size="sm">traced lot</Badge> : l.side === 'both' ? 'both ways' : l.side) },
    { header: 'Depth', cell: (l) => l.depth, numeric: true },
    { header: 'Status', cell: (l) => <StatusBadge status={l.status} /> },
    { header: 'Origin', cell: (l) => (l.origin === 'receipt' ? `received from ${l.supplier ?? '—'}${l.supplierLot ? ` (lot ${l.supplierLot})` : ''}` : `produced ${formatDate(l.productionDate)}`) },
    { header: 'Expiry', cell: (l) => formatDate(l.expiryDate) },
    { header: 'On hand', cell: (l) => formatQuantity(l.onHand, l.uom), numeric: true },
    {
      header: 'Mass balance',
      cell: (l) =>
        l.massBalance.closes ? (
          <ThemeIcon size="sm" color="green" variant="light" aria-label="closes">
            <IconCheck size={14} />
          </ThemeIcon>
        ) : (
          <Tooltip label="received + produced + returned ± adjusted ≠ consumed + shipped + written off + returned to supplier + on hand">
            <Badge color="red" variant="light" leftSection={<IconScale size={12} />} tt="none">
              off by {formatQuantity(l.massBalance.difference, l.uom)}
            </Badge>
          </Tooltip>
        ),
    },
  ];
  const customers: Column<CustomerExposure>[] = [
    { header: 'Customer', cell: (c) => <PartyLink party={{ kind: 'customer', code: c.code }} name={c.name} onOpen={showParty} /> },
    { header: 'Contact', cell: (c) => <ContactLinks email={c.email} phone={c.phone} missing={<Text c="dimmed">—</Text>} /> },
    { header: 'Shipped', cell: (c) => formatQuantity(c.quantity, customerUom(c, uomOf)), numeric: true },
    { header: 'Returned', cell: (c) => (c.returned > 0 ? formatQuantity(c.returned, customerUom(c, uomOf)) : '—'), numeric: true },
    {
      header: 'Lots received',
      cell: (c) => (
        <Stack gap={0}>
          {c.lots.map((l) => (
            <Group key={lotRowKey(l)} gap={6} wrap="nowrap">
              <LotLink sku={l.sku} lot={l.lot} showSku />
              <Text size="xs" c="dimmed">
                {formatQuantity(l.shipped, uomOf(l))}
              </Text>
            </Group>
          ))}
        </Stack>
      ),
    },
  ];
  const shipments: Column<TraceShipment>[] = [
    { header: 'Shipped', cell: (s) => formatTime(s.time) },
    { header: 'Customer', cell: (s) => <PartyLink party={{ kind: 'customer', code: s.customer }} name={customerNames.get(s.customer) ?? s.customer} onOpen={showParty} /> },
    { header: 'Lot', cell: (s) => <LotLink sku={s.sku} lot={s.lot} showSku /> },
    { header: 'From', cell: (s) => s.location },
    { header: 'Quantity', cell: (s) => formatQuantity(s.quantity, s.uom), numeric: true },
    { header: 'Documents', cell: (s) => <DocumentBadges documents={s.documents} /> },
  ];
  const receipts: Column<TraceReceipt>[] = [
    { header: 'Received', cell: (r) => formatTime(r.time) },
    { header: 'Supplier', cell: (r) => <PartyLink party={{ kind: 'supplier', code: r.supplier }} name={r.supplierName} onOpen={showParty} /> },
    { header: 'Lot', cell: (r) => <LotLink sku={r.sku} lot={r.lot} showSku /> },
    { header: 'Supplier lot', cell: (r) => <Text ff="monospace" size="sm">{r.supplierLot ?? '—'}</Text> },
    { header: 'Into', cell: (r) => r.location },
    { header: 'Quantity', cell: (r) => formatQuantity(r.quantity, uomOf(r)), numeric: true },
    { header: 'Documents', cell: (r) => <DocumentBadges documents={r.documents} /> },
  ];
  const links: Column<Link>[] = [
    { header: 'From', cell: (l) => <LotLink sku={l.from.sku} lot={l.from.lot} showSku /> },
    { header: 'Into', cell: (l) => <LotLink sku={l.to.sku} lot={l.to.lot} showSku /> },
    { header: 'Quantity used', cell: (l) => formatQuantity(l.quantity, uomOf(l.from)), numeric: true },
    { header: 'Event', cell: (l) => <Text ff="monospace" size="xs" c="dimmed">{l.event}</Text> },
  ];
  const stock: Column<StockLine>[] = [
    { header: 'Location', cell: (s) => s.location },
    { header: 'Lot', cell: (s) => <LotLink sku={s.sku} lot={s.lot} showSku /> },
    { header: 'Status', cell: (s) => <StatusBadge status={s.status} /> },
    { header: 'Quantity', cell: (s) => formatQuantity(s.quantity, uomOf(s)), numeric: true },
  ];
  return { lots, customers, shipments, receipts, links, stock };
}
