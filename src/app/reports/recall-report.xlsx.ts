import ExcelJS from 'exceljs';
import { cellText, isNumeric, recallTables, type Cell, type RecallReport, type ReportTable } from './recall-sections.js';

const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

/** Numbers as number cells (a percent as its ratio, shown with a % format); the rest as text, dates included. */
function xlsxValue(cell: Cell): string | number | null {
  if (cell.value === null) return null;
  if (typeof cell.value === 'number' && isNumeric(cell.kind)) return cell.value;
  return cellText(cell);
}

function addSheet(workbook: ExcelJS.Workbook, table: ReportTable): void {
  const sheet = workbook.addWorksheet(table.title, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c, i) => {
    // A reduce, not Math.max(...xs): a recall can have more rows than a call may take arguments.
    const longest = table.rows.reduce((max, row) => Math.max(max, cellText(row[i]!).length), c.header.length);
    const width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2));
    // Text longer than the widest sensible column wraps instead of running across its neighbours;
    // a column mixing numbers and text (the summary's values) reads better all flush left.
    const wrap = longest + 2 > MAX_WIDTH;
    const mixed = c.kind === null;
    const alignment: Partial<ExcelJS.Alignment> = { ...(wrap ? { wrapText: true, vertical: 'top' } : {}), ...(mixed ? { horizontal: 'left' } : {}) };
    return { header: c.header, width, ...(wrap || mixed ? { style: { alignment } } : {}) };
  });
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) {
    const added = sheet.addRow(row.map(xlsxValue));
    row.forEach((cell, i) => {
      if (cell.kind === 'percent' && typeof cell.value === 'number') added.getCell(i + 1).numFmt = '0.00%';
    });
  }
  if (table.layout === 'table') sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
}

/** The recall report as a workbook: one sheet per section, bold frozen header rows, number cells for quantities. */
export async function recallReportXlsx(report: RecallReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lotline';
  workbook.title = `Recall report ${report.id}`;
  // The report's own timestamp, so the same recall at the same moment gives the same file metadata.
  workbook.created = new Date(report.generatedAt);
  workbook.modified = new Date(report.generatedAt);
  for (const table of recallTables(report)) addSheet(workbook, table);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
