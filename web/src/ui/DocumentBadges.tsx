import { Badge, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** Purchase orders, invoices, bills of lading… as "type number" tags; `empty` stands in for none. */
export function DocumentBadges({ documents, empty = <Text size="sm" c="dimmed">—</Text> }: { documents: readonly { type: string; number: string }[]; empty?: ReactNode }) {
  if (documents.length === 0) return <>{empty}</>;
  return (
    <Group gap={4}>
      {documents.map((d) => (
        <Badge key={`${d.type}\u0000${d.number}`} variant="outline" color="gray" tt="none" radius="sm" size="sm" fw={500}>
          {d.type} {d.number}
        </Badge>
      ))}
    </Group>
  );
}
