import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/domain/canonical.js';

const RUNS = { numRuns: 300 };

/** The same value with the keys of every object in a different order, chosen by `seed`. */
function reorderKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v) => reorderKeys(v, seed));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).map(([k, v]) => [k, reorderKeys(v, seed)] as const);
  // fromEntries defines own properties, so a "__proto__" key stays data instead of a prototype.
  return Object.fromEntries(entries.sort(([a], [b]) => (hash(a, seed) - hash(b, seed)) || (a < b ? 1 : -1)));
}

function hash(text: string, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x9e3779b1);
  return h;
}

/** The same value with undefined-valued keys sprinkled into every object. */
function withUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withUndefined);
  if (value === null || typeof value !== 'object') return value;
  const extra = ['zz-undefined', ''].filter((k) => !Object.hasOwn(value, k)).map((k) => [k, undefined]);
  return Object.fromEntries([...extra, ...Object.entries(value).map(([k, v]) => [k, withUndefined(v)])]);
}

const json = fc.jsonValue({ maxDepth: 4 });

describe('canonicalJson', () => {
  it('does not depend on key order', () => {
    fc.assert(
      fc.property(json, fc.integer(), (value, seed) => {
        expect(canonicalJson(reorderKeys(value, seed))).toBe(canonicalJson(value));
      }),
      RUNS,
    );
  });

  it('keeps the meaning of the value', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      RUNS,
    );
  });

  it('is stable when its own output is parsed and canonicalised again', () => {
    fc.assert(
      fc.property(json, (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      RUNS,
    );
  });

  it('drops undefined values from objects', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(canonicalJson(withUndefined(value))).toBe(canonicalJson(value));
      }),
      RUNS,
    );
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('keeps array order', () => {
    fc.assert(
      fc.property(fc.array(json, { minLength: 2, maxLength: 6 }), (items) => {
        const reversed = [...items].reverse();
        const same = canonicalJson(items) === canonicalJson(reversed);
        expect(same).toBe(items.every((item, i) => canonicalJson(item) === canonicalJson(reversed[i])));
      }),
      RUNS,
    );
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
  });

  it('sorts keys at every level and adds no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ y: 1, x: 2 }], c: 'two words' } })).toBe(
      '{"a":{"c":"two words","d":[{"x":2,"y":1}]},"b":1}',
    );
    // Text order, not the numeric order JavaScript uses for integer-like keys.
    expect(canonicalJson({ 9: 'a', 10: 'b' })).toBe('{"10":"b","9":"a"}');
  });

  it('orders objects of a few keys and of many keys alike, by UTF-16 code units', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.integer(), { maxKeys: 60, size: 'max' }), (dict) => {
        const expected = `{${Object.keys(dict)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${dict[k]}`)
          .join(',')}}`;
        expect(canonicalJson(dict)).toBe(expected);
      }),
      RUNS,
    );
  });

  it('writes scalars and undefined like JSON', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
    expect(canonicalJson('é"\n')).toBe(JSON.stringify('é"\n'));
    expect(canonicalJson(-0)).toBe('0');
    expect(canonicalJson(1.5)).toBe('1.5');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson([NaN, Infinity, -Infinity, 1e21, 5e-7, -1.25e-9, 2 ** 53])).toBe(JSON.stringify([NaN, Infinity, -Infinity, 1e21, 5e-7, -1.25e-9, 2 ** 53]));
    expect(canonicalJson({ '\u2028': 'x', 'a"b\\': false })).toBe(JSON.stringify({ 'a"b\\': false, '\u2028': 'x' }));
  });

  it('writes objects with more distinct keys than it keeps quoted', () => {
    const keys = Array.from({ length: 2500 }, (_, i) => `k${i}`);
    const value = Object.fromEntries(keys.map((k, i) => [k, i]));
    const expected = `{${[...keys].sort().map((k) => `"${k}":${value[k]}`).join(',')}}`;
    expect(canonicalJson(value)).toBe(expected);
    expect(canonicalJson(value)).toBe(expected);
  });
});
