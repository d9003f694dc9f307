import { Invalid } from '../../domain/errors.js';
import type { App } from '../context.js';
import { getRecall } from '../recalls.js';
import { recallReportCsv } from './recall-report.csv.js';
import { recallReportPdf } from './recall-report.pdf.js';
import { recallReportXlsx } from './recall-report.xlsx.js';
import type { RecallReport } from './recall-sections.js';

export const RECALL_REPORT_FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
export type RecallReportFormat = (typeof RECALL_REPORT_FORMATS)[number];

/** A rendered report, ready to be sent as a download. */
export interface ReportFile {
  contentType: string;
  filename: string;
  body: string | Buffer;
}

const CONTENT_TYPES: Record<RecallReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

async function render(report: RecallReport, format: RecallReportFormat): Promise<string | Buffer> {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'csv':
      return recallReportCsv(report);
    case 'xlsx':
      return recallReportXlsx(report);
    case 'pdf':
      return recallReportPdf(report);
  }
}

/**
 * The report a regulator asks for: the recall's live picture (affected lots, customers and their
 * progress, shipments, returns, stock, mass balance) as JSON, CSV, XLSX or PDF, stamped with when
 * it was made.
 */
export async function recallReport(app: App, id: string, format: RecallReportFormat): Promise<ReportFile> {
  if (!RECALL_REPORT_FORMATS.includes(format)) throw Invalid.at('format', `must be one of ${RECALL_REPORT_FORMATS.join(', ')}`);
  const report: RecallReport = { ...(await getRecall(app, id)), generatedAt: app.clock.now().toISOString() };
  return { contentType: CONTENT_TYPES[format], filename: `recall-${report.id}.${format}`, body: await render(report, format) };
}
