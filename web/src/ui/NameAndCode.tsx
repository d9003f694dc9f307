import { Text } from '@mantine/core';

/** A customer or supplier by name, with its code underneath, dimmed; the code alone until the name is known. */
export function NameAndCode({ name, code }: { name: string | undefined; code: string }) {
  return (
    <>
      <Text size="sm">{name ?? code}</Text>
      <Text size="xs" c="dimmed">
        {code}
      </Text>
    </>
  );
}
