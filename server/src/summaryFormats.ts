/**
 * The summary as text, Markdown, HTML, CSV or JSON. Pure: shared by the extension's "Export Summary"
 * (on the result of `planAudit/summary`) and the CLI (`plan-audit summary`, and the end of `check`).
 *
 * Every string that comes from the YAML is escaped for the target format: HTML entities in HTML,
 * backslash escapes in Markdown, RFC 4180 quoting (and a leading `'` before `= + - @`, so a spreadsheet
 * never runs a cell as a formula) in CSV. The HTML export is one self-contained, printable file with
 * inline CSS and SVG and no script.
 */
import type {
  CoverageRow,
  PlanAuditSummary,
  PlanAuditSummaryReport,
  RecommendationRow,
  SourceLocation,
  StaffingCell,
  StaffingRow,
  StaffingTable,
  TargetsRow,
} from './core/summary';
import { chartGeometry, formatNumber } from './summaryChart';
import { appendAll, maxOf } from './core/arrays';

export type SummaryFormat = 'text' | 'markdown' | 'html' | 'csv' | 'json';
export const summaryFormats: readonly SummaryFormat[] = ['text', 'markdown', 'html', 'csv', 'json'];

export interface SummaryFormatOptions {
  /** How a file is named in the output (a path relative to the workspace or the working folder). */
  readonly displayPath?: (uri: string) => string;
}

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

/** The default file name: the last path segment of the uri, decoded. */
export function defaultDisplayPath(uri: string): string {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

function where(location: SourceLocation, options: SummaryFormatOptions): string {
  const file = (options.displayPath ?? defaultDisplayPath)(location.uri);
  return location.range ? `${file}:${location.range.start.line + 1}` : file;
}

/** Legend markers for the cells of the staffing tables (text and Markdown). */
export const cellMarkers = { belowMinimum: '*', belowOptimal: '~' } as const;

function cellText(cell: StaffingCell | undefined): string {
  if (!cell) {
    return '–';
  }
  return `${formatNumber(cell.value)}${cell.belowMinimum ? cellMarkers.belowMinimum : ''}${cell.belowOptimal ? cellMarkers.belowOptimal : ''}`;
}

function cellOf(row: StaffingRow, fiscalYear: number): StaffingCell | undefined {
  return row.actuals.find((cell) => cell.fiscalYear === fiscalYear);
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function coverageCounts(summary: PlanAuditSummary): string {
  const { current, outdated, missing } = summary.coverage.counts;
  return `${current} current, ${outdated} outdated, ${missing} missing`;
}

function targetsTotals(summary: PlanAuditSummary): string {
  const totals = summary.targets.totals;
  return `${plural(totals.measures, 'measure')} in ${plural(totals.plans, 'plan')}: ${totals.withTargets} with targets, ${totals.toFillIn} with targets to fill in, ${plural(totals.justified, 'justified exception')}, ${totals.lacking} without a target`;
}

function staffingTotals(summary: PlanAuditSummary): string {
  const counts = summary.staffing.counts;
  return `${plural(counts.positions, 'position')}: ${counts.generallyBelowMinimum} generally below the mandated minimum, ${counts.generallyBelowOptimal} generally below the optimal range, ${counts.declining} declining, ${counts.gapsWithoutHiringPlan} with a gap and no hiring plan`;
}

function recommendationTotals(summary: PlanAuditSummary): string {
  const r = summary.recommendations;
  return `${r.open} open of ${r.total}; ${r.openTooLong} open longer than their source's threshold (GAO: 4 years)`;
}

function ageLabel(years: number): string {
  return years === 0 ? 'under 1 year' : plural(years, 'year');
}

function recommendationStatus(row: RecommendationRow): string {
  if (row.openTooLong) {
    return `Open more than ${row.thresholdYears} years`;
  }
  if (row.thresholdYears === undefined) {
    return 'Open (source not judged by age)';
  }
  return row.thresholdDate ? `Open (${row.thresholdYears} years on ${row.thresholdDate})` : 'Open';
}

function planLine(row: TargetsRow): string {
  return [row.type, row.periodLabel, row.standingLabel].filter(Boolean).join(', ');
}

function positionName(row: StaffingRow): string {
  return row.title ?? row.positionId ?? '(no title)';
}

// ---- Text ----

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

/** True when the table has a mandated-minimum column (Table 5 layout); Table 6 has none. */
function hasMinimumColumn(table: StaffingTable): boolean {
  return table.rows.some((row) => row.mandatedMinimum !== undefined);
}

function staffingTextRows(table: StaffingTable): string[][] {
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
function textTable(rows: readonly string[][]): string[] {
  const widths = rows[0].map((_, column) => maxOf(rows.map((row) => row[column].length), 0));
  const numeric = (text: string) => /^[\d,.–-]+[*~]*$/.test(text);
  return rows.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : numeric(cell) && column > 0 ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd(),
  );
}

function oneLine(text: string): string {
  // Control characters (terminal escapes included) never reach the terminal.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
}

function wrap(text: string, width: number, indent: string): string[] {
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

// ---- Markdown ----

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

// ---- HTML ----

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] as string);
}

const htmlStyle = `
:root { color-scheme: light; --fg: #1f1f1f; --muted: #5f5f5f; --border: #c8c8c8; --head: #f3f3f3; --bad: #a1260d; --warn: #8a5300; --good: #1e7a1e; --band: #d8e8d8; --line: #1f5fa8; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); margin: 2rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.3rem; border-bottom: 1px solid var(--border); padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin-top: 1.5rem; } h4 { font-size: 1rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; width: 100%; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid var(--border); padding: .25rem .45rem; text-align: left; vertical-align: top; }
thead th { background: var(--head); } tbody th { font-weight: 400; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.muted, .where { color: var(--muted); font-size: .85em; }
.status { font-weight: 600; white-space: nowrap; }
.status-missing, .status-bad { color: var(--bad); }
.status-outdated, .status-warn { color: var(--warn); }
.status-current, .status-good { color: var(--good); }
.below { font-weight: 700; }
.mark { font-size: .75em; font-weight: 400; display: block; color: var(--bad); white-space: normal; }
tr.gap th[scope=row] { font-weight: 700; }
td.where { word-break: break-all; }
svg.chart .band { fill: var(--band); } svg.chart .minimum { stroke: var(--bad); stroke-dasharray: 3 2; }
svg.chart .actual { fill: none; stroke: var(--line); stroke-width: 1.5; } svg.chart .point { fill: var(--line); } svg.chart .point.low { fill: var(--bad); }
@media print { body { margin: 0; font-size: 10pt; } h2 { break-before: page; } h2:first-of-type { break-before: avoid; } tr, svg { break-inside: avoid; } }
`;

/** One self-contained, printable HTML page: inline CSS and SVG, no script, every string escaped. */
export function formatSummaryHtml(report: PlanAuditSummaryReport, options: SummaryFormatOptions = {}): string {
  const h = escapeHtml;
  const out: string[] = [];
  out.push('<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">');
  // The exported file needs no network and runs nothing; say so to the browser as well.
  out.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push(`<title>Plan Audit summary${report.scopes.length > 0 ? ` — ${h(report.scopes.map((scope) => scope.scopeLabel).join(', '))}` : ''}</title>`);
  out.push(`<style>${htmlStyle}</style>`, '</head>', '<body>', '<h1>Plan Audit summary</h1>');
  const whereCell = (location: SourceLocation) => `<td class="where">${h(where(location, options))}</td>`;
  for (const summary of report.scopes) {
    out.push(`<h2>${h(summary.scopeLabel)}</h2>`);
    out.push(`<p>Review date <strong>${h(summary.reviewDate)}</strong> (FY${summary.reviewFiscalYear}). Built from ${plural(summary.files.length, 'file')}:</p>`);
    out.push(`<ul class="muted">${summary.files.map((file) => `<li>${h((options.displayPath ?? defaultDisplayPath)(file.uri))} <span>(${h(file.kind)})</span></li>`).join('')}</ul>`);
    if (summary.coverage.rows.length > 0) {
      out.push('<h3>Plan coverage</h3>', `<p>${h(coverageCounts(summary))}.</p>`);
      out.push('<table><caption>Plan coverage by issue area</caption><thead><tr><th scope="col">Issue area</th><th scope="col">Status</th><th scope="col">Plans</th><th scope="col">Assessment</th><th scope="col">Source</th></tr></thead><tbody>');
      for (const row of summary.coverage.rows) {
        const plans = row.plans.map((plan) => `<li>${h([plan.type, plan.periodLabel].filter(Boolean).join(' ') || plan.id || 'plan')} <span class="muted">(${h(plan.standingLabel)})</span></li>`).join('');
        out.push(
          `<tr><th scope="row">${h(row.title ?? row.areaId)}</th><td class="status status-${h(row.status)}">${h(row.statusLabel)}</td><td>${plans ? `<ul>${plans}</ul>` : '–'}</td><td>${h(row.description)}</td>${whereCell(row.location)}</tr>`,
        );
      }
      out.push('</tbody></table>');
    }
    if (summary.targets.rows.length > 0) {
      out.push('<h3>Targets</h3>', `<p>${h(targetsTotals(summary))}.</p>`);
      out.push(
        '<table><caption>Measures and targets by plan</caption><thead><tr><th scope="col">Plan</th><th scope="col">Type</th><th scope="col">Period</th><th scope="col">Standing</th><th scope="col" class="num">Measures</th><th scope="col" class="num">With targets</th><th scope="col" class="num">Targets to fill in</th><th scope="col" class="num">Justified exceptions</th><th scope="col" class="num">Without a target</th><th scope="col">Source</th></tr></thead><tbody>',
      );
      for (const row of summary.targets.rows) {
        out.push(
          `<tr><th scope="row">${h(row.planId ?? row.planTitle ?? '(no id)')}${row.planTitle && row.planId ? `<div class="muted">${h(row.planTitle)}</div>` : ''}</th><td>${h(row.type ?? '–')}</td><td>${h(row.periodLabel ?? '–')}</td><td>${h(row.standingLabel)}</td><td class="num">${row.measures}</td><td class="num">${row.withTargets}</td><td class="num">${row.toFillIn}</td><td class="num">${row.justified}</td><td class="num${row.lacking > 0 ? ' status-bad below' : ''}">${row.lacking}</td>${whereCell(row.location)}</tr>`,
        );
      }
      out.push('</tbody></table>');
    }
    if (summary.staffing.tables.length > 0) {
      out.push('<h3>Staffing</h3>', `<p>${h(staffingTotals(summary))}.</p>`);
      for (const table of summary.staffing.tables) {
        const minimum = hasMinimumColumn(table);
        out.push(`<table><caption>${h(table.title)}</caption><thead><tr><th scope="col">Position</th>${minimum ? '<th scope="col" class="num">Mandated minimum</th>' : ''}<th scope="col">Optimal range</th>`);
        out.push(`${table.fiscalYears.map((year) => `<th scope="col" class="num">FY${year}</th>`).join('')}<th scope="col">Trend</th><th scope="col">Flags</th><th scope="col">Source</th></tr></thead><tbody>`);
        for (const row of table.rows) {
          const cells = table.fiscalYears
            .map((year) => {
              const cell = cellOf(row, year);
              if (!cell) {
                return '<td class="num muted">–</td>';
              }
              const marks = [cell.belowMinimum ? 'below minimum' : '', cell.belowOptimal ? 'below optimal' : ''].filter(Boolean).join(', ');
              const asOf = cell.asOf ? `<span class="muted"> as of ${h(cell.asOf)}</span>` : '';
              return `<td class="num${marks ? ' below' : ''}">${formatNumber(cell.value)}${asOf}${marks ? `<span class="mark">${marks}</span>` : ''}</td>`;
            })
            .join('');
          out.push(
            `<tr${row.gap ? ' class="gap"' : ''}><th scope="row">${h(positionName(row))}</th>${minimum ? `<td class="num">${row.mandatedMinimum !== undefined ? formatNumber(row.mandatedMinimum) : '–'}</td>` : ''}<td>${h(row.optimal?.label ?? '–')}</td>${cells}<td>${chartSvg(row, table.fiscalYears)}</td><td>${h(row.flagLabels.join('; ') || '–')}</td>${whereCell(row.location)}</tr>`,
          );
        }
        out.push('</tbody></table>');
      }
      out.push('<p class="muted">Figures marked “below minimum” or “below optimal” fall short of the mandated minimum, or of the optimal range in a year the range covers. Positions in bold are generally below (in more than half of the years counted). Chart: line = actuals; dashed line = mandated minimum; shaded band = optimal range.</p>');
    }
    if (summary.recommendations.total > 0) {
      const recs = summary.recommendations;
      out.push('<h3>Recommendations</h3>', `<p>${h(recommendationTotals(summary))}.</p>`);
      if (recs.openByAge.length > 0) {
        out.push(`<p>Open by age: ${recs.openByAge.map((bucket) => `${h(ageLabel(bucket.ageYears))}: ${bucket.count}`).join(', ')}.</p>`);
      }
      out.push(
        '<table><caption>Open recommendations, oldest first</caption><thead><tr><th scope="col">Recommendation</th><th scope="col">Report</th><th scope="col">Source</th><th scope="col">Issued</th><th scope="col" class="num">Age (years)</th><th scope="col">Status</th><th scope="col">Where</th></tr></thead><tbody>',
      );
      for (const row of recs.rows) {
        out.push(
          `<tr><th scope="row">${h(row.id ?? '(no id)')}${row.topic ? `<div class="muted">${h(row.topic)}</div>` : ''}</th><td>${h(row.report ?? '–')}</td><td>${h(row.source ?? '–')}</td><td>${h(row.issued ?? '–')}</td><td class="num">${row.ageYears ?? '–'}</td><td class="status${row.openTooLong ? ' status-bad' : ''}">${h(recommendationStatus(row))}</td>${whereCell(row.location)}</tr>`,
        );
      }
      out.push('</tbody></table>');
    }
  }
  out.push('</body>', '</html>');
  return out.join('\n') + '\n';
}

function chartSvg(row: StaffingRow, fiscalYears: readonly number[]): string {
  const chart = chartGeometry(row, fiscalYears);
  const parts: string[] = [`<svg class="chart" role="img" aria-label="${escapeHtml(chart.label)}" width="${chart.width}" height="${chart.height}" viewBox="0 0 ${chart.width} ${chart.height}">`];
  parts.push(`<title>${escapeHtml(chart.label)}</title>`);
  if (chart.band) {
    parts.push(`<rect class="band" x="${chart.band.x}" y="${chart.band.y}" width="${chart.band.width}" height="${chart.band.height}"/>`);
  }
  if (chart.minimumY !== undefined) {
    parts.push(`<line class="minimum" x1="0" x2="${chart.width}" y1="${chart.minimumY}" y2="${chart.minimumY}"/>`);
  }
  if (chart.polyline) {
    parts.push(`<polyline class="actual" points="${chart.polyline}"/>`);
  }
  for (const point of chart.points) {
    parts.push(`<circle class="point${point.belowMinimum || point.belowOptimal ? ' low' : ''}" cx="${point.x}" cy="${point.y}" r="2.5"/>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

// ---- CSV ----

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

// ---- JSON ----

/** The report as JSON: the same data the panel shows; `location.range` lines and characters are 0-based. */
export function formatSummaryJson(report: PlanAuditSummaryReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
