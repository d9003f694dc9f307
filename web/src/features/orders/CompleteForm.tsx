import { ActionIcon, Button, Grid, Group, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconBuildingFactory2, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useItems } from '../../api/master-data';
import { formatQuantity } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { ItemSelect } from '../../ui/pickers';
import { QuantityInput } from '../../ui/QuantityInput';
import { rowKey, updateRow, withoutRow, type Keyed } from '../../ui/rows';
import { OrderActionCard } from './OrderActionCard';
import type { ProductionOrder } from './types';
import { useOrderEvent } from './useOrderEvent';
import { useScanFocus } from './useScanFocus';

interface InputLine extends Keyed {
  sku: string | null;
  lot: string;
  quantity: number | string;
}

/**
 * Records the batch: the output lot and how much was made. The reserved lots are consumed as
 * planned unless "what was really used" is switched on; its rows start from the reservations.
 */
export function CompleteForm({ order, onCompleted }: { order: ProductionOrder; onCompleted: (lot: string) => void }) {
  const [lot, setLot] = useState('');
  const [quantity, setQuantity] = useState<number | string>(order.quantity);
  const [productionDate, setProductionDate] = useState('');
  const [expiryDate, setExpiryDate] = useState('');
  const [override, setOverride] = useState(false);
  const [inputs, setInputs] = useState<InputLine[]>(() => order.allocations.map((a) => ({ key: rowKey(), sku: a.sku, lot: a.lot, quantity: a.quantity })));
  const scanRef = useScanFocus();
  const { bySku } = useItems();
  const uom = bySku.get(order.sku)?.uom;

  const { mutation, submit, errors } = useOrderEvent({
    check: () => {
      const errors: Record<string, string> = {};
      if (!lot.trim()) errors.lot = 'Enter or scan the output lot code';
      if (quantity === '') errors.quantity = 'Enter how much was made';
      if (override) {
        if (inputs.length === 0) errors.inputs = 'Add the lots that were used';
        inputs.forEach((l, i) => {
          if (!l.sku) errors[`inputs.${i}.sku`] = 'Choose an item';
          if (!l.lot.trim()) errors[`inputs.${i}.lot`] = 'Enter the lot used';
          if (l.quantity === '') errors[`inputs.${i}.quantity`] = 'Enter a quantity';
        });
      }
      return errors;
    },
    body: () => ({
      lot: lot.trim(),
      quantity: Number(quantity),
      productionDate: productionDate || undefined,
      expiryDate: expiryDate || undefined,
      inputs: override ? inputs.map((i) => ({ sku: i.sku ?? '', lot: i.lot.trim(), quantity: Number(i.quantity) })) : undefined,
    }),
    send: (body, key) => unwrap(api.POST('/api/v1/production-orders/{id}/complete', { params: { path: { id: order.id }, header: { 'idempotency-key': key } }, body })),
    onRecorded: (result) => {
      notifySuccess(`${formatQuantity(result.order.produced, uom)} of ${order.sku} made as lot ${lot.trim()}; ${order.number} is completed.`, 'Batch recorded');
      onCompleted(lot.trim());
    },
  });
  const inputSkus = order.inputs.map((i) => i.sku);

  return (
    <OrderActionCard
      title="Complete the batch"
      description="Records the production event: the reserved input lots are consumed into the new output lot."
      onSubmit={submit}
      mutation={mutation}
      failedTitle="The batch was not recorded"
      submit={{ label: 'Record batch', icon: <IconBuildingFactory2 size={16} /> }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
        <TextInput label="Output lot" placeholder="Scan or type" required ref={scanRef} value={lot} onChange={(e) => setLot(e.currentTarget.value)} error={errors.lot} />
        <QuantityInput label="Quantity made" required value={quantity} onChange={setQuantity} uom={uom} error={errors.quantity} />
        <TextInput label="Production date" type="date" description="Default: today" value={productionDate} onChange={(e) => setProductionDate(e.currentTarget.value)} error={errors.productionDate} />
        <TextInput label="Expiry date" type="date" description="Default: from the item's shelf life" value={expiryDate} onChange={(e) => setExpiryDate(e.currentTarget.value)} error={errors.expiryDate} />
      </SimpleGrid>
      <Switch label="Record what was really used instead of the reserved lots" checked={override} onChange={(e) => setOverride(e.currentTarget.checked)} />
      {override && (
        <Stack gap="xs" role="group" aria-label="Inputs used">
          {inputs.map((line, i) => {
            const update = (patch: Partial<InputLine>) => setInputs((ls) => updateRow(ls, line.key, patch));
            return (
              <Grid key={line.key} gap="xs" align="flex-start">
                <Grid.Col span={{ base: 12, sm: 5 }}>
                  <ItemSelect only={inputSkus} aria-label={`Input item, line ${i + 1}`} value={line.sku} onChange={(sku) => update({ sku })} error={errors[`inputs.${i}.sku`]} />
                </Grid.Col>
                <Grid.Col span={{ base: 6, sm: 3 }}>
                  <TextInput aria-label={`Input lot, line ${i + 1}`} placeholder="Lot" value={line.lot} onChange={(e) => update({ lot: e.currentTarget.value })} error={errors[`inputs.${i}.lot`]} />
                </Grid.Col>
                <Grid.Col span={{ base: 5, sm: 3 }}>
                  <QuantityInput
                    aria-label={`Input quantity, line ${i + 1}`}
                    value={line.quantity}
                    onChange={(q) => update({ quantity: q })}
                    uom={line.sku ? bySku.get(line.sku)?.uom : undefined}
                    error={errors[`inputs.${i}.quantity`]}
                  />
                </Grid.Col>
                <Grid.Col span={1} pt={4}>
                  <ActionIcon variant="subtle" color="gray" aria-label={`Remove input line ${i + 1}`} onClick={() => setInputs((ls) => withoutRow(ls, line.key))}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Grid.Col>
              </Grid>
            );
          })}
          {errors.inputs && (
            <Text c="red" size="xs">
              {errors.inputs}
            </Text>
          )}
          <Group>
            <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => setInputs((ls) => [...ls, { key: rowKey(), sku: null, lot: '', quantity: '' }])}>
              Add an input lot
            </Button>
          </Group>
        </Stack>
      )}
    </OrderActionCard>
  );
}
