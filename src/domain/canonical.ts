/**
 * Canonical JSON: object keys sorted, no whitespace, undefined dropped. Two equal values always
 * give the same text, so it can be hashed (event hash chain, idempotency fingerprints).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  // Every event is hashed twice with this (request and chain): one pass over sorted keys, without
  // the intermediate entry arrays. Keys are distinct strings, so the default sort (UTF-16 code
  // units) orders them exactly as `<` does.
  const object = value as Record<string, unknown>;
  let out = '{';
  for (const key of Object.keys(object).sort()) {
    const v = object[key];
    if (v === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}
