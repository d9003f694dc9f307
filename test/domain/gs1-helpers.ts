import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { Gs1DataError } from '../../src/domain/gs1/errors.js';
import { readGs1Data, type Gs1Data } from '../../src/domain/gs1/gs1-data.js';
import { parseSyntaxDictionary } from '../../src/domain/gs1/syntax-dictionary.js';

/** The shipped dictionary, read the way the app reads it, for the pure domain tests. */
export const dictionary = parseSyntaxDictionary(readFileSync(new URL('../../resources/gs1/gs1-syntax-dictionary.txt', import.meta.url), 'utf8'));

export const GS = '\u001d';

/** Reads GS1 data as of a fixed year, so two-digit years never depend on the test date. */
export const read = (data: string, referenceYear = 2026): Gs1Data => readGs1Data(dictionary, data, { referenceYear });

/** The message of the Gs1DataError that reading `data` throws. */
export function failure(data: string, referenceYear = 2026): string {
  try {
    read(data, referenceYear);
  } catch (error) {
    expect(error).toBeInstanceOf(Gs1DataError);
    return (error as Gs1DataError).message;
  }
  throw new Error(`expected ${JSON.stringify(data)} to be refused`);
}

/** AIs as [ai, raw] pairs, the shape most assertions want. */
export const pairs = (data: Gs1Data): [string, string][] => data.ais.map((a) => [a.ai, a.raw]);
