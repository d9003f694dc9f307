import { SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useParty } from '../../api/master-data';
import { LocationSelect, PartySelect } from '../../ui/pickers';
import { shelfLifePolicy } from '../../ui/shelfLife';
import { blankLineErrors, ItemLinesEditor, itemLinesBody, newItemLine, type ItemLine } from './ItemLinesEditor';
import { NewOrderForm, NewOrderModal } from './NewOrderModal';
import { useNewOrder } from './useNewOrder';

/** A new sales order: customer, where it ships from, by when, and what. Opens the order once made. */
export function NewSalesOrderModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return <NewOrderModal title="New sales order" opened={opened} onClose={onClose} form={NewSalesOrderForm} />;
}

function NewSalesOrderForm({ onClose }: { onClose: () => void }) {
  const [customer, setCustomer] = useState<string | null>(null);
  const [location, setLocation] = useState<string | null>(null);
  const [shipBy, setShipBy] = useState('');
  const [number, setNumber] = useState('');
  const [lines, setLines] = useState<ItemLine[]>(() => [newItemLine()]);
  const party = useParty(customer ?? undefined);
  const { create, submit, errors } = useNewOrder({
    send: () =>
      unwrap(
        api.POST('/api/v1/sales-orders', {
          body: { customer: customer!, location: location!, shipBy: shipBy || undefined, number: number.trim() || undefined, lines: itemLinesBody(lines) },
        }),
      ),
    check: () => {
      const errors = blankLineErrors(lines);
      if (!customer) errors.customer = 'Choose a customer';
      if (!location) errors.location = 'Choose the location it ships from';
      return errors;
    },
    created: (order) => ({ title: 'Sales order created', message: `Sales order ${order.number} created; allocate it to reserve lots.`, path: `/orders/sales/${order.id}` }),
    onClose,
  });
  const policy = party.data ? shelfLifePolicy(party.data) : null;

  return (
    <NewOrderForm onSubmit={submit} onCancel={onClose} create={create} failedTitle="The order was not created" submitLabel="Create order">
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
    </NewOrderForm>
  );
}
