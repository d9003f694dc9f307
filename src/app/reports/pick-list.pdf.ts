import PDFDocument from 'pdfkit';
import type { PickList } from '../pick-lists.js';
import { winAnsi } from './recall-report.pdf.js';

type Doc = PDFKit.PDFDocument;

// A4 portrait: a pick list is carried around the warehouse on a clipboard.
const MARGIN = 40;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const SIZE = 9;
const ROW = 20;
const RULE = '#b0b0b0';
const HEADER_FILL = '#e4e4e4';

interface Column {
  header: string;
  /** Share of the printable width. */
  width: number;
  align?: 'left' | 'right';
}

const COLUMNS: Column[] = [
  { header: '#', width: 0.05, align: 'right' },
  { header: 'SKU', width: 0.13 },
  { header: 'Item', width: 0.22 },
  { header: 'Lot', width: 0.14 },
  { header: 'Location', width: 0.1 },
  { header: 'Expiry', width: 0.11 },
  { header: 'Quantity', width: 0.1, align: 'right' },
  { header: 'Unit', width: 0.06 },
  { header: 'Picked', width: 0.09 },
];

/** One printed row: a pick, or an item line with nothing (more) reserved. */
type Row = string[];

function rowsOf(list: PickList): { rows: Row[]; notes: string[] } {
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const line of list.lines) {
    for (const p of line.picks) {
      const flag = p.status === 'available' ? '' : ` (${p.status})`;
      rows.push([String(rows.length + 1), line.sku, line.name, `${p.lot}${flag}`, p.location, p.expiryDate ?? '—', String(p.quantity), line.uom, '']);
    }
    if (line.allocated < line.ordered) notes.push(`${line.sku}: ${line.allocated} of ${line.ordered} ${line.uom} reserved — not enough stock allocated yet`);
  }
  return { rows, notes };
}

class PickListPrinter {
  private readonly left: number;
  private readonly width: number;
  private readonly bottom: number;

  constructor(private readonly doc: Doc) {
    this.left = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    this.bottom = doc.page.height - doc.page.margins.bottom;
  }

  heading(list: PickList): void {
    const { doc } = this;
    doc.font(BOLD).fontSize(20).fillColor('black').text(winAnsi(`Pick list ${list.order.number}`), this.left, doc.page.margins.top);
    doc.moveDown(0.4);
    const fields: [string, string][] = [
      ['Customer', `${list.order.customer.code} — ${list.order.customer.name}`],
      ['Pick from', `${list.order.location.code} — ${list.order.location.name}`],
      ['Ship by', list.order.shipBy ?? '—'],
      ['Order status', list.order.status.replace('_', ' ')],
      ['Generated', list.generatedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')],
    ];
    for (const [label, value] of fields) {
      const y = doc.y;
      doc.font(BOLD).fontSize(SIZE).text(label, this.left, y, { width: 90 });
      doc.font(FONT).fontSize(SIZE).text(winAnsi(value), this.left + 90, y, { width: this.width - 90 });
      doc.moveDown(0.2);
    }
    doc.moveDown(0.8);
  }

  private row(cells: Row, style: { font: string; fill?: string }): void {
    const { doc } = this;
    if (doc.y + ROW > this.bottom) {
      doc.addPage();
      doc.y = doc.page.margins.top;
      this.header();
    }
    const y = doc.y;
    if (style.fill) doc.rect(this.left, y, this.width, ROW).fill(style.fill);
    doc.fillColor('black').font(style.font).fontSize(SIZE);
    let x = this.left;
    COLUMNS.forEach((c, i) => {
      const w = c.width * this.width;
      if (c.header === 'Picked' && style.font === FONT) {
        // A box to tick by hand.
        doc.rect(x + 4, y + 5, 10, 10).lineWidth(0.6).strokeColor('black').stroke();
      } else {
        doc.text(winAnsi(cells[i] ?? ''), x + 3, y + 6, { width: w - 6, height: ROW - 6, ellipsis: true, lineBreak: false, align: c.align ?? 'left' });
      }
      x += w;
    });
    doc.moveTo(this.left, y + ROW).lineTo(this.left + this.width, y + ROW).lineWidth(0.4).strokeColor(RULE).stroke();
    doc.x = this.left;
    doc.y = y + ROW;
  }

  header(): void {
    this.row(
      COLUMNS.map((c) => c.header),
      { font: BOLD, fill: HEADER_FILL },
    );
  }

  table(rows: Row[]): void {
    this.header();
    for (const r of rows) this.row(r, { font: FONT });
    if (rows.length === 0) {
      this.doc.font('Helvetica-Oblique').fontSize(SIZE).text('Nothing reserved yet: allocate the order first.', this.left, this.doc.y + 6);
    }
  }

  notes(notes: string[]): void {
    const { doc } = this;
    if (notes.length === 0) return;
    doc.moveDown(1);
    doc.font(BOLD).fontSize(SIZE).fillColor('#a00000');
    for (const n of notes) doc.text(winAnsi(n), this.left, doc.y, { width: this.width });
    doc.fillColor('black');
  }

  footers(list: PickList): void {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      // Writing below the bottom margin would make pdfkit start a new page; lift it for the footer.
      const margin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const y = doc.page.height - margin + 14;
      doc.font(FONT).fontSize(7.5).fillColor('#555555');
      doc.text(winAnsi(`Lotline pick list · ${list.order.number}`), this.left, y, { width: this.width, lineBreak: false });
      doc.text(`Page ${i - range.start + 1} of ${range.count}`, this.left, y, { width: this.width, align: 'right', lineBreak: false });
      doc.page.margins.bottom = margin;
    }
  }
}

/** The pick list as a printable A4 PDF: order header, one row per lot to pick with a tick box, paged. */
export function pickListPdf(list: PickList): Promise<Buffer> {
  const generated = new Date(list.generatedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: `Pick list ${list.order.number}`, Author: 'Lotline', CreationDate: generated, ModDate: generated },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const printer = new PickListPrinter(doc);
  const { rows, notes } = rowsOf(list);
  printer.heading(list);
  printer.table(rows);
  printer.notes(notes);
  printer.footers(list);
  doc.end();
  return done;
}
