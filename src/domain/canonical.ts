/**
 * Canonical JSON: object keys sorted, no whitespace, undefined dropped. Two equal values always
 * give the same text, so it can be hashed (event hash chain, idempotency fingerprints).
 */
export function canonicalJson(value: unknown): string {
  // Every event is hashed twice with this (request and chain), a batch's thousands at a time:
  // scalars are written without a call into JSON where the text is plain, and each level appends
  // to one string, without intermediate arrays.
  switch (typeof value) {
    case 'number':
      // What JSON writes: the shortest round-trip text, and null for NaN and ±Infinity.
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return JSON.stringify(value) ?? 'null';
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += canonicalJson(value[i]);
    }
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  const keys = sortedKeys(object);
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const v = object[key];
    if (v === undefined) continue;
    if (out.length > 1) out += ',';
    out += keyPrefix(key) + canonicalJson(v);
  }
  return `${out}}`;
}

// Up to this many keys an insertion sort is used: no allocation, fast on the few keys of a record.
const FEW_KEYS = 24;

/**
 * The object's own keys in UTF-16 code unit order. Keys are distinct strings, so `>` orders them
 * exactly as the default sort does.
 */
function sortedKeys(object: object): string[] {
  const keys = Object.keys(object);
  if (keys.length > FEW_KEYS) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

// The same few dozen keys (event columns, request fields) come back for every event.
const MAX_PREFIXES = 1000;
const prefixes = new Map<string, string>();

/** `"key":`, quoted as JSON quotes it. */
function keyPrefix(key: string): string {
  let prefix = prefixes.get(key);
  if (prefix === undefined) {
    prefix = `${JSON.stringify(key)}:`;
    // Keys of arbitrary request bodies must not grow it without bound: start over when full.
    if (prefixes.size >= MAX_PREFIXES) prefixes.clear();
    prefixes.set(key, prefix);
  }
  return prefix;
}
