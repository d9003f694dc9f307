import { ActionIcon, Button, Group, NumberInput, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { ItemSelect } from './pickers';
import { useItems } from './queries';

export interface ItemLine {
  /** Stable React key: rows are added and removed. */
  key: number;
  sku: string | null;
  quantity: number | string;
}

let nextKey = 1;
export function newItemLine(sku: string | null = null, quantity: number | string = ''): ItemLine {
  return { key: nextKey++, sku, quantity };
}

/** Order lines as rows of item and quantity; `errors` are keyed like the API's paths (`lines.0.sku`). */
export function ItemLinesEditor({ lines, onChange, errors }: { lines: ItemLine[]; onChange: (lines: ItemLine[]) => void; errors: Record<string, string> }) {
  const { bySku } = useItems();
  const update = (index: number, patch: Partial<ItemLine>) => onChange(lines.map((l, i) => (i === index ? { ...l, ...patch } : l)));
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
            onChange={(sku) => update(i, { sku })}
            error={errors[`lines.${i}.sku`]}
            style={{ flex: 3 }}
          />
          <NumberInput
            aria-label={`Quantity, line ${i + 1}`}
            placeholder="Quantity"
            value={line.quantity}
            onChange={(quantity) => update(i, { quantity })}
            min={0}
            allowNegative={false}
            decimalScale={6}
            thousandSeparator=","
            rightSection={line.sku ? <Text size="xs" c="dimmed">{bySku.get(line.sku)?.uom}</Text> : undefined}
            rightSectionWidth={40}
            error={errors[`lines.${i}.quantity`]}
            style={{ flex: 2 }}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            mt={4}
            aria-label={`Remove line ${i + 1}`}
            disabled={lines.length === 1}
            onClick={() => onChange(lines.filter((_, j) => j !== i))}
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
