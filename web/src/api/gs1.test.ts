import { describe, expect, it } from 'vitest';
import { looksLikeGs1 } from './gs1';

describe('looksLikeGs1', () => {
  it('recognises every form a GS1 scan arrives in', () => {
    expect(looksLikeGs1('(01)09521234001010(10)L261123A')).toBe(true);
    expect(looksLikeGs1(']C10109521234001010')).toBe(true);
    expect(looksLikeGs1('0109521234001010\u001d10ABC')).toBe(true);
    expect(looksLikeGs1('10ABC\u001d17271123')).toBe(true);
    expect(looksLikeGs1('https://id.example.com/01/09521234001010/10/L1')).toBe(true);
    expect(looksLikeGs1('HTTP://id.example.com/01/09521234001010')).toBe(true);
    expect(looksLikeGs1('010952123400101010L261123A')).toBe(true);
    expect(looksLikeGs1('0295212340010101')).toBe(true);
    expect(looksLikeGs1(']d20109521234001010\u001d10L1')).toBe(true);
    expect(looksLikeGs1('01095212340010101726112410L1')).toBe(true);
  });

  it('leaves lot codes and supplier lots alone, numeric ones included', () => {
    for (const code of ['L261123A', 'STR-251124-IBE', 'STR-261123-SUN', 'SUN261123', '0123', '01-2026-0001', '010952123400', 'L/2026/01', 'lot (b)']) {
      expect(looksLikeGs1(code), code).toBe(false);
    }
  });
});
