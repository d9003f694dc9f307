import { NumberInput, Text, type NumberInputProps } from '@mantine/core';
import type { Ref } from 'react';

/** A quantity as the API takes it: never negative, up to 6 decimals, with the item's unit beside the number. */
export function QuantityInput({ uom, ...props }: NumberInputProps & { uom?: string; ref?: Ref<HTMLInputElement> }) {
  return (
    <NumberInput
      min={0}
      allowNegative={false}
      decimalScale={6}
      thousandSeparator=","
      rightSection={
        uom ? (
          <Text size="xs" c="dimmed">
            {uom}
          </Text>
        ) : undefined
      }
      rightSectionWidth={44}
      {...props}
    />
  );
}

/** A quantity input's value as a number, or undefined while it is blank or half-typed. */
export function quantityOf(value: number | string): number | undefined {
  const n = typeof value === 'number' ? value : Number(value);
  return value === '' || !Number.isFinite(n) ? undefined : n;
}
