import { ActionIcon, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { updateRow } from '../../ui/rows';
import { placeScan, removeLine, useQuantityFocus, type KeyedLine } from './lines';
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
            update: (patch) => onChange((current) => updateRow(current, line.key, patch)),
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
