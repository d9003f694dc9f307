import { Alert, Card, Table, Text, Title } from '@mantine/core';
import { ApiError } from '../../api/client';
import { useItems } from '../../api/master-data';
import { formatQuantity } from '../../ui/format';
import { ItemName } from '../../ui/ItemName';
import { ErrorState, Loading } from '../../ui/states';
import { useRecipe } from './queries';
import { scaleInput } from './recipeScale';

/** An item's active recipe, and what a batch of `quantity` will draw from stock. */
export function RecipeCard({ sku, quantity }: { sku: string; quantity: number | undefined }) {
  const recipe = useRecipe(sku);
  const { bySku } = useItems();
  if (recipe.isPending) return <Loading label="Loading the recipe…" />;
  if (recipe.isError) {
    return recipe.error instanceof ApiError && recipe.error.status === 404 ? (
      <Alert color="yellow" title="No recipe">
        {`${sku} has no recipe, so a production order cannot plan its inputs. Record the batch on the Produce screen instead.`}
      </Alert>
    ) : (
      <ErrorState error={recipe.error} title="The recipe could not be loaded" />
    );
  }
  const r = recipe.data;
  const uom = bySku.get(sku)?.uom;
  return (
    <Card withBorder padding="sm" component="section" aria-label="Recipe">
      <Title order={5}>{`Recipe v${r.version}`}</Title>
      <Text size="sm" c="dimmed" mb="xs">
        {`One batch makes ${formatQuantity(r.outputQuantity, uom)} of ${sku}.`}
      </Text>
      <Table.ScrollContainer minWidth={420}>
        <Table aria-label="Recipe inputs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Input</Table.Th>
              <Table.Th ta="right">Per batch</Table.Th>
              <Table.Th ta="right">{quantity ? `For ${formatQuantity(quantity, uom)}` : 'For this order'}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.inputs.map((input) => {
              const inputUom = bySku.get(input.sku)?.uom;
              return (
                <Table.Tr key={input.sku}>
                  <Table.Td>
                    <ItemName sku={input.sku} />
                  </Table.Td>
                  <Table.Td ta="right">{formatQuantity(input.quantity, inputUom)}</Table.Td>
                  <Table.Td ta="right">{quantity ? formatQuantity(scaleInput(input.quantity, quantity, r.outputQuantity), inputUom) : '—'}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
