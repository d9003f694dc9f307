import { TextInput } from '@mantine/core';
import { IconPackageImport } from '@tabler/icons-react';
import { api, unwrap } from '../../api/client';
import { useItems } from '../../api/master-data';
import { PartySelect } from '../../ui/pickers';
import { rowKey } from '../../ui/rows';
import { newDocument } from './DocumentsEditor';
import { LineEditor, type LineContext } from './LineEditor';
import { DateField, ItemField, LineField, LineFields, LotCodeField, QuantityField } from './LineFields';
import { fillDatedLine, isBlank, missingFields, type QuantityLine } from './lines';
import { headerBody, OperationForm, OperationPage, type EventHeader } from './OperationForm';
import { useOperationForm } from './useOperationForm';

interface ReceiptLine extends QuantityLine {
  expiryDate: string;
  productionDate: string;
  supplierLot: string;
}

interface ReceiptForm extends EventHeader {
  supplier: string | null;
  lines: ReceiptLine[];
}

const blankLine = (): ReceiptLine => ({ key: rowKey(), sku: null, lot: '', quantity: '', expiryDate: '', productionDate: '', supplierLot: '' });

const emptyForm = (): ReceiptForm => ({ supplier: null, location: null, time: null, documents: [newDocument('PO')], lines: [blankLine()] });

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
    ...headerBody(form),
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
    <OperationPage title="Receive" description="Record goods arriving from a supplier: one line per lot, scanned or typed." action="receive goods">
      <ReceiptFormView />
    </OperationPage>
  );
}

function ReceiptFormView() {
  const state = useOperationForm({
    initial: emptyForm,
    check,
    toBody,
    send: sendReceipt,
  });
  const { form, edit, errors, recording } = state;

  return (
    <OperationForm
      label="Receipt"
      state={state}
      party={<PartySelect role="supplier" label="Supplier" placeholder="Search suppliers" value={form.supplier} onChange={(supplier) => edit({ supplier })} error={errors.supplier} required />}
      locationPlaceholder="Where it arrived"
      documentType="invoice"
      failedTitle="The receipt was not recorded"
      submit={{ label: 'Record receipt', icon: <IconPackageImport size={18} /> }}
    >
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
        fill={fillDatedLine}
        errors={errors}
        renderRow={(line, context) => <ReceiptRow line={line} context={context} />}
      />
    </OperationForm>
  );
}

/** A lot received: its code as on the label, how much, its dates and the supplier's own lot code. */
function ReceiptRow({ line, context }: { line: ReceiptLine; context: LineContext<ReceiptLine> }) {
  const { bySku } = useItems();
  const shelfLife = line.sku ? bySku.get(line.sku)?.shelfLifeDays : null;
  return (
    <LineFields>
      <LineField span={4}>
        <ItemField line={line} context={context} />
      </LineField>
      <LineField span={4}>
        <LotCodeField line={line} context={context} placeholder="Lot code" />
      </LineField>
      <LineField span={4}>
        <QuantityField line={line} context={context} />
      </LineField>
      <LineField span={4}>
        <DateField line={line} context={context} field="expiryDate" label="Expiry date" description={shelfLife ? `Blank: production date + ${shelfLife} days` : undefined} />
      </LineField>
      <LineField span={4}>
        <DateField line={line} context={context} field="productionDate" label="Production date" />
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
}
