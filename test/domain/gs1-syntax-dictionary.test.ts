import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aiAt, fixedLength, matchesPattern, parseSyntaxDictionary } from '../../src/domain/gs1/syntax-dictionary.js';

const TEXT = readFileSync(new URL('../../resources/gs1/gs1-syntax-dictionary.txt', import.meta.url), 'utf8');
const dictionary = parseSyntaxDictionary(TEXT);
const entry = (ai: string) => dictionary.entries.get(ai)!;

describe('GS1 syntax dictionary', () => {
  it('reads every AI of the shipped dictionary, ranges expanded', () => {
    expect(dictionary.entries.size).toBeGreaterThan(500);
    for (const ai of ['00', '01', '10', '17', '21', '3100', '3105', '3909', '7239', '8200', '91', '99']) expect(dictionary.entries.has(ai), ai).toBe(true);
    // 3106 is outside the range 3100-3105.
    expect(dictionary.entries.has('3106')).toBe(false);
  });

  it('reads a GTIN: predefined length, N14 with a check digit, Digital Link key with two qualifier sequences', () => {
    expect(entry('01')).toMatchObject({
      title: 'GTIN',
      predefinedLength: true,
      dlAttribute: true,
      components: [{ charset: 'N', minLength: 14, maxLength: 14, optional: false, linters: ['csum', 'gcppos2'] }],
      excludes: ['255', '37'],
      dlQualifiers: [['22', '10', '21'], ['235']],
    });
    expect(fixedLength(entry('01'))).toBe(14);
  });

  it('reads a batch/lot: variable X..20, FNC1-terminated, mandatory with one of five keys', () => {
    expect(entry('10')).toMatchObject({
      title: 'BATCH/LOT',
      predefinedLength: false,
      components: [{ charset: 'X', minLength: 1, maxLength: 20 }],
      requires: [[['01'], ['02'], ['03'], ['8006'], ['8026']]],
    });
    expect(fixedLength(entry('10'))).toBeUndefined();
  });

  it('reads pairings with "+", patterns with "n", optional components and linters after brackets', () => {
    expect(entry('250').requires).toEqual([[['01', '21'], ['03', '21'], ['8006', '21']]]);
    expect(entry('3103')).toMatchObject({ excludes: ['310n'], decimalPlaces: 3 });
    expect(entry('253').components.map((c) => c.optional)).toEqual([false, true]);
    expect(entry('4330').components[1]).toEqual({ charset: 'X', minLength: 1, maxLength: 1, optional: true, linters: ['hyphen'] });
    expect(entry('414').dlQualifiers).toEqual([['254'], ['7040']]);
    expect(entry('00').dlQualifiers).toEqual([[]]);
  });

  it('marks only the decimal-point families as decimal', () => {
    expect(entry('3100').decimalPlaces).toBe(0);
    expect(entry('3925').decimalPlaces).toBe(5);
    for (const ai of ['01', '30', '37', '7003', '91', '7230', '8111']) expect(entry(ai).decimalPlaces, ai).toBeUndefined();
  });

  it('keeps an entry without a title', () => {
    expect(entry('8110').title).toBe('');
  });

  it('finds the AI at a position of an element string', () => {
    expect(aiAt(dictionary, '0109506000134352', 0)?.ai).toBe('01');
    expect(aiAt(dictionary, 'x3103001250', 1)?.ai).toBe('3103');
    expect(aiAt(dictionary, '8912', 0)).toBeUndefined();
  });

  it('matches dictionary patterns digit by digit', () => {
    expect(matchesPattern('3103', '310n')).toBe(true);
    expect(matchesPattern('3113', '310n')).toBe(false);
    expect(matchesPattern('310', '310n')).toBe(false);
    expect(matchesPattern('01', '01')).toBe(true);
  });

  it('parses dictionary text given as a string, and refuses a malformed line', () => {
    const small = parseSyntaxDictionary('# comment\n\n01  *?  N14,csum  dlpkey  # GTIN\n10 ? X..20 req=01 # LOT\n');
    expect([...small.entries.keys()]).toEqual(['01', '10']);
    expect(() => parseSyntaxDictionary('1 N5 # one digit')).toThrow(/line 1/);
    expect(() => parseSyntaxDictionary('10 req=01 # no format')).toThrow(/no format/);
    expect(() => parseSyntaxDictionary('# nothing')).toThrow(/no entries/);
  });
});
