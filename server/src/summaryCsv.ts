/**
 * The summary as CSV: RFC 4180 quoting, and a leading `'` before `= + - @`, so a spreadsheet never
 * runs a cell as a formula.
 */
import type { PlanAuditSummaryReport, SourceLocation } from './core/summary';
import type { SummaryFormatOptions } from './summaryFormatCommon';
import { defaultDisplayPath } from './summaryFormatCommon';

/** The columns of the CSV export, in order. One row per plan (`targets`) or per position and year (`staffing`). */
export const csvColumns = [
  'table',
  'scope',
  'review_date',
  'file',
  'line',
  'plan_id',
  'plan_title',
  'issue_area',
  'plan_type',
  'period',
  'standing',
  'measures',
  'with_targets',
  'targets_to_fill_in',
  'justified_exceptions',
  'without_target',
  'position_id',
  'position',
  'office',
  'mandated_minimum',
  'optimal_min',
  'optimal_max',
  'optimal_first_year',
  'optimal_last_year',
  'fiscal_year',
  'as_of',
  'actual',
  'below_minimum',
  'below_optimal',
  'generally_below_minimum',
  'generally_below_optimal',
  'declining',
] as const;

type CsvRecord = Partial<Record<(typeof csvColumns)[number], string | number | boolean | undefined>>;

/** Quotes one CSV field (RFC 4180); text that a spreadsheet would run as a formula gets a leading `'`. */
export function csvField(value: string | number | boolean | undefined): string {
  if (value === undefined) {
    return '';
  }
  if (typeof value === 'number') {
    return String(value);
  }
  if (typeof value === 'boolean') {
    return value ? 'yes' : 'no';
  }
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The targets and staffing tables as one CSV in long form: a `table` column says which table a row
 * belongs to; staffing has one row per position and fiscal year (a position without actuals gets one
 * row with no year). Figures are plain numbers; yes/no for flags.
 */
export function formatSummaryCsv(report: PlanAuditSummaryReport, options: SummaryFormatOptions = {}): string {
  const records: CsvRecord[] = [];
  const file = (location: SourceLocation) => (options.displayPath ?? defaultDisplayPath)(location.uri);
  const line = (location: SourceLocation) => (location.range ? location.range.start.line + 1 : undefined);
  for (const summary of report.scopes) {
    const scope = { scope: summary.scopeLabel, review_date: summary.reviewDate };
    for (const row of summary.targets.rows) {
      records.push({
        table: 'targets',
        ...scope,
        file: file(row.location),
        line: line(row.location),
        plan_id: row.planId,
        plan_title: row.planTitle,
        issue_area: row.issueArea,
        plan_type: row.type,
        period: row.periodLabel,
        standing: row.standing,
        measures: row.measures,
        with_targets: row.withTargets,
        targets_to_fill_in: row.toFillIn,
        justified_exceptions: row.justified,
        without_target: row.lacking,
      });
    }
    for (const table of summary.staffing.tables) {
      for (const row of table.rows) {
        const position: CsvRecord = {
          table: 'staffing',
          ...scope,
          file: file(row.location),
          position_id: row.positionId,
          position: row.title,
          office: row.office,
          mandated_minimum: row.mandatedMinimum,
          optimal_min: row.optimal?.min,
          optimal_max: row.optimal?.max,
          optimal_first_year: row.optimal?.startYear,
          optimal_last_year: row.optimal?.endYear,
          generally_below_minimum: row.mandatedMinimum !== undefined ? row.generallyBelowMinimum : undefined,
          generally_below_optimal: row.optimal ? row.generallyBelowOptimal : undefined,
          declining: row.declining,
        };
        if (row.actuals.length === 0) {
          records.push({ ...position, line: line(row.location) });
        }
        for (const cell of row.actuals) {
          records.push({
            ...position,
            line: line(cell.location),
            fiscal_year: cell.fiscalYear,
            as_of: cell.asOf,
            actual: cell.value,
            below_minimum: row.mandatedMinimum !== undefined ? cell.belowMinimum : undefined,
            below_optimal: cell.coveredByOptimal ? cell.belowOptimal : undefined,
          });
        }
      }
    }
  }
  const lines = [csvColumns.join(','), ...records.map((record) => csvColumns.map((column) => csvField(record[column])).join(','))];
  return lines.join('\r\n') + '\r\n';
}
