import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeProblem } from '../../src/domain/codes.js';

describe('codeProblem', () => {
  it('accepts printable codes of 1 to 64 characters without outer spaces', () => {
    // Any non-control character of the Basic Multilingual Plane: one UTF-16 unit each, so the
    // generated length is the length the 64 limit counts.
    const char = fc
      .integer({ min: 0x20, max: 0xd7ff })
      .filter((c) => c !== 0x7f)
      .map((c) => String.fromCharCode(c));
    const printable = fc.string({ unit: char, minLength: 1, maxLength: 64 }).filter((s) => s.trim() === s);
    fc.assert(
      fc.property(printable, (code) => {
        expect(codeProblem(code)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it.each(['JAM-500', 'L2026-01', 'a', 'Lager Süd 3', 'x'.repeat(64)])('accepts %j', (code) => {
    expect(codeProblem(code)).toBeUndefined();
  });

  it.each([
    ['', 'must be 1 to 64 characters'],
    ['x'.repeat(65), 'must be 1 to 64 characters'],
    ['L1\n', 'must not contain control characters'],
    ['L\u00001', 'must not contain control characters'],
    ['L\t1', 'must not contain control characters'],
    ['L\u007f', 'must not contain control characters'],
    [' L1', 'must not start or end with spaces'],
    ['L1 ', 'must not start or end with spaces'],
    ['L1\u00a0', 'must not start or end with spaces'],
  ])('rejects %j: %s', (code, problem) => {
    expect(codeProblem(code)).toBe(problem);
  });
});
