import { ActionIcon, Alert, Button, Group, Paper, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconScan, IconSearch, IconTrash } from '@tabler/icons-react';
import { useMutation, type UseQueryResult } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import type { LotListItem } from '../../api/gs1';
import { useItems } from '../../api/master-data';
import type { components } from '../../api/schema';
import { formatDate, formatQuantity } from '../../ui/format';
import { ItemName } from '../../ui/ItemName';
import { lotKey } from '../../ui/lotKey';
import { LotLink } from '../../ui/LotLink';
import { ItemSelect } from '../../ui/pickers';
import { Empty, ErrorState } from '../../ui/states';
import { StatusBadge } from '../../ui/StatusBadge';
import type { LotRef } from './api';
import { findLot, SEARCH_LIMIT } from './findLot';

export type LotDetail = components['schemas']['Lot'];

function ChosenLots({ lots, details, onRemove }: { lots: readonly LotRef[]; details: readonly UseQueryResult<LotDetail>[]; onRemove: (lot: LotRef) => void }) {
  const { bySku } = useItems();
  if (lots.length === 0) return <Empty>No lot chosen yet. Type or scan the lot code of the suspect lot above.</Empty>;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table aria-label="Lots to recall">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Item</Table.Th>
            <Table.Th>Lot</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">On hand</Table.Th>
            <Table.Th>Expiry</Table.Th>
            <Table.Th>Supplier lot</Table.Th>
            <Table.Th aria-label="Remove" />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lots.map((ref, i) => {
            const detail = details[i];
            const item = bySku.get(ref.sku);
            return (
              <Table.Tr key={lotKey(ref)}>
                <Table.Td>
                  <ItemName sku={ref.sku} />
                </Table.Td>
                <Table.Td>
                  <LotLink sku={ref.sku} lot={ref.lot} />
                </Table.Td>
                {detail?.isError ? (
                  <Table.Td colSpan={4}>
                    <Text size="sm" c="red" role="alert">
                      {detail.error.message}
                    </Text>
                  </Table.Td>
                ) : !detail?.data ? (
                  <Table.Td colSpan={4}>
                    <Text size="sm" c="dimmed">
                      Loading…
                    </Text>
                  </Table.Td>
                ) : (
                  <>
                    <Table.Td>
                      <StatusBadge status={detail.data.status} />
                    </Table.Td>
                    <Table.Td ta="right">{formatQuantity(detail.data.totals.onHand, item?.uom)}</Table.Td>
                    <Table.Td>{formatDate(detail.data.expiryDate)}</Table.Td>
                    <Table.Td>{detail.data.supplierLot ?? '—'}</Table.Td>
                  </>
                )}
                <Table.Td>
                  <Tooltip label="Remove from the recall">
                    <ActionIcon variant="subtle" color="gray" aria-label={`Remove ${ref.lot}`} onClick={() => onRemove(ref)}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Adds a lot by its code, a supplier's lot code or a GS1 scan; asks when several lots match. */
function AddLot({ onAdd }: { onAdd: (lot: LotRef) => void }) {
  const [sku, setSku] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [candidates, setCandidates] = useState<LotListItem[] | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const lookup = useMutation({ mutationFn: ({ text, sku }: { text: string; sku: string | null }) => findLot(text, sku) });

  const add = (lot: LotRef) => {
    onAdd(lot);
    setText('');
    setCandidates(null);
    // The next scan goes straight into the box.
    input.current?.focus();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    if (!value) return;
    setCandidates(null);
    lookup.mutate({ text: value, sku }, { onSuccess: (result) => ('found' in result ? add(result.found) : setCandidates(result.candidates)) });
  };

  return (
    <Paper withBorder p="md" radius="md">
      <form onSubmit={submit} aria-label="Add a lot">
        <Group align="flex-end" wrap="wrap" gap="sm">
          <ItemSelect label="Item" description="Optional: narrows the search" placeholder="Any item" value={sku} onChange={setSku} clearable w={{ base: '100%', sm: 260 }} />
          <TextInput
            ref={input}
            label="Lot code or scan"
            description="A lot or supplier lot code, or a GS1 barcode; Enter adds it"
            placeholder="e.g. STR-261123-SUN"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            leftSection={<IconScan size={16} />}
            data-autofocus
            autoFocus
            autoComplete="off"
            style={{ flex: 1, minWidth: 220 }}
          />
          <Button type="submit" leftSection={<IconSearch size={16} />} loading={lookup.isPending} disabled={!text.trim()}>
            Add lot
          </Button>
        </Group>
      </form>
      {lookup.isError && (
        <Stack mt="sm">
          <ErrorState error={lookup.error} title="No lot added" />
        </Stack>
      )}
      {candidates && (
        <Alert mt="sm" color={candidates.length ? 'blue' : 'yellow'} title={candidates.length ? 'Several lots match; choose one' : `No lot matches "${text.trim()}"`}>
          {candidates.length === 0 ? (
            <Text size="sm">Check the code, or clear the item filter.</Text>
          ) : (
            <Group gap="xs">
              {candidates.length === SEARCH_LIMIT && (
                <Text size="sm" w="100%">
                  The first {SEARCH_LIMIT} are shown; type more of the code to narrow them down.
                </Text>
              )}
              {candidates.map((c) => (
                <Button key={lotKey(c)} size="xs" variant="light" onClick={() => add(c)}>
                  {c.sku} · {c.lot}
                  {c.supplierLot ? ` (${c.supplierLot})` : ''}
                </Button>
              ))}
            </Group>
          )}
        </Alert>
      )}
    </Paper>
  );
}

/** Step 1: the lots to recall, pre-filled from the address, more added by typing or scanning. */
export function LotsStep({
  lots,
  details,
  onAdd,
  onRemove,
}: {
  lots: readonly LotRef[];
  details: readonly UseQueryResult<LotDetail>[];
  onAdd: (lot: LotRef) => void;
  onRemove: (lot: LotRef) => void;
}) {
  return (
    <Stack>
      <AddLot onAdd={onAdd} />
      <ChosenLots lots={lots} details={details} onRemove={onRemove} />
    </Stack>
  );
}
