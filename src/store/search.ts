/** A LIKE pattern matching `text` anywhere; a backslash escapes the wildcards a code may hold. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
