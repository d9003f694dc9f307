import { Anchor, Stack, Text } from '@mantine/core';

/** A customer's email and phone as links the recall coordinator can use straight away. */
export function Contact({ email, phone }: { email: string | null; phone: string | null }) {
  if (!email && !phone)
    return (
      <Text size="sm" c="red">
        no contact on file
      </Text>
    );
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
