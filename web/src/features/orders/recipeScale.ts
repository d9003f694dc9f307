const MICRO = 1_000_000;
const toMicro = (n: number) => BigInt(Math.round(n * MICRO));

/**
 * A recipe input scaled to an order, as the server plans it (src/domain/orders.ts scaleInput):
 * input × ordered / recipe output in micro-units, rounded up so a batch is never short.
 */
export function scaleInput(input: number, ordered: number, recipeOutput: number): number {
  const product = toMicro(input) * toMicro(ordered);
  const divisor = toMicro(recipeOutput);
  return Number((product + divisor - 1n) / divisor) / MICRO;
}
