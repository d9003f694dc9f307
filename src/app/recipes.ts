import { Invalid, NotFound } from '../domain/errors.js';
import { fromMicro } from '../domain/quantity.js';
import { findRecipe, saveRecipe, type RecipeInputRow, type RecipeRow } from '../store/orders.repository.js';
import { inLedgerTransaction } from '../store/transaction.js';
import { recordAudit } from './audit.js';
import type { App } from './context.js';
import { positiveQuantity } from './inputs.js';
import { checkItemLines } from './order-lines.js';
import { References } from './references.js';

export interface RecipeInput {
  sku: string;
  /** How much of `sku` one batch of the recipe makes. */
  outputQuantity: number;
  inputs: { sku: string; quantity: number }[];
}

export interface RecipeView {
  sku: string;
  /** 1 for the first recipe of the item, +1 each time it is replaced. */
  version: number;
  outputQuantity: number;
  inputs: { sku: string; quantity: number }[];
  updatedAt: string;
}

/**
 * Sets the bill of materials of an output item. An item has one active recipe: posting again
 * replaces it as the next version. Production orders keep the inputs scaled when they were made,
 * so a new version never changes an order already planned.
 */
export async function saveItemRecipe(app: App, input: RecipeInput): Promise<RecipeView> {
  const output = positiveQuantity(input.outputQuantity, 'outputQuantity');
  const quantities = checkItemLines(input.inputs, 'inputs');
  input.inputs.forEach((l, i) => {
    if (l.sku === input.sku) throw Invalid.at(`inputs.${i}.sku`, 'an item cannot be an input of its own recipe');
  });
  return inLedgerTransaction(app.store, async (trx) => {
    const refs = new References(trx);
    await refs.items([{ sku: input.sku, path: 'sku' }, ...input.inputs.map((l, i) => ({ sku: l.sku, path: `inputs.${i}.sku` }))]);
    refs.check();
    const current = await findRecipe(trx, input.sku);
    const recipe: RecipeRow = { sku: input.sku, version: (current?.version ?? 0) + 1, output_quantity: output, updated_at: app.clock.now().toISOString() };
    const inputs: RecipeInputRow[] = input.inputs.map((l, i) => ({ recipe_sku: input.sku, line_no: i + 1, sku: l.sku, quantity: quantities[i]! }));
    await saveRecipe(trx, recipe, inputs);
    const view = recipeView({ ...recipe, inputs });
    // A bill of materials is master data: who changed what production will consume is audited.
    await recordAudit(app, trx, {
      entity: 'recipe',
      entityId: input.sku,
      action: current ? 'replace' : 'create',
      before: current ? { version: current.version, outputQuantity: fromMicro(current.output_quantity) } : undefined,
      after: view,
    });
    return view;
  });
}

/** The active recipe of an item. */
export async function getRecipe(app: App, sku: string): Promise<RecipeView> {
  const recipe = await findRecipe(app.store.db, sku);
  if (!recipe) throw new NotFound(`item "${sku}" has no recipe`);
  return recipeView(recipe);
}

function recipeView(r: RecipeRow & { inputs: RecipeInputRow[] }): RecipeView {
  return {
    sku: r.sku,
    version: r.version,
    outputQuantity: fromMicro(r.output_quantity),
    inputs: r.inputs.map((i) => ({ sku: i.sku, quantity: fromMicro(i.quantity) })),
    updatedAt: r.updated_at,
  };
}
