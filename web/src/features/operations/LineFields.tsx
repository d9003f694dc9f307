import { Grid, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useItems } from '../../api/master-data';
import { ItemSelect } from '../../ui/pickers';
import { QuantityInput } from '../../ui/QuantityInput';
import { CalendarDateInput } from './DateFields';
import type { LineContext } from './LineEditor';
import type { KeyedLine } from './lines';

/** A row's fields laid out: two per row on a tablet, `span` twelfths each on a wide screen. */
export function LineFields({ children }: { children: ReactNode }) {
  return (
    <Grid gap="xs" align="flex-start">
      {children}
    </Grid>
  );
}

export function LineField({ span, children }: { span: number; children: ReactNode }) {
  return <Grid.Col span={{ base: 12, sm: 6, lg: span }}>{children}</Grid.Col>;
}

/**
 * The row's item; the server's and the form's messages for `sku` show under it. With
 * `picksStock`, switching to another item clears the row's lot (it was picked among that item's
 * stock); a lot scanned before any item was chosen stays.
 */
export function ItemField<L extends KeyedLine>({ line, context, label = 'Item', picksStock = false }: { line: L; context: LineContext<L>; label?: string; picksStock?: boolean }) {
  return (
    <ItemSelect
      label={label}
      aria-label={`${label}, ${context.name}`}
      placeholder="Search sku or name"
      value={line.sku}
      onChange={(sku) => context.update((picksStock && line.sku !== null && sku !== line.sku ? { sku, lot: '' } : { sku }) as Partial<L>)}
      error={context.error('sku')}
    />
  );
}

/** A quantity in the row's item unit, shown beside the number. */
export function QuantityField<L extends KeyedLine & { quantity: number | string }>({
  line,
  context,
  description,
}: {
  line: L;
  context: LineContext<L>;
  description?: ReactNode;
}) {
  const { bySku } = useItems();
  return (
    <QuantityInput
      ref={context.quantityRef}
      label="Quantity"
      aria-label={`Quantity, ${context.name}`}
      description={description}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      placeholder="0"
      value={line.quantity}
      onChange={(quantity) => context.update({ quantity } as Partial<L>)}
      uom={line.sku ? bySku.get(line.sku)?.uom : undefined}
      error={context.error('quantity')}
    />
  );
}

/** A lot code typed (or scanned) for a new lot: a receipt's or a batch's output; `rightSection` may suggest one. */
export function LotCodeField<L extends KeyedLine>({ line, context, placeholder, rightSection }: { line: L; context: LineContext<L>; placeholder: string; rightSection?: ReactNode }) {
  return (
    <TextInput
      label="Lot"
      aria-label={`Lot, ${context.name}`}
      placeholder={placeholder}
      value={line.lot}
      onChange={(e) => context.update({ lot: e.currentTarget.value } as Partial<L>)}
      error={context.error('lot')}
      autoComplete="off"
      rightSection={rightSection}
    />
  );
}

type DateFieldName = 'productionDate' | 'expiryDate';

/** One of the row's dates (`field` as the API names it), typed as YYYY-MM-DD or picked. */
export function DateField<L extends KeyedLine & Record<DateFieldName, string>>({
  line,
  context,
  field,
  label,
  description,
}: {
  line: L;
  context: LineContext<L>;
  field: DateFieldName;
  label: string;
  description?: string;
}) {
  return (
    <CalendarDateInput
      label={label}
      aria-label={`${label}, ${context.name}`}
      description={description}
      value={line[field]}
      onChange={(date) => context.update({ [field]: date } as Partial<L>)}
      error={context.error(field)}
    />
  );
}
