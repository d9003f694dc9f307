import { SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useItems } from '../../api/master-data';
import { formatQuantity } from '../../ui/format';
import { ItemSelect, LocationSelect } from '../../ui/pickers';
import { QuantityInput, quantityOf } from '../../ui/QuantityInput';
import { NewOrderForm, NewOrderModal } from './NewOrderModal';
import { useRecipe } from './queries';
import { RecipeCard } from './RecipeCard';
import type { Skipped } from './types';
import { useNewOrder } from './useNewOrder';

/** What the production order page shows once after planning: the API reports passed-over lots only then. */
export interface PlannedState {
  skipped: Skipped;
}

/** A new production order: the recipe scaled to the quantity, with its input lots reserved FEFO. */
export function NewProductionOrderModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return <NewOrderModal title="New production order" opened={opened} onClose={onClose} form={NewProductionOrderForm} />;
}

function NewProductionOrderForm({ onClose }: { onClose: () => void }) {
  const [sku, setSku] = useState<string | null>(null);
  const [quantity, setQuantity] = useState<number | string>('');
  const [location, setLocation] = useState<string | null>(null);
  const [number, setNumber] = useState('');
  const recipe = useRecipe(sku);
  const { bySku } = useItems();
  const { create, submit, errors } = useNewOrder({
    send: () => unwrap(api.POST('/api/v1/production-orders', { body: { sku: sku!, quantity: Number(quantity), location: location!, number: number.trim() || undefined } })),
    check: () => {
      const errors: Record<string, string> = {};
      if (!sku) errors.sku = 'Choose the item to make';
      if (quantity === '') errors.quantity = 'Enter how much to make';
      if (!location) errors.location = 'Choose where it is made';
      return errors;
    },
    created: (order) => ({
      title: 'Production order planned',
      message: `${order.number}: ${formatQuantity(order.quantity, bySku.get(order.sku)?.uom)} of ${order.sku}, inputs reserved from ${order.allocations.length} lot${order.allocations.length === 1 ? '' : 's'}.`,
      path: `/orders/production/${order.id}`,
      state: { skipped: order.skipped } satisfies PlannedState,
    }),
    onClose,
  });

  return (
    <NewOrderForm
      onSubmit={submit}
      onCancel={onClose}
      create={create}
      failedTitle="The order was not planned"
      submitLabel="Plan and reserve inputs"
      submitDisabled={sku !== null && recipe.isError}
    >
      <ItemSelect label="Item to make" placeholder="Search by sku or name" required data-autofocus value={sku} onChange={setSku} error={errors.sku} />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <QuantityInput label="Quantity" required value={quantity} onChange={setQuantity} uom={sku ? bySku.get(sku)?.uom : undefined} error={errors.quantity} />
        <LocationSelect label="Made at" placeholder="Location" required value={location} onChange={setLocation} error={errors.location} />
        <TextInput label="Order number" placeholder="Next PRD number" value={number} onChange={(e) => setNumber(e.currentTarget.value)} error={errors.number} />
      </SimpleGrid>
      {sku && <RecipeCard sku={sku} quantity={quantityOf(quantity)} />}
    </NewOrderForm>
  );
}
