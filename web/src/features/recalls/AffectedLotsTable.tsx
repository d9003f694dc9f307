import { Text } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { formatDate, formatQuantity } from '../../ui/format';
import { lotKey } from '../../ui/lotKey';
import { LotLink } from '../../ui/LotLink';
import { PagedTable, type Column } from '../../ui/PagedTable';
import { StatusBadge } from '../../ui/StatusBadge';
import type { TraceLot } from './api';

function relation(lot: TraceLot): string {
  if (lot.side === 'root') return 'Recalled lot';
  return lot.depth === 1 ? 'Made from it' : `Made from it (${lot.depth} steps on)`;
}

const COLUMNS: Column<TraceLot>[] = [
  { header: 'Lot', cell: (lot) => <LotLink sku={lot.sku} lot={lot.lot} showSku /> },
  { header: 'Relation', cell: (lot) => <Text size="sm">{relation(lot)}</Text> },
  { header: 'Status', cell: (lot) => <StatusBadge status={lot.status} /> },
  { header: 'On hand', cell: (lot) => formatQuantity(lot.onHand, lot.uom), numeric: true },
  { header: 'Expiry', cell: (lot) => formatDate(lot.expiryDate) },
  {
    header: 'Mass balance',
    cell: (lot) =>
      lot.massBalance.closes ? (
        <Text size="sm" c="green">
          <IconCheck size={14} aria-hidden /> closes
        </Text>
      ) : (
        <Text size="sm" c="red">
          {formatQuantity(lot.massBalance.difference, lot.uom)} unaccounted
        </Text>
      ),
  },
];

/** Every lot a recall reaches, with its stock and state; each links to its lot page. */
export function AffectedLotsTable({ lots }: { lots: readonly TraceLot[] }) {
  return <PagedTable rows={lots} columns={COLUMNS} rowKey={lotKey} label="Affected lots" noun="lots" empty="No lots." />;
}
