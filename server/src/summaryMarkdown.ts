/**
 * The summary as Markdown; every string from the YAML is backslash-escaped.
 */
import type { CoverageRow, PlanAuditSummaryReport } from './core/summary';
import { formatNumber } from './summaryChart';
import type { SummaryFormatOptions } from './summaryFormatCommon';
import { defaultDisplayPath, where, cellMarkers, cellText, cellOf, plural, coverageCounts, targetsTotals, staffingTotals, recommendationTotals, ageLabel, recommendationStatus, positionName, hasMinimumColumn, oneLine } from './summaryFormatCommon';

/** Escapes text for Markdown (CommonMark): nothing in it can become markup, HTML or a link. */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(/[\\`*_{}[\]<>#|&~]/g, (character) => `\\${character}`);
}

/** Markdown for the workpapers: one section per scope, GitHub-style tables. */
export function formatSummaryMarkdown(report: PlanAuditSummaryReport, options: SummaryFormatOptions = {}): string {
  const out: string[] = ['# Plan Audit summary', ''];
  const md = escapeMarkdown;
  // A header ending in `:` is a right-aligned (numeric) column.
  const table = (header: string[], rows: string[][]) => {
    const titles = header.map((cell) => cell.replace(/:$/, ''));
    out.push(`| ${titles.join(' | ')} |`, `|${header.map((cell) => (cell.endsWith(':') ? ' ---: ' : ' --- ')).join('|')}|`);
    for (const row of rows) {
      out.push(`| ${row.join(' | ')} |`);
    }
    out.push('');
  };
  for (const summary of report.scopes) {
    out.push(`## ${md(summary.scopeLabel)}`, '');
    out.push(`Review date: ${md(summary.reviewDate)} (FY${summary.reviewFiscalYear}).`, '');
    out.push(`Built from ${plural(summary.files.length, 'file')}: ${summary.files.map((file) => md((options.displayPath ?? defaultDisplayPath)(file.uri))).join(', ')}.`, '');
    if (summary.coverage.rows.length > 0) {
      out.push('### Plan coverage', '', `${coverageCounts(summary)}.`, '');
      table(
        ['Issue area', 'Status', 'Plans', 'Assessment', 'Source'],
        summary.coverage.rows.map((row: CoverageRow) => [
          md(row.title ?? row.areaId),
          `**${md(row.statusLabel)}**`,
          row.plans.map((plan) => md([plan.type, plan.periodLabel].filter(Boolean).join(' ') || plan.id || 'plan') + ` (${md(plan.standingLabel)})`).join('<br>') || '–',
          md(row.description),
          md(where(row.location, options)),
        ]),
      );
    }
    if (summary.targets.rows.length > 0) {
      out.push('### Targets', '', `${md(targetsTotals(summary))}.`, '');
      table(
        ['Plan', 'Type', 'Period', 'Standing', 'Measures:', 'With targets:', 'Targets to fill in:', 'Justified exceptions:', 'Without a target:', 'Source'],
        summary.targets.rows.map((row) => [
          md(row.planId ?? row.planTitle ?? '(no id)'),
          md(row.type ?? '–'),
          md(row.periodLabel ?? '–'),
          md(row.standingLabel),
          String(row.measures),
          String(row.withTargets),
          String(row.toFillIn),
          String(row.justified),
          String(row.lacking),
          md(where(row.location, options)),
        ]),
      );
    }
    if (summary.staffing.tables.length > 0) {
      out.push('### Staffing', '', `${md(staffingTotals(summary))}.`, '');
      for (const staffingTable of summary.staffing.tables) {
        out.push(`#### ${md(staffingTable.title)}`, '');
        const minimum = hasMinimumColumn(staffingTable);
        table(
          ['Position', ...(minimum ? ['Minimum:'] : []), 'Optimal range', ...staffingTable.fiscalYears.map((year) => `FY${year}:`), 'Flags', 'Source'],
          staffingTable.rows.map((row) => [
            row.gap ? `**${md(positionName(row))}**` : md(positionName(row)),
            ...(minimum ? [row.mandatedMinimum !== undefined ? formatNumber(row.mandatedMinimum) : '–'] : []),
            row.optimal ? md(row.optimal.label) : '–',
            ...staffingTable.fiscalYears.map((year) => md(cellText(cellOf(row, year)))),
            md(row.flagLabels.join('; ')) || '–',
            md(where(row.location, options)),
          ]),
        );
      }
      out.push(
        `${md(cellMarkers.belowMinimum)} below the mandated minimum; ${md(cellMarkers.belowOptimal)} below the optimal range in a year the range covers. Positions in bold are generally below their minimum or optimal range.`,
        '',
      );
    }
    if (summary.recommendations.total > 0) {
      out.push('### Recommendations', '', `${md(recommendationTotals(summary))}.`, '');
      if (summary.recommendations.openByAge.length > 0) {
        out.push(`Open by age: ${summary.recommendations.openByAge.map((bucket) => `${ageLabel(bucket.ageYears)}: ${bucket.count}`).join(', ')}.`, '');
      }
      table(
        ['Recommendation', 'Report', 'Source', 'Issued', 'Age (years):', 'Status', 'Where'],
        summary.recommendations.rows.map((row) => [
          md(row.id ?? '(no id)'),
          md(row.report ?? '–'),
          md(row.source ?? '–'),
          md(row.issued ?? '–'),
          row.ageYears !== undefined ? String(row.ageYears) : '–',
          row.openTooLong ? `**${md(recommendationStatus(row))}**` : md(recommendationStatus(row)),
          md(where(row.location, options)),
        ]),
      );
    }
  }
  return out.join('\n').replace(/\n+$/, '') + '\n';
}
