import { ActionIcon, Button, Grid, Group, Text, TextInput } from '@mantine/core';
import { IconPackageImport, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useItems } from '../../api/master-data';
import { formatQuantity } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { ItemSelect } from '../../ui/pickers';
import { QuantityInput } from '../../ui/QuantityInput';
import { rowKey, updateRow, withoutRow, type Keyed } from '../../ui/rows';
import { DocumentFields, documentsBody, NO_DOCUMENTS, type DocumentNumbers } from './documents';
import { OrderActionCard } from './OrderActionCard';
import type { PurchaseOrder } from './types';
import { useOrderEvent } from './useOrderEvent';
import { useScanFocus } from './useScanFocus';

interface ReceiptLine extends Keyed {
  sku: string | null;
  lot: string;
  quantity: number | string;
  expiryDate: string;
  supplierLot: string;
}

const receiptLine = (sku: string | null, quantity: number | string): ReceiptLine => ({ key: rowKey(), sku, lot: '', quantity, expiryDate: '', supplierLot: '' });

/**
 * A delivery against the order: one row per lot that arrived. Rows start as what is still
 * outstanding, so a full delivery needs only lot codes; a partial one changes the quantities.
 */
export function ReceiveForm({ order }: { order: PurchaseOrder }) {
  const outstanding = order.lines.filter((l) => l.outstanding > 0);
  const [lines, setLines] = useState<ReceiptLine[]>(() => outstanding.map((l) => receiptLine(l.sku, l.outstanding)));
  const [documents, setDocuments] = useState<DocumentNumbers>(NO_DOCUMENTS);
  const scanRef = useScanFocus();
  const { bySku } = useItems();
  const skus = order.lines.map((l) => l.sku);

  const { mutation, submit, errors } = useOrderEvent({
    check: () => {
      const errors: Record<string, string> = {};
      if (lines.length === 0) errors.lines = 'Add the lots that arrived';
      lines.forEach((l, i) => {
        if (!l.sku) errors[`lines.${i}.sku`] = 'Choose an item';
        if (!l.lot.trim()) errors[`lines.${i}.lot`] = 'Enter or scan the lot code';
        if (l.quantity === '') errors[`lines.${i}.quantity`] = 'Enter a quantity';
      });
      return errors;
    },
    body: () => ({
      documents: documentsBody(documents),
      lines: lines.map((l) => ({
        sku: l.sku ?? '',
        lot: l.lot.trim(),
        quantity: Number(l.quantity),
        expiryDate: l.expiryDate || undefined,
        supplierLot: l.supplierLot.trim() || undefined,
      })),
    }),
    send: (body, key) => unwrap(api.POST('/api/v1/purchase-orders/{id}/receive', { params: { path: { id: order.id }, header: { 'idempotency-key': key } }, body })),
    onRecorded: (result) => {
      const lots = result.receipt.lines.map((l) => `${formatQuantity(l.quantity, bySku.get(l.sku)?.uom)} ${l.sku} as lot ${l.lot}`);
      notifySuccess(`${lots.join('; ')}. ${order.number} is ${result.order.status.replaceAll('_', ' ')}.`, 'Receipt recorded');
    },
  });

  return (
    <OrderActionCard
      title="Receive goods"
      description={`One row per lot that arrived from ${order.supplier}. Rows start with what is still outstanding; lower a quantity for a partial delivery.`}
      onSubmit={submit}
      mutation={mutation}
      failedTitle="The receipt was not recorded"
      submit={{ label: 'Record receipt', icon: <IconPackageImport size={16} /> }}
    >
      {lines.map((line, i) => {
        const first = i === 0;
        const field = (name: string) => errors[`lines.${i}.${name}`];
        const update = (patch: Partial<ReceiptLine>) => setLines((ls) => updateRow(ls, line.key, patch));
        return (
          <Grid key={line.key} gap="xs" align="flex-start">
            <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
              <ItemSelect only={skus} label={first ? 'Item' : undefined} aria-label={`Item, line ${i + 1}`} value={line.sku} onChange={(sku) => update({ sku })} error={field('sku')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
              <TextInput
                label={first ? 'Lot' : undefined}
                aria-label={`Lot, line ${i + 1}`}
                placeholder="Scan or type"
                ref={first ? scanRef : undefined}
                value={line.lot}
                onChange={(e) => update({ lot: e.currentTarget.value })}
                error={field('lot')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 4, md: 2 }}>
              <QuantityInput
                label={first ? 'Quantity' : undefined}
                aria-label={`Quantity, line ${i + 1}`}
                value={line.quantity}
                onChange={(quantity) => update({ quantity })}
                uom={line.sku ? bySku.get(line.sku)?.uom : undefined}
                error={field('quantity')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 4, md: 2 }}>
              <TextInput
                type="date"
                label={first ? 'Expiry date' : undefined}
                aria-label={`Expiry date, line ${i + 1}`}
                value={line.expiryDate}
                onChange={(e) => update({ expiryDate: e.currentTarget.value })}
                error={field('expiryDate')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 10, sm: 3, md: 2 }}>
              <TextInput
                label={first ? 'Supplier lot' : undefined}
                aria-label={`Supplier lot, line ${i + 1}`}
                value={line.supplierLot}
                onChange={(e) => update({ supplierLot: e.currentTarget.value })}
                error={field('supplierLot')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 2, sm: 1, md: 1 }} pt={first ? 30 : 4}>
              <ActionIcon variant="subtle" color="gray" aria-label={`Remove line ${i + 1}`} onClick={() => setLines((ls) => withoutRow(ls, line.key))}>
                <IconTrash size={16} />
              </ActionIcon>
            </Grid.Col>
          </Grid>
        );
      })}
      {errors.lines && (
        <Text c="red" size="xs">
          {errors.lines}
        </Text>
      )}
      <Group>
        <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => setLines((ls) => [...ls, receiptLine(outstanding[0]?.sku ?? null, '')])}>
          Add a lot
        </Button>
      </Group>
      <DocumentFields value={documents} onChange={setDocuments} errors={errors} />
    </OrderActionCard>
  );
}
