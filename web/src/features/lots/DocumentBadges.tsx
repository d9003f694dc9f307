import { Badge, Group, Text } from '@mantine/core';
import type { Document } from './events';

/** Purchase orders, invoices, bills of lading… as "type number" tags. */
export function DocumentBadges({ documents }: { documents: Document[] }) {
  if (documents.length === 0) return <Text size="sm" c="dimmed">—</Text>;
  return (
    <Group gap={4}>
      {documents.map((d) => (
        <Badge key={`${d.type}\u0000${d.number}`} variant="outline" color="gray" tt="none" radius="sm" fw={500}>
          {d.type} {d.number}
        </Badge>
      ))}
    </Group>
  );
}
