/**
 * Analyses of the open documents, one per document and valid for one version. A new version is
 * analysed by re-parsing only the unit that changed when the edits since the cached version are known
 * (pendingEdits.ts, incremental.ts), else in full.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalyzedDocument, AuditSettings } from './core/analyze';
import { analyzeText } from './core/analyze';
import { reparseIncrementally } from './core/incremental';
import type { PendingEdits } from './pendingEdits';

export class OpenDocumentAnalyses {
  private readonly byUri = new Map<string, { version: number; analysis: AnalyzedDocument }>();

  constructor(private readonly pendingEdits: PendingEdits) {}

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
    const reparsed =
      cached && pending?.change && !pending.broken && pending.fromVersion === cached.version
        ? reparseIncrementally(cached.analysis.parsed, text, pending.change)
        : undefined;
    // Per-unit results are kept for open documents, which are the ones edited (analyze.ts).
    const analysis = analyzeText(document.uri, text, settings.fiscalYearStartMonth, undefined, reparsed, true);
    this.byUri.set(document.uri, { version: document.version, analysis });
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
