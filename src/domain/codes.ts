/** Why a user's code (sku, lot, party, location) is unacceptable, or undefined when it is fine. */
export function codeProblem(code: string): string | undefined {
  if (code.length < 1 || code.length > 64) return 'must be 1 to 64 characters';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(code)) return 'must not contain control characters';
  if (code.trim() !== code) return 'must not start or end with spaces';
  return undefined;
}
