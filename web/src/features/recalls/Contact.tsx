import { Text } from '@mantine/core';
import { ContactLinks } from '../../ui/ContactLinks';

/** How the recall coordinator reaches a customer; a customer without any contact stands out in red. */
export function Contact({ email, phone }: { email: string | null; phone: string | null }) {
  return (
    <ContactLinks
      email={email}
      phone={phone}
      missing={
        <Text size="sm" c="red">
          no contact on file
        </Text>
      }
    />
  );
}
