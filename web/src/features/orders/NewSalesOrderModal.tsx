import { Button, Group, Modal, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { notifySuccess } from '../../ui/notify';
import { ErrorState } from '../../ui/states';
import { blankLineErrors, ItemLinesEditor, itemLinesBody, newItemLine, type ItemLine } from './ItemLinesEditor';
import { LocationSelect, PartySelect } from './pickers';
import { invalidateAfterOrderChange, useParty } from './queries';
import { shelfLifePolicy } from './shelfLife';
import { fieldErrors } from './submission';

/** A new sales order: customer, where it ships from, by when, and what. Opens the order once made. */
export function NewSalesOrderModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  // The form lives inside the modal, so each opening starts blank.
  return (
    <Modal opened={opened} onClose={onClose} title="New sales order" size="lg">
      <NewSalesOrderForm onClose={onClose} />
    </Modal>
  );
}

function NewSalesOrderForm({ onClose }: { onClose: () => void }) {
  const [customer, setCustomer] = useState<string | null>(null);
  const [location, setLocation] = useState<string | null>(null);
  const [shipBy, setShipBy] = useState('');
  const [number, setNumber] = useState('');
  const [lines, setLines] = useState<ItemLine[]>(() => [newItemLine()]);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const party = useParty(customer ?? undefined);
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/sales-orders', {
          body: { customer: customer!, location: location!, shipBy: shipBy || undefined, number: number.trim() || undefined, lines: itemLinesBody(lines) },
        }),
      ),
    onSuccess: async (order) => {
      notifySuccess(`Sales order ${order.number} created; allocate it to reserve lots.`, 'Sales order created');
      await invalidateAfterOrderChange(queryClient);
      onClose();
      void navigate(`/orders/sales/${order.id}`);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors = blankLineErrors(lines);
    if (!customer) errors.customer = 'Choose a customer';
    if (!location) errors.location = 'Choose the location it ships from';
    setMissing(errors);
    if (Object.keys(errors).length === 0) create.mutate();
  };
  const errors = { ...fieldErrors(create.error), ...missing };
  const policy = party.data ? shelfLifePolicy(party.data) : null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {create.isError && <ErrorState error={create.error} title="The order was not created" />}
        <PartySelect
          role="customer"
          label="Customer"
          placeholder="Search by name or code"
          required
          data-autofocus
          value={customer}
          onChange={setCustomer}
          error={errors.customer}
          description={party.data ? `Minimum shelf life: ${policy ?? 'none (any unexpired lot)'}` : undefined}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <LocationSelect label="Ships from" placeholder="Location" required value={location} onChange={setLocation} error={errors.location} />
          <TextInput label="Ship by" type="date" value={shipBy} onChange={(e) => setShipBy(e.currentTarget.value)} error={errors.shipBy} />
          <TextInput label="Order number" placeholder="Next SO number" value={number} onChange={(e) => setNumber(e.currentTarget.value)} error={errors.number} />
        </SimpleGrid>
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
