/**
 * What every summary format shares: how files, figures, totals and statuses are written, whatever the
 * target format (summaryFormats.ts).
 */
import type { PlanAuditSummary, RecommendationRow, SourceLocation, StaffingCell, StaffingRow, StaffingTable, TargetsRow } from './core/summary';
import { formatNumber } from './summaryChart';

export interface SummaryFormatOptions {
  /** How a file is named in the output (a path relative to the workspace or the working folder). */
  readonly displayPath?: (uri: string) => string;
}


/** The default file name: the last path segment of the uri, decoded. */
export function defaultDisplayPath(uri: string): string {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

export function where(location: SourceLocation, options: SummaryFormatOptions): string {
  const file = (options.displayPath ?? defaultDisplayPath)(location.uri);
  return location.range ? `${file}:${location.range.start.line + 1}` : file;
}

/** Legend markers for the cells of the staffing tables (text and Markdown). */
export const cellMarkers = { belowMinimum: '*', belowOptimal: '~' } as const;

export function cellText(cell: StaffingCell | undefined): string {
  if (!cell) {
    return '–';
  }
  return `${formatNumber(cell.value)}${cell.belowMinimum ? cellMarkers.belowMinimum : ''}${cell.belowOptimal ? cellMarkers.belowOptimal : ''}`;
}

export function cellOf(row: StaffingRow, fiscalYear: number): StaffingCell | undefined {
  return row.actuals.find((cell) => cell.fiscalYear === fiscalYear);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function coverageCounts(summary: PlanAuditSummary): string {
  const { current, outdated, missing } = summary.coverage.counts;
  return `${current} current, ${outdated} outdated, ${missing} missing`;
}

export function targetsTotals(summary: PlanAuditSummary): string {
  const totals = summary.targets.totals;
  return `${plural(totals.measures, 'measure')} in ${plural(totals.plans, 'plan')}: ${totals.withTargets} with targets, ${totals.toFillIn} with targets to fill in, ${plural(totals.justified, 'justified exception')}, ${totals.lacking} without a target`;
}

export function staffingTotals(summary: PlanAuditSummary): string {
  const counts = summary.staffing.counts;
  return `${plural(counts.positions, 'position')}: ${counts.generallyBelowMinimum} generally below the mandated minimum, ${counts.generallyBelowOptimal} generally below the optimal range, ${counts.declining} declining, ${counts.gapsWithoutHiringPlan} with a gap and no hiring plan`;
}

export function recommendationTotals(summary: PlanAuditSummary): string {
  const r = summary.recommendations;
  return `${r.open} open of ${r.total}; ${r.openTooLong} open longer than their source's threshold (GAO: 4 years)`;
}

export function ageLabel(years: number): string {
  return years === 0 ? 'under 1 year' : plural(years, 'year');
}

export function recommendationStatus(row: RecommendationRow): string {
  if (row.openTooLong) {
    return `Open more than ${row.thresholdYears} years`;
  }
  if (row.thresholdYears === undefined) {
    return 'Open (source not judged by age)';
  }
  return row.thresholdDate ? `Open (${row.thresholdYears} years on ${row.thresholdDate})` : 'Open';
}

export function planLine(row: TargetsRow): string {
  return [row.type, row.periodLabel, row.standingLabel].filter(Boolean).join(', ');
}

export function positionName(row: StaffingRow): string {
  return row.title ?? row.positionId ?? '(no title)';
}

/** True when the table has a mandated-minimum column (Table 5 layout); Table 6 has none. */
export function hasMinimumColumn(table: StaffingTable): boolean {
  return table.rows.some((row) => row.mandatedMinimum !== undefined);
}

export function oneLine(text: string): string {
  // Control characters (terminal escapes included) never reach the terminal.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
}
