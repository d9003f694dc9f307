import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useIdempotencyKey } from './idempotency';

describe('useIdempotencyKey', () => {
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
});
