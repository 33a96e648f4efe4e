/**
 * The staffing and recommendation sections of the summary panel (GAO-17-618 Tables 5 and 6, open
 * recommendations by age) and the list of source files.
 */
import type { PlanAuditSummary, RecommendationRow, SourceLocation, StaffingCell, StaffingRow, StaffingTable, SummaryFile } from '../../../server/src/core/summary';
import { chartGeometry } from '../../../server/src/summaryChart';
import { el, linkTo, num, plural, section, statusBadge, str, svg } from './dom';
import type { PanelView } from './viewState';
import { dataTable, sourceButton } from './tables';

export function staffingChart(row: StaffingRow, fiscalYears: readonly number[]): SVGSVGElement {
  const chart = chartGeometry(row, fiscalYears);
  const element = svg('svg', { class: 'chart', width: chart.width, height: chart.height, viewBox: `0 0 ${chart.width} ${chart.height}`, role: 'img', 'aria-label': chart.label });
  const title = svg('title', {});
  title.textContent = chart.label;
  element.append(title);
  if (chart.band) {
    element.append(svg('rect', { class: 'chart-band', x: chart.band.x, y: chart.band.y, width: chart.band.width, height: Math.max(chart.band.height, 1) }));
  }
  if (chart.minimumY !== undefined) {
    element.append(svg('line', { class: 'chart-minimum', x1: 0, x2: chart.width, y1: chart.minimumY, y2: chart.minimumY }));
  }
  if (chart.polyline) {
    element.append(svg('polyline', { class: 'chart-actual', points: chart.polyline }));
  }
  for (const point of chart.points) {
    const low = point.belowMinimum || point.belowOptimal;
    element.append(svg(low ? 'rect' : 'circle', low ? { class: 'chart-point low', x: point.x - 2.5, y: point.y - 2.5, width: 5, height: 5 } : { class: 'chart-point', cx: point.x, cy: point.y, r: 2.5 }));
  }
  return element;
}

export function staffingCell(cell: StaffingCell | undefined, key: string): HTMLTableCellElement {
  if (!cell) {
    return el('td', { className: 'num muted', text: '–', attrs: { 'aria-label': 'not reported' } });
  }
  const marks = [cell.belowMinimum ? 'below min.' : '', cell.belowOptimal ? 'below opt.' : ''].filter(Boolean);
  const td = el('td', { className: marks.length > 0 ? 'num cell-bad' : 'num', attrs: { 'data-key': key } });
  const value = el('span', { className: 'cell-value', text: num(cell.value) });
  td.append(value);
  if (cell.asOf) {
    td.append(el('span', { className: 'cell-note', text: `as of ${str(cell.asOf)}` }));
  }
  for (const mark of marks) {
    td.append(el('span', { className: 'cell-mark', text: `▼ ${mark}` }));
  }
  linkTo(td, cell.location);
  return td;
}

function renderStaffingTable(view: PanelView, table: StaffingTable): HTMLElement {
  const { state } = view;
  const hasMinimum = table.rows.some((row) => row.mandatedMinimum !== undefined);
  const key = `staffing-${str(table.kind)}`;
  const shortfalls = el('label', { className: 'checkbox' });
  const checkbox = el('input', { attrs: { type: 'checkbox', 'data-key': `${key}:shortfalls` } });
  checkbox.checked = state.onlyShortfalls;
  checkbox.addEventListener('change', () => {
    state.onlyShortfalls = checkbox.checked;
    state.pages = {};
    view.save();
    view.render();
  });
  shortfalls.append(checkbox, ' Only positions with a shortfall');
  const rows = state.onlyShortfalls ? table.rows.filter((row) => row.actuals.some((cell) => cell.belowMinimum || cell.belowOptimal) || row.gap) : table.rows;
  return el(
    'div',
    { className: 'staffing-table' },
    dataTable<StaffingRow>(view, {
      key,
      caption: str(table.title),
      headers: [
        { text: 'Position' },
        ...(hasMinimum ? [{ text: 'Mandated minimum', numeric: true }] : []),
        { text: 'Optimal range' },
        ...table.fiscalYears.map((year) => ({ text: `FY${year}`, numeric: true })),
        { text: 'Trend' },
        { text: 'Flags' },
      ],
      rows,
      rowKey: (row, index) => `${str(row.positionId)}#${index}`,
      rowLocation: (row) => row.location,
      filterText: (row) => `${str(row.title)} ${str(row.positionId)} ${str(row.office)} ${row.flagLabels.join(' ')}`,
      filterLabel: 'Filter positions',
      extraControls: [shortfalls],
      rowClass: (row) => (row.gap ? 'row-gap' : undefined),
      renderRow: (row, tr) => {
        const name = el('th', { attrs: { scope: 'row' } }, el('div', { text: str(row.title, str(row.positionId, '(no title)')) }));
        if (row.office) {
          name.append(el('div', { className: 'muted', text: str(row.office) }));
        }
        const flags = el('td', {});
        if (row.flagLabels.length === 0) {
          flags.append(el('span', { className: 'muted', text: 'None' }));
        }
        for (const label of row.flagLabels) {
          flags.append(statusBadge(/generally below/i.test(label) ? 'bad' : 'warn', str(label)), ' ');
        }
        tr.append(name);
        if (hasMinimum) {
          tr.append(el('td', { className: 'num', text: num(row.mandatedMinimum) }));
        }
        tr.append(el('td', { text: str(row.optimal?.label, '–') }));
        for (const year of table.fiscalYears) {
          tr.append(staffingCell(row.actuals.find((cell) => cell.fiscalYear === year), `${key}:${str(row.positionId)}:FY${year}`));
        }
        tr.append(el('td', { className: 'chart-cell' }, staffingChart(row, table.fiscalYears)), flags);
      },
    }),
  );
}

export function renderStaffing(view: PanelView, scope: PlanAuditSummary): HTMLElement {
  const counts = scope.staffing.counts;
  if (scope.staffing.tables.length === 0) {
    return section('staffing', 'Staffing', el('p', { className: 'muted', text: 'No staffing file (*.staffing.yaml) in this portfolio.' }));
  }
  return section(
    'staffing',
    'Staffing',
    el('p', {
      text: `${plural(counts.positions, 'position')}: ${counts.generallyBelowMinimum} generally below the mandated minimum, ${counts.generallyBelowOptimal} generally below the optimal range, ${counts.declining} declining, ${counts.gapsWithoutHiringPlan} with a gap and no hiring plan.`,
    }),
    el('p', { className: 'legend', text: '▼ below min.: under the mandated minimum. ▼ below opt.: under the optimal range in a year the range covers. Chart: line = actuals, dashed line = mandated minimum, band = optimal range, square = a year below.' }),
    scope.staffing.tables.map((table) => renderStaffingTable(view, table)),
  );
}

export function ageChart(buckets: PlanAuditSummary['recommendations']['openByAge']): SVGSVGElement {
  const barWidth = 28;
  const gap = 8;
  const height = 70;
  let top = 1;
  for (const bucket of buckets) {
    top = Math.max(top, bucket.count);
  }
  const width = Math.max(1, buckets.length) * (barWidth + gap);
  const label = `Open recommendations by age: ${buckets.map((bucket) => `${bucket.ageYears === 0 ? 'under 1 year' : plural(bucket.ageYears, 'year')}: ${bucket.count}`).join(', ')}`;
  const chart = svg('svg', { class: 'age-chart', width, height: height + 28, viewBox: `0 0 ${width} ${height + 28}`, role: 'img', 'aria-label': label });
  buckets.forEach((bucket, index) => {
    const barHeight = Math.max(2, (bucket.count / top) * (height - 14));
    const x = index * (barWidth + gap);
    chart.append(svg('rect', { class: bucket.ageYears > 4 ? 'bar-warn' : 'bar-neutral', x, y: height - barHeight, width: barWidth, height: barHeight }));
    const count = svg('text', { class: 'chart-text', x: x + barWidth / 2, y: height - barHeight - 3, 'text-anchor': 'middle' });
    count.textContent = String(bucket.count);
    const year = svg('text', { class: 'chart-text', x: x + barWidth / 2, y: height + 14, 'text-anchor': 'middle' });
    year.textContent = `${bucket.ageYears}y`;
    chart.append(count, year);
  });
  return chart;
}

export function recommendationStatus(row: RecommendationRow): HTMLElement {
  if (row.openTooLong) {
    return statusBadge('bad', `Open more than ${str(row.thresholdYears)} years`);
  }
  if (row.thresholdYears === undefined) {
    return statusBadge('neutral', 'Open (source not judged by age)');
  }
  return statusBadge('neutral', row.thresholdDate ? `Open (${str(row.thresholdYears)} years on ${str(row.thresholdDate)})` : 'Open');
}

export function renderRecommendations(view: PanelView, scope: PlanAuditSummary): HTMLElement {
  const recommendations = scope.recommendations;
  if (recommendations.total === 0) {
    return section('recommendations', 'Recommendations', el('p', { className: 'muted', text: 'No recommendations file (*.recommendations.yaml) in this portfolio.' }));
  }
  return section(
    'recommendations',
    'Recommendations',
    el('p', { text: `${recommendations.open} open of ${recommendations.total}; ${recommendations.openTooLong} open longer than their source's threshold (GAO: more than 4 years).` }),
    recommendations.openByAge.length > 0 ? el('figure', { className: 'age-figure' }, ageChart(recommendations.openByAge), el('figcaption', { className: 'muted', text: 'Open items by whole years since issue.' })) : undefined,
    dataTable<RecommendationRow>(view, {
      key: 'recommendations',
      caption: 'Open recommendations, oldest first',
      headers: [{ text: 'Recommendation' }, { text: 'Report' }, { text: 'Source' }, { text: 'Issued' }, { text: 'Age (years)', numeric: true }, { text: 'Status' }],
      rows: recommendations.rows,
      rowKey: (row, index) => `${str(row.id)}#${index}`,
      rowLocation: (row) => row.location,
      filterText: (row) => `${str(row.id)} ${str(row.report)} ${str(row.topic)} ${str(row.source)}`,
      filterLabel: 'Filter recommendations',
      rowClass: (row) => (row.openTooLong ? 'row-gap' : undefined),
      renderRow: (row, tr) => {
        const name = el('th', { attrs: { scope: 'row' } }, el('div', { text: str(row.id, '(no id)') }));
        if (row.topic) {
          name.append(el('div', { className: 'muted', text: str(row.topic) }));
        }
        tr.append(
          name,
          el('td', { text: str(row.report, '–') }),
          el('td', { text: str(row.source, '–') }),
          el('td', { text: str(row.issued, '–') }),
          el('td', { className: 'num', text: row.ageYears === undefined ? '–' : String(row.ageYears) }),
          el('td', {}, recommendationStatus(row)),
        );
      },
    }),
  );
}

export function fileName(uri: string): string {
  const parts = uri.split('/').filter(Boolean);
  const tail = parts.slice(-2).join('/');
  try {
    return decodeURIComponent(tail);
  } catch {
    return tail;
  }
}

export function renderFiles(scope: PlanAuditSummary): HTMLElement {
  return section(
    'files',
    'Source files',
    el('p', { className: 'muted', text: `Review date ${str(scope.reviewDate)} (FY${str(scope.reviewFiscalYear)}). The summary was built from these files, including unsaved changes.` }),
    el(
      'ul',
      { className: 'file-list' },
      scope.files.map((file: SummaryFile, index) => {
        const location: SourceLocation = { uri: file.uri, span: [0, 0], range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
        const counts = file.findings ? ` · ${file.findings.error} errors, ${file.findings.warning} warnings` : '';
        return el('li', {}, sourceButton(fileName(str(file.uri)), location, `files:${index}`), el('span', { className: 'muted', text: ` ${str(file.kind)}${counts}` }));
      }),
    ),
  );
}
