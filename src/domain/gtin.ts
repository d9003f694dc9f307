/** GS1 mod-10 check digit over the digits before the last one. */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** Why a GTIN (8, 12, 13 or 14 digits) is not valid, or undefined when it is. */
export function gtinProblem(gtin: string): string | undefined {
  if (!/^\d+$/.test(gtin)) return 'must contain digits only';
  if (![8, 12, 13, 14].includes(gtin.length)) return 'must have 8, 12, 13 or 14 digits';
  const expected = gs1CheckDigit(gtin.slice(0, -1));
  if (Number(gtin.at(-1)) !== expected) return `check digit must be ${expected}`;
  return undefined;
}

/** The 14-digit form used in GS1 element strings and Digital Links. */
export function toGtin14(gtin: string): string {
  return gtin.padStart(14, '0');
}
