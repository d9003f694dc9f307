import { ActionIcon, Divider, Tooltip } from '@mantine/core';
import { IconBuildingFactory2, IconWand } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api, unwrap } from '../../api/client';
import { useItems } from '../../api/master-data';
import { useAuth } from '../../auth/AuthProvider';
import { addDays } from '../../ui/format';
import { notifyError } from '../../ui/notify';
import { rowKey } from '../../ui/rows';
import { LineEditor, type LineContext } from './LineEditor';
import { DateField, ItemField, LineField, LineFields, LotCodeField, QuantityField } from './LineFields';
import { fillDatedLine, fillLine, isBlank, missingFields, type QuantityLine } from './lines';
import { suggestLotCode } from './lotCode';
import { headerBody, OperationForm, OperationPage, type EventHeader } from './OperationForm';
import { RecipeLoader, type ScaledRecipe } from './RecipeLoader';
import { freeText, StockLotSelect, useStockAt } from './StockLotSelect';
import { useOperationForm } from './useOperationForm';

interface OutputLine extends QuantityLine {
  productionDate: string;
  expiryDate: string;
}

interface ProductionForm extends EventHeader {
  inputs: QuantityLine[];
  outputs: OutputLine[];
}

const blankInput = (): QuantityLine => ({ key: rowKey(), sku: null, lot: '', quantity: '' });
const blankOutput = (): OutputLine => ({ key: rowKey(), sku: null, lot: '', quantity: '', productionDate: '', expiryDate: '' });

const emptyForm = (): ProductionForm => ({ location: null, time: null, documents: [], inputs: [blankInput()], outputs: [blankOutput()] });

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
    ...headerBody(form),
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
    <OperationPage
      title="Produce"
      description="Record a batch: the lots that went in and the lots that came out. This is what links a finished lot to its raw materials."
      action="record production"
    >
      <ProductionFormView />
    </OperationPage>
  );
}

function ProductionFormView() {
  const state = useOperationForm({
    initial: emptyForm,
    check,
    toBody,
    send: sendProduction,
  });
  const { form, edit, errors, recording } = state;

  const loadRecipe = (recipe: ScaledRecipe) => {
    const first = form.outputs[0];
    const outputs = first && first.sku === null ? [{ ...first, sku: recipe.sku, quantity: recipe.quantity }, ...form.outputs.slice(1)] : form.outputs;
    // Rows already holding a lot were scanned or picked on purpose; the recipe replaces only the rest.
    const kept = form.inputs.filter((l) => l.lot !== '');
    edit({ inputs: [...kept, ...recipe.inputs.map((i) => ({ key: rowKey(), sku: i.sku, lot: '', quantity: i.quantity }))], outputs });
  };
  const firstOutput = form.outputs[0];

  return (
    <OperationForm
      label="Production batch"
      state={state}
      locationPlaceholder="Where the batch was made"
      documentType="other"
      failedTitle="The batch was not recorded"
      submit={{ label: 'Record batch', icon: <IconBuildingFactory2 size={18} /> }}
    >
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
        fill={fillLine}
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
        fill={fillDatedLine}
        errors={errors}
        renderRow={(line, context) => <OutputRow line={line} context={context} />}
      />
    </OperationForm>
  );
}

/** An input lot: picked among the lots at the location (soonest expiry first) or scanned, with what is free of it. */
function InputRow({ line, context, location }: { line: QuantityLine; context: LineContext<QuantityLine>; location: string | null }) {
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
  const { today } = useAuth();
  const shelfLife = line.sku ? bySku.get(line.sku)?.shelfLifeDays : null;
  // The server dates a batch without a production date on the day it records it: the business's today.
  const madeOn = line.productionDate || today;
  const suggest = useMutation({
    mutationFn: (sku: string) => suggestLotCode(sku, madeOn),
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
  return (
    <LineFields>
      <LineField span={4}>
        <ItemField line={line} context={context} />
      </LineField>
      <LineField span={4}>
        <LotCodeField
          line={line}
          context={context}
          placeholder="New lot code"
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
        <DateField line={line} context={context} field="productionDate" label="Production date" description="Blank: the day of the batch" />
      </LineField>
      <LineField span={4}>
        <DateField
          line={line}
          context={context}
          field="expiryDate"
          label="Expiry date"
          description={shelfLife ? `Blank: ${addDays(madeOn, shelfLife)} (${shelfLife} days shelf life)` : 'Blank: no expiry date'}
        />
      </LineField>
    </LineFields>
  );
}
