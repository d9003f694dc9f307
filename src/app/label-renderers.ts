import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import bwipjs from 'bwip-js';
import { GS, type AiData } from '../domain/gs1/element-string.js';

/** What a lot label shows, whatever it is printed with. */
export interface LabelContent {
  heading: string;
  lines: string[];
  ais: AiData[];
  /** The symbol's data: AIs run together, GS where FNC1 separates. */
  elementString: string;
  /** The line under the symbol, "(01)…(17)…(10)…". */
  humanReadable: string;
}

export type Symbology = 'gs1-128' | 'datamatrix';

// PNG and SVG geometry, in pixels.
const MARGIN = 32; // at least the 10-module quiet zone GS1-128 needs at scale 3
const GAP = 10;
const HEADING_SIZE = 32;
const LINE_SIZE = 24;
const HRI_SIZE = 20;
const FONT = 'Inconsolata';

let fontLoaded = false;
/** Inconsolata, shipped with bwip-js, has the accented letters of product names that its default OCR-B lacks. */
function useLabelFont(): void {
  if (fontLoaded) return;
  const bwipEntry = pathToFileURL(createRequire(import.meta.url).resolve('bwip-js'));
  bwipjs.loadFont(FONT, 100, readFileSync(new URL('../fonts/Inconsolata.otf', bwipEntry)));
  fontLoaded = true;
}

/**
 * bwip-js options for the symbol. With `parse`, "^NNN" is a character code, which lets data
 * carry the parentheses that would otherwise delimit AIs.
 */
function symbolOptions(content: LabelContent, symbology: Symbology): bwipjs.RenderOptions {
  const text = content.ais.map((a) => `(${a.ai})${a.raw.replaceAll('(', '^040').replaceAll(')', '^041')}`).join('');
  return symbology === 'gs1-128'
    ? { bcid: 'gs1-128', text, parse: true, scale: 3, height: 15 }
    : { bcid: 'gs1datamatrix', text, parse: true, scale: 6 };
}

interface PlacedText {
  text: string;
  size: number;
  x: number;
  baseline: number;
  anchor: 'start' | 'middle';
}

interface Layout {
  width: number;
  height: number;
  symbol: { x: number; y: number; width: number; height: number };
  texts: PlacedText[];
}

/** Width and height of the bare symbol in pixels, asking bwip-js to lay it out without drawing. */
function symbolSize(options: bwipjs.RenderOptions): { width: number; height: number } {
  const png = bwipjs.drawingZlibPng();
  let size = { width: 0, height: 0 };
  const none = () => {};
  bwipjs.render(options, {
    setopts: (o) => png.setopts?.(o),
    scale: (sx, sy) => png.scale(sx, sy),
    measure: (str, font, w, h) => png.measure(str, font, w, h),
    init: (width, height) => {
      size = { width, height };
    },
    line: none,
    polygon: none,
    hexagon: none,
    ellipse: none,
    fill: none,
    text: none,
    end: none,
  });
  return size;
}

function textWidth(text: string, size: number): number {
  useLabelFont();
  return bwipjs.drawingZlibPng().measure(text, FONT, size, size).width;
}

/**
 * Text above, symbol in the middle, human-readable data under it. Symbol offsets and the overall
 * size are multiples of the module size, since bwip-js pads a PNG in whole modules.
 */
function layOut(content: LabelContent, symbol: { width: number; height: number }, module: number): Layout {
  const snap = (n: number) => Math.ceil(n / module) * module;
  const rows = [{ text: content.heading, size: HEADING_SIZE }, ...content.lines.map((text) => ({ text, size: LINE_SIZE }))];
  const texts: PlacedText[] = [];
  let y = MARGIN;
  for (const row of rows) {
    y += row.size;
    texts.push({ ...row, x: MARGIN, baseline: y, anchor: 'start' });
    y += GAP;
  }
  const widest = Math.max(symbol.width + 2 * MARGIN, ...[...rows, { text: content.humanReadable, size: HRI_SIZE }].map((r) => textWidth(r.text, r.size) + 2 * MARGIN));
  const width = symbol.width + 2 * snap((widest - symbol.width) / 2);
  const top = snap(y + GAP);
  const hriBaseline = top + symbol.height + GAP + HRI_SIZE;
  texts.push({ text: content.humanReadable, size: HRI_SIZE, x: Math.round(width / 2), baseline: hriBaseline, anchor: 'middle' });
  const height = top + symbol.height + snap(hriBaseline + MARGIN - top - symbol.height);
  return { width, height, symbol: { x: (width - symbol.width) / 2, y: top, ...symbol }, texts };
}

/** The label as PNG: bwip-js draws the symbol in a padded image, then the text into the padding. */
export async function renderPng(content: LabelContent, symbology: Symbology): Promise<Buffer> {
  const options = symbolOptions(content, symbology);
  const module = options.scale!;
  const layout = layOut(content, symbolSize(options), module);
  const { x, y, width, height } = layout.symbol;
  const padded: bwipjs.RenderOptions = {
    ...options,
    backgroundcolor: 'FFFFFF',
    paddingleft: x / module,
    paddingright: (layout.width - x - width) / module,
    paddingtop: y / module,
    paddingbottom: (layout.height - y - height) / module,
  };
  const png = bwipjs.drawingZlibPng();
  return bwipjs.render(padded, {
    ...png,
    end() {
      // Text positions are relative to the symbol's origin, which sits after the padding.
      for (const t of layout.texts) {
        const left = t.anchor === 'middle' ? t.x - textWidth(t.text, t.size) / 2 : t.x;
        png.text(left - x, t.baseline - y, t.text, '000000', { name: FONT, width: t.size, height: t.size, dx: 0 });
      }
      return png.end();
    },
  });
}

const xml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The label as SVG: real text elements around the symbol bwip-js draws. */
export function renderSvg(content: LabelContent, symbology: Symbology): string {
  const options = symbolOptions(content, symbology);
  const symbolSvg = bwipjs.toSVG(options);
  const [, w, h] = /viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"/.exec(symbolSvg) ?? [];
  const layout = layOut(content, { width: Number(w), height: Number(h) }, options.scale!);
  const { x, y, width, height } = layout.symbol;
  const symbolBody = symbolSvg.replace(/^\s*<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
  const texts = layout.texts.map(
    (t) => `<text x="${t.x}" y="${t.baseline}" font-size="${t.size}"${t.anchor === 'middle' ? ' text-anchor="middle"' : ''}>${xml(t.text)}</text>`,
  );
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}">`,
    `<title>${xml(content.humanReadable)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<g font-family="Inconsolata, 'DejaVu Sans Mono', monospace" fill="#000000">`,
    ...texts,
    `</g>`,
    `<svg x="${x}" y="${y}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    symbolBody.trim(),
    `</svg>`,
    `</svg>`,
    '',
  ].join('\n');
}

/** ZPL field text: ^FH hex escapes for ZPL's own command characters and anything not ASCII. */
const zplText = (text: string): string =>
  [...Buffer.from(text, 'utf8')].map((b) => (b >= 0x20 && b < 0x7f && !'^~_'.includes(String.fromCharCode(b)) ? String.fromCharCode(b) : `_${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

const clamp = (n: number, min: number, max: number): number => Math.max(min, Math.min(max, n));

/**
 * The symbol's ZPL commands, sized from the modules bwip-js lays out for the same data so the
 * symbol fits the label. GS1-128 (^BC, automatic subsets): start code C, FNC1 as ">8" first and
 * at each separator, ">" itself written "><". GS1 DataMatrix (^BX quality 200 with "_" as escape
 * character): FNC1 as "_1" first and at each separator, "_" itself written "__".
 */
function zplSymbol(content: LabelContent, symbology: Symbology): { commands: string; width: number; height: number } {
  const [symbol] = bwipjs.raw(symbolOptions(content, symbology));
  if (symbology === 'gs1-128') {
    const modules = symbol && 'sbs' in symbol ? symbol.sbs.reduce((s, n) => s + n, 0) : 0;
    // Two dots (0.25 mm) is the narrowest bar GS1 allows at 203 dpi; a long lot widens the label instead.
    const module = clamp(Math.floor(ZPL_SYMBOL_WIDTH / modules), 2, 3);
    const data = content.elementString.replaceAll('>', '><').replaceAll(GS, '>8');
    return { commands: `^BY${module}^BCN,120,N,N,N,A^FD>;>8${data}^FS`, width: modules * module, height: 120 };
  }
  const side = symbol && 'pixx' in symbol ? symbol.pixx : 24;
  const module = clamp(Math.floor(ZPL_SYMBOL_WIDTH / 3 / side), 2, 10);
  const data = content.elementString.replaceAll('_', '__').replaceAll(GS, '_1');
  return { commands: `^BXN,${module},200,,,,_^FD_1${data}^FS`, width: side * module, height: side * module };
}

// ZPL geometry, in dots of a 203 dpi printer: a 4 × 3 inch label, wider if the symbol needs it.
const ZPL_WIDTH = 812;
const ZPL_LEFT = 40;
const ZPL_SYMBOL_WIDTH = ZPL_WIDTH - 2 * ZPL_LEFT;

/** The label in ZPL II for Zebra printers. */
export function renderZpl(content: LabelContent, symbology: Symbology): string {
  const rows = [`^FO${ZPL_LEFT},30^A0N,44,44^FH^FD${zplText(content.heading)}^FS`];
  let y = 90;
  for (const line of content.lines) {
    rows.push(`^FO${ZPL_LEFT},${y}^A0N,30,30^FH^FD${zplText(line)}^FS`);
    y += 40;
  }
  y += 20;
  const symbol = zplSymbol(content, symbology);
  rows.push(`^FO${ZPL_LEFT},${y}${symbol.commands}`);
  y += symbol.height + 20;
  rows.push(`^FO${ZPL_LEFT},${y}^A0N,26,26^FH^FD${zplText(content.humanReadable)}^FS`);
  const width = Math.max(ZPL_WIDTH, symbol.width + 2 * ZPL_LEFT);
  return ['^XA', '^CI28', `^PW${width}`, `^LL${Math.max(609, y + 60)}`, ...rows, '^XZ', ''].join('\n');
}
