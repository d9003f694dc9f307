import { Button, Group, Modal, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { notifySuccess } from '../../ui/notify';
import { ErrorState } from '../../ui/states';
import { blankLineErrors, ItemLinesEditor, itemLinesBody, newItemLine, type ItemLine } from './ItemLinesEditor';
import { LocationSelect, PartySelect } from './pickers';
import { invalidateAfterOrderChange } from './queries';
import { fieldErrors } from './submission';

/** A new purchase order: its number (the supplier's reference), supplier, destination and lines. */
export function NewPurchaseOrderModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  // The form lives inside the modal, so each opening starts blank.
  return (
    <Modal opened={opened} onClose={onClose} title="New purchase order" size="lg">
      <NewPurchaseOrderForm onClose={onClose} />
    </Modal>
  );
}

function NewPurchaseOrderForm({ onClose }: { onClose: () => void }) {
  const [number, setNumber] = useState('');
  const [supplier, setSupplier] = useState<string | null>(null);
  const [location, setLocation] = useState<string | null>(null);
  const [lines, setLines] = useState<ItemLine[]>(() => [newItemLine()]);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const create = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/purchase-orders', { body: { number: number.trim(), supplier: supplier!, location: location!, lines: itemLinesBody(lines) } })),
    onSuccess: async (order) => {
      notifySuccess(`Purchase order ${order.number} created; receive deliveries against it.`, 'Purchase order created');
      await invalidateAfterOrderChange(queryClient);
      onClose();
      void navigate(`/orders/purchase/${order.id}`);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors = blankLineErrors(lines);
    if (!number.trim()) errors.number = 'Enter the PO number';
    if (!supplier) errors.supplier = 'Choose a supplier';
    if (!location) errors.location = 'Choose where the goods arrive';
    setMissing(errors);
    if (Object.keys(errors).length === 0) create.mutate();
  };
  const errors = { ...fieldErrors(create.error), ...missing };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {create.isError && <ErrorState error={create.error} title="The order was not created" />}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="PO number" required data-autofocus value={number} onChange={(e) => setNumber(e.currentTarget.value)} error={errors.number} />
          <LocationSelect label="Deliver to" placeholder="Location" required value={location} onChange={setLocation} error={errors.location} />
        </SimpleGrid>
        <PartySelect role="supplier" label="Supplier" placeholder="Search by name or code" required value={supplier} onChange={setSupplier} error={errors.supplier} />
        <ItemLinesEditor lines={lines} onChange={setLines} errors={errors} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Create order
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
