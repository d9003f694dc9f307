import PDFDocument from 'pdfkit';

// The PDF plumbing every printable report shares (pick lists, recall reports): one A4 set-up,
// one way to draw a table row, one page-break rule and one "Page n of m" footer, so the printed
// documents look like one family and a fix to any of them reaches all.

export type Doc = PDFKit.PDFDocument;

export const FONT = 'Helvetica';
export const BOLD = 'Helvetica-Bold';
export const ITALIC = 'Helvetica-Oblique';
export const RULE = '#b0b0b0';
export const HEADER_FILL = '#e4e4e4';
const FOOTER_GAP = 14;
const FOOTER_SIZE = 7.5;
const FOOTER_COLOR = '#555555';

// The standard PDF fonts (no download, no embedding) only know Windows-1252: these code points
// above U+00FF plus Latin-1 itself. Anything else would print as garbage.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
/** Latin letters that carry no combining mark to strip but have an obvious plain form. */
const PLAIN: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŧ: 'T', ŧ: 't' };

const printable = (ch: string): boolean => {
  const code = ch.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch) || ch === '\n';
};

/**
 * Text the standard fonts can show: accents outside Windows-1252 are dropped (Żabka → Zabka),
 * other scripts become "?". The JSON, CSV and XLSX reports keep the exact text.
 */
export function winAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    if (printable(ch)) out += ch;
    else if (ch === '\t' || ch === '\r') out += ' ';
    else {
      const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      out += [...base].every(printable) && base !== '' ? base : (PLAIN[ch] ?? '?');
    }
  }
  return out;
}

export interface PdfSetup {
  /** Portrait unless a report's tables need the width. */
  layout?: 'landscape';
  margin: number;
  title: string;
  subject?: string;
  /** ISO time the report was generated: the document's dates, so the same report gives the same bytes. */
  generatedAt: string;
}

/**
 * An A4 document and the promise of its bytes. Pages stay buffered so the footers can be written
 * once the page count is known; the promise settles after `doc.end()`.
 */
export function openPdf(setup: PdfSetup): { doc: Doc; done: Promise<Buffer> } {
  const generated = new Date(setup.generatedAt);
  const doc = new PDFDocument({
    size: 'A4',
    ...(setup.layout ? { layout: setup.layout } : {}),
    margin: setup.margin,
    bufferPages: true,
    info: {
      Title: setup.title,
      Author: 'Lotline',
      ...(setup.subject !== undefined ? { Subject: setup.subject } : {}),
      CreationDate: generated,
      ModDate: generated,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

export interface RowCell {
  text: string;
  /** Absolute width in points. */
  width: number;
  align?: 'left' | 'right';
  /** Draws the cell instead of its text (a tick box, say), given the cell's top-left corner. */
  draw?: (x: number, y: number) => void;
}

export interface RowStyle {
  font: string;
  size: number;
  fill?: string | null;
  /** Inset of the text in the cell; the text box ends `bottom` above the row's rule. */
  pad: { x: number; top: number; bottom: number };
  /** One line per cell, cut with an ellipsis, instead of wrapping within the row height. */
  singleLine?: boolean;
}

/** Where the printable area of a page is, and the row/page mechanics every report table uses. */
export class PagePrinter {
  protected readonly left: number;
  protected readonly width: number;
  protected readonly bottom: number;

  constructor(protected readonly doc: Doc) {
    this.left = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    this.bottom = doc.page.height - doc.page.margins.bottom;
  }

  protected room(): number {
    return this.bottom - this.doc.y;
  }

  protected newPage(): void {
    this.doc.addPage();
    this.doc.x = this.left;
    this.doc.y = this.doc.page.margins.top;
  }

  /**
   * Starts a new page when a row of this height no longer fits, and lets the table repeat its
   * header there, so a reader never has to turn back to know what a column is.
   */
  protected breakBefore(height: number, repeatHeader: () => void): void {
    if (height <= this.room()) return;
    this.newPage();
    repeatHeader();
  }

  /** One table row at the current position, text clipped to the row, with a rule below it. */
  protected drawRow(cells: readonly RowCell[], height: number, style: RowStyle): void {
    const { doc } = this;
    const y = doc.y;
    if (style.fill) doc.rect(this.left, y, this.width, height).fill(style.fill);
    doc.fillColor('black').font(style.font).fontSize(style.size);
    const { pad } = style;
    let x = this.left;
    for (const cell of cells) {
      if (cell.draw) cell.draw(x, y);
      else {
        doc.text(cell.text, x + pad.x, y + pad.top, {
          width: cell.width - 2 * pad.x,
          height: height - pad.top - pad.bottom,
          ellipsis: true,
          ...(style.singleLine ? { lineBreak: false } : {}),
          align: cell.align ?? 'left',
        });
      }
      x += cell.width;
    }
    doc.moveTo(this.left, y + height).lineTo(this.left + this.width, y + height).lineWidth(0.4).strokeColor(RULE).stroke();
    doc.x = this.left;
    doc.y = y + height;
  }

  /** "Page n of m" needs the page count, so footers are written once every page exists. */
  footers(label: string): void {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      // Writing below the bottom margin would make pdfkit start a new page; lift it for the footer.
      const margin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const y = doc.page.height - margin + FOOTER_GAP;
      doc.font(FONT).fontSize(FOOTER_SIZE).fillColor(FOOTER_COLOR);
      doc.text(label, this.left, y, { width: this.width, lineBreak: false });
      doc.text(`Page ${i - range.start + 1} of ${range.count}`, this.left, y, { width: this.width, align: 'right', lineBreak: false });
      doc.page.margins.bottom = margin;
    }
  }
}
