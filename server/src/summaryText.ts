/**
 * The summary as plain text (the CLI, the end of `plan-audit check`).
 */
import type { PlanAuditSummaryReport, StaffingTable } from './core/summary';
import { formatNumber } from './summaryChart';
import { appendAll, maxOf } from './core/arrays';
import type { SummaryFormatOptions } from './summaryFormatCommon';
import { defaultDisplayPath, cellMarkers, cellText, cellOf, plural, coverageCounts, targetsTotals, staffingTotals, recommendationTotals, ageLabel, recommendationStatus, planLine, positionName, hasMinimumColumn, oneLine } from './summaryFormatCommon';

/** Plain text for terminals and CI logs (the end of `plan-audit check`). */
export function formatSummaryText(report: PlanAuditSummaryReport, options: SummaryFormatOptions = {}): string {
  if (report.scopes.length === 0) {
    return '';
  }
  const lines: string[] = [];
  for (const summary of report.scopes) {
    const files = summary.files.map((file) => (options.displayPath ?? defaultDisplayPath)(file.uri));
    lines.push('', `Summary: ${oneLine(summary.scopeLabel)} (review date ${summary.reviewDate}, FY${summary.reviewFiscalYear})`);
    appendAll(lines, wrap(`Files (${files.length}): ${files.join(', ')}`, 110, '  '));
    if (summary.coverage.rows.length > 0) {
      lines.push(`Plan coverage: ${coverageCounts(summary)}`);
      const width = maxOf(summary.coverage.rows.map((row) => row.statusLabel.length), 0);
      for (const row of summary.coverage.rows) {
        lines.push(`  ${row.statusLabel.padEnd(width)}  ${oneLine(row.title ?? row.areaId)}: ${oneLine(row.description)}`);
      }
    }
    if (summary.targets.rows.length > 0) {
      lines.push(`Targets: ${targetsTotals(summary)}`);
      const withMeasures = summary.targets.rows.filter((row) => row.measures > 0);
      for (const row of withMeasures) {
        lines.push(
          `  ${oneLine(row.planId ?? row.planTitle ?? '(no id)')} (${oneLine(planLine(row))}): ${plural(row.measures, 'measure')}, ${row.withTargets} with targets, ${row.toFillIn} to fill in, ${row.justified} justified, ${row.lacking} without a target`,
        );
      }
      const without = summary.targets.rows.length - withMeasures.length;
      if (without > 0) {
        lines.push(`  ${plural(without, 'plan')} with no measures.`);
      }
    }
    if (summary.staffing.tables.length > 0) {
      lines.push(`Staffing: ${staffingTotals(summary)}`);
      for (const table of summary.staffing.tables) {
        lines.push(`  ${table.title}:`);
        appendAll(lines, textTable(staffingTextRows(table)).map((line) => `    ${line}`));
      }
      lines.push(`  ${cellMarkers.belowMinimum} below the mandated minimum; ${cellMarkers.belowOptimal} below the optimal range in a year the range covers.`);
    }
    if (summary.recommendations.total > 0) {
      lines.push(`Recommendations: ${recommendationTotals(summary)}`);
      if (summary.recommendations.openByAge.length > 0) {
        lines.push(`  Open by age: ${summary.recommendations.openByAge.map((bucket) => `${ageLabel(bucket.ageYears)}: ${bucket.count}`).join(', ')}`);
      }
      for (const row of summary.recommendations.rows.filter((item) => item.openTooLong)) {
        lines.push(`  ${oneLine(row.id ?? '(no id)')} (${oneLine(row.report ?? '')}, issued ${row.issued}): ${recommendationStatus(row)}`);
      }
    }
  }
  return lines.join('\n').replace(/^\n/, '') + '\n';
}

export function staffingTextRows(table: StaffingTable): string[][] {
  const minimum = hasMinimumColumn(table);
  const header = ['Position', ...(minimum ? ['Minimum'] : []), 'Optimal range', ...table.fiscalYears.map((year) => `FY${year}`), 'Flags'];
  const rows = table.rows.map((row) => [
    oneLine(positionName(row)),
    ...(minimum ? [row.mandatedMinimum !== undefined ? formatNumber(row.mandatedMinimum) : '–'] : []),
    row.optimal ? oneLine(row.optimal.label) : '–',
    ...table.fiscalYears.map((year) => cellText(cellOf(row, year))),
    row.flagLabels.join('; ').toLowerCase(),
  ]);
  return [header, ...rows];
}

/** Pads columns: text left-aligned, figures right-aligned. */
export function textTable(rows: readonly string[][]): string[] {
  const widths = rows[0].map((_, column) => maxOf(rows.map((row) => row[column].length), 0));
  const numeric = (text: string) => /^[\d,.–-]+[*~]*$/.test(text);
  return rows.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : numeric(cell) && column > 0 ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd(),
  );
}

export function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') {
    lines.push(line);
  }
  return lines;
}
