import { ActionIcon, Button, Grid, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ItemSelect } from '../orders/pickers';
import { useItems } from '../orders/queries';
import { placeScan, removeLine, updateLine, useQuantityFocus, type KeyedLine } from './lines';
import type { Scanned } from './scan';
import { ScanField } from './ScanField';

/** What a row's fields need from the editor around them. */
export interface LineContext<L> {
  /** 0-based position, as in the API's paths. */
  index: number;
  /** How the row is named in labels: "line 2", "input 1". */
  name: string;
  update: (patch: Partial<L>) => void;
  /** The message for `field` of this row (`lines.2.quantity`), from the server or the form's own checks. */
  error: (field: string) => string | undefined;
  /** Attach to the row's quantity input: a scan moves the focus there. */
  quantityRef: (element: HTMLInputElement | null) => void;
}

/**
 * The lines of a receipt, shipment or batch: a scan field on top, one bordered row per line with
 * the fields `renderRow` draws, and "Add line". `path` is the body's field (`lines`, `inputs`,
 * `outputs`) so the server's messages land under the right inputs.
 */
export function LineEditor<L extends KeyedLine>({
  title,
  rowLabel,
  path,
  lines,
  onChange,
  blank,
  fill,
  errors,
  scanLabel,
  autoFocusScan,
  scanFindsItem,
  actions,
  renderRow,
}: {
  title: string;
  /** One row's name: "Line", "Input", "Output". */
  rowLabel: string;
  path: string;
  lines: L[];
  /** Receives a change to apply to the latest lines (a row may update after an await). */
  onChange: (change: (lines: L[]) => L[]) => void;
  blank: () => L;
  fill: (line: L, scanned: Scanned) => L;
  errors: Record<string, string>;
  scanLabel: string;
  autoFocusScan?: boolean;
  /** Lines take existing lots (shipments, inputs): a scanned plain lot code fills its item too. */
  scanFindsItem?: boolean;
  /** Beside the title, e.g. "Load recipe". */
  actions?: ReactNode;
  renderRow: (line: L, context: LineContext<L>) => ReactNode;
}) {
  const { register, focus } = useQuantityFocus();
  const onScan = (scanned: Scanned) => {
    // One new row for both: the change applies to the latest lines, the focus goes to the same row.
    const fresh = blank();
    onChange((current) => placeScan(current, scanned, () => fresh, fill).lines);
    focus(placeScan(lines, scanned, () => fresh, fill).key);
  };
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={4}>{title}</Title>
        {actions}
      </Group>
      <ScanField label={scanLabel} onScan={onScan} autoFocus={autoFocusScan} findItem={scanFindsItem} />
      {lines.map((line, index) => (
        <Paper key={line.key} withBorder p="sm" radius="sm">
          <Group justify="space-between" mb={4}>
            <Text size="sm" fw={500} c="dimmed">
              {rowLabel} {index + 1}
            </Text>
            <ActionIcon variant="subtle" color="gray" aria-label={`Remove ${rowLabel.toLowerCase()} ${index + 1}`} onClick={() => onChange((current) => removeLine(current, line.key, blank))}>
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
          {renderRow(line, {
            index,
            name: `${rowLabel.toLowerCase()} ${index + 1}`,
            update: (patch) => onChange((current) => updateLine(current, line.key, patch)),
            error: (field) => errors[`${path}.${index}.${field}`],
            quantityRef: register(line.key),
          })}
        </Paper>
      ))}
      {errors[path] && (
        <Text c="red" size="sm">
          {errors[path]}
        </Text>
      )}
      <Group>
        <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => onChange((current) => [...current, blank()])}>
          Add {rowLabel.toLowerCase()}
        </Button>
      </Group>
    </Stack>
  );
}

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
  const uom = line.sku ? bySku.get(line.sku)?.uom : undefined;
  return (
    <NumberInput
      ref={context.quantityRef}
      label="Quantity"
      aria-label={`Quantity, ${context.name}`}
      description={description}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      placeholder="0"
      value={line.quantity}
      onChange={(quantity) => context.update({ quantity } as Partial<L>)}
      min={0}
      allowNegative={false}
      decimalScale={6}
      thousandSeparator=","
      rightSection={
        uom ? (
          <Text size="xs" c="dimmed">
            {uom}
          </Text>
        ) : undefined
      }
      rightSectionWidth={44}
      error={context.error('quantity')}
    />
  );
}
