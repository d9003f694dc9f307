import { ActionIcon, Button, Divider, Paper, SimpleGrid, Stack, TextInput, Tooltip } from '@mantine/core';
import { IconBuildingFactory2, IconWand } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useEffect, useRef } from 'react';
import { api, unwrap } from '../../api/client';
import { PageHeader } from '../../ui/PageHeader';
import { notifyError } from '../../ui/notify';
import { ErrorState } from '../../ui/states';
import { LocationSelect } from '../orders/pickers';
import { useItems } from '../orders/queries';
import { CalendarDateInput, EventTimeInput, eventTimeBody } from './DateFields';
import { DocumentsEditor, documentsBody, type DocumentRow } from './DocumentsEditor';
import { ItemField, LineEditor, LineField, LineFields, QuantityField, type LineContext } from './LineEditor';
import { isBlank, lineKey, missingFields, type KeyedLine } from './lines';
import { suggestLotCode } from './lotCode';
import { RecipeLoader, type ScaledRecipe } from './RecipeLoader';
import { RecordedEvent } from './RecordedEvent';
import type { Scanned } from './scan';
import { freeText, StockLotSelect, useStockAt } from './StockLotSelect';
import { useOperationForm } from './useOperationForm';
import { SubmitBar } from './SubmitBar';
import { WarehouseOnly } from './WarehouseOnly';

interface InputLine extends KeyedLine {
  quantity: number | string;
}

interface OutputLine extends KeyedLine {
  quantity: number | string;
  productionDate: string;
  expiryDate: string;
}

interface ProductionForm {
  location: string | null;
  time: string | null;
  documents: DocumentRow[];
  inputs: InputLine[];
  outputs: OutputLine[];
}

const blankInput = (): InputLine => ({ key: lineKey(), sku: null, lot: '', quantity: '' });
const blankOutput = (): OutputLine => ({ key: lineKey(), sku: null, lot: '', quantity: '', productionDate: '', expiryDate: '' });

const emptyForm = (): ProductionForm => ({ location: null, time: null, documents: [], inputs: [blankInput()], outputs: [blankOutput()] });

const fillInput = (line: InputLine, s: Scanned): InputLine => ({ ...line, sku: s.sku ?? line.sku, lot: s.lot ?? line.lot, quantity: s.quantity ?? line.quantity });

const fillOutput = (line: OutputLine, s: Scanned): OutputLine => ({
  ...line,
  sku: s.sku ?? line.sku,
  lot: s.lot ?? line.lot,
  quantity: s.quantity ?? line.quantity,
  productionDate: s.productionDate ?? line.productionDate,
  expiryDate: s.expiryDate ?? line.expiryDate,
});

function check(form: ProductionForm): Record<string, string> {
  const errors = {
    ...missingFields(form.inputs, 'inputs', [
      { field: 'sku', missing: (l) => l.sku === null, message: 'Choose the input item, or scan it' },
      { field: 'lot', missing: (l) => l.lot === '', message: 'Choose or scan the lot used' },
      { field: 'quantity', missing: (l) => isBlank(l.quantity), message: 'Enter the quantity used' },
    ]),
    ...missingFields(form.outputs, 'outputs', [
      { field: 'sku', missing: (l) => l.sku === null, message: 'Choose the item made' },
      { field: 'lot', missing: (l) => l.lot.trim() === '', message: 'Enter or suggest a lot code' },
      { field: 'quantity', missing: (l) => isBlank(l.quantity), message: 'Enter the quantity made' },
    ]),
  };
  if (!form.location) errors.location = 'Choose where the batch was made';
  return errors;
}

function toBody(form: ProductionForm) {
  return {
    location: form.location ?? '',
    time: eventTimeBody(form.time),
    documents: documentsBody(form.documents),
    inputs: form.inputs.map((l) => ({ sku: l.sku ?? '', lot: l.lot, quantity: Number(l.quantity) })),
    outputs: form.outputs.map((l) => ({
      sku: l.sku ?? '',
      lot: l.lot.trim(),
      quantity: Number(l.quantity),
      productionDate: l.productionDate || undefined,
      expiryDate: l.expiryDate || undefined,
    })),
  };
}

type ProductionBody = ReturnType<typeof toBody>;

const sendProduction = (body: ProductionBody, key: string) => unwrap(api.POST('/api/v1/productions', { params: { header: { 'idempotency-key': key } }, body }));

/** A batch: the input lots consumed and the output lots made, which links them for every trace. */
export function ProducePage() {
  return (
    <>
      <PageHeader title="Produce" description="Record a batch: the lots that went in and the lots that came out. This is what links a finished lot to its raw materials." />
      <WarehouseOnly action="record production">
        <ProductionFormView />
      </WarehouseOnly>
    </>
  );
}

function ProductionFormView() {
  const { form, edit, onSubmit, errors, missing, recording } = useOperationForm({
    initial: emptyForm,
    afterRecorded: (previous) => ({ ...emptyForm(), location: previous.location }),
    check,
    toBody,
    send: sendProduction,
  });

  const loadRecipe = (recipe: ScaledRecipe) => {
    const first = form.outputs[0];
    const outputs = first && first.sku === null ? [{ ...first, sku: recipe.sku, quantity: recipe.quantity }, ...form.outputs.slice(1)] : form.outputs;
    // Rows already holding a lot were scanned or picked on purpose; the recipe replaces only the rest.
    const kept = form.inputs.filter((l) => l.lot !== '');
    edit({ inputs: [...kept, ...recipe.inputs.map((i) => ({ key: lineKey(), sku: i.sku, lot: '', quantity: i.quantity }))], outputs });
  };
  const firstOutput = form.outputs[0];

  return (
    <Stack gap="md">
      {recording.recorded && <RecordedEvent event={recording.recorded} />}
      <Paper withBorder p="md" radius="sm" component="form" onSubmit={onSubmit} aria-label="Production batch" noValidate>
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <LocationSelect searchable label="Location" placeholder="Where the batch was made" value={form.location} onChange={(location) => edit({ location })} error={errors.location} required />
            <EventTimeInput value={form.time} onChange={(time) => edit({ time })} error={errors.time} />
          </SimpleGrid>
          <LineEditor
            key={`inputs-${recording.count}`}
            title="Inputs"
            rowLabel="Input"
            path="inputs"
            scanLabel="Scan an input"
            autoFocusScan
            scanFindsItem
            lines={form.inputs}
            onChange={(change) => edit((form) => ({ inputs: change(form.inputs) }))}
            blank={blankInput}
            fill={fillInput}
            errors={errors}
            actions={
              <RecipeLoader
                defaultSku={firstOutput?.sku ?? null}
                defaultQuantity={firstOutput && !isBlank(firstOutput.quantity) ? Number(firstOutput.quantity) : undefined}
                onLoad={loadRecipe}
              />
            }
            renderRow={(line, context) => <InputRow line={line} context={context} location={form.location} />}
          />
          <Divider />
          <LineEditor
            key={`outputs-${recording.count}`}
            title="Outputs"
            rowLabel="Output"
            path="outputs"
            scanLabel="Scan an output"
            lines={form.outputs}
            onChange={(change) => edit((form) => ({ outputs: change(form.outputs) }))}
            blank={blankOutput}
            fill={fillOutput}
            errors={errors}
            renderRow={(line, context) => <OutputRow line={line} context={context} />}
          />
          <Divider />
          <DocumentsEditor rows={form.documents} onChange={(documents) => edit({ documents })} errors={errors} defaultType="other" />
          {recording.error && <ErrorState error={recording.error} title="The batch was not recorded" />}
          <SubmitBar missing={missing}>
            <Button type="submit" leftSection={<IconBuildingFactory2 size={18} />} loading={recording.pending}>
              Record batch
            </Button>
          </SubmitBar>
        </Stack>
      </Paper>
    </Stack>
  );
}

/** An input lot: picked among the lots at the location (soonest expiry first) or scanned, with what is free of it. */
function InputRow({ line, context, location }: { line: InputLine; context: LineContext<InputLine>; location: string | null }) {
  const { bySku } = useItems();
  const uom = line.sku ? bySku.get(line.sku)?.uom : undefined;
  const stock = useStockAt(line.sku, location);
  return (
    <LineFields>
      <LineField span={4}>
        <ItemField line={line} context={context} picksStock />
      </LineField>
      <LineField span={5}>
        <StockLotSelect
          label="Lot"
          aria-label={`Lot, ${context.name}`}
          placeholder={location ? 'Pick or scan the lot used' : 'Choose the location first'}
          sku={line.sku}
          location={location}
          uom={uom}
          value={line.lot}
          onChange={(lot) => context.update({ lot })}
          error={context.error('lot')}
        />
      </LineField>
      <LineField span={3}>
        <QuantityField line={line} context={context} description={freeText(stock, line.lot, uom, location)} />
      </LineField>
    </LineFields>
  );
}

/** An output lot: a new code (suggested in the plant's style), the quantity made and its dates. */
function OutputRow({ line, context }: { line: OutputLine; context: LineContext<OutputLine> }) {
  const { bySku } = useItems();
  const shelfLife = line.sku ? bySku.get(line.sku)?.shelfLifeDays : null;
  const suggest = useMutation({
    mutationFn: (sku: string) => suggestLotCode(sku, line.productionDate || null),
    onSuccess: (lot) => context.update({ lot }),
    onError: (error) => notifyError(error, 'No lot code could be suggested'),
  });
  // A new output item gets a lot code at once (also when a recipe filled the item in), once per item.
  const suggestedFor = useRef<string | null>(null);
  useEffect(() => {
    if (line.sku && line.lot === '' && suggestedFor.current !== line.sku) {
      suggestedFor.current = line.sku;
      suggest.mutate(line.sku);
    }
  }, [line.sku, line.lot, suggest.mutate]);
  // The server dates a batch without a production date on the day it records it.
  const madeOn = line.productionDate || dayjs().format('YYYY-MM-DD');
  return (
    <LineFields>
      <LineField span={4}>
        <ItemField line={line} context={context} />
      </LineField>
      <LineField span={4}>
        <TextInput
          label="Lot"
          aria-label={`Lot, ${context.name}`}
          placeholder="New lot code"
          value={line.lot}
          onChange={(e) => context.update({ lot: e.currentTarget.value })}
          error={context.error('lot')}
          autoComplete="off"
          rightSection={
            <Tooltip label={line.sku ? 'Suggest the next lot code' : 'Choose the item first'}>
              <ActionIcon variant="subtle" aria-label={`Suggest a lot code, ${context.name}`} disabled={!line.sku} loading={suggest.isPending} onClick={() => line.sku && suggest.mutate(line.sku)}>
                <IconWand size={16} />
              </ActionIcon>
            </Tooltip>
          }
        />
      </LineField>
      <LineField span={4}>
        <QuantityField line={line} context={context} />
      </LineField>
      <LineField span={4}>
        <CalendarDateInput
          label="Production date"
          aria-label={`Production date, ${context.name}`}
          description="Blank: the day of the batch"
          value={line.productionDate}
          onChange={(productionDate) => context.update({ productionDate })}
          error={context.error('productionDate')}
        />
      </LineField>
      <LineField span={4}>
        <CalendarDateInput
          label="Expiry date"
          aria-label={`Expiry date, ${context.name}`}
          description={shelfLife ? `Blank: ${dayjs(madeOn).add(shelfLife, 'day').format('YYYY-MM-DD')} (${shelfLife} days shelf life)` : 'Blank: no expiry date'}
          value={line.expiryDate}
          onChange={(expiryDate) => context.update({ expiryDate })}
          error={context.error('expiryDate')}
        />
      </LineField>
    </LineFields>
  );
}
