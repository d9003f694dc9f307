import { Alert, List, Text } from '@mantine/core';
import { IconInfoCircle, IconAlertTriangle } from '@tabler/icons-react';
import { formatQuantity } from '../../ui/format';
import { LotLink } from '../../ui/LotLink';
import type { SalesOrderAllocation, Skipped } from './types';

/** Lots an allocation passed over, and why (held, expired, too little shelf life left for the customer). */
export function SkippedLots({ skipped }: { skipped: Skipped }) {
  if (skipped.length === 0) return null;
  return (
    <Alert color="blue" icon={<IconInfoCircle size={18} />} title={`${skipped.length} lot${skipped.length === 1 ? '' : 's'} passed over`} mb="md">
      <List size="sm" spacing={2} aria-label="Lots passed over">
        {skipped.map((s) => (
          <List.Item key={`${s.sku}\u0000${s.lot}`}>
            <LotLink sku={s.sku} lot={s.lot} showSku />
            <Text span size="sm">{` — ${s.reason}`}</Text>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** What the last allocation could not do: stock too short, reservations given up. */
export function AllocationProblems({ result }: { result: Pick<SalesOrderAllocation, 'shortages' | 'released'> }) {
  if (result.shortages.length === 0 && result.released.length === 0) return null;
  return (
    <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title="Not everything could be reserved" mb="md">
      <List size="sm" spacing={2}>
        {result.shortages.map((s) => (
          <List.Item key={`short-${s.sku}`}>
            {`${s.sku}: ${formatQuantity(s.quantity)} short — ${s.message}`}
          </List.Item>
        ))}
        {result.released.map((r) => (
          <List.Item key={`released-${r.sku}\u0000${r.lot}`}>
            <Text span size="sm">{`Released ${formatQuantity(r.quantity)} of `}</Text>
            <LotLink sku={r.sku} lot={r.lot} showSku />
            <Text span size="sm">{` — ${r.reason}`}</Text>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
