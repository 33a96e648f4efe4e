/** The plan sections of the summary panel: coverage per issue area (GAO-17-618 Table 11) and targets per plan. */
import type { CoverageRow, PlanAuditSummary, TargetsRow } from '../../../server/src/core/summary';
import { el, legendSwatch, plural, section, statusBadge, str, svg } from './dom';
import type { PanelView } from './viewState';
import { dataTable, sourceButton } from './tables';

export function renderCoverage(view: PanelView, scope: PlanAuditSummary): HTMLElement {
  const coverage = scope.coverage;
  if (!coverage.hasPortfolio && coverage.rows.length === 0) {
    return section('coverage', 'Plan coverage', el('p', { className: 'muted', text: 'No portfolio file: add a *.portfolio.yaml listing the issue areas that each need a current plan.' }));
  }
  const counts = coverage.counts;
  return section(
    'coverage',
    'Plan coverage',
    el('p', { text: `${counts.current} current, ${counts.outdated} outdated, ${counts.missing} missing at FY${str(scope.reviewFiscalYear)}.` }),
    dataTable<CoverageRow>(view, {
      key: 'coverage',
      caption: 'Plan status by issue area',
      headers: [{ text: 'Issue area' }, { text: 'Status' }, { text: 'Plans' }, { text: 'Assessment' }],
      rows: coverage.rows,
      rowKey: (row) => str(row.areaId),
      rowLocation: (row) => row.location,
      filterText: (row) => `${str(row.title)} ${str(row.areaId)} ${str(row.statusLabel)}`,
      filterLabel: 'Filter issue areas',
      rowClass: (row) => `status-${str(row.status)}`,
      renderRow: (row, tr) => {
        tr.append(
          el('th', { attrs: { scope: 'row' } }, str(row.title, str(row.areaId))),
          el('td', {}, statusBadge(str(row.status), str(row.statusLabel))),
          el(
            'td',
            {},
            row.plans.length === 0
              ? el('span', { className: 'muted', text: 'None' })
              : el(
                  'ul',
                  { className: 'plain-list' },
                  row.plans.map((plan, index) =>
                    el('li', {}, sourceButton(`${[str(plan.type), str(plan.periodLabel)].filter(Boolean).join(' ') || str(plan.id, 'plan')} · ${str(plan.standingLabel)}`, plan.location, `coverage:${str(row.areaId)}:plan:${index}`)),
                  ),
                ),
          ),
          el('td', { text: str(row.description) }),
        );
      },
    }),
  );
}

export function targetsBar(row: TargetsRow): SVGSVGElement {
  const width = 120;
  const height = 12;
  const total = Math.max(row.measures, 1);
  const chart = svg('svg', { class: 'bar', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${plural(row.measures, 'measure')}: ${row.withTargets} with targets, ${row.toFillIn} with targets to fill in, ${row.justified} justified exceptions, ${row.lacking} without a target` });
  let x = 0;
  for (const [count, className] of [
    [row.withTargets, 'bar-good'],
    [row.toFillIn, 'bar-warn'],
    [row.justified, 'bar-justified'],
    [row.lacking, 'bar-bad'],
  ] as const) {
    const w = (count / total) * width;
    if (w > 0) {
      chart.append(svg('rect', { class: className, x: Math.round(x * 10) / 10, y: 0, width: Math.round(w * 10) / 10, height }));
    }
    x += w;
  }
  if (row.measures === 0) {
    chart.append(svg('rect', { class: 'bar-empty', x: 0, y: 0, width, height }));
  }
  return chart;
}

/** The badge of each target state; a state this page does not know shows as bad, never as good. */
const measureBadge: Readonly<Record<string, string>> = { targets: 'good', toFillIn: 'warn', justified: 'justified', lacking: 'bad' };

export function renderTargets(view: PanelView, scope: PlanAuditSummary): HTMLElement {
  const { state } = view;
  const totals = scope.targets.totals;
  return section(
    'targets',
    'Targets',
    el('p', {
      text: `${plural(totals.measures, 'measure')} in ${plural(totals.plans, 'plan')}: ${totals.withTargets} with targets, ${totals.toFillIn} with targets to fill in, ${plural(totals.justified, 'justified exception')}, ${totals.lacking} without a target.`,
    }),
    el(
      'p',
      { className: 'legend' },
      legendSwatch('bar-good', 'with targets'),
      legendSwatch('bar-warn', 'targets to fill in'),
      legendSwatch('bar-justified', 'justified exception'),
      legendSwatch('bar-bad', 'without a target'),
    ),
    dataTable<TargetsRow>(view, {
      key: 'targets',
      caption: 'Measures and targets by plan',
      headers: [{ text: 'Plan' }, { text: 'Type' }, { text: 'Period' }, { text: 'Standing' }, { text: 'Measures', numeric: true }, { text: 'With targets', numeric: true }, { text: 'To fill in', numeric: true }, { text: 'Justified', numeric: true }, { text: 'Without', numeric: true }, { text: 'Share' }],
      rows: scope.targets.rows,
      rowKey: (row, index) => `${str(row.planId)}#${index}`,
      rowLocation: (row) => row.location,
      filterText: (row) => `${str(row.planId)} ${str(row.planTitle)} ${str(row.issueArea)}`,
      filterLabel: 'Filter plans',
      renderRow: (row, tr) => {
        const name = el('th', { attrs: { scope: 'row' } }, el('div', { text: str(row.planId, str(row.planTitle, '(no id)')) }));
        if (row.planTitle && row.planId) {
          name.append(el('div', { className: 'muted', text: str(row.planTitle) }));
        }
        if (row.measureRows.length > 0) {
          const detailsKey = `targets:${str(row.planId)}:${str(row.location?.uri)}`;
          const details = el('details', {}, el('summary', { text: `${plural(row.measureRows.length, 'measure')}`, attrs: { 'data-key': `${detailsKey}:summary` } }));
          details.open = state.expanded.includes(detailsKey);
          details.addEventListener('toggle', () => {
            state.expanded = details.open ? [...new Set([...state.expanded, detailsKey])] : state.expanded.filter((key) => key !== detailsKey);
            view.save();
          });
          details.append(
            el(
              'ul',
              { className: 'plain-list' },
              row.measureRows.map((measure, index) =>
                el(
                  'li',
                  {},
                  sourceButton(str(measure.name, str(measure.id, 'measure')), measure.location, `targets:${str(row.planId)}:m${index}`),
                  ' ',
                  statusBadge(measureBadge[measure.state] ?? 'bad', str(measure.stateLabel)),
                  measure.reason ? el('span', { className: 'muted', text: ` ${str(measure.reason)}` }) : undefined,
                ),
              ),
            ),
          );
          name.append(details);
        }
        tr.append(
          name,
          el('td', { text: str(row.type, '–') }),
          el('td', { text: str(row.periodLabel, '–') }),
          el('td', { text: str(row.standingLabel) }),
          el('td', { className: 'num', text: String(row.measures) }),
          el('td', { className: 'num', text: String(row.withTargets) }),
          el('td', { className: 'num', text: String(row.toFillIn) }),
          el('td', { className: 'num', text: String(row.justified) }),
          el('td', { className: row.lacking > 0 ? 'num cell-bad' : 'num', text: String(row.lacking) }),
          el('td', {}, targetsBar(row)),
        );
      },
    }),
  );
}
