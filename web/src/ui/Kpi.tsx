import { Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One headline figure (a recall's, a trace's): what it is, the number, and a line of context; `compact` above a graph. */
export function Kpi({ label, value, hint, color, compact = false }: { label: string; value: ReactNode; hint?: ReactNode; color?: string; compact?: boolean }) {
  return (
    <Paper withBorder radius="md" p={compact ? undefined : 'sm'} px={compact ? 'sm' : undefined} py={compact ? 6 : undefined} role="group" aria-label={label}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size={compact ? 'lg' : 'xl'} fw={700} lh={compact ? 1.3 : undefined} c={color}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}
