import { Button, Group, Modal, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { formatQuantity } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { ErrorState } from '../../ui/states';
import { ItemSelect, LocationSelect } from './pickers';
import { invalidateAfterOrderChange, useItems, useRecipe } from './queries';
import { RecipeCard } from './RecipeCard';
import { fieldErrors, quantityOf } from './submission';
import type { Skipped } from './types';

/** What the production order page shows once after planning: the API reports passed-over lots only then. */
export interface PlannedState {
  skipped: Skipped;
}

/** A new production order: the recipe scaled to the quantity, with its input lots reserved FEFO. */
export function NewProductionOrderModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  // The form lives inside the modal, so each opening starts blank.
  return (
    <Modal opened={opened} onClose={onClose} title="New production order" size="lg">
      <NewProductionOrderForm onClose={onClose} />
    </Modal>
  );
}

function NewProductionOrderForm({ onClose }: { onClose: () => void }) {
  const [sku, setSku] = useState<string | null>(null);
  const [quantity, setQuantity] = useState<number | string>('');
  const [location, setLocation] = useState<string | null>(null);
  const [number, setNumber] = useState('');
  const [missing, setMissing] = useState<Record<string, string>>({});
  const recipe = useRecipe(sku);
  const { bySku } = useItems();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const create = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/production-orders', { body: { sku: sku!, quantity: Number(quantity), location: location!, number: number.trim() || undefined } })),
    onSuccess: async (order) => {
      notifySuccess(
        `${order.number}: ${formatQuantity(order.quantity, bySku.get(order.sku)?.uom)} of ${order.sku}, inputs reserved from ${order.allocations.length} lot${order.allocations.length === 1 ? '' : 's'}.`,
        'Production order planned',
      );
      await invalidateAfterOrderChange(queryClient);
      onClose();
      const state: PlannedState = { skipped: order.skipped };
      void navigate(`/orders/production/${order.id}`, { state });
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!sku) errors.sku = 'Choose the item to make';
    if (quantity === '') errors.quantity = 'Enter how much to make';
    if (!location) errors.location = 'Choose where it is made';
    setMissing(errors);
    if (Object.keys(errors).length === 0) create.mutate();
  };
  const errors = { ...fieldErrors(create.error), ...missing };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {create.isError && <ErrorState error={create.error} title="The order was not planned" />}
        <ItemSelect label="Item to make" placeholder="Search by sku or name" required data-autofocus value={sku} onChange={setSku} error={errors.sku} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput
            label="Quantity"
            required
            value={quantity}
            onChange={setQuantity}
            min={0}
            allowNegative={false}
            decimalScale={6}
            thousandSeparator=","
            rightSection={sku ? <Text size="xs" c="dimmed">{bySku.get(sku)?.uom}</Text> : undefined}
            rightSectionWidth={40}
            error={errors.quantity}
          />
          <LocationSelect label="Made at" placeholder="Location" required value={location} onChange={setLocation} error={errors.location} />
          <TextInput label="Order number" placeholder="Next PRD number" value={number} onChange={(e) => setNumber(e.currentTarget.value)} error={errors.number} />
        </SimpleGrid>
        {sku && <RecipeCard sku={sku} quantity={quantityOf(quantity)} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending} disabled={sku !== null && recipe.isError}>
            Plan and reserve inputs
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
