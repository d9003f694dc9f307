import { describe, expect, it } from 'vitest';
import { dateFromYymmdd, fullYear, yymmddOf } from '../../src/domain/gs1/ai-values.js';
import { checkBuiltAiData } from '../../src/domain/gs1/gs1-data.js';
import { renderBracketed, renderElementString } from '../../src/domain/gs1/element-string.js';
import { dictionary, failure, GS, pairs, read } from './gs1-helpers.js';

describe('GS1 element strings and bracketed AIs', () => {
  it('reads the General Specifications example (01)(17)(10) in bracketed form', () => {
    const data = read('(01)09506000134352(17)201225(10)ABC123');
    expect(data).toEqual({
      form: 'bracketed',
      ais: [
        { ai: '01', title: 'GTIN', raw: '09506000134352', value: '09506000134352' },
        { ai: '17', title: 'USE BY or EXPIRY', raw: '201225', value: '2020-12-25' },
        { ai: '10', title: 'BATCH/LOT', raw: 'ABC123', value: 'ABC123' },
      ],
      gtin: '09506000134352',
      lot: 'ABC123',
      expiryDate: '2020-12-25',
    });
  });

  it('reads a scanned GS1 DataMatrix string: symbology identifier, FNC1 as GS after variable-length data', () => {
    const data = read(`]d20109506000134352${'10'}ABC123${GS}17201225${'21'}XYZ-1/2`);
    expect(data.form).toBe('element-string');
    expect(data.symbologyId).toBe(']d2');
    expect(pairs(data)).toEqual([['01', '09506000134352'], ['10', 'ABC123'], ['17', '201225'], ['21', 'XYZ-1/2']]);
    expect(data).toMatchObject({ lot: 'ABC123', serial: 'XYZ-1/2', expiryDate: '2020-12-25' });
  });

  it.each([']C1', ']e0', ']Q3', ']J1'])('accepts the GS1 symbology identifier %s', (id) => {
    expect(read(`${id}0109506000134352`).symbologyId).toBe(id);
  });

  it('accepts a leading FNC1, redundant separators after fixed-length AIs, and the Enter a scanner sends', () => {
    expect(pairs(read(`${GS}0109506000134352${GS}17201225${GS}10A1\r\n`))).toEqual([['01', '09506000134352'], ['17', '201225'], ['10', 'A1']]);
  });

  it('needs FNC1 after variable-length data: without it the lot swallows what follows', () => {
    expect(read('010950600013435210ABC17201225').lot).toBe('ABC17201225');
    expect(read(`010950600013435210ABC${GS}17201225`).lot).toBe('ABC');
  });

  it('applies the implied decimal point of 310n and 392n and keeps the currency of 391n', () => {
    expect(read('(01)09506000134352(3103)001250').netWeightKg).toBe(1.25);
    expect(read('(01)09506000134352(3102)123456').netWeightKg).toBe(1234.56);
    expect(read('(01)09506000134352(3100)000007').netWeightKg).toBe(7);
    expect(read('(01)09520123456788(3103)000195(3922)0299').ais.slice(1).map((a) => a.value)).toEqual([0.195, 2.99]);
    expect(read('(8020)ABC123(415)9520123456788(3912)978001299').ais[2]).toMatchObject({ ai: '3912', value: 12.99, currency: '978' });
  });

  it('reads counts as numbers and numeric identifiers as text', () => {
    const data = read('(00)095201234567891235(02)09520123456788(37)25(10)ABC123');
    expect(data.ais.map((a) => a.value)).toEqual(['095201234567891235', '09520123456788', 25, 'ABC123']);
    expect(data.gtin).toBe('09520123456788');
    expect(read('(01)09506000134352(20)01').ais[1]!.value).toBe('01');
  });

  it('reads day 00 as the last day of the month, leap years included', () => {
    expect(read('(01)09506000134352(17)270200').expiryDate).toBe('2027-02-28');
    expect(read('(01)09506000134352(17)280200').expiryDate).toBe('2028-02-29');
    expect(read('(01)09506000134352(15)261100').bestBeforeDate).toBe('2026-11-30');
    expect(read('(01)09506000134352(11)260615').productionDate).toBe('2026-06-15');
  });

  it('reads dates with times and date ranges', () => {
    expect(read('(01)09506000134352(7003)2612311530').ais[1]!.value).toBe('2026-12-31T15:30');
    expect(read('(01)09506000134352(8008)26010210').ais[1]!.value).toBe('2026-01-02T10');
    expect(read('(01)09506000134352(7007)260101260105').ais[1]!.value).toBe('2026-01-01/2026-01-05');
  });

  it('places two-digit years by the GS1 century rule around the current year', () => {
    expect(fullYear(76, 2026)).toBe(2076); // 50 ahead: this century
    expect(fullYear(77, 2026)).toBe(1977); // 51 ahead: last century
    expect(fullYear(0, 2026)).toBe(2000);
    expect(fullYear(31, 2080)).toBe(2031); // 49 behind: this century
    expect(fullYear(30, 2080)).toBe(2130); // 50 behind: next century
    expect(fullYear(99, 2001)).toBe(1999);
    expect(read('(01)09506000134352(17)771231').expiryDate).toBe('1977-12-31');
    expect(read('(01)09506000134352(17)300101', 2080).expiryDate).toBe('2130-01-01');
    // 2100 is not a leap year; 2000 was.
    expect(dateFromYymmdd('000229', 2080)).toBeUndefined();
    expect(dateFromYymmdd('000229', 2026)).toBe('2000-02-29');
  });

  it('writes a date as YYMMDD only where the century rule reads it back', () => {
    expect(yymmddOf('2027-06-01', 2026)).toBe('270601');
    expect(yymmddOf('2090-01-01', 2026)).toBeUndefined();
  });

  describe('refuses, naming the AI and the 1-based position', () => {
    it.each([
      ['an invalid date (the brief’s example)', '010950600013435217261332', 'AI (17) at position 19: invalid date 261332'],
      ['an invalid date, bracketed', '(01)09506000134352(17)261332', 'AI (17) at position 23: invalid date 261332'],
      ['February 30th', '(01)09506000134352(17)260230', 'AI (17) at position 23: invalid date 260230'],
      ['day 00 where the AI wants a day', '(01)09506000134352(7006)260100', 'AI (7006) at position 25: invalid date 260100'],
      ['a wrong GTIN check digit', '(01)09506000134353', 'AI (01) at position 18: invalid check digit in 09506000134353: expected 2'],
      ['a wrong SSCC check digit', ']C100095201234567891234', 'AI (00) at position 23: invalid check digit in 095201234567891234: expected 5'],
      ['an unknown AI in an element string', '0109506000134352899', 'AI (89) at position 17: unknown AI'],
      ['an unknown AI in brackets', '(01)09506000134352(89)X', 'AI (89) at position 19: unknown AI'],
      ['an over-long lot', '(01)09506000134352(10)ABCDEFGHIJKLMNOPQRSTU', 'AI (10) at position 43: "ABCDEFGHIJKLMNOPQRSTU" is too long: expected 1 to 20 characters'],
      ['a short GTIN', '(01)0950600013435', 'AI (01) at position 5: "0950600013435" is too short: expected 14 digits'],
      ['a GTIN cut short by a separator', `01095060001${GS}10A`, 'AI (01) at position 3: "095060001" is too short: expected 14 digits'],
      ['a letter in a numeric AI', '(01)0950600013435X', 'AI (01) at position 18: "X" is not a digit'],
      ['a space in a lot', '(01)09506000134352(10)AB C', 'AI (10) at position 25: " " is not in the GS1 character set 82'],
      ['a non-ASCII character in a lot', '(01)09506000134352(10)CRÈME', 'AI (10) at position 25: U+00C8 is not in the GS1 character set 82'],
      ['an AI with no data', '(01)09506000134352(10)', 'AI (10) at position 23: has no data; expected 1 to 20 characters'],
      ['a lot without a trade item: req=01,02,03,8006,8026', '(10)ABC123', 'AI (10) at position 1: requires (01), (02), (03), (8006) or (8026) in the same data'],
      ['a secondary serial without GTIN and serial: req=01+21,…', '(01)09506000134352(250)X', 'AI (250) at position 19: requires (01) with (21), (03) with (21) or (8006) with (21) in the same data'],
      ['a serial with a TPX: ex=235', '(01)09506000134352(21)1(235)X', 'AI (21) at position 19: may not be used together with (235)'],
      ['two net weights: ex=310n', '(01)09506000134352(3103)001250(3102)000125', 'AI (3103) at position 19: may not be used together with (3102)'],
      ['one AI twice with different data', '(01)09506000134352(10)A(10)B', 'AI (10) at position 24: repeated with different data ("A", then "B")'],
      ['text that is no GS1 data', 'hello', 'position 1: not GS1 data: expected an element string, bracketed AIs such as (01)… or a GS1 Digital Link URI'],
      ['a non-GS1 symbology identifier', ']C0ABC', 'position 1: symbology identifier ]C0 does not announce GS1 data (expected one of ]C1, ]e0, ]d2, ]Q3, ]J1, or a Digital Link URI)'],
      ['a bracket without an AI', '(01)09506000134352(ABC)1', 'position 19: expected an AI of two to four digits in brackets'],
      ['empty data', '', 'no data'],
    ])('%s', (_case, data, message) => {
      expect(failure(data)).toBe(message);
    });

    it('reports every bad AI and every broken pairing at once', () => {
      expect(failure('(01)09506000134353(17)261332')).toBe(
        'AI (01) at position 18: invalid check digit in 09506000134353: expected 2; AI (17) at position 23: invalid date 261332',
      );
      expect(failure('(01)09506000134352(37)10')).toBe(
        'AI (01) at position 1: may not be used together with (37); AI (37) at position 19: requires (00) with (02) or (00) with (8026) in the same data',
      );
      expect(failure('(10)A(21)B')).toBe(
        'AI (10) at position 1: requires (01), (02), (03), (8006) or (8026) in the same data; AI (21) at position 6: requires (01), (03) or (8006) in the same data',
      );
    });
  });

  it('accepts repeated AIs with the same data once', () => {
    expect(pairs(read('(01)09506000134352(10)A(10)A'))).toEqual([['01', '09506000134352'], ['10', 'A']]);
  });

  it('keeps escaped parentheses in bracketed data, and renders them escaped again', () => {
    const data = read('(01)09506000134352(10)A\\(1)');
    expect(data.lot).toBe('A(1)');
    expect(renderBracketed(data.ais)).toBe('(01)09506000134352(10)A\\(1)');
  });

  it('checks the alphanumeric check character pair of a GMN', () => {
    expect(read('(8013)1987654Ad4X4bL5ttr2310c2K').ais[0]!.raw).toBe('1987654Ad4X4bL5ttr2310c2K');
    expect(failure('(8013)1987654Ad4X4bL5ttr2310cXK')).toBe('AI (8013) at position 30: invalid check character pair in 1987654Ad4X4bL5ttr2310cXK: expected 2K');
  });

  it('renders an element string with FNC1 only after variable-length AIs that are not last', () => {
    const ais = [
      { ai: '01', raw: '09506000134352' },
      { ai: '10', raw: 'ABC' },
      { ai: '17', raw: '201225' },
      { ai: '21', raw: '7' },
    ];
    expect(renderElementString(dictionary, ais)).toBe(`0109506000134352${'10'}ABC${GS}17201225${'21'}7`);
    expect(pairs(read(renderElementString(dictionary, ais)))).toEqual(ais.map((a) => [a.ai, a.raw]));
  });

  it('checks AI data built without positions (labels)', () => {
    expect(() => checkBuiltAiData(dictionary, [{ ai: '01', raw: '09506000134352' }, { ai: '10', raw: 'LOT 1' }], { referenceYear: 2026 })).toThrow(
      'AI (10): " " is not in the GS1 character set 82',
    );
  });
});
