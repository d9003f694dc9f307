import { ActionIcon, Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { rowKey, updateRow, withoutRow, type Keyed } from '../../ui/rows';

/** A paper behind the event (purchase order, invoice, bill of lading), as the API stores it. */
export interface DocumentRow extends Keyed {
  type: string;
  number: string;
}

const TYPES = [
  { value: 'PO', label: 'Purchase order' },
  { value: 'invoice', label: 'Invoice' },
  { value: 'BOL', label: 'Bill of lading' },
  { value: 'other', label: 'Other' },
];

export const newDocument = (type = 'PO'): DocumentRow => ({ key: rowKey(), type, number: '' });

/** The documents of a request body: rows without a number are left out (nothing was typed). */
export function documentsBody(rows: readonly DocumentRow[]): { type: string; number: string }[] | undefined {
  const filled = rows.filter((d) => d.number.trim() !== '').map((d) => ({ type: d.type, number: d.number.trim() }));
  return filled.length > 0 ? filled : undefined;
}

/**
 * Document rows of type and number, added and removed freely. `errors` are keyed like the API's
 * paths (`documents.0.number`); the paths count only the rows sent, which are the filled ones.
 */
export function DocumentsEditor({ rows, onChange, errors, defaultType }: { rows: DocumentRow[]; onChange: (rows: DocumentRow[]) => void; errors: Record<string, string>; defaultType?: string }) {
  const update = (key: number, patch: Partial<DocumentRow>) => onChange(updateRow(rows, key, patch));
  const sentIndex = new Map(rows.filter((d) => d.number.trim() !== '').map((d, i) => [d.key, i]));
  return (
    <Stack gap="xs">
      <Title order={4}>Documents</Title>
      {rows.length === 0 && (
        <Text size="sm" c="dimmed">
          None. Add the purchase order, invoice, bill of lading or batch record that goes with it.
        </Text>
      )}
      {rows.map((d, i) => {
        const sent = sentIndex.get(d.key);
        const error = (field: string) => (sent === undefined ? undefined : errors[`documents.${sent}.${field}`]);
        return (
          <Group key={d.key} align="flex-start" gap="xs" wrap="nowrap">
            <Select
              aria-label={`Document type ${i + 1}`}
              data={TYPES}
              value={d.type}
              allowDeselect={false}
              onChange={(type) => update(d.key, { type: type ?? 'other' })}
              error={error('type')}
              w={170}
            />
            <TextInput
              aria-label={`Document number ${i + 1}`}
              placeholder="Number"
              value={d.number}
              onChange={(event) => update(d.key, { number: event.currentTarget.value })}
              error={error('number')}
              style={{ flex: 1 }}
            />
            <ActionIcon variant="subtle" color="gray" mt={4} aria-label={`Remove document ${i + 1}`} onClick={() => onChange(withoutRow(rows, d.key))}>
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        );
      })}
      {errors.documents && (
        <Text c="red" size="xs">
          {errors.documents}
        </Text>
      )}
      <Group>
        <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => onChange([...rows, newDocument(defaultType)])}>
          Add document
        </Button>
      </Group>
    </Stack>
  );
}
