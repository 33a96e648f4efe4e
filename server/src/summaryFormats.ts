/**
 * The summary as text, Markdown, HTML, CSV or JSON. Pure: shared by the extension's "Export Summary"
 * (on the result of `planAudit/summary`) and the CLI (`plan-audit summary`, and the end of `check`).
 *
 * Every string that comes from the YAML is escaped for the target format: HTML entities in HTML,
 * backslash escapes in Markdown, RFC 4180 quoting (and a leading `'` before `= + - @`, so a spreadsheet
 * never runs a cell as a formula) in CSV. The HTML export is one self-contained, printable file with
 * inline CSS and SVG and no script.
 */
import type { PlanAuditSummaryReport } from './core/summary';
import type { SummaryFormatOptions } from './summaryFormatCommon';
import { formatSummaryCsv } from './summaryCsv';
import { formatSummaryHtml } from './summaryHtml';
import { formatSummaryMarkdown } from './summaryMarkdown';
import { formatSummaryText } from './summaryText';

export type { SummaryFormatOptions } from './summaryFormatCommon';
export { cellMarkers, defaultDisplayPath } from './summaryFormatCommon';
export { csvColumns, csvField, formatSummaryCsv } from './summaryCsv';
export { escapeHtml, formatSummaryHtml } from './summaryHtml';
export { escapeMarkdown, formatSummaryMarkdown } from './summaryMarkdown';
export { formatSummaryText } from './summaryText';

export type SummaryFormat = 'text' | 'markdown' | 'html' | 'csv' | 'json';
export const summaryFormats: readonly SummaryFormat[] = ['text', 'markdown', 'html', 'csv', 'json'];

/** Formats the report in `format`. */
export function formatSummary(report: PlanAuditSummaryReport, format: SummaryFormat, options: SummaryFormatOptions = {}): string {
  switch (format) {
    case 'text':
      return formatSummaryText(report, options);
    case 'markdown':
      return formatSummaryMarkdown(report, options);
    case 'html':
      return formatSummaryHtml(report, options);
    case 'csv':
      return formatSummaryCsv(report, options);
    case 'json':
      return formatSummaryJson(report);
  }
}


/** The report as JSON: the same data the panel shows; `location.range` lines and characters are 0-based. */
export function formatSummaryJson(report: PlanAuditSummaryReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
