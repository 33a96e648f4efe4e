/**
 * The summary panel's view state: what survives a reload of the webview (scope, pages, filters, which
 * lists are open, and the last summary), read back defensively from `getState`; and the view the
 * tables and sections render into (`PanelView`).
 */
import type { SourceLocation } from '../../../server/src/core/summary';
import type { SummaryResult } from './messages';
import { parseExtensionMessage } from './messages';

/** What survives a reload of the webview. */
export interface ViewState {
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
export const pageSize = 50;

/** What the tables and sections need from the panel: its state, and how to save it, re-render and open a source. */
export interface PanelView {
  readonly state: ViewState;
  save(): void;
  render(): void;
  reveal(location: SourceLocation): void;
}

export function restoreState(saved: unknown): ViewState {
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

export function numbersOf(value: unknown): Record<string, number> {
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

export function stringsOf(value: unknown): Record<string, string> {
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
