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

/** A lot, order or recall status in one colour everywhere. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge color={COLORS[status] ?? 'blue'} variant="light" tt="none">
      {status.replaceAll('_', ' ')}
    </Badge>
  );
}
