import { ActionIcon, Button, Group, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useItems } from '../../api/master-data';
import { ItemSelect } from '../../ui/pickers';
import { QuantityInput } from '../../ui/QuantityInput';
import { rowKey, updateRow, withoutRow, type Keyed } from '../../ui/rows';

export interface ItemLine extends Keyed {
  sku: string | null;
  quantity: number | string;
}

export function newItemLine(sku: string | null = null, quantity: number | string = ''): ItemLine {
  return { key: rowKey(), sku, quantity };
}

/** Order lines as rows of item and quantity; `errors` are keyed like the API's paths (`lines.0.sku`). */
export function ItemLinesEditor({ lines, onChange, errors }: { lines: ItemLine[]; onChange: (lines: ItemLine[]) => void; errors: Record<string, string> }) {
  const { bySku } = useItems();
  return (
    <Stack gap="xs">
      <Text fw={500} size="sm">
        Lines
      </Text>
      {lines.map((line, i) => (
        <Group key={line.key} align="flex-start" gap="xs" wrap="nowrap">
          <ItemSelect
            aria-label={`Item, line ${i + 1}`}
            placeholder="Item"
            value={line.sku}
            onChange={(sku) => onChange(updateRow(lines, line.key, { sku }))}
            error={errors[`lines.${i}.sku`]}
            style={{ flex: 3 }}
          />
          <QuantityInput
            aria-label={`Quantity, line ${i + 1}`}
            placeholder="Quantity"
            value={line.quantity}
            onChange={(quantity) => onChange(updateRow(lines, line.key, { quantity }))}
            uom={line.sku ? bySku.get(line.sku)?.uom : undefined}
            error={errors[`lines.${i}.quantity`]}
            style={{ flex: 2 }}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            mt={4}
            aria-label={`Remove line ${i + 1}`}
            disabled={lines.length === 1}
            onClick={() => onChange(withoutRow(lines, line.key))}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      {errors.lines && (
        <Text c="red" size="xs">
          {errors.lines}
        </Text>
      )}
      <Group>
        <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => onChange([...lines, newItemLine()])}>
          Add line
        </Button>
      </Group>
    </Stack>
  );
}

/** Friendly messages for blank rows, before the server is asked. */
export function blankLineErrors(lines: readonly ItemLine[]): Record<string, string> {
  const errors: Record<string, string> = {};
  lines.forEach((l, i) => {
    if (!l.sku) errors[`lines.${i}.sku`] = 'Choose an item';
    if (l.quantity === '') errors[`lines.${i}.quantity`] = 'Enter a quantity';
  });
  return errors;
}

export function itemLinesBody(lines: readonly ItemLine[]): { sku: string; quantity: number }[] {
  return lines.map((l) => ({ sku: l.sku ?? '', quantity: Number(l.quantity) }));
}
