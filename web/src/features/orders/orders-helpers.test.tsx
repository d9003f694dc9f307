import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { scaleInput as serverScaleInput } from '../../../../src/domain/orders.ts';
import { ApiError } from '../../api/client';
import { scaleInput } from './recipeScale';
import { fieldErrors, useIdempotencyKey } from './submission';

describe('the order screens’ helpers', () => {
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

  it('keeps one idempotency key while the same body is resent, and a new one for a new body or after success', () => {
    const { result } = renderHook(() => useIdempotencyKey());
    const first = result.current.keyFor({ lot: 'A', quantity: 1 });
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(result.current.keyFor({ lot: 'A', quantity: 1 })).toBe(first);
    const changed = result.current.keyFor({ lot: 'A', quantity: 2 });
    expect(changed).not.toBe(first);
    result.current.done();
    expect(result.current.keyFor({ lot: 'A', quantity: 2 })).not.toBe(changed);
  });

  it('maps the server’s field messages by path, the first message per field', () => {
    const error = new ApiError(400, 'invalid_request', 'lines.0.quantity: must be greater than 0', [
      { path: 'lines.0.quantity', message: 'must be greater than 0' },
      { path: 'lines.0.quantity', message: 'second' },
      { path: 'customer', message: 'unknown party "X"' },
      { message: 'no path' },
    ]);
    expect(fieldErrors(error)).toEqual({ 'lines.0.quantity': 'must be greater than 0', customer: 'unknown party "X"' });
    expect(fieldErrors(new Error('network'))).toEqual({});
  });
});
