/**
 * One thing wrong with GS1 data. `position` is the 1-based character position in the text as it
 * was given (scanned string, bracketed text or URI), so a user can find the bad character.
 */
export interface Gs1Problem {
  ai?: string;
  position?: number;
  message: string;
}

/** "AI (17) at position 19: invalid date 261332", "position 1: …" or "AI (10): …". */
export function describeGs1Problem(p: Gs1Problem): string {
  const position = p.position === undefined ? '' : `position ${p.position}`;
  const where = p.ai === undefined ? position : `AI (${p.ai})${position ? ` at ${position}` : ''}`;
  return where ? `${where}: ${p.message}` : p.message;
}

/**
 * GS1 data that does not parse or breaks the dictionary's rules. Not a DomainError: the caller
 * knows which request field the data came from and turns it into an `Invalid` naming that field.
 */
export class Gs1DataError extends Error {
  constructor(readonly problems: readonly Gs1Problem[]) {
    super(problems.map(describeGs1Problem).join('; '));
    this.name = 'Gs1DataError';
  }

  static at(position: number | undefined, message: string, ai?: string): Gs1DataError {
    return new Gs1DataError([{ ai, position, message }]);
  }
}
