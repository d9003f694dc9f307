import { describe, expect, it } from 'vitest';
import { scaleInput as serverScaleInput } from '../../../../src/domain/orders.ts';
import { scaleInput } from './recipeScale';

describe('scaleInput', () => {
  it('scales a recipe input exactly as the server plans it, rounding up to the micro-unit', () => {
    const micro = (n: number) => Math.round(n * 1e6);
    for (const [input, ordered, output] of [
      [200, 100, 1000],
      [1.5, 333, 1000],
      [0.0015, 7, 3],
      [170, 2400, 1000],
      [1, 1, 3],
    ] as const) {
      expect(micro(scaleInput(input, ordered, output))).toBe(serverScaleInput(micro(input), micro(ordered), micro(output)));
    }
    expect(scaleInput(1, 1, 3)).toBe(0.333334);
  });
});
