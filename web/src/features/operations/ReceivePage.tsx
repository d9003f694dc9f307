import { Button, Divider, Paper, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { IconPackageImport } from '@tabler/icons-react';
import { api, unwrap } from '../../api/client';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorState } from '../../ui/states';
import { LocationSelect, PartySelect } from '../orders/pickers';
import { useItems } from '../orders/queries';
import { CalendarDateInput, EventTimeInput, eventTimeBody } from './DateFields';
import { DocumentsEditor, documentsBody, newDocument, type DocumentRow } from './DocumentsEditor';
import { ItemField, LineEditor, LineField, LineFields, QuantityField } from './LineEditor';
import { isBlank, lineKey, missingFields, type KeyedLine } from './lines';
import { RecordedEvent } from './RecordedEvent';
import type { Scanned } from './scan';
import { useOperationForm } from './useOperationForm';
import { SubmitBar } from './SubmitBar';
import { WarehouseOnly } from './WarehouseOnly';

interface ReceiptLine extends KeyedLine {
  quantity: number | string;
  expiryDate: string;
  productionDate: string;
  supplierLot: string;
}

interface ReceiptForm {
  supplier: string | null;
  location: string | null;
  time: string | null;
  documents: DocumentRow[];
  lines: ReceiptLine[];
}

const blankLine = (): ReceiptLine => ({ key: lineKey(), sku: null, lot: '', quantity: '', expiryDate: '', productionDate: '', supplierLot: '' });

const emptyForm = (): ReceiptForm => ({ supplier: null, location: null, time: null, documents: [newDocument('PO')], lines: [blankLine()] });

/** A scan fills what it carries and leaves what the worker already typed for the rest. */
function fillFromScan(line: ReceiptLine, s: Scanned): ReceiptLine {
  return {
    ...line,
    sku: s.sku ?? line.sku,
    lot: s.lot ?? line.lot,
    quantity: s.quantity ?? line.quantity,
    expiryDate: s.expiryDate ?? line.expiryDate,
    productionDate: s.productionDate ?? line.productionDate,
  };
}

function check(form: ReceiptForm): Record<string, string> {
  const errors = missingFields(form.lines, 'lines', [
    { field: 'sku', missing: (l) => l.sku === null, message: 'Choose the item, or scan its barcode' },
    { field: 'lot', missing: (l) => l.lot.trim() === '', message: 'Enter the lot code' },
    { field: 'quantity', missing: (l) => isBlank(l.quantity), message: 'Enter the quantity received' },
  ]);
  if (!form.supplier) errors.supplier = 'Choose the supplier';
  if (!form.location) errors.location = 'Choose where the goods arrived';
  return errors;
}

function toBody(form: ReceiptForm) {
  return {
    supplier: form.supplier ?? '',
    location: form.location ?? '',
    time: eventTimeBody(form.time),
    documents: documentsBody(form.documents),
    lines: form.lines.map((l) => ({
      sku: l.sku ?? '',
      lot: l.lot.trim(),
      quantity: Number(l.quantity),
      expiryDate: l.expiryDate || undefined,
      productionDate: l.productionDate || undefined,
      supplierLot: l.supplierLot.trim() || undefined,
    })),
  };
}

type ReceiptBody = ReturnType<typeof toBody>;

const sendReceipt = (body: ReceiptBody, key: string) => unwrap(api.POST('/api/v1/receipts', { params: { header: { 'idempotency-key': key } }, body }));

/** Goods in from a supplier: scan or type each lot, its quantity and dates, and record the receipt. */
export function ReceivePage() {
  return (
    <>
      <PageHeader title="Receive" description="Record goods arriving from a supplier: one line per lot, scanned or typed." />
      <WarehouseOnly action="receive goods">
        <ReceiptFormView />
      </WarehouseOnly>
    </>
  );
}

function ReceiptFormView() {
  const { bySku } = useItems();
  const { form, edit, onSubmit, errors, missing, recording } = useOperationForm({
    initial: emptyForm,
    // The next delivery most likely arrives at the same place.
    afterRecorded: (previous) => ({ ...emptyForm(), location: previous.location }),
    check,
    toBody,
    send: sendReceipt,
  });

  return (
    <Stack gap="md">
      {recording.recorded && <RecordedEvent event={recording.recorded} />}
      <Paper withBorder p="md" radius="sm" component="form" onSubmit={onSubmit} aria-label="Receipt" noValidate>
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <PartySelect role="supplier" label="Supplier" placeholder="Search suppliers" value={form.supplier} onChange={(supplier) => edit({ supplier })} error={errors.supplier} required />
            <LocationSelect searchable label="Location" placeholder="Where it arrived" value={form.location} onChange={(location) => edit({ location })} error={errors.location} required />
            <EventTimeInput value={form.time} onChange={(time) => edit({ time })} error={errors.time} />
          </SimpleGrid>
          <LineEditor
            key={recording.count}
            title="Lines"
            rowLabel="Line"
            path="lines"
            scanLabel="Scan"
            autoFocusScan
            lines={form.lines}
            onChange={(change) => edit((form) => ({ lines: change(form.lines) }))}
            blank={blankLine}
            fill={fillFromScan}
            errors={errors}
            renderRow={(line, context) => {
              const shelfLife = line.sku ? bySku.get(line.sku)?.shelfLifeDays : null;
              return (
                <LineFields>
                  <LineField span={4}>
                    <ItemField line={line} context={context} />
                  </LineField>
                  <LineField span={4}>
                    <TextInput
                      label="Lot"
                      aria-label={`Lot, ${context.name}`}
                      placeholder="Lot code"
                      value={line.lot}
                      onChange={(e) => context.update({ lot: e.currentTarget.value })}
                      error={context.error('lot')}
                      autoComplete="off"
                    />
                  </LineField>
                  <LineField span={4}>
                    <QuantityField line={line} context={context} />
                  </LineField>
                  <LineField span={4}>
                    <CalendarDateInput
                      label="Expiry date"
                      aria-label={`Expiry date, ${context.name}`}
                      description={shelfLife ? `Blank: production date + ${shelfLife} days` : undefined}
                      value={line.expiryDate}
                      onChange={(expiryDate) => context.update({ expiryDate })}
                      error={context.error('expiryDate')}
                    />
                  </LineField>
                  <LineField span={4}>
                    <CalendarDateInput
                      label="Production date"
                      aria-label={`Production date, ${context.name}`}
                      value={line.productionDate}
                      onChange={(productionDate) => context.update({ productionDate })}
                      error={context.error('productionDate')}
                    />
                  </LineField>
                  <LineField span={4}>
                    <TextInput
                      label="Supplier lot"
                      aria-label={`Supplier lot, ${context.name}`}
                      placeholder="As on the supplier's label"
                      value={line.supplierLot}
                      onChange={(e) => context.update({ supplierLot: e.currentTarget.value })}
                      error={context.error('supplierLot')}
                      autoComplete="off"
                    />
                  </LineField>
                </LineFields>
              );
            }}
          />
          <Divider />
          <DocumentsEditor rows={form.documents} onChange={(documents) => edit({ documents })} errors={errors} defaultType="invoice" />
          {recording.error && <ErrorState error={recording.error} title="The receipt was not recorded" />}
          <SubmitBar missing={missing}>
            <Button type="submit" leftSection={<IconPackageImport size={18} />} loading={recording.pending}>
              Record receipt
            </Button>
          </SubmitBar>
        </Stack>
      </Paper>
    </Stack>
  );
}
