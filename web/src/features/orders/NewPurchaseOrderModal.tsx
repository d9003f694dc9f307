import { SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { LocationSelect, PartySelect } from '../../ui/pickers';
import { blankLineErrors, ItemLinesEditor, itemLinesBody, newItemLine, type ItemLine } from './ItemLinesEditor';
import { NewOrderForm, NewOrderModal } from './NewOrderModal';
import { useNewOrder } from './useNewOrder';

/** A new purchase order: its number (the supplier's reference), supplier, destination and lines. */
export function NewPurchaseOrderModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return <NewOrderModal title="New purchase order" opened={opened} onClose={onClose} form={NewPurchaseOrderForm} />;
}

function NewPurchaseOrderForm({ onClose }: { onClose: () => void }) {
  const [number, setNumber] = useState('');
  const [supplier, setSupplier] = useState<string | null>(null);
  const [location, setLocation] = useState<string | null>(null);
  const [lines, setLines] = useState<ItemLine[]>(() => [newItemLine()]);
  const { create, submit, errors } = useNewOrder({
    send: () => unwrap(api.POST('/api/v1/purchase-orders', { body: { number: number.trim(), supplier: supplier!, location: location!, lines: itemLinesBody(lines) } })),
    check: () => {
      const errors = blankLineErrors(lines);
      if (!number.trim()) errors.number = 'Enter the PO number';
      if (!supplier) errors.supplier = 'Choose a supplier';
      if (!location) errors.location = 'Choose where the goods arrive';
      return errors;
    },
    created: (order) => ({ title: 'Purchase order created', message: `Purchase order ${order.number} created; receive deliveries against it.`, path: `/orders/purchase/${order.id}` }),
    onClose,
  });

  return (
    <NewOrderForm onSubmit={submit} onCancel={onClose} create={create} failedTitle="The order was not created" submitLabel="Create order">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="PO number" required data-autofocus value={number} onChange={(e) => setNumber(e.currentTarget.value)} error={errors.number} />
        <LocationSelect label="Deliver to" placeholder="Location" required value={location} onChange={setLocation} error={errors.location} />
      </SimpleGrid>
      <PartySelect role="supplier" label="Supplier" placeholder="Search by name or code" required value={supplier} onChange={setSupplier} error={errors.supplier} />
      <ItemLinesEditor lines={lines} onChange={setLines} errors={errors} />
    </NewOrderForm>
  );
}
