/**
 * The summary as one self-contained, printable HTML file: inline CSS and SVG, no script; every
 * string from the YAML is written as HTML entities.
 */
import type { PlanAuditSummaryReport, SourceLocation, StaffingRow } from './core/summary';
import { chartGeometry, formatNumber } from './summaryChart';
import type { SummaryFormatOptions } from './summaryFormatCommon';
import { defaultDisplayPath, where, cellOf, plural, coverageCounts, targetsTotals, staffingTotals, recommendationTotals, ageLabel, recommendationStatus, positionName, hasMinimumColumn } from './summaryFormatCommon';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] as string);
}

export const htmlStyle = `
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

export function chartSvg(row: StaffingRow, fiscalYears: readonly number[]): string {
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
