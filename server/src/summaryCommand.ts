/**
 * The summary on the command line: `plan-audit summary <paths> --format text|markdown|html|csv|json`,
 * and the text summary printed at the end of `plan-audit check`. The same core summary and formatters
 * as the extension's panel and export.
 */
import * as path from 'path';
import { fileURLToPath } from 'url';
import { escapeControlCharacters } from './textEscapes';
import type { AuditSettings } from './core/analyze';
import type { Finding } from './core/findings';
import { LineIndex } from './core/lines';
import type { PlanAuditSummaryReport } from './core/summary';
import { resolveSummaryLocations, summarizeWorkspace } from './core/summary';
import type { SummaryFormat } from './summaryFormats';
import { formatSummary, summaryFormats } from './summaryFormats';
import type { AnalyzedDocument } from './core/analyze';

/** The formats `plan-audit summary --format` accepts. */
export const summaryCommandFormats = summaryFormats;

export function isSummaryFormat(value: string | undefined): value is SummaryFormat {
  return (summaryFormats as readonly string[]).includes(value ?? '');
}

/** What the summary needs from a check run. */
export interface SummaryInput {
  readonly documents: readonly AnalyzedDocument[];
  readonly findings: readonly Finding[];
  readonly settings: AuditSettings;
}

/** Summarises the checked documents, with 0-based line ranges filled in and findings counted per file. */
export function summaryReportOf(input: SummaryInput, today?: string): PlanAuditSummaryReport {
  const findingsByUri = new Map<string, Finding[]>();
  for (const finding of input.findings) {
    const list = findingsByUri.get(finding.uri);
    if (list) {
      list.push(finding);
    } else {
      findingsByUri.set(finding.uri, [finding]);
    }
  }
  const report = summarizeWorkspace(input.documents, input.settings, today, { findingsByUri });
  const indexes = new Map(input.documents.map((document) => [document.uri, new LineIndex(document.text)]));
  return resolveSummaryLocations(report, (uri, offset) => indexes.get(uri)?.position(offset));
}

/** Formats the summary of a check run; files are named relative to `cwd`. */
export function formatSummaryOf(input: SummaryInput, cwd: string, format: SummaryFormat, today?: string): string {
  const displayPath = (uri: string) => {
    try {
      const relative = path.relative(cwd, fileURLToPath(uri)) || uri;
      // Text is read line by line in terminals and CI logs: a line break in a file name is escaped there.
      return format === 'text' ? escapeControlCharacters(relative) : relative;
    } catch {
      return uri;
    }
  };
  return formatSummary(summaryReportOf(input, today), format, { displayPath });
}
