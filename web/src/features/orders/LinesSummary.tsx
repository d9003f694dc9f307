import { Text } from '@mantine/core';
import { formatQuantity } from '../../ui/format';

const SHOWN = 2;

/** An order's lines in one cell: the first two items and how many more. */
export function LinesSummary({ lines }: { lines: readonly { sku: string; quantity: number }[] }) {
  const shown = lines.slice(0, SHOWN).map((l) => `${l.sku} × ${formatQuantity(l.quantity)}`);
  const more = lines.length - SHOWN;
  return (
    <Text size="sm">
      {shown.join(', ')}
      {more > 0 && (
        <Text span size="sm" c="dimmed">
          {` +${more} more`}
        </Text>
      )}
    </Text>
  );
}
