import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** The key facts of an order as labelled values, two to five across depending on the width. */
export function Facts({ facts }: { facts: { label: string; value: ReactNode }[] }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="md" verticalSpacing="sm" mb="md">
      {facts.map((f) => (
        <Stack key={f.label} gap={2}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {f.label}
          </Text>
          <div>{f.value}</div>
        </Stack>
      ))}
    </SimpleGrid>
  );
}
