import PDFDocument from 'pdfkit';
import { cellText, isNumeric, recallTables, type Cell, type RecallReport, type ReportColumn, type ReportTable } from './recall-sections.js';

type Doc = PDFKit.PDFDocument;

// A4 landscape: the widest tables (customers, mass balance) have a dozen columns.
const MARGIN = 36;
const FOOTER_GAP = 14;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const TABLE_SIZE = 7.5;
const PAD = 3;
/** A cell never grows past this many lines; the rest is cut with an ellipsis so one row cannot outgrow a page. */
const MAX_CELL_LINES = 6;
/** Widest a column asks for before it is squeezed: long free text wraps rather than starving the others. */
const MAX_NATURAL = 220;
/** Narrowest a text column is squeezed to while other columns still have room to give. */
const MIN_TEXT = 48;
const RULE = '#b0b0b0';
const HEADER_FILL = '#e4e4e4';
const STRIPE_FILL = '#f5f5f5';

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

/** Text as printed: event times break between date and time instead of mid-token. */
function printed(cell: Cell): string {
  const text = winAnsi(cellText(cell));
  return cell.kind === 'datetime' ? text.replace('T', ' ') : text;
}

// A reduce, not Math.max(...xs): a recall can have more rows than a call may take arguments.
const widest = <T>(xs: readonly T[], width: (x: T) => number): number => xs.reduce((max, x) => Math.max(max, width(x)), 0);

const longestWord = (doc: Doc, text: string): number => widest(text.split(/\s+/), (w) => doc.widthOfString(w));

/**
 * Column widths that fill the printable width: every column first gets what it needs to stay
 * legible (numbers and dates never wrap; text may), then the rest is shared by how much more
 * each column would like.
 */
function columnWidths(doc: Doc, columns: readonly ReportColumn[], rows: readonly string[][], available: number): number[] {
  const natural: number[] = [];
  const minimum: number[] = [];
  columns.forEach((column, i) => {
    doc.font(BOLD).fontSize(TABLE_SIZE);
    const headerWord = longestWord(doc, column.header) + 2 * PAD;
    const headerLine = doc.widthOfString(column.header) + 2 * PAD;
    doc.font(FONT).fontSize(TABLE_SIZE);
    const content = widest(rows, (r) => doc.widthOfString(r[i]!)) + 2 * PAD;
    const words = widest(rows, (r) => longestWord(doc, r[i]!)) + 2 * PAD;
    const want = Math.min(MAX_NATURAL, Math.max(headerLine, content));
    const keep = isNumeric(column.kind) || column.kind === 'date' ? Math.max(headerWord, content) : column.kind === 'datetime' ? Math.max(headerWord, words) : Math.max(headerWord, Math.min(content, MIN_TEXT));
    natural.push(Math.max(want, keep));
    minimum.push(keep);
  });
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const totalNatural = sum(natural);
  const totalMinimum = sum(minimum);
  if (totalNatural <= available) return natural.map((w) => w + ((available - totalNatural) * w) / totalNatural);
  if (totalMinimum >= available) return minimum.map((w) => (w * available) / totalMinimum);
  const share = (available - totalMinimum) / (totalNatural - totalMinimum);
  return minimum.map((m, i) => m + (natural[i]! - m) * share);
}

class ReportPrinter {
  private readonly left: number;
  private readonly width: number;
  private readonly bottom: number;

  constructor(private readonly doc: Doc) {
    this.left = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    this.bottom = doc.page.height - doc.page.margins.bottom;
  }

  private room(): number {
    return this.bottom - this.doc.y;
  }

  private newPage(): void {
    this.doc.addPage();
    this.doc.x = this.left;
  }

  title(report: RecallReport): void {
    const { doc } = this;
    doc.font(BOLD).fontSize(20).fillColor('black').text('Recall report', this.left, doc.page.margins.top);
    doc.font(FONT).fontSize(10).fillColor('#333333');
    const kind = report.drill ? 'Mock recall (drill)' : 'Recall';
    doc.text(`${kind} ${report.id}  ·  status: ${report.status}  ·  generated ${report.generatedAt}`);
    doc.fillColor('black').moveDown(0.8);
  }

  /** Label/value pairs as a block, labels in bold: the first thing a reader looks at. */
  fields(table: ReportTable): void {
    const { doc } = this;
    this.heading(table.title, 16);
    const labelWidth = 190;
    const valueWidth = this.width - labelWidth;
    for (const [label, value] of table.rows) {
      const text = printed(value!) || '—';
      doc.font(FONT).fontSize(9);
      const height = Math.max(doc.heightOfString(text, { width: valueWidth }), 11) + 3;
      if (height > this.room()) this.newPage();
      const y = doc.y;
      doc.font(BOLD).fontSize(9).text(cellText(label!), this.left, y, { width: labelWidth - 8 });
      doc.font(FONT).fontSize(9).text(text, this.left + labelWidth, y, { width: valueWidth });
      doc.x = this.left;
      doc.y = y + height;
    }
    doc.moveDown(0.8);
  }

  private heading(text: string, need: number): void {
    const { doc } = this;
    doc.font(BOLD).fontSize(13);
    if (doc.heightOfString(text) + need > this.room()) this.newPage();
    doc.fillColor('black').text(text, this.left, doc.y);
    doc.moveDown(0.3);
  }

  private rowHeight(texts: readonly string[], widths: readonly number[], font: string): number {
    const { doc } = this;
    doc.font(font).fontSize(TABLE_SIZE);
    const line = doc.currentLineHeight(true);
    const tallest = Math.max(...texts.map((t, i) => doc.heightOfString(t || ' ', { width: widths[i]! - 2 * PAD })));
    return Math.min(tallest, line * MAX_CELL_LINES) + 2 * PAD;
  }

  private drawRow(texts: readonly string[], widths: readonly number[], columns: readonly ReportColumn[], height: number, style: { font: string; fill: string | null }): void {
    const { doc } = this;
    const y = doc.y;
    if (style.fill) doc.rect(this.left, y, this.width, height).fill(style.fill);
    doc.fillColor('black').font(style.font).fontSize(TABLE_SIZE);
    let x = this.left;
    texts.forEach((text, i) => {
      const w = widths[i]!;
      doc.text(text, x + PAD, y + PAD, {
        width: w - 2 * PAD,
        height: height - 2 * PAD,
        ellipsis: true,
        align: isNumeric(columns[i]!.kind) ? 'right' : 'left',
      });
      x += w;
    });
    doc.moveTo(this.left, y + height).lineTo(this.left + this.width, y + height).lineWidth(0.4).strokeColor(RULE).stroke();
    doc.x = this.left;
    doc.y = y + height;
  }

  /** A table whose header row is repeated at the top of every page it runs onto. */
  table(table: ReportTable): void {
    const { doc } = this;
    const headers = table.columns.map((c) => c.header);
    const rows = table.rows.map((r) => r.map(printed));
    doc.font(FONT).fontSize(TABLE_SIZE);
    const widths = columnWidths(doc, table.columns, rows, this.width);
    const headerHeight = this.rowHeight(headers, widths, BOLD);
    const heights = rows.map((r) => this.rowHeight(r, widths, FONT));
    const header = () => this.drawRow(headers, widths, table.columns, headerHeight, { font: BOLD, fill: HEADER_FILL });

    // Keep the title with the header and the first row, so no page ends on an orphaned heading.
    this.heading(`${table.title} (${rows.length})`, headerHeight + (heights[0] ?? 14));
    if (rows.length === 0) {
      doc.font('Helvetica-Oblique').fontSize(9).text('None.', this.left, doc.y);
      doc.moveDown(1);
      return;
    }
    header();
    rows.forEach((row, i) => {
      if (heights[i]! > this.room()) {
        this.newPage();
        doc.font('Helvetica-Oblique').fontSize(8).fillColor('#555555').text(`${table.title} (continued)`, this.left, doc.y);
        doc.moveDown(0.2);
        header();
      }
      this.drawRow(row, widths, table.columns, heights[i]!, { font: FONT, fill: i % 2 === 1 ? STRIPE_FILL : null });
    });
    doc.moveDown(1.2);
  }

  /** "Page n of m" needs the page count, so footers are written once every page exists. */
  footers(report: RecallReport): void {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      // Writing below the bottom margin would make pdfkit start a new page; lift it for the footer.
      const margin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const y = doc.page.height - margin + FOOTER_GAP;
      doc.font(FONT).fontSize(7.5).fillColor('#555555');
      doc.text(`Lotline recall report · recall ${report.id} · generated ${report.generatedAt}`, this.left, y, { width: this.width, lineBreak: false });
      doc.text(`Page ${i - range.start + 1} of ${range.count}`, this.left, y, { width: this.width, align: 'right', lineBreak: false });
      doc.page.margins.bottom = margin;
    }
  }
}

/** The recall report as one printable A4 PDF: title, summary block and a table per section, paged. */
export function recallReportPdf(report: RecallReport): Promise<Buffer> {
  const generated = new Date(report.generatedAt);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: `Recall report ${report.id}`, Author: 'Lotline', Subject: report.reason, CreationDate: generated, ModDate: generated },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const printer = new ReportPrinter(doc);
  printer.title(report);
  for (const table of recallTables(report)) {
    if (table.layout === 'fields') printer.fields(table);
    else printer.table(table);
  }
  printer.footers(report);
  doc.end();
  return done;
}
