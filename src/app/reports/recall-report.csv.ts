import { stringify } from 'csv-stringify/sync';
import { cellText, isNumeric, percentOf, recallTables, type Cell, type RecallReport, type ReportTable } from './recall-sections.js';

/** Numbers stay numbers so spreadsheets can sum them; everything else is its shared text form. */
function csvValue(cell: Cell): string | number {
  if (typeof cell.value === 'number' && isNumeric(cell.kind)) return cell.kind === 'percent' ? percentOf(cell.value) : cell.value;
  return cellText(cell);
}

function sectionRecords(table: ReportTable): (string | number)[][] {
  return [[table.title], table.columns.map((c) => c.header), ...table.rows.map((row) => row.map(csvValue)), []];
}

/**
 * The recall report as one sectioned CSV: per section a title row, a header row, its rows and a
 * blank line. A BOM lets Excel read it as UTF-8; formula-like text is escaped, because customer
 * names and notes are user input that a spreadsheet would otherwise execute.
 */
export function recallReportCsv(report: RecallReport): string {
  return stringify(recallTables(report).flatMap(sectionRecords), { bom: true, escape_formulas: true, record_delimiter: 'windows' });
}
