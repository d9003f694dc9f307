import { Conflict, NotFound } from '../domain/errors.js';
import { yymmddOf } from '../domain/gs1/ai-values.js';
import { renderElementString, type AiData } from '../domain/gs1/element-string.js';
import { describeGs1Problem, Gs1DataError } from '../domain/gs1/errors.js';
import { checkBuiltAiData } from '../domain/gs1/gs1-data.js';
import { findLots } from '../store/lots.repository.js';
import { findItems } from '../store/master-data.repository.js';
import type { App } from './context.js';
import { gs1Context, gs1Dictionary } from './gs1.js';
import { renderPng, renderSvg, renderZpl, type LabelContent } from './label-renderers.js';

export const LABEL_FORMATS = ['png', 'svg', 'zpl'] as const;
export const LABEL_SYMBOLOGIES = ['gs1-128', 'datamatrix'] as const;
export type LabelFormat = (typeof LABEL_FORMATS)[number];
export type LabelSymbology = (typeof LABEL_SYMBOLOGIES)[number];

export interface LabelFile {
  contentType: string;
  filename: string;
  body: Buffer | string;
}

const CONTENT_TYPES: Record<LabelFormat, string> = {
  png: 'image/png',
  svg: 'image/svg+xml; charset=utf-8',
  // No registered type exists for ZPL; plain text keeps it readable and printable as-is.
  zpl: 'text/plain; charset=utf-8',
};

const safeName = (text: string): string => text.replace(/[^A-Za-z0-9._-]+/g, '_');

/**
 * A lot label carrying (01) GTIN, (17) expiry when the lot has one, and (10) lot, in a GS1-128
 * or GS1 DataMatrix symbol, with the item name, sku, lot and expiry for people. An item without a
 * GTIN, or a lot code or expiry that GS1 cannot encode, is a 409: the request is fine, the master
 * data is not ready for GS1 labels.
 */
export async function renderLotLabel(app: App, sku: string, lot: string, options: { format: LabelFormat; symbology: LabelSymbology }): Promise<LabelFile> {
  const db = app.store.db;
  const [[row], [item]] = await Promise.all([findLots(db, [{ sku, code: lot }]), findItems(db, [sku])]);
  if (!row || !item) throw new NotFound(`lot "${lot}" of item "${sku}" not found`);
  if (item.gtin === null) throw Conflict.at('sku', `item "${sku}" has no GTIN; give it one to print GS1 labels`);

  const ctx = gs1Context(app);
  const ais: AiData[] = [{ ai: '01', raw: item.gtin }];
  if (row.expiry_date !== null) {
    const yymmdd = yymmddOf(row.expiry_date, ctx.referenceYear);
    if (yymmdd === undefined) throw Conflict.at('lot', `expiry ${row.expiry_date} is too far from today for a GS1 date (YYMMDD)`);
    ais.push({ ai: '17', raw: yymmdd });
  }
  // The lot goes last: as the only variable-length AI it then needs no FNC1 separator.
  ais.push({ ai: '10', raw: lot });
  try {
    checkBuiltAiData(gs1Dictionary(), ais, ctx);
  } catch (error) {
    if (!(error instanceof Gs1DataError)) throw error;
    throw Conflict.at('lot', `cannot be encoded in a GS1 barcode: ${error.problems.map(describeGs1Problem).join('; ')}`);
  }

  const content: LabelContent = {
    heading: item.name,
    lines: [`SKU: ${sku}`, `Lot: ${lot}`, ...(row.expiry_date === null ? [] : [`Expiry: ${row.expiry_date}`])],
    ais,
    elementString: renderElementString(gs1Dictionary(), ais),
    humanReadable: ais.map((a) => `(${a.ai})${a.raw}`).join(''),
  };
  const body =
    options.format === 'png'
      ? await renderPng(content, options.symbology)
      : options.format === 'svg'
        ? renderSvg(content, options.symbology)
        : renderZpl(content, options.symbology);
  return { contentType: CONTENT_TYPES[options.format], filename: `label-${safeName(sku)}-${safeName(lot)}.${options.format}`, body };
}
