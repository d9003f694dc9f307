import { Alert, Stack, Text } from '@mantine/core';
import { IconListCheck, IconTruckDelivery } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useEffect, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { useItems, useParty } from '../../api/master-data';
import type { components } from '../../api/schema';
import { useAuth } from '../../auth/AuthProvider';
import { fieldErrors } from '../../ui/field-errors';
import { calendarDate } from '../../ui/format';
import { PartySelect } from '../../ui/pickers';
import { rowKey } from '../../ui/rows';
import { shelfLifeTerms } from '../../ui/shelfLife';
import { ErrorState } from '../../ui/states';
import { newDocument } from './DocumentsEditor';
import { LineEditor } from './LineEditor';
import { ItemField, LineField, LineFields, QuantityField } from './LineFields';
import { fillLine, isBlank, missingFields, type QuantityLine } from './lines';
import { allocationOf, LotAllocation } from './LotAllocation';
import { headerBody, OperationForm, OperationPage, type EventHeader } from './OperationForm';
import { StockLotSelect } from './StockLotSelect';
import { useOperationForm } from './useOperationForm';

type ShipmentPlan = components['schemas']['ShipmentPlan'];

interface ShipmentForm extends EventHeader {
  customer: string | null;
  lines: QuantityLine[];
}

const blankLine = (): QuantityLine => ({ key: rowKey(), sku: null, lot: '', quantity: '' });

const emptyForm = (): ShipmentForm => ({ customer: null, location: null, time: null, documents: [newDocument('BOL')], lines: [blankLine()] });

function check(form: ShipmentForm): Record<string, string> {
  const errors = missingFields(form.lines, 'lines', [
    { field: 'sku', missing: (l) => l.sku === null, message: 'Choose the item, or scan its barcode' },
    { field: 'quantity', missing: (l) => isBlank(l.quantity), message: 'Enter the quantity to ship' },
  ]);
  if (!form.customer) errors.customer = 'Choose the customer';
  if (!form.location) errors.location = 'Choose where the goods leave from';
  return errors;
}

function toBody(form: ShipmentForm) {
  return {
    customer: form.customer ?? '',
    ...headerBody(form),
    lines: form.lines.map((l) => ({ sku: l.sku ?? '', quantity: Number(l.quantity), lot: l.lot || undefined })),
  };
}

type ShipmentBody = ReturnType<typeof toBody>;

const sendShipment = (body: ShipmentBody, key: string) => unwrap(api.POST('/api/v1/shipments', { params: { header: { 'idempotency-key': key } }, body }));

/**
 * Goods out to a customer in two steps: the proposal shows which lots would go (first expiry
 * first, within the customer's minimum shelf life) and every lot passed over, then Ship records it.
 */
export function ShipPage() {
  return (
    <OperationPage
      title="Ship"
      description="Record goods leaving for a customer. Lines without a lot take the lots that expire first, within the customer's shelf-life terms."
      action="ship goods"
    >
      <ShipmentFormView />
    </OperationPage>
  );
}

function ShipmentFormView() {
  const { bySku } = useItems();
  const { timeZone } = useAuth();
  const state = useOperationForm({
    initial: emptyForm,
    check,
    toBody,
    send: sendShipment,
  });
  const { form, edit, checked, errors, recording } = state;
  const customer = useParty(form.customer ?? undefined);
  // The proposal belongs to the body it was made for; any edit makes it stale and hides it.
  const plan = useMutation({
    mutationFn: async (body: ShipmentBody) => ({ body: JSON.stringify(body), plan: await unwrap(api.POST('/api/v1/shipments/plan', { body })) }),
  });
  const currentBody = JSON.stringify(toBody(form));
  // A shipment refused after the proposal (stock moved meanwhile) needs a fresh proposal.
  const proposal: ShipmentPlan | undefined = plan.data && plan.data.body === currentBody && !recording.error ? plan.data.plan : undefined;
  const planFailed = plan.isError && plan.variables !== undefined && JSON.stringify(plan.variables) === currentBody;
  const allErrors = { ...(planFailed ? fieldErrors(plan.error) : {}), ...errors };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (plan.isPending || recording.pending) return;
    const body = checked();
    if (body === undefined) return;
    if (proposal) {
      recording.record(body);
    } else {
      recording.clearError();
      plan.mutate(body);
    }
  };

  const recorded = recording.recorded;
  // Once shipped, the proposal is spent: the same lines typed again get a fresh one.
  const resetPlan = plan.reset;
  useEffect(() => {
    if (recorded) resetPlan();
  }, [recorded, resetPlan]);
  // Days left as of the shipping day, in the business's time zone (as the server counts them).
  const assigned = recorded ? allocationOf(recorded.allocation, calendarDate(recorded.time, timeZone)) : [];
  return (
    <OperationForm
      label="Shipment"
      state={state}
      errors={allErrors}
      onSubmit={onSubmit}
      party={
        <PartySelect
          role="customer"
          label="Customer"
          placeholder="Search customers by name or code"
          value={form.customer}
          onChange={(code) => edit({ customer: code })}
          description={customer.data ? `${customer.data.name} ${shelfLifeTerms(customer.data)}` : undefined}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          error={allErrors.customer}
          required
        />
      }
      locationPlaceholder="Where the goods leave from"
      documentType="invoice"
      failedTitle="The shipment was not recorded"
      recordedDetail={assigned.length > 0 && <LotAllocation title="How the lots were assigned" lines={assigned} />}
      review={
        <>
          {planFailed && <ErrorState error={plan.error} title="These lines cannot ship" />}
          {proposal && (
            <Stack gap="xs">
              <Alert color="blue" icon={<IconListCheck size={18} />} title="Proposed lots">
                <Text size="sm">
                  For {proposal.customer.name} on {proposal.shipDate} ({shelfLifeTerms(proposal.customer)}). Check the lots, then ship; changing any field makes a new
                  proposal.
                </Text>
              </Alert>
              <LotAllocation title="Proposed lots" lines={proposal.lines} />
            </Stack>
          )}
        </>
      }
      submit={
        proposal
          ? { label: 'Ship', icon: <IconTruckDelivery size={18} />, pending: recording.pending }
          : { label: 'Propose lots', icon: <IconListCheck size={18} />, pending: plan.isPending }
      }
    >
      <LineEditor
        key={recording.count}
        title="Lines"
        rowLabel="Line"
        path="lines"
        scanLabel="Scan"
        autoFocusScan
        scanFindsItem
        lines={form.lines}
        onChange={(change) => edit((form) => ({ lines: change(form.lines) }))}
        blank={blankLine}
        // A scanned lot ships that very lot; clearing it leaves the choice to FEFO.
        fill={fillLine}
        errors={allErrors}
        renderRow={(line, context) => (
          <LineFields>
            <LineField span={4}>
              <ItemField line={line} context={context} picksStock />
            </LineField>
            <LineField span={3}>
              <QuantityField line={line} context={context} />
            </LineField>
            <LineField span={5}>
              <StockLotSelect
                label="Lot"
                aria-label={`Lot, ${context.name}`}
                placeholder="Automatic: first expiry first out"
                clearable
                sku={line.sku}
                location={form.location}
                uom={line.sku ? bySku.get(line.sku)?.uom : undefined}
                value={line.lot}
                onChange={(lot) => context.update({ lot })}
                error={context.error('lot')}
              />
            </LineField>
          </LineFields>
        )}
      />
    </OperationForm>
  );
}
