import type { PickList } from '../pick-lists.js';
import { BOLD, FONT, HEADER_FILL, ITALIC, openPdf, PagePrinter, winAnsi, type RowCell } from './pdf-layout.js';

// A4 portrait: a pick list is carried around the warehouse on a clipboard.
const MARGIN = 40;
const SIZE = 9;
const ROW = 20;
/** Text sits 6 pt down the 20 pt row, one line, so every row is the same height. */
const ROW_PAD = { x: 3, top: 6, bottom: 0 };

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

class PickListPrinter extends PagePrinter {
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
    this.breakBefore(ROW, () => this.header());
    const body = style.font === FONT;
    const row = COLUMNS.map((c, i): RowCell => {
      const cell: RowCell = { text: winAnsi(cells[i] ?? ''), width: c.width * this.width, align: c.align };
      // A box to tick by hand.
      if (c.header === 'Picked' && body) cell.draw = (x, y) => this.doc.rect(x + 4, y + 5, 10, 10).lineWidth(0.6).strokeColor('black').stroke();
      return cell;
    });
    this.drawRow(row, ROW, { font: style.font, size: SIZE, fill: style.fill, pad: ROW_PAD, singleLine: true });
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
      this.doc.font(ITALIC).fontSize(SIZE).text('Nothing reserved yet: allocate the order first.', this.left, this.doc.y + 6);
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
}

/** The pick list as a printable A4 PDF: order header, one row per lot to pick with a tick box, paged. */
export function pickListPdf(list: PickList): Promise<Buffer> {
  const { doc, done } = openPdf({ margin: MARGIN, title: `Pick list ${list.order.number}`, generatedAt: list.generatedAt });
  const printer = new PickListPrinter(doc);
  const { rows, notes } = rowsOf(list);
  printer.heading(list);
  printer.table(rows);
  printer.notes(notes);
  printer.footers(winAnsi(`Lotline pick list · ${list.order.number}`));
  doc.end();
  return done;
}
