/**
 * The GS1 Barcode Syntax Dictionary as data: every Application Identifier (AI) with its format,
 * FNC1 rule, linters, mandatory and exclusive pairings, Digital Link keys and title. The table is
 * read from the dictionary's text (shipped in resources/gs1) rather than typed in here, so a new
 * GS1 release is a file replacement, not a code change.
 */

/** N: digits; X: GS1 AI encodable character set 82; Y: set 39; Z: set 64 (URI-safe base64). */
export type CharacterSet = 'N' | 'X' | 'Y' | 'Z';

export interface ComponentSpec {
  charset: CharacterSet;
  /** Equal to `maxLength` for a fixed-length component; a variable one ("X..20") is 1 to max. */
  minLength: number;
  maxLength: number;
  /** "[N..12]": may be left out once the data is exhausted. */
  optional: boolean;
  /** Names of the dictionary's content checks for this component, e.g. `csum`, `yymmd0`. */
  linters: readonly string[];
}

export interface AiEntry {
  ai: string;
  title: string;
  /** The "*" flag: the AI has a predefined length, so no FNC1 separator follows its data. */
  predefinedLength: boolean;
  /** The "?" flag: permitted as a GS1 Digital Link query-string attribute. */
  dlAttribute: boolean;
  components: readonly ComponentSpec[];
  /**
   * One entry per `req=` attribute, all of which must hold: a list of alternatives, each a list
   * of AI patterns that must all be present ("req=01+21,02" → [["01","21"],["02"]]).
   */
  requires: readonly (readonly (readonly string[])[])[];
  /** AI patterns that must not appear alongside this AI (`ex=`); "n" in a pattern is any digit. */
  excludes: readonly string[];
  /** Set when the AI is a Digital Link primary key: its qualifier sequences, one per alternative. */
  dlQualifiers?: readonly (readonly string[])[];
  /**
   * For the AIs whose last digit gives the implied decimal point position (310n–369n, 390n–395n:
   * GS1 General Specifications, "the fourth digit … indicates the implied decimal point position").
   */
  decimalPlaces?: number;
}

export interface SyntaxDictionary {
  readonly entries: ReadonlyMap<string, AiEntry>;
}

const COMPONENT_RE = /^(\[)?([NXYZ])(\.\.)?(\d+)(\])?((?:,\w+)*)(\])?$/;
const AI_RE = /^(\d{2,4})(?:-(\d{2,4}))?$/;

function parseComponent(token: string): ComponentSpec | undefined {
  const m = COMPONENT_RE.exec(token);
  if (!m) return undefined;
  const [, open, charset, variable, length, closeBeforeLinters, linters, closeAfterLinters] = m;
  const optional = open !== undefined;
  if (optional !== (closeBeforeLinters !== undefined || closeAfterLinters !== undefined)) return undefined;
  const max = Number(length);
  return {
    charset: charset as CharacterSet,
    minLength: variable ? 1 : max,
    maxLength: max,
    optional,
    linters: linters ? linters.slice(1).split(',') : [],
  };
}

/** "3100-3105" → 3100 … 3105; ranges keep the width of their first AI. */
function expandAis(spec: string, line: number): string[] {
  const m = AI_RE.exec(spec);
  if (!m) throw new Error(`GS1 syntax dictionary line ${line}: "${spec}" is not an AI or AI range`);
  const [, first, last] = m;
  if (last === undefined) return [first!];
  if (last.length !== first!.length || Number(last) < Number(first)) {
    throw new Error(`GS1 syntax dictionary line ${line}: bad AI range "${spec}"`);
  }
  const ais: string[] = [];
  for (let n = Number(first); n <= Number(last); n++) ais.push(String(n).padStart(first!.length, '0'));
  return ais;
}

/**
 * A range of four-digit AIs that starts at a multiple of ten (3100-3105, 3900-3909) is the GS1
 * family whose last digit is the number of decimal places; no other entry has that shape.
 */
function isDecimalRange(spec: string): boolean {
  const m = AI_RE.exec(spec);
  return m !== null && m[2] !== undefined && m[1]!.length === 4 && m[1]!.endsWith('0');
}

/** Parses the dictionary text; a malformed line is a broken installation, so it throws. */
export function parseSyntaxDictionary(text: string): SyntaxDictionary {
  const entries = new Map<string, AiEntry>();
  for (const [index, rawLine] of text.split(/\r?\n/).entries()) {
    const lineNo = index + 1;
    const hash = rawLine.indexOf('#');
    const body = (hash >= 0 ? rawLine.slice(0, hash) : rawLine).trim();
    if (body === '') continue;
    const title = hash >= 0 ? rawLine.slice(hash + 1).trim() : '';
    const [aiSpec, ...tokens] = body.split(/\s+/);

    let predefinedLength = false;
    let dlAttribute = false;
    const components: ComponentSpec[] = [];
    const requires: string[][][] = [];
    const excludes: string[] = [];
    let dlQualifiers: string[][] | undefined;
    for (const [i, token] of tokens.entries()) {
      const component = parseComponent(token);
      if (component) {
        if (requires.length > 0 || excludes.length > 0 || dlQualifiers) {
          throw new Error(`GS1 syntax dictionary line ${lineNo}: component "${token}" after the attributes`);
        }
        components.push(component);
      } else if (i === 0 && /^[^\w=]+$/.test(token)) {
        predefinedLength = token.includes('*');
        dlAttribute = token.includes('?');
      } else if (token.startsWith('req=')) {
        requires.push(token.slice(4).split(',').map((group) => group.split('+')));
      } else if (token.startsWith('ex=')) {
        excludes.push(...token.slice(3).split(','));
      } else if (token === 'dlpkey') {
        dlQualifiers = [[]];
      } else if (token.startsWith('dlpkey=')) {
        dlQualifiers = token.slice(7).split('|').map((seq) => seq.split(','));
      } else {
        // Attributes this parser does not use are allowed: the format reserves room for more.
      }
    }
    if (components.length === 0) throw new Error(`GS1 syntax dictionary line ${lineNo}: no format specification`);
    const decimal = isDecimalRange(aiSpec!);
    for (const ai of expandAis(aiSpec!, lineNo)) {
      entries.set(ai, {
        ai,
        title,
        predefinedLength,
        dlAttribute,
        components,
        requires,
        excludes,
        dlQualifiers,
        decimalPlaces: decimal ? Number(ai.at(-1)) : undefined,
      });
    }
  }
  if (entries.size === 0) throw new Error('GS1 syntax dictionary has no entries');
  return { entries };
}

/** The AI that `text` starts with at `index` (AIs are two to four digits and prefix-free). */
export function aiAt(dictionary: SyntaxDictionary, text: string, index: number): AiEntry | undefined {
  for (let length = 2; length <= 4; length++) {
    const entry = dictionary.entries.get(text.slice(index, index + length));
    if (entry) return entry;
  }
  return undefined;
}

/** The data length of an AI whose every component is fixed and mandatory, else undefined. */
export function fixedLength(entry: AiEntry): number | undefined {
  let total = 0;
  for (const c of entry.components) {
    if (c.optional || c.minLength !== c.maxLength) return undefined;
    total += c.maxLength;
  }
  return total;
}

/** Whether `ai` matches a dictionary pattern such as "310n" (n: any digit). */
export function matchesPattern(ai: string, pattern: string): boolean {
  if (ai.length !== pattern.length) return false;
  for (let i = 0; i < ai.length; i++) {
    const p = pattern[i];
    if (p !== ai[i] && !(p === 'n' && /\d/.test(ai[i]!))) return false;
  }
  return true;
}
