/**
 * What the server holds about the workspace: the analyses of open documents (openDocumentAnalyses.ts),
 * an index of the plan-audit files on disk that are not open (for the cross-file rules), and the last
 * findings per open document (for code actions and hover). Each open document's entries are dropped
 * when it closes; the disk index keeps what the cross-file rules need.
 */
import * as fs from 'fs';
import { pathToFileURL } from 'url';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisCache } from './core/analysisCache';
import { createAnalysisCache } from './core/analysisCache';
import type { AnalyzedDocument, AuditSettings } from './core/analyze';
import { analyzeText, auditDocument, createAuditContext, scopeOf } from './core/analyze';
import type { Finding } from './core/findings';
import { LineIndex } from './core/lines';
import { createSchemaValidators } from './core/schemaValidators';
import type { PlanAuditSummary } from './core/summary';
import { resolveSummaryLocations, scopeIndexOf, summarizeWorkspace } from './core/summary';
import type { IndexBudget } from './indexBudget';
import type { PlanDocument } from './lsp/planDocument';
import { OpenDocumentAnalyses } from './openDocumentAnalyses';
import type { PendingEdits } from './pendingEdits';
import { analyzeFile, declaresPlanKind, hasPlanFileName } from './workspaceFiles';

/** True for a document Plan Audit checks: a plan-audit file name, or YAML declaring a known kind. */
export function isPlanAuditDocument(document: TextDocument): boolean {
  return hasPlanFileName(document.uri) || declaresPlanKind(document.getText());
}

/** The URI of the sample analysed by `rehearseOpen`; no such file exists. */
const rehearsalUri = 'untitled:plan-audit-rehearsal.plan.yaml';

export class WorkspaceState {
  private readonly openAnalyses: OpenDocumentAnalyses;
  /** Analyses of plan-audit files on disk that are not open, for the cross-file rules. */
  private readonly diskIndex = new Map<string, AnalyzedDocument>();
  /** The disk index's analysis cache: the workspace's schema validators, no per-unit results (files on disk are not edited). */
  private readonly diskCache: AnalysisCache;
  /** The last findings computed per open document, for code actions and hover. */
  private readonly lastFindings = new Map<string, { version: number; findings: Finding[] }>();

  constructor(
    private readonly documents: TextDocuments<PlanDocument>,
    pendingEdits: PendingEdits,
  ) {
    // One set of compiled schema validators for the workspace, shared by every document's cache.
    const schemaValidators = createSchemaValidators();
    this.diskCache = createAnalysisCache({ schemaValidators });
    this.openAnalyses = new OpenDocumentAnalyses(pendingEdits, schemaValidators);
  }

  /**
   * Reads `file` into the disk index (or drops it when it is not a plan-audit file) if it fits in
   * `budget`; a plan-audit file that does not fit is left out, and `budget` records it. Returns a
   * warning for the log when the file cannot be read.
   */
  indexFile(file: string, settings: AuditSettings, budget: IndexBudget): string | undefined {
    const uri = pathToFileURL(file).toString();
    try {
      const size = fs.statSync(file).size;
      const named = hasPlanFileName(file);
      if (!budget.fits(uri, size)) {
        // Left out: counted only when it is a plan-audit file (its name says so, or its content
        // declares a kind); its text is dropped at once.
        if (named || declaresPlanKind(fs.readFileSync(file, 'utf8'))) {
          budget.admit(uri, size);
        } else {
          budget.forget(uri);
        }
        this.diskIndex.delete(uri);
        return undefined;
      }
      const document = analyzeFile(file, { fiscalYearStartMonth: settings.fiscalYearStartMonth, cache: this.diskCache });
      if (document) {
        budget.admit(uri, size);
        this.diskIndex.set(uri, document);
      } else {
        this.forgetFile(uri, budget);
      }
      return undefined;
    } catch (error) {
      this.forgetFile(uri, budget);
      return `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  /** A file was deleted from disk (or is no longer a plan-audit file). */
  forgetFile(uri: string, budget: IndexBudget): void {
    this.diskIndex.delete(uri);
    budget.forget(uri);
  }

  /** Empties the disk index (before indexing the workspace again). */
  clearDiskIndex(): void {
    this.diskIndex.clear();
  }

  analysisOf(document: TextDocument, settings: AuditSettings): AnalyzedDocument {
    return this.openAnalyses.analysisOf(document, settings);
  }

  /** Every plan-audit document the cross-file rules see: open ones (current text) over the disk index. */
  workspaceDocuments(settings: AuditSettings): AnalyzedDocument[] {
    const result = new Map(this.diskIndex);
    for (const document of this.documents.all()) {
      if (isPlanAuditDocument(document)) {
        result.set(document.uri, this.analysisOf(document, settings));
      }
    }
    return [...result.values()];
  }

  /** The findings of `document`'s current version when they are computed already. */
  cachedFindings(document: TextDocument): Finding[] | undefined {
    const last = this.lastFindings.get(document.uri);
    return last && last.version === document.version ? last.findings : undefined;
  }

  /** The findings of `document`'s current version, audited in its portfolio scope; cached per version. */
  findingsFor(document: TextDocument, settings: AuditSettings): Finding[] {
    const last = this.lastFindings.get(document.uri);
    if (last && last.version === document.version) {
      return last.findings;
    }
    const analysis = this.analysisOf(document, settings);
    const context = createAuditContext(scopeOf(document.uri, this.workspaceDocuments(settings)), settings);
    const findings = auditDocument(analysis, context, settings);
    this.lastFindings.set(document.uri, { version: document.version, findings });
    return findings;
  }

  /** The text of a file in the disk index. */
  diskText(uri: string): string | undefined {
    return this.diskIndex.get(uri)?.text;
  }

  /** The position of `offset` in an open document or an indexed file. */
  readonly positionIn = (uri: string, offset: number): { line: number; character: number } | undefined => {
    const open = this.documents.get(uri);
    if (open) {
      return open.positionAt(offset);
    }
    const text = this.diskText(uri);
    return text === undefined ? undefined : new LineIndex(text).position(offset);
  };

  /**
   * The workspace summary (summary.ts), with every location's line and character: one line table per
   * file for the whole request (thousands of locations, a handful of files). `focusUri` picks the scope
   * the panel shows first.
   */
  summary(settings: AuditSettings, focusUri: string | undefined): { readonly scopes: readonly PlanAuditSummary[]; readonly focusScope: number } {
    const report = summarizeWorkspace(this.workspaceDocuments(settings), settings);
    const lineIndexes = new Map<string, LineIndex | TextDocument | null>();
    const resolved = resolveSummaryLocations(report, (uri, offset) => {
      let index = lineIndexes.get(uri);
      if (index === undefined) {
        const text = this.diskText(uri);
        index = this.documents.get(uri) ?? (text === undefined ? null : new LineIndex(text));
        lineIndexes.set(uri, index);
      }
      return index === null ? undefined : 'positionAt' in index ? index.positionAt(offset) : index.position(offset);
    });
    return { scopes: resolved.scopes, focusScope: scopeIndexOf(resolved, focusUri) };
  }

  /** The settings changed: every analysis of an open document was made with the old ones. */
  settingsChanged(): void {
    this.openAnalyses.clear();
  }

  /**
   * `document` changed: its findings are stale, and so are those of every other document when it is a
   * plan-audit document (cross-file rules may depend on it).
   */
  documentChanged(document: TextDocument): void {
    this.lastFindings.delete(document.uri);
    if (isPlanAuditDocument(document)) {
      this.lastFindings.clear();
    }
  }

  /**
   * Analyses and audits `text` as a newly opened document's first pull does, with the shared validators
   * and a cache of its own, and keeps nothing: it re-optimizes the analysis after the idle collections
   * (idleGarbageCollector.ts).
   */
  rehearseOpen(text: string, settings: AuditSettings): void {
    const cache = createAnalysisCache({ schemaValidators: this.diskCache.schemaValidators, reuseUnits: true });
    const analysis = analyzeText(rehearsalUri, text, { fiscalYearStartMonth: settings.fiscalYearStartMonth, cache });
    auditDocument(analysis, createAuditContext([analysis], settings), settings);
  }

  /** Frees everything held for a closed document. */
  documentClosed(uri: string): void {
    this.openAnalyses.delete(uri);
    this.lastFindings.delete(uri);
  }
}
