import { Badge } from '@mantine/core';
import { IconArrowDownRight, IconArrowUpRight } from '@tabler/icons-react';

/** A relative change in waste, named by `label`: more waste is the bad direction, so it shows red. */
export function WasteChange({ change, label }: { change: number | null; label: string }) {
  if (change === null) return null;
  const up = change > 0;
  const Icon = up ? IconArrowUpRight : IconArrowDownRight;
  return (
    <Badge
      color={change === 0 ? 'gray' : up ? 'red' : 'green'}
      variant="light"
      tt="none"
      leftSection={change === 0 ? undefined : <Icon size={12} />}
    >
      {label} {up ? '+' : ''}
      {Math.round(change * 100)} %
    </Badge>
  );
}
