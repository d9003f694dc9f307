import { Badge, Group } from '@mantine/core';
import { useMemo } from 'react';
import { formatTotals, totalsByUom } from './totals';

/** How much of the lots is where, one badge per location: what the warehouse must find, hold or destroy. */
export function StockByLocation({ lines }: { lines: readonly { location: string; quantity: number; uom: string }[] }) {
  const locations = useMemo(() => [...new Set(lines.map((l) => l.location))].sort(), [lines]);
  if (locations.length === 0) return null;
  return (
    <Group gap="xs" mb="sm" role="group" aria-label="Stock by location">
      {locations.map((location) => (
        <Badge key={location} variant="light" color="gray" tt="none" size="lg">
          {location}: {formatTotals(totalsByUom(lines.filter((l) => l.location === location)))}
        </Badge>
      ))}
    </Group>
  );
}
