/**
 * Plan Audit's custom LSP messages, declared once and imported by both sides (the client bundles this
 * file too). Keep it free of server-only code: only `vscode-languageserver-protocol` and type-only
 * imports of the pure summary data.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { PlanAuditSummary } from './core/summary';

/** Parameters of `planAudit/summary`. */
export interface SummaryParams {
  /** The document the user is looking at; its portfolio scope is put first (`focusScope`). */
  readonly uri?: string;
}

/** The result of `planAudit/summary`: one summary per portfolio scope, every `location` with its `range`. */
export interface SummaryResult {
  readonly scopes: readonly PlanAuditSummary[];
  /** Index into `scopes` of the scope that holds `SummaryParams.uri` (0 when none does). */
  readonly focusScope: number;
  /** Increases with every change the server has seen; the client ignores results older than one it showed. */
  readonly generation: number;
}

/**
 * The summary request is sent from the client to the server to get the portfolio summary (coverage,
 * targets, staffing, recommendations) of every plan-audit file the server knows: open documents with
 * their unsaved text, and the files on disk. The summary panel and the export command use it. The
 * result is null when the server could not compute it (the reason is in its log).
 */
const summaryMethod = 'planAudit/summary';
export const SummaryRequest = {
  method: summaryMethod,
  type: new RequestType<SummaryParams, SummaryResult | null, void>(summaryMethod),
} as const;

/** Parameters of `planAudit/didChangeSummary`. */
export interface DidChangeSummaryParams {
  /** The server's change counter after the change (see `SummaryResult.generation`). */
  readonly generation: number;
}

/**
 * The summary-changed notification is sent from the server to the client whenever something the summary
 * depends on changes (an edit, a file on disk, the settings, the end of workspace indexing). It carries
 * no summary: the client re-requests `planAudit/summary` only while the panel is visible, so typing costs
 * nothing when the panel is closed.
 */
const didChangeSummaryMethod = 'planAudit/didChangeSummary';
export const DidChangeSummaryNotification = {
  method: didChangeSummaryMethod,
  type: new NotificationType<DidChangeSummaryParams>(didChangeSummaryMethod),
} as const;

/** Parameters of `planAudit/indexStatus`: what the workspace index holds and what it left out. */
export interface IndexStatusParams {
  readonly indexedFiles: number;
  readonly indexedBytes: number;
  /** Plan-audit files not indexed because they did not fit in the budget (`planAudit.maxIndexedMegabytes`). */
  readonly skippedFiles: number;
  readonly skippedBytes: number;
  /** The budget, in bytes of plan text. */
  readonly maxBytes: number;
}

/**
 * The index-status notification is sent from the server to the client after the workspace is indexed
 * and whenever what the index holds changes. The status item shows when files were left out; the server
 * also says so once in a `window/showMessage`.
 */
const indexStatusMethod = 'planAudit/indexStatus';
export const IndexStatusNotification = {
  method: indexStatusMethod,
  type: new NotificationType<IndexStatusParams>(indexStatusMethod),
} as const;
