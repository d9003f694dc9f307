import { Alert, Button, Divider, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconListCheck, IconTruckDelivery } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useEffect, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorState } from '../../ui/states';
import { LocationSelect, PartySelect } from '../orders/pickers';
import { useItems, useParty } from '../orders/queries';
import { fieldErrors } from '../orders/submission';
import { EventTimeInput, eventTimeBody } from './DateFields';
import { DocumentsEditor, documentsBody, newDocument, type DocumentRow } from './DocumentsEditor';
import { ItemField, LineEditor, LineField, LineFields, QuantityField } from './LineEditor';
import { isBlank, lineKey, missingFields, type KeyedLine } from './lines';
import { allocationOf, LotAllocation } from './LotAllocation';
import { RecordedEvent } from './RecordedEvent';
import type { Scanned } from './scan';
import { StockLotSelect } from './StockLotSelect';
import { useOperationForm } from './useOperationForm';
import { SubmitBar } from './SubmitBar';
import { WarehouseOnly } from './WarehouseOnly';

type ShipmentPlan = components['schemas']['ShipmentPlan'];

interface ShipmentLine extends KeyedLine {
  quantity: number | string;
}

interface ShipmentForm {
  customer: string | null;
  location: string | null;
  time: string | null;
  documents: DocumentRow[];
  lines: ShipmentLine[];
}

const blankLine = (): ShipmentLine => ({ key: lineKey(), sku: null, lot: '', quantity: '' });

const emptyForm = (): ShipmentForm => ({ customer: null, location: null, time: null, documents: [newDocument('BOL')], lines: [blankLine()] });

// A scanned lot ships that very lot; clearing it leaves the choice to FEFO.
const fillFromScan = (line: ShipmentLine, s: Scanned): ShipmentLine => ({ ...line, sku: s.sku ?? line.sku, lot: s.lot ?? line.lot, quantity: s.quantity ?? line.quantity });

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
    location: form.location ?? '',
    time: eventTimeBody(form.time),
    documents: documentsBody(form.documents),
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
    <>
      <PageHeader title="Ship" description="Record goods leaving for a customer. Lines without a lot take the lots that expire first, within the customer's shelf-life terms." />
      <WarehouseOnly action="ship goods">
        <ShipmentFormView />
      </WarehouseOnly>
    </>
  );
}

function ShipmentFormView() {
  const { bySku } = useItems();
  const { form, edit, checked, errors, missing, recording } = useOperationForm({
    initial: emptyForm,
    afterRecorded: (previous) => ({ ...emptyForm(), location: previous.location }),
    check,
    toBody,
    send: sendShipment,
  });
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
  // Days left as of the shipping day where the worker is (the plant's day, in practice).
  const assigned = recorded ? allocationOf(recorded.allocation, dayjs(recorded.time).format('YYYY-MM-DD')) : [];
  return (
    <Stack gap="md">
      {recorded && <RecordedEvent event={recorded}>{assigned.length > 0 && <LotAllocation title="How the lots were assigned" lines={assigned} />}</RecordedEvent>}
      <Paper withBorder p="md" radius="sm" component="form" onSubmit={onSubmit} aria-label="Shipment" noValidate>
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
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
            <LocationSelect searchable label="Location" placeholder="Where the goods leave from" value={form.location} onChange={(location) => edit({ location })} error={allErrors.location} required />
            <EventTimeInput value={form.time} onChange={(time) => edit({ time })} error={allErrors.time} />
          </SimpleGrid>
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
            fill={fillFromScan}
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
          <Divider />
          <DocumentsEditor rows={form.documents} onChange={(documents) => edit({ documents })} errors={allErrors} defaultType="invoice" />
          {planFailed && <ErrorState error={plan.error} title="These lines cannot ship" />}
          {recording.error && <ErrorState error={recording.error} title="The shipment was not recorded" />}
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
          <SubmitBar missing={missing}>
            {proposal ? (
              <Button type="submit" leftSection={<IconTruckDelivery size={18} />} loading={recording.pending}>
                Ship
              </Button>
            ) : (
              <Button type="submit" leftSection={<IconListCheck size={18} />} loading={plan.isPending}>
                Propose lots
              </Button>
            )}
          </SubmitBar>
        </Stack>
      </Paper>
    </Stack>
  );
}

/** The customer's shelf-life terms in words. */
function shelfLifeTerms(party: { minShelfLifeDays: number | null; minShelfLifePercent: number | null }): string {
  const parts = [
    party.minShelfLifeDays ? `at least ${party.minShelfLifeDays} days of shelf life left` : null,
    party.minShelfLifePercent ? `at least ${party.minShelfLifePercent}% of the shelf life left` : null,
  ].filter(Boolean);
  return parts.length > 0 ? `accepts lots with ${parts.join(' and ')}` : 'no minimum shelf life';
}
