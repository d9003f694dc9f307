import { Button, Popover, Stack, Text } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ItemSelect } from '../../ui/pickers';
import { QuantityInput } from '../../ui/QuantityInput';

type Recipe = components['schemas']['Recipe'];

/** A recipe scaled to the batch: what each input should weigh or count for `quantity` of the output. */
export interface ScaledRecipe {
  sku: string;
  quantity: number;
  inputs: { sku: string; quantity: number }[];
}

// Quantities carry at most 6 decimals; scaling must not send float noise the server refuses.
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

function scale(recipe: Recipe, quantity: number): ScaledRecipe {
  const factor = quantity / recipe.outputQuantity;
  return { sku: recipe.sku, quantity, inputs: recipe.inputs.map((i) => ({ sku: i.sku, quantity: round6(i.quantity * factor) })) };
}

/**
 * "Load recipe": the bill of materials of an output item, scaled to the batch size, handed to
 * `onLoad` to prefill the inputs (the lots are still scanned or picked: the recipe names items only).
 */
export function RecipeLoader({ defaultSku, defaultQuantity, onLoad }: { defaultSku: string | null; defaultQuantity: number | undefined; onLoad: (recipe: ScaledRecipe) => void }) {
  const [opened, setOpened] = useState(false);
  const [sku, setSku] = useState<string | null>(null);
  const [quantity, setQuantity] = useState<number | string>('');
  const load = useMutation({
    mutationFn: async ({ sku: output, quantity: size }: { sku: string; quantity: number | undefined }) => {
      const recipe = await unwrap(api.GET('/api/v1/recipes/{sku}', { params: { path: { sku: output } } }));
      return scale(recipe, size ?? recipe.outputQuantity);
    },
    onSuccess: (scaled) => {
      onLoad(scaled);
      setOpened(false);
    },
  });
  const open = () => {
    // Start from what the outputs already say.
    setSku(defaultSku);
    setQuantity(defaultQuantity ?? '');
    load.reset();
    setOpened(true);
  };
  const submit = () => {
    if (sku) load.mutate({ sku, quantity: quantity === '' ? undefined : Number(quantity) });
  };
  const notFound = load.error instanceof ApiError && load.error.status === 404;
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={340} withArrow trapFocus>
      <Popover.Target>
        <Button variant="light" size="xs" leftSection={<IconChecklist size={14} />} onClick={() => (opened ? setOpened(false) : open())}>
          Load recipe
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <ItemSelect label="Output item" placeholder="What the batch makes" value={sku} onChange={setSku} comboboxProps={{ withinPortal: false }} />
          <QuantityInput
            label="Batch size"
            description="Blank: the recipe's own batch size"
            value={quantity}
            onChange={setQuantity}
            onKeyDown={(event) => {
              // Inside the production form: Enter loads the recipe instead of recording the batch.
              if (event.key === 'Enter') {
                event.preventDefault();
                submit();
              }
            }}
          />
          {load.error && (
            <Text size="sm" c="red" role="alert">
              {notFound ? `${sku} has no recipe yet; add the inputs by hand.` : load.error.message}
            </Text>
          )}
          <Button size="xs" onClick={submit} disabled={!sku} loading={load.isPending}>
            Fill the inputs
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
