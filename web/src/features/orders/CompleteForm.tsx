import { ActionIcon, Button, Card, Grid, Group, NumberInput, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { IconBuildingFactory2, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { formatQuantity } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { ErrorState } from '../../ui/states';
import { ItemSelect } from './pickers';
import { invalidateAfterOrderChange, useItems } from './queries';
import { fieldErrors, useIdempotencyKey } from './submission';
import { useScanFocus } from './useScanFocus';
import type { ProductionOrder } from './types';

interface InputLine {
  key: number;
  sku: string | null;
  lot: string;
  quantity: number | string;
}

let nextKey = 1;

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
  const [inputs, setInputs] = useState<InputLine[]>(() => order.allocations.map((a) => ({ key: nextKey++, sku: a.sku, lot: a.lot, quantity: a.quantity })));
  const [missing, setMissing] = useState<Record<string, string>>({});
  const idempotency = useIdempotencyKey();
  const scanRef = useScanFocus();
  const queryClient = useQueryClient();
  const { bySku } = useItems();
  const uom = bySku.get(order.sku)?.uom;

  const complete = useMutation({
    mutationFn: () => {
      const body = {
        lot: lot.trim(),
        quantity: Number(quantity),
        productionDate: productionDate || undefined,
        expiryDate: expiryDate || undefined,
        inputs: override ? inputs.map((i) => ({ sku: i.sku ?? '', lot: i.lot.trim(), quantity: Number(i.quantity) })) : undefined,
      };
      return unwrap(
        api.POST('/api/v1/production-orders/{id}/complete', { params: { path: { id: order.id }, header: { 'idempotency-key': idempotency.keyFor(body) } }, body }),
      );
    },
    onSuccess: async (result) => {
      idempotency.done();
      notifySuccess(`${formatQuantity(result.order.produced, uom)} of ${order.sku} made as lot ${lot.trim()}; ${order.number} is completed.`, 'Batch recorded');
      onCompleted(lot.trim());
      await invalidateAfterOrderChange(queryClient);
    },
  });

  const updateInput = (index: number, patch: Partial<InputLine>) => setInputs((ls) => ls.map((l, i) => (i === index ? { ...l, ...patch } : l)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
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
    setMissing(errors);
    if (Object.keys(errors).length === 0) complete.mutate();
  };
  const errors = { ...fieldErrors(complete.error), ...missing };
  const inputSkus = order.inputs.map((i) => i.sku);

  return (
    <Card withBorder component="section" aria-label="Complete the batch">
      <form onSubmit={submit} noValidate>
        <Stack>
          <div>
            <Title order={4}>Complete the batch</Title>
            <Text size="sm" c="dimmed">
              Records the production event: the reserved input lots are consumed into the new output lot.
            </Text>
          </div>
          {complete.isError && <ErrorState error={complete.error} title="The batch was not recorded" />}
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <TextInput label="Output lot" placeholder="Scan or type" required ref={scanRef} value={lot} onChange={(e) => setLot(e.currentTarget.value)} error={errors.lot} />
            <NumberInput
              label="Quantity made"
              required
              value={quantity}
              onChange={setQuantity}
              min={0}
              allowNegative={false}
              decimalScale={6}
              thousandSeparator=","
              rightSection={<Text size="xs" c="dimmed">{uom}</Text>}
              rightSectionWidth={40}
              error={errors.quantity}
            />
            <TextInput label="Production date" type="date" description="Default: today" value={productionDate} onChange={(e) => setProductionDate(e.currentTarget.value)} error={errors.productionDate} />
            <TextInput label="Expiry date" type="date" description="Default: from the item's shelf life" value={expiryDate} onChange={(e) => setExpiryDate(e.currentTarget.value)} error={errors.expiryDate} />
          </SimpleGrid>
          <Switch label="Record what was really used instead of the reserved lots" checked={override} onChange={(e) => setOverride(e.currentTarget.checked)} />
          {override && (
            <Stack gap="xs" role="group" aria-label="Inputs used">
              {inputs.map((line, i) => (
                <Grid key={line.key} gap="xs" align="flex-start">
                  <Grid.Col span={{ base: 12, sm: 5 }}>
                    <ItemSelect only={inputSkus} aria-label={`Input item, line ${i + 1}`} value={line.sku} onChange={(sku) => updateInput(i, { sku })} error={errors[`inputs.${i}.sku`]} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 6, sm: 3 }}>
                    <TextInput aria-label={`Input lot, line ${i + 1}`} placeholder="Lot" value={line.lot} onChange={(e) => updateInput(i, { lot: e.currentTarget.value })} error={errors[`inputs.${i}.lot`]} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 5, sm: 3 }}>
                    <NumberInput
                      aria-label={`Input quantity, line ${i + 1}`}
                      value={line.quantity}
                      onChange={(q) => updateInput(i, { quantity: q })}
                      min={0}
                      allowNegative={false}
                      decimalScale={6}
                      rightSection={line.sku ? <Text size="xs" c="dimmed">{bySku.get(line.sku)?.uom}</Text> : undefined}
                      rightSectionWidth={40}
                      error={errors[`inputs.${i}.quantity`]}
                    />
                  </Grid.Col>
                  <Grid.Col span={1} pt={4}>
                    <ActionIcon variant="subtle" color="gray" aria-label={`Remove input line ${i + 1}`} onClick={() => setInputs((ls) => ls.filter((_, j) => j !== i))}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Grid.Col>
                </Grid>
              ))}
              {errors.inputs && (
                <Text c="red" size="xs">
                  {errors.inputs}
                </Text>
              )}
              <Group>
                <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => setInputs((ls) => [...ls, { key: nextKey++, sku: null, lot: '', quantity: '' }])}>
                  Add an input lot
                </Button>
              </Group>
            </Stack>
          )}
          <Group justify="flex-end">
            <Button type="submit" leftSection={<IconBuildingFactory2 size={16} />} loading={complete.isPending}>
              Record batch
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
