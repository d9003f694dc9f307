import { Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * The form's buttons, with a reminder when the form's own checks stopped the submission: the
 * fields they marked may be scrolled out of sight on a long batch.
 */
export function SubmitBar({ missing, children }: { missing: number; children: ReactNode }) {
  return (
    <Group justify="flex-end" gap="sm">
      {missing > 0 && (
        <Text size="sm" c="red" role="alert">
          {missing === 1 ? 'One field needs filling in (marked in red).' : `${missing} fields need filling in (marked in red).`}
        </Text>
      )}
      {children}
    </Group>
  );
}
