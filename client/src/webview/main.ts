/**
 * The summary panel's script (bundled to `dist/webview.js`, runs inside the webview). It renders the
 * summary it receives by `postMessage` with DOM calls only: every YAML-derived string goes through
 * `textContent` or `setAttribute`, never through an HTML parser. Tables are paginated and filtered, so
 * 500 positions and 200 plans render 50 rows at a time. The view state (scope, pages, filters, and the
 * last summary) is kept with `setState`, so the panel comes back as it was after a reload.
 */
import type { PlanAuditSummary, SourceLocation } from '../../../server/src/core/summary';
import type { ExtensionToWebviewMessage, WebviewToExtensionMessage } from './messages';
import { parseExtensionMessage } from './messages';
import { append, el, locationOf, plural, str } from './dom';
import type { PanelView, ViewState } from './viewState';
import { restoreState } from './viewState';
import { renderCoverage, renderTargets } from './planSections';
import { renderFiles, renderRecommendations, renderStaffing } from './staffingSections';

interface VsCodeApi {
  postMessage(message: WebviewToExtensionMessage): void;
  getState(): unknown;
  setState(state: ViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** Above this size the summary is not kept in the webview state (it is re-requested after a reload). */
const maxStoredResultLength = 2_000_000;

// Acquired once and kept in this module's closure, never on `window` (style.md §4.3).
const vscode = acquireVsCodeApi();
const state: ViewState = restoreState(vscode.getState());
let serverNote = '';

function saveState(): void {
  const result = state.result && JSON.stringify(state.result).length <= maxStoredResultLength ? state.result : undefined;
  vscode.setState({ ...state, result });
}

/** What the tables and sections render with. */
const view: PanelView = { state, save: saveState, render, reveal };

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
    sections.push(renderOverview(scope), renderCoverage(view, scope), renderTargets(view, scope), renderStaffing(view, scope), renderRecommendations(view, scope), renderFiles(scope));
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

root.addEventListener('click', (event) => {
  for (let node = event.target as Element | null; node && node !== root; node = node.parentElement) {
    if (node.tagName === 'SUMMARY' || node.tagName === 'INPUT' || node.tagName === 'LABEL') {
      return;
    }
    const location = locationOf(node);
    if (location) {
      reveal(location);
      return;
    }
  }
});

// A hidden hint the rows point at with aria-describedby.
document.body.append(el('p', { className: 'visually-hidden', text: 'Press Enter to open this row in the YAML file. Arrow keys move between rows.', attrs: { id: 'row-hint' } }));

if (state.result) {
  render();
} else {
  renderStatus();
}
vscode.postMessage({ type: 'ready' });
