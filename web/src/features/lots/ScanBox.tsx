import { Kbd, Loader, Popover, Text, TextInput } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconBarcode } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useScan } from './useScan';

/**
 * The header's scan box on every page: a scanner (which types and presses Enter) or a person
 * opens a lot from a GS1 barcode, a Digital Link, a lot code or a supplier lot. "/" focuses it.
 */
export function ScanBox() {
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  const { submit, pending, error, clearError } = useScan();
  useHotkeys([['/', () => input.current?.focus()]]);

  const onSubmit = async () => {
    if (pending) return;
    // The box stays focused and empty: the next scan goes straight in.
    if (await submit(value)) setValue('');
  };

  return (
    <Popover opened={error !== null} onDismiss={clearError} position="bottom-start" width="target" withArrow trapFocus={false} returnFocus={false}>
      <Popover.Target>
        <TextInput
          ref={input}
          w={{ base: 170, xs: 260, sm: 340, lg: 420 }}
          aria-label="Scan or type a lot code"
          placeholder="Scan or type a lot code"
          autoComplete="off"
          spellCheck={false}
          value={value}
          error={error !== null}
          aria-invalid={error !== null}
          leftSection={pending ? <Loader size={14} /> : <IconBarcode size={18} stroke={1.6} />}
          rightSection={<Kbd size="xs">/</Kbd>}
          rightSectionPointerEvents="none"
          onChange={(event) => {
            setValue(event.currentTarget.value);
            clearError();
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              void onSubmit();
            } else if (event.key === 'Escape') {
              clearError();
              event.currentTarget.blur();
            }
          }}
        />
      </Popover.Target>
      <Popover.Dropdown>
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      </Popover.Dropdown>
    </Popover>
  );
}
