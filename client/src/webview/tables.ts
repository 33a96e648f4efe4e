/**
 * The summary panel's tables: paginated (`pageSize` rows a page) and filtered, one tab stop per table,
 * arrow keys between rows, Enter or Space to open a row's source.
 */
import type { SourceLocation } from '../../../server/src/core/summary';
import { append, el, linkTo, locationOf } from './dom';
import type { PanelView } from './viewState';
import { pageSize } from './viewState';

export interface TableOptions<T> {
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

export function dataTable<T>(view: PanelView, options: TableOptions<T>): HTMLElement {
  const { state } = view;
  const container = el('div', { className: 'table-block' });
  const controls = el('div', { className: 'table-controls' });
  const filter = (state.filters[options.key] ?? '').toLowerCase();
  if (options.filterText) {
    const input = el('input', { attrs: { type: 'search', 'aria-label': options.filterLabel ?? 'Filter rows', placeholder: options.filterLabel ?? 'Filter', 'data-key': `${options.key}:filter` } });
    input.value = state.filters[options.key] ?? '';
    input.addEventListener('input', () => {
      state.filters[options.key] = input.value;
      state.pages[options.key] = 0;
      view.save();
      view.render();
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
  body.addEventListener('keydown', (event) => moveInTable(view, event, body));
  table.append(body);
  if (controls.childElementCount > 0) {
    container.append(controls);
  }
  container.append(table);
  if (pages > 1) {
    container.append(pager(view, options.key, options.caption, page, pages, matching.length));
  }
  return container;
}

/** Arrow keys move between rows (one tab stop per table); Enter or Space opens the row's source. */
function moveInTable(view: PanelView, event: KeyboardEvent, body: HTMLElement): void {
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
      const location = locationOf(target);
      if (location) {
        event.preventDefault();
        view.reveal(location);
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

function pager(view: PanelView, key: string, caption: string, page: number, pages: number, total: number): HTMLElement {
  const nav = el('nav', { className: 'pager', attrs: { 'aria-label': `${caption}: pages` } });
  const go = (to: number) => {
    view.state.pages[key] = to;
    view.save();
    view.render();
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
export function sourceButton(text: string, location: SourceLocation | undefined, key: string, className = 'link-button'): HTMLButtonElement {
  const button = el('button', { className, text, attrs: { type: 'button', 'data-key': key } });
  linkTo(button, location);
  return button;
}
