/**
 * The summary panel's script (bundled to `dist/webview.js`, runs inside the webview). It renders the
 * summary it receives by `postMessage` with DOM calls only: every YAML-derived string goes through
 * `textContent` or `setAttribute`, never through an HTML parser. Tables are paginated and filtered, so
 * 500 positions and 200 plans render 50 rows at a time. The view state (scope, pages, filters, and the
 * last summary) is kept with `setState`, so the panel comes back as it was after a reload.
 */
import type {
  CoverageRow,
  PlanAuditSummary,
  RecommendationRow,
  SourceLocation,
  StaffingCell,
  StaffingRow,
  StaffingTable,
  SummaryFile,
  TargetsRow,
} from '../../../server/src/core/summary';
import { chartGeometry, formatNumber } from '../../../server/src/summaryChart';
import type { ExtensionToWebviewMessage, SummaryResult, WebviewToExtensionMessage } from './messages';
import { parseExtensionMessage } from './messages';

interface VsCodeApi {
  postMessage(message: WebviewToExtensionMessage): void;
  getState(): unknown;
  setState(state: ViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** What survives a reload of the webview. */
interface ViewState {
  readonly version: 1;
  result?: SummaryResult;
  scopeId?: string;
  pages: Record<string, number>;
  filters: Record<string, string>;
  onlyShortfalls: boolean;
  /** Keys of the expanded measure lists, so a live update does not fold them. */
  expanded: string[];
}

/** Rows per page in every table. */
const pageSize = 50;
/** Above this size the summary is not kept in the webview state (it is re-requested after a reload). */
const maxStoredResultLength = 2_000_000;
const svgNamespace = 'http://www.w3.org/2000/svg';

// Acquired once and kept in this module's closure, never on `window` (style.md §4.3).
const vscode = acquireVsCodeApi();
const state: ViewState = restoreState(vscode.getState());
/** The source location behind each clickable element. */
const locations = new WeakMap<Element, SourceLocation>();
let serverNote = '';

function restoreState(saved: unknown): ViewState {
  const fresh: ViewState = { version: 1, pages: {}, filters: {}, onlyShortfalls: false, expanded: [] };
  if (typeof saved !== 'object' || saved === null || (saved as { version?: unknown }).version !== 1) {
    return fresh;
  }
  const candidate = saved as Partial<ViewState>;
  const message = candidate.result !== undefined ? parseExtensionMessage({ type: 'summary', result: candidate.result }) : undefined;
  return {
    version: 1,
    result: message?.type === 'summary' ? message.result : undefined,
    scopeId: typeof candidate.scopeId === 'string' ? candidate.scopeId : undefined,
    pages: numbersOf(candidate.pages),
    filters: stringsOf(candidate.filters),
    onlyShortfalls: candidate.onlyShortfalls === true,
    expanded: Array.isArray(candidate.expanded) ? candidate.expanded.filter((key): key is string => typeof key === 'string').slice(0, 500) : [],
  };
}

function numbersOf(value: unknown): Record<string, number> {
  const result: Record<string, number> = {};
  if (typeof value === 'object' && value !== null) {
    for (const [key, page] of Object.entries(value)) {
      if (typeof page === 'number' && Number.isSafeInteger(page) && page >= 0) {
        result[key] = page;
      }
    }
  }
  return result;
}

function stringsOf(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (typeof value === 'object' && value !== null) {
    for (const [key, text] of Object.entries(value)) {
      if (typeof text === 'string') {
        result[key] = text.slice(0, 200);
      }
    }
  }
  return result;
}

function saveState(): void {
  const result = state.result && JSON.stringify(state.result).length <= maxStoredResultLength ? state.result : undefined;
  vscode.setState({ ...state, result });
}

// ---- DOM helpers: text only ----

/**
 * A child to append: a node, text, nothing, or a list of children. Lists are passed as one argument, never
 * spread into a call: a spread of 100,000 measures overflows the stack.
 */
type Child = Node | string | undefined | false | readonly Child[];

function el<K extends keyof HTMLElementTagNameMap>(tag: K, options: { className?: string; text?: string; attrs?: Record<string, string> } = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) {
    element.className = options.className;
  }
  if (options.text !== undefined) {
    element.textContent = options.text;
  }
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    element.setAttribute(name, value);
  }
  append(element, children);
  return element;
}

function append(parent: Element, ...children: Child[]): void {
  for (const child of children) {
    if (child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      for (const item of child as readonly Child[]) {
        append(parent, item);
      }
      continue;
    }
    parent.append(typeof child === 'string' ? document.createTextNode(child) : (child as Node));
  }
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(svgNamespace, tag);
  for (const [name, value] of Object.entries(attrs)) {
    element.setAttribute(name, String(value));
  }
  return element;
}

/** Text of a value that should be a string; anything else (a malformed message) shows as nothing. */
function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback;
}

function num(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? formatNumber(value) : '–';
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function linkTo(element: Element, location: SourceLocation | undefined): void {
  if (location && typeof location.uri === 'string') {
    locations.set(element, location);
  }
}

// ---- Messages ----

window.addEventListener('message', (event: MessageEvent) => {
  const message = parseExtensionMessage(event.data);
  if (message) {
    receive(message);
  }
});

function receive(message: ExtensionToWebviewMessage): void {
  if (message.type === 'summary') {
    const previous = state.result;
    if (previous && message.result.generation < previous.generation) {
      return;
    }
    state.result = message.result;
    if (!state.scopeId || !message.result.scopes.some((scope) => scope.scopeId === state.scopeId)) {
      state.scopeId = message.result.scopes[message.result.focusScope]?.scopeId;
    }
    serverNote = '';
    saveState();
    render();
    return;
  }
  serverNote =
    message.message ??
    (message.state === 'starting' ? 'The Plan Audit server is starting…' : message.state === 'running' ? '' : 'The Plan Audit server is not running; the summary may be out of date.');
  renderStatus();
}

function reveal(location: SourceLocation): void {
  const range = location.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  vscode.postMessage({ type: 'reveal', uri: location.uri, range });
}

// ---- Rendering ----

const root = document.getElementById('root') as HTMLElement;
const statusLine = document.getElementById('status') as HTMLElement;
const scopeSelect = document.getElementById('scope') as HTMLSelectElement;
const scopePicker = scopeSelect.parentElement as HTMLElement;

function currentScope(): PlanAuditSummary | undefined {
  const scopes = state.result?.scopes ?? [];
  return scopes.find((scope) => scope.scopeId === state.scopeId) ?? scopes[0];
}

function renderStatus(): void {
  const scope = currentScope();
  if (serverNote) {
    statusLine.textContent = serverNote;
  } else if (!state.result) {
    statusLine.textContent = 'Waiting for the Plan Audit server…';
  } else if (!scope) {
    statusLine.textContent = 'No plan-audit files found. Open a folder with *.plan.yaml, *.staffing.yaml, *.portfolio.yaml or *.recommendations.yaml files.';
  } else {
    statusLine.textContent = `Review date ${str(scope.reviewDate)} (FY${str(scope.reviewFiscalYear)}) · built from ${plural(scope.files.length, 'file')} · updates as you type`;
  }
}

function render(): void {
  const focusKey = (document.activeElement as HTMLElement | null)?.dataset?.key;
  renderScopePicker();
  renderStatus();
  const scope = currentScope();
  const sections: Node[] = [];
  if (scope) {
    sections.push(renderOverview(scope), renderCoverage(scope), renderTargets(scope), renderStaffing(scope), renderRecommendations(scope), renderFiles(scope));
  }
  root.replaceChildren();
  append(root, sections);
  root.setAttribute('aria-busy', 'false');
  if (focusKey) {
    const again = Array.from(root.querySelectorAll<HTMLElement>('[data-key]')).find((element) => element.dataset.key === focusKey);
    again?.focus();
    if (again instanceof HTMLInputElement && again.type === 'search') {
      again.setSelectionRange(again.value.length, again.value.length);
    }
  }
}

function renderScopePicker(): void {
  const scopes = state.result?.scopes ?? [];
  scopePicker.hidden = scopes.length < 2;
  scopeSelect.replaceChildren();
  append(
    scopeSelect,
    scopes.map((scope) => {
      const option = el('option', { text: `${str(scope.scopeLabel)} (review date ${str(scope.reviewDate)})` });
      option.value = str(scope.scopeId);
      option.selected = scope.scopeId === currentScope()?.scopeId;
      return option;
    }),
  );
}

scopeSelect.addEventListener('change', () => {
  state.scopeId = scopeSelect.value;
  state.pages = {};
  saveState();
  render();
});

(document.getElementById('export') as HTMLButtonElement).addEventListener('click', () => vscode.postMessage({ type: 'export' }));

function section(id: string, title: string, ...children: Child[]): HTMLElement {
  const heading = el('h2', { text: title, attrs: { id: `${id}-heading` } });
  return el('section', { className: 'summary-section', attrs: { 'aria-labelledby': `${id}-heading`, id } }, heading, children);
}

function statusBadge(kind: string, label: string): HTMLElement {
  const symbol = kind === 'current' || kind === 'good' ? '✓' : kind === 'outdated' || kind === 'warn' ? '!' : kind === 'missing' || kind === 'bad' ? '✗' : '•';
  return el('span', { className: `badge badge-${kind}` }, el('span', { className: 'badge-symbol', text: symbol, attrs: { 'aria-hidden': 'true' } }), label);
}

function renderOverview(scope: PlanAuditSummary): HTMLElement {
  const coverage = scope.coverage.counts;
  const targets = scope.targets.totals;
  const staffing = scope.staffing.counts;
  const recommendations = scope.recommendations;
  const item = (term: string, detail: string) => el('div', { className: 'overview-item' }, el('dt', { text: term }), el('dd', { text: detail }));
  return el(
    'section',
    { className: 'overview', attrs: { 'aria-label': 'Overview' } },
    el('h2', { className: 'scope-title', text: str(scope.scopeLabel) }),
    el(
      'dl',
      { className: 'overview-list' },
      item('Plan coverage', `${coverage.current} current · ${coverage.outdated} outdated · ${coverage.missing} missing`),
      item('Targets', `${targets.measures} measures: ${targets.withTargets} with targets · ${targets.toFillIn} to fill in · ${targets.justified} justified · ${targets.lacking} without`),
      item('Staffing', `${staffing.positions} positions: ${staffing.generallyBelowMinimum} generally below minimum · ${staffing.generallyBelowOptimal} below optimal · ${staffing.declining} declining`),
      item('Recommendations', `${recommendations.open} open · ${recommendations.openTooLong} open too long`),
    ),
  );
}

// ---- Tables: keyboard navigation, pagination, filtering ----

interface TableOptions<T> {
  readonly key: string;
  readonly caption: string;
  readonly headers: readonly { readonly text: string; readonly numeric?: boolean }[];
  readonly rows: readonly T[];
  readonly renderRow: (row: T, tr: HTMLTableRowElement) => void;
  readonly rowLocation: (row: T) => SourceLocation | undefined;
  readonly rowKey: (row: T, index: number) => string;
  /** Text a filter matches against; no filter box without it. */
  readonly filterText?: (row: T) => string;
  readonly filterLabel?: string;
  readonly extraControls?: Node[];
  readonly rowClass?: (row: T) => string | undefined;
}

function dataTable<T>(options: TableOptions<T>): HTMLElement {
  const container = el('div', { className: 'table-block' });
  const controls = el('div', { className: 'table-controls' });
  const filter = (state.filters[options.key] ?? '').toLowerCase();
  if (options.filterText) {
    const input = el('input', { attrs: { type: 'search', 'aria-label': options.filterLabel ?? 'Filter rows', placeholder: options.filterLabel ?? 'Filter', 'data-key': `${options.key}:filter` } });
    input.value = state.filters[options.key] ?? '';
    input.addEventListener('input', () => {
      state.filters[options.key] = input.value;
      state.pages[options.key] = 0;
      saveState();
      render();
    });
    controls.append(input);
  }
  append(controls, options.extraControls ?? []);
  const matching = filter && options.filterText ? options.rows.filter((row) => (options.filterText as (row: T) => string)(row).toLowerCase().includes(filter)) : options.rows;
  const pages = Math.max(1, Math.ceil(matching.length / pageSize));
  const page = Math.min(state.pages[options.key] ?? 0, pages - 1);
  const visible = matching.slice(page * pageSize, (page + 1) * pageSize);

  const captionId = `${options.key}-caption`;
  const table = el('table', { className: 'data-table', attrs: { 'aria-labelledby': captionId, 'aria-rowcount': String(matching.length + 1) } });
  table.append(el('caption', { text: options.caption, attrs: { id: captionId } }));
  const headRow = el('tr', { attrs: { 'aria-rowindex': '1' } });
  for (const header of options.headers) {
    headRow.append(el('th', { className: header.numeric ? 'num' : undefined, text: header.text, attrs: { scope: 'col' } }));
  }
  table.append(el('thead', {}, headRow));
  const body = el('tbody');
  visible.forEach((row, index) => {
    const tr = el('tr', { className: ['row-link', options.rowClass?.(row)].filter(Boolean).join(' '), attrs: { tabindex: index === 0 ? '0' : '-1', 'aria-rowindex': String(page * pageSize + index + 2), 'data-key': `${options.key}:${options.rowKey(row, page * pageSize + index)}`, 'aria-describedby': 'row-hint' } });
    linkTo(tr, options.rowLocation(row));
    options.renderRow(row, tr);
    body.append(tr);
  });
  if (visible.length === 0) {
    body.append(el('tr', {}, el('td', { className: 'empty', text: filter ? 'No rows match the filter.' : 'None.', attrs: { colspan: String(options.headers.length) } })));
  }
  body.addEventListener('keydown', (event) => moveInTable(event, body));
  table.append(body);
  if (controls.childElementCount > 0) {
    container.append(controls);
  }
  container.append(table);
  if (pages > 1) {
    container.append(pager(options.key, options.caption, page, pages, matching.length));
  }
  return container;
}

/** Arrow keys move between rows (one tab stop per table); Enter or Space opens the row's source. */
function moveInTable(event: KeyboardEvent, body: HTMLElement): void {
  const target = event.target as HTMLElement;
  if (target.tagName !== 'TR') {
    return;
  }
  const rows = Array.from(body.querySelectorAll<HTMLTableRowElement>(':scope > tr.row-link'));
  const index = rows.indexOf(target as HTMLTableRowElement);
  let next: number | undefined;
  switch (event.key) {
    case 'ArrowDown':
      next = Math.min(index + 1, rows.length - 1);
      break;
    case 'ArrowUp':
      next = Math.max(index - 1, 0);
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = rows.length - 1;
      break;
    case 'Enter':
    case ' ': {
      const location = locations.get(target);
      if (location) {
        event.preventDefault();
        reveal(location);
      }
      return;
    }
    default:
      return;
  }
  event.preventDefault();
  rows.forEach((row, position) => row.setAttribute('tabindex', position === next ? '0' : '-1'));
  rows[next]?.focus();
}

function pager(key: string, caption: string, page: number, pages: number, total: number): HTMLElement {
  const nav = el('nav', { className: 'pager', attrs: { 'aria-label': `${caption}: pages` } });
  const go = (to: number) => {
    state.pages[key] = to;
    saveState();
    render();
  };
  const previous = el('button', { text: 'Previous', attrs: { type: 'button', 'data-key': `${key}:previous` } });
  previous.disabled = page === 0;
  previous.addEventListener('click', () => go(page - 1));
  const next = el('button', { text: 'Next', attrs: { type: 'button', 'data-key': `${key}:next` } });
  next.disabled = page >= pages - 1;
  next.addEventListener('click', () => go(page + 1));
  nav.append(previous, el('span', { text: `Rows ${page * pageSize + 1}–${Math.min((page + 1) * pageSize, total)} of ${total} (page ${page + 1} of ${pages})` }), next);
  return nav;
}

/** A button that opens a source location (inside a row: it stops the row's own click). */
function sourceButton(text: string, location: SourceLocation | undefined, key: string, className = 'link-button'): HTMLButtonElement {
  const button = el('button', { className, text, attrs: { type: 'button', 'data-key': key } });
  linkTo(button, location);
  return button;
}

root.addEventListener('click', (event) => {
  for (let node = event.target as Element | null; node && node !== root; node = node.parentElement) {
    if (node.tagName === 'SUMMARY' || node.tagName === 'INPUT' || node.tagName === 'LABEL') {
      return;
    }
    const location = locations.get(node);
    if (location) {
      reveal(location);
      return;
    }
  }
});

// ---- Sections ----

function renderCoverage(scope: PlanAuditSummary): HTMLElement {
  const coverage = scope.coverage;
  if (!coverage.hasPortfolio && coverage.rows.length === 0) {
    return section('coverage', 'Plan coverage', el('p', { className: 'muted', text: 'No portfolio file: add a *.portfolio.yaml listing the issue areas that each need a current plan.' }));
  }
  const counts = coverage.counts;
  return section(
    'coverage',
    'Plan coverage',
    el('p', { text: `${counts.current} current, ${counts.outdated} outdated, ${counts.missing} missing at FY${str(scope.reviewFiscalYear)}.` }),
    dataTable<CoverageRow>({
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

function targetsBar(row: TargetsRow): SVGSVGElement {
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

function renderTargets(scope: PlanAuditSummary): HTMLElement {
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
    dataTable<TargetsRow>({
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
            saveState();
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

function legendSwatch(className: string, label: string): HTMLElement {
  const swatch = svg('svg', { width: 10, height: 10, viewBox: '0 0 10 10', 'aria-hidden': 'true', class: 'swatch' });
  swatch.append(svg('rect', { class: className, x: 0, y: 0, width: 10, height: 10 }));
  return el('span', { className: 'legend-item' }, swatch, ` ${label}`);
}

function staffingChart(row: StaffingRow, fiscalYears: readonly number[]): SVGSVGElement {
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

function staffingCell(cell: StaffingCell | undefined, key: string): HTMLTableCellElement {
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

function renderStaffingTable(table: StaffingTable): HTMLElement {
  const hasMinimum = table.rows.some((row) => row.mandatedMinimum !== undefined);
  const key = `staffing-${str(table.kind)}`;
  const shortfalls = el('label', { className: 'checkbox' });
  const checkbox = el('input', { attrs: { type: 'checkbox', 'data-key': `${key}:shortfalls` } });
  checkbox.checked = state.onlyShortfalls;
  checkbox.addEventListener('change', () => {
    state.onlyShortfalls = checkbox.checked;
    state.pages = {};
    saveState();
    render();
  });
  shortfalls.append(checkbox, ' Only positions with a shortfall');
  const rows = state.onlyShortfalls ? table.rows.filter((row) => row.actuals.some((cell) => cell.belowMinimum || cell.belowOptimal) || row.gap) : table.rows;
  return el(
    'div',
    { className: 'staffing-table' },
    dataTable<StaffingRow>({
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

function renderStaffing(scope: PlanAuditSummary): HTMLElement {
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
    scope.staffing.tables.map(renderStaffingTable),
  );
}

function ageChart(buckets: PlanAuditSummary['recommendations']['openByAge']): SVGSVGElement {
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

function recommendationStatus(row: RecommendationRow): HTMLElement {
  if (row.openTooLong) {
    return statusBadge('bad', `Open more than ${str(row.thresholdYears)} years`);
  }
  if (row.thresholdYears === undefined) {
    return statusBadge('neutral', 'Open (source not judged by age)');
  }
  return statusBadge('neutral', row.thresholdDate ? `Open (${str(row.thresholdYears)} years on ${str(row.thresholdDate)})` : 'Open');
}

function renderRecommendations(scope: PlanAuditSummary): HTMLElement {
  const recommendations = scope.recommendations;
  if (recommendations.total === 0) {
    return section('recommendations', 'Recommendations', el('p', { className: 'muted', text: 'No recommendations file (*.recommendations.yaml) in this portfolio.' }));
  }
  return section(
    'recommendations',
    'Recommendations',
    el('p', { text: `${recommendations.open} open of ${recommendations.total}; ${recommendations.openTooLong} open longer than their source's threshold (GAO: more than 4 years).` }),
    recommendations.openByAge.length > 0 ? el('figure', { className: 'age-figure' }, ageChart(recommendations.openByAge), el('figcaption', { className: 'muted', text: 'Open items by whole years since issue.' })) : undefined,
    dataTable<RecommendationRow>({
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

function fileName(uri: string): string {
  const parts = uri.split('/').filter(Boolean);
  const tail = parts.slice(-2).join('/');
  try {
    return decodeURIComponent(tail);
  } catch {
    return tail;
  }
}

function renderFiles(scope: PlanAuditSummary): HTMLElement {
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

// A hidden hint the rows point at with aria-describedby.
document.body.append(el('p', { className: 'visually-hidden', text: 'Press Enter to open this row in the YAML file. Arrow keys move between rows.', attrs: { id: 'row-hint' } }));

if (state.result) {
  render();
} else {
  renderStatus();
}
vscode.postMessage({ type: 'ready' });
