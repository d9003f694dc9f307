import { SimpleGrid } from '@mantine/core';
import type { ReactNode } from 'react';
import { Fact } from '../../ui/Fact';

/** The key facts of an order as labelled values, two to five across depending on the width. */
export function Facts({ facts }: { facts: { label: string; value: ReactNode }[] }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="md" verticalSpacing="sm" mb="md">
      {facts.map((f) => (
        <Fact key={f.label} label={f.label}>
          {f.value}
        </Fact>
      ))}
    </SimpleGrid>
  );
}
