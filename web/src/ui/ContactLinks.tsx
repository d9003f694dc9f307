import { Anchor, Stack } from '@mantine/core';
import type { ReactNode } from 'react';

/** A customer's email and phone as links to write or call straight away; `missing` shows when it has neither. */
export function ContactLinks({ email, phone, missing }: { email: string | null; phone: string | null; missing: ReactNode }) {
  if (!email && !phone) return <>{missing}</>;
  return (
    <Stack gap={0}>
      {email && (
        <Anchor href={`mailto:${email}`} size="sm">
          {email}
        </Anchor>
      )}
      {phone && (
        <Anchor href={`tel:${phone.replaceAll(' ', '')}`} size="sm" c="dimmed">
          {phone}
        </Anchor>
      )}
    </Stack>
  );
}
