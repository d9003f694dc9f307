import { Button, Group, Modal, Radio, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { newIdempotencyKey } from '../../api/idempotency';
import { formatQuantity } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { ErrorState } from '../../ui/states';
import type { ExpiryRow } from './expiryApi';
import { stockTotals } from './stockTotals';
import { useWriteOff, WRITE_OFF_REASONS, type WriteOffPlan, type WriteOffReason } from './useWriteOff';

interface Props {
  rows: ExpiryRow[];
  plan: WriteOffPlan;
  /** Whether every selected line is past its expiry date (then "expired" is the obvious reason). */
  allExpired: boolean;
  onClose(): void;
  onDone(): void;
}

/** Confirms a write-off of the selected stock with a reason; mounted only while open. */
export function WriteOffModal({ rows, plan, allExpired, onClose, onDone }: Props) {
  const [reason, setReason] = useState<WriteOffReason | null>(allExpired ? 'expired' : null);
  // One key per confirmation: a double click or a retry after a timeout records nothing twice.
  const [key] = useState(newIdempotencyKey);
  const writeOff = useWriteOff();
  const totals = stockTotals(rows);

  function submit() {
    if (!reason) return;
    writeOff.mutate(
      { plan, rows, reason, key },
      {
        onSuccess: (result) => {
          const reserved = result.reserved.length > 0 ? `; ${result.reserved.length} reserved by orders left alone` : '';
          notifySuccess(`${result.lines} stock ${result.lines === 1 ? 'line' : 'lines'} written off${reserved}.`, 'Written off');
          onDone();
        },
      },
    );
  }

  return (
    <Modal opened onClose={onClose} title="Write off stock" size="lg">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <Text size="sm">
            {rows.length} {rows.length === 1 ? 'line' : 'lines'}, {totals.quantity}
            {totals.value !== null && `, value ${totals.value}${totals.valueComplete ? '' : ' (some items have no unit cost)'}`}. The stock leaves the
            ledger with a write-off event per location; a reversal can undo it.
          </Text>
          {plan.kind === 'allExpired' && (
            <Text size="sm" c="dimmed">
              This is all expired stock{plan.location ? ` at ${plan.location}` : ''}: it is written off in one step, and stock that orders have
              reserved is left for those orders.
            </Text>
          )}
          <ScrollArea.Autosize mah={220}>
            <Table striped withTableBorder fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Item</Table.Th>
                  <Table.Th>Lot</Table.Th>
                  <Table.Th>Location</Table.Th>
                  <Table.Th ta="right">Quantity</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={`${r.sku}|${r.lot}|${r.location}`}>
                    <Table.Td>{r.itemName}</Table.Td>
                    <Table.Td ff="monospace">{r.lot}</Table.Td>
                    <Table.Td>{r.location}</Table.Td>
                    <Table.Td ta="right">{formatQuantity(r.quantity, r.uom)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
          <Radio.Group label="Reason" required value={reason} onChange={(value) => setReason(value as WriteOffReason)}>
            <Group mt={6} gap="lg">
              {WRITE_OFF_REASONS.map((r) => (
                <Radio key={r.value} value={r.value} label={r.label} />
              ))}
            </Group>
          </Radio.Group>
          {writeOff.isError && <ErrorState error={writeOff.error} title="The write-off failed" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" leftSection={<IconTrash size={16} />} loading={writeOff.isPending} disabled={!reason}>
              Write off {rows.length} {rows.length === 1 ? 'line' : 'lines'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
