import { Badge } from '@mantine/core';

const COLORS: Record<string, string> = {
  available: 'green',
  hold: 'yellow',
  recalled: 'red',
  expired: 'gray',
  depleted: 'gray',
  open: 'blue',
  closed: 'gray',
  allocated: 'teal',
  partially_allocated: 'yellow',
  shipped: 'green',
  received: 'green',
  partially_received: 'yellow',
  completed: 'green',
  cancelled: 'gray',
};

/** The Mantine colour of a status, for anything else that shows it (a node's border, a chart). */
export function statusColor(status: string): string {
  return COLORS[status] ?? 'blue';
}

/** A lot, order or recall status in one colour everywhere. */
export function StatusBadge({ status }: { status: string }) {
  return (
    // max-content: a narrow table column must not truncate the status to "avail…".
    <Badge color={statusColor(status)} variant="light" tt="none" miw="max-content">
      {status.replaceAll('_', ' ')}
    </Badge>
  );
}
