/**
 * Analyses of the open documents, one per document and valid for one version. A new version is
 * analysed by re-parsing only the unit that changed when the edits since the cached version are known
 * (pendingEdits.ts, incremental.ts), else in full. Each open document has its own `AnalysisCache` with
 * per-unit results (analysisCache.ts), made with its first analysis and dropped when it closes, so an
 * edit re-checks only the units it touched; all share the workspace's compiled schema validators.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisCache } from './core/analysisCache';
import { createAnalysisCache } from './core/analysisCache';
import type { AnalyzedDocument, AuditSettings } from './core/analyze';
import { analyzeText } from './core/analyze';
import { reparseIncrementally } from './core/incremental';
import type { SchemaValidators } from './core/schemaValidators';
import type { TreeNode } from './core/tree';
import type { PendingEdits } from './pendingEdits';

export class OpenDocumentAnalyses {
  private readonly byUri = new Map<string, { version: number; analysis: AnalyzedDocument; cache: AnalysisCache }>();

  constructor(
    private readonly pendingEdits: PendingEdits,
    private readonly schemaValidators: SchemaValidators,
  ) {}

  /** The analysis of `document`'s current version; `settings` must be the ones of every cached entry (see `clear`). */
  analysisOf(document: TextDocument, settings: AuditSettings): AnalyzedDocument {
    const cached = this.byUri.get(document.uri);
    if (cached && cached.version === document.version) {
      return cached.analysis;
    }
    const text = document.getText();
    const pending = this.pendingEdits.take(document.uri);
    // Re-parse only the unit that changed when the edits since the cached version are known; the
    // cached analysis must be for the same settings (cleared when they change).
    // The units it only moves keep their per-unit results (`movedItems`).
    const movedItems = new Map<TreeNode, TreeNode>();
    const reparsed =
      cached && pending?.change && !pending.broken && pending.fromVersion === cached.version
        ? reparseIncrementally(cached.analysis.parsed, text, pending.change, undefined, movedItems)
        : undefined;
    // Per-unit results are kept for open documents, which are the ones edited; from the first analysis
    // on, so that the first edit already finds them.
    const cache = cached?.cache ?? createAnalysisCache({ schemaValidators: this.schemaValidators, reuseUnits: true });
    const analysis = analyzeText(document.uri, text, { fiscalYearStartMonth: settings.fiscalYearStartMonth, reparsed, movedItems, cache });
    this.byUri.set(document.uri, { version: document.version, analysis, cache });
    return analysis;
  }

  /** Drops every analysis: the settings they were made with changed. */
  clear(): void {
    this.byUri.clear();
  }

  /** Frees what is held for a closed document. */
  delete(uri: string): void {
    this.byUri.delete(uri);
    this.pendingEdits.delete(uri);
  }
}
