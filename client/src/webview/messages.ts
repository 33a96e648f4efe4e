/**
 * The messages between the summary panel's webview and the extension, in both directions, as
 * discriminated unions on `type`. Imported by both sides. Each side validates what it receives with the
 * `parse…` functions below: a webview is a web page, and the extension treats what it says as untrusted.
 */
import type { PlanAuditSummary, SummaryPosition } from '../../../server/src/core/summary';
import type { SummaryResult } from '../../../server/src/protocol';

export type { SummaryResult };

/** A 0-based LSP range. */
export interface MessageRange {
  readonly start: SummaryPosition;
  readonly end: SummaryPosition;
}

/** Sent from the extension to the webview: a new summary to show. */
export interface SummaryMessage {
  readonly type: 'summary';
  readonly result: SummaryResult;
}

/** Sent from the extension to the webview: the state of the language server, or why there is no summary. */
export interface ServerStateMessage {
  readonly type: 'serverState';
  readonly state: 'starting' | 'running' | 'stopped' | 'failed';
  /** An explanation for the user, shown as text. */
  readonly message?: string;
}

export type ExtensionToWebviewMessage = SummaryMessage | ServerStateMessage;

/** Sent from the webview when its script has started and can receive the summary. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** Sent from the webview when the user activates a row: open `uri` and select `range`. */
export interface RevealMessage {
  readonly type: 'reveal';
  readonly uri: string;
  readonly range: MessageRange;
}

/** Sent from the webview's Export button: run "Plan Audit: Export Summary". */
export interface ExportMessage {
  readonly type: 'export';
}

export type WebviewToExtensionMessage = ReadyMessage | RevealMessage | ExportMessage;

const maxUriLength = 8192;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPosition(value: unknown): value is SummaryPosition {
  return isRecord(value) && isCount(value.line) && isCount(value.character);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isRange(value: unknown): value is MessageRange {
  return isRecord(value) && isPosition(value.start) && isPosition(value.end);
}

/** Validates a message received from the webview; undefined when it is not one of ours. */
export function parseWebviewMessage(value: unknown): WebviewToExtensionMessage | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'export':
      return { type: 'export' };
    case 'reveal':
      if (typeof value.uri === 'string' && value.uri.length <= maxUriLength && isRange(value.range)) {
        const { start, end } = value.range;
        return { type: 'reveal', uri: value.uri, range: { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } } };
      }
      return undefined;
    default:
      return undefined;
  }
}

const serverStates: readonly ServerStateMessage['state'][] = ['starting', 'running', 'stopped', 'failed'];

function isScope(value: unknown): value is PlanAuditSummary {
  if (!isRecord(value)) {
    return false;
  }
  const { coverage, targets, staffing, recommendations } = value;
  return (
    typeof value.scopeLabel === 'string' &&
    typeof value.reviewDate === 'string' &&
    Array.isArray(value.files) &&
    isRecord(coverage) &&
    Array.isArray(coverage.rows) &&
    isRecord(targets) &&
    Array.isArray(targets.rows) &&
    isRecord(staffing) &&
    Array.isArray(staffing.tables) &&
    isRecord(recommendations) &&
    Array.isArray(recommendations.rows)
  );
}

/** Checks the shape of a summary result (the renderer still reads every field defensively). */
export function isSummaryResult(value: unknown): value is SummaryResult {
  return isRecord(value) && Array.isArray(value.scopes) && value.scopes.every(isScope) && isCount(value.focusScope) && typeof value.generation === 'number';
}

/** Validates a message received from the extension; undefined when it is not one of ours. */
export function parseExtensionMessage(value: unknown): ExtensionToWebviewMessage | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  if (value.type === 'summary' && isSummaryResult(value.result)) {
    return { type: 'summary', result: value.result };
  }
  if (value.type === 'serverState' && serverStates.includes(value.state as ServerStateMessage['state'])) {
    return { type: 'serverState', state: value.state as ServerStateMessage['state'], message: typeof value.message === 'string' ? value.message : undefined };
  }
  return undefined;
}
