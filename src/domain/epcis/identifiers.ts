import { gs1CheckDigit } from '../gtin.js';

/**
 * The GS1 identifiers inside EPCIS events that Lotline maps onto its ledger, in both syntaxes
 * EPCIS 2.0 allows: EPC URNs (TDS) and GS1 Digital Link URIs.
 */

/** A lot-level class: `urn:epc:class:lgtin:<company prefix>.<indicator+item ref>.<lot>` or Digital Link /01/{gtin}/10/{lot}. */
export interface ClassRef {
  gtin: string;
  lot?: string;
}

const withCheckDigit = (body: string): string => body + String(gs1CheckDigit(body));

/** GTIN-14 from a TDS company prefix and indicator + item reference (13 digits together). */
function gtinOf(companyPrefix: string, itemRef: string): string | undefined {
  if (!/^\d+$/.test(companyPrefix) || !/^\d+$/.test(itemRef) || companyPrefix.length + itemRef.length !== 13) return undefined;
  return withCheckDigit(itemRef[0] + companyPrefix + itemRef.slice(1));
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** Digital Link path AIs as a map, e.g. https://id.gs1.org/01/09521141012345/10/LOT → {01: …, 10: …}. */
function digitalLinkAis(uri: string): Map<string, string> | undefined {
  if (!/^https?:\/\//i.test(uri)) return undefined;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  const parts = url.pathname.split('/').filter((p) => p !== '');
  // The primary key AI may follow a path prefix: find the first known key.
  const start = parts.findIndex((p) => ['01', '414', '417', '8006'].includes(p));
  if (start < 0) return undefined;
  const ais = new Map<string, string>();
  for (let i = start; i + 1 < parts.length; i += 2) {
    const value = decode(parts[i + 1]!);
    if (value === undefined) return undefined;
    ais.set(parts[i]!, value);
  }
  return ais;
}

const gtin14 = (gtin: string): string | undefined => (/^\d{8}$|^\d{12,14}$/.test(gtin) ? gtin.padStart(14, '0') : undefined);

/** A class-level EPC naming a GTIN (and lot, if lot-level); undefined for anything else. */
export function parseEpcClass(epcClass: string): ClassRef | undefined {
  const lgtin = /^urn:epc:class:lgtin:(\d+)\.(\d+)\.(.+)$/.exec(epcClass);
  if (lgtin) {
    const gtin = gtinOf(lgtin[1]!, lgtin[2]!);
    const lot = decode(lgtin[3]!);
    return gtin && lot ? { gtin, lot } : undefined;
  }
  const idpat = /^urn:epc:idpat:sgtin:(\d+)\.(\d+)\.\*$/.exec(epcClass);
  if (idpat) {
    const gtin = gtinOf(idpat[1]!, idpat[2]!);
    return gtin ? { gtin } : undefined;
  }
  const ais = digitalLinkAis(epcClass);
  const gtin = ais?.get('01');
  if (!ais || gtin === undefined || ais.has('21')) return undefined;
  const g = gtin14(gtin);
  return g ? { gtin: g, lot: ais.get('10') } : undefined;
}

/** The GLN of a location (sgln, Digital Link /414) or party (pgln, Digital Link /417). */
export function parseGln(id: string): string | undefined {
  const sgln = /^urn:epc:id:(?:sgln|pgln):(\d+)\.(\d*)(?:\.(.*))?$/.exec(id);
  if (sgln) {
    const body = sgln[1]! + sgln[2]!;
    return body.length === 12 ? withCheckDigit(body) : undefined;
  }
  const ais = digitalLinkAis(id);
  const gln = ais?.get('414') ?? ais?.get('417');
  return gln !== undefined && /^\d{13}$/.test(gln) ? gln : undefined;
}

/** `urn:epc:class:lgtin:…` for a GTIN-14 and lot, given how many digits the company prefix has. */
export function lgtinOf(gtin: string, lot: string, companyPrefixLength = 7): string {
  const prefix = gtin.slice(1, 1 + companyPrefixLength);
  const itemRef = gtin[0]! + gtin.slice(1 + companyPrefixLength, 13);
  return `urn:epc:class:lgtin:${prefix}.${itemRef}.${encodeURIComponent(lot)}`;
}

/** A CBV business step or disposition in its bare form (`receiving`), whichever way it was written. */
export function bareCbv(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(?:https:\/\/ref\.gs1\.org\/cbv\/(?:BizStep|Disp)-|urn:epcglobal:cbv:(?:bizstep|disp):|cbv:(?:BizStep|Disp)-)(.+)$/.exec(value);
  return m ? m[1]! : value;
}
