import { Text } from '@mantine/core';
import { useItems } from '../api/master-data';

/** An item as the tables show it: its sku, and its name underneath, dimmed (looked up unless given). */
export function ItemName({ sku, name }: { sku: string; name?: string }) {
  const { bySku } = useItems();
  return (
    <>
      <Text size="sm">{sku}</Text>
      <Text size="xs" c="dimmed">
        {name ?? bySku.get(sku)?.name}
      </Text>
    </>
  );
}
