import { BOLD, FONT, HEADER_FILL, ITALIC, openPdf, PagePrinter, winAnsi, type Doc } from './pdf-layout.js';
import { cellText, isNumeric, recallTables, type Cell, type RecallReport, type ReportColumn, type ReportTable } from './recall-sections.js';

// A4 landscape: the widest tables (customers, mass balance) have a dozen columns.
const MARGIN = 36;
const TABLE_SIZE = 7.5;
const PAD = 3;
/** A cell never grows past this many lines; the rest is cut with an ellipsis so one row cannot outgrow a page. */
const MAX_CELL_LINES = 6;
/** Widest a column asks for before it is squeezed: long free text wraps rather than starving the others. */
const MAX_NATURAL = 220;
/** Narrowest a text column is squeezed to while other columns still have room to give. */
const MIN_TEXT = 48;
const STRIPE_FILL = '#f5f5f5';
const ROW_PAD = { x: PAD, top: PAD, bottom: PAD };

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

class ReportPrinter extends PagePrinter {
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

  private drawTableRow(texts: readonly string[], widths: readonly number[], columns: readonly ReportColumn[], height: number, style: { font: string; fill: string | null }): void {
    const cells = texts.map((text, i) => ({ text, width: widths[i]!, align: isNumeric(columns[i]!.kind) ? ('right' as const) : ('left' as const) }));
    this.drawRow(cells, height, { font: style.font, size: TABLE_SIZE, fill: style.fill, pad: ROW_PAD });
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
    const header = () => this.drawTableRow(headers, widths, table.columns, headerHeight, { font: BOLD, fill: HEADER_FILL });

    // Keep the title with the header and the first row, so no page ends on an orphaned heading.
    this.heading(`${table.title} (${rows.length})`, headerHeight + (heights[0] ?? 14));
    if (rows.length === 0) {
      doc.font(ITALIC).fontSize(9).text('None.', this.left, doc.y);
      doc.moveDown(1);
      return;
    }
    header();
    rows.forEach((row, i) => {
      this.breakBefore(heights[i]!, () => {
        doc.font(ITALIC).fontSize(8).fillColor('#555555').text(`${table.title} (continued)`, this.left, doc.y);
        doc.moveDown(0.2);
        header();
      });
      this.drawTableRow(row, widths, table.columns, heights[i]!, { font: FONT, fill: i % 2 === 1 ? STRIPE_FILL : null });
    });
    doc.moveDown(1.2);
  }
}

/** The recall report as one printable A4 PDF: title, summary block and a table per section, paged. */
export function recallReportPdf(report: RecallReport): Promise<Buffer> {
  const { doc, done } = openPdf({ layout: 'landscape', margin: MARGIN, title: `Recall report ${report.id}`, subject: report.reason, generatedAt: report.generatedAt });
  const printer = new ReportPrinter(doc);
  printer.title(report);
  for (const table of recallTables(report)) {
    if (table.layout === 'fields') printer.fields(table);
    else printer.table(table);
  }
  printer.footers(`Lotline recall report · recall ${report.id} · generated ${report.generatedAt}`);
  doc.end();
  return done;
}
