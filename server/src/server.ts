/**
 * The Plan Audit language server: wiring only. It keeps one analysis per open document (by version),
 * an index of every plan-audit file in the workspace for the cross-file rules, and answers pull
 * diagnostics, code actions and hovers by converting core findings. Start with `--stdio` or `--node-ipc`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import type { CodeAction, DocumentDiagnosticReport, Hover, InitializeResult } from 'vscode-languageserver/node';
import {
  createConnection,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalyzedDocument, AuditSettings } from './core/analyze';
import { analyzeText, auditDocument, createAuditContext, defaultAuditSettings, scopeOf } from './core/analyze';
import type { TextChange } from './core/incremental';
import { composeChanges, reparseIncrementally } from './core/incremental';
import type { Finding } from './core/findings';
import { ruleDocsPath } from './core/rule';
import { LineIndex } from './core/lines';
import { resolveSummaryLocations, scopeIndexOf, summarizeWorkspace } from './core/summary';
import { toCodeActions, providedCodeActionKinds } from './lsp/toCodeActions';
import { PlanDocument } from './lsp/planDocument';
import { diagnosticPositions, sameDiagnosticContent, samePositions, toDiagnostic } from './lsp/toDiagnostic';
import { hoverMarkdown } from './lsp/toHover';
import type { SummaryResult } from './protocol';
import { DidChangeSummaryNotification, SummaryRequest } from './protocol';
import { resolveSettings, type RawPlanAuditSettings } from './settings';
import { collectYamlFiles, declaresPlanKind, hasPlanFileName, readConfigFile } from './workspaceFiles';

const connection = createConnection(ProposedFeatures.all);
/**
 * Per open document, the edits since `fromVersion` composed into one change of that version's text
 * (`broken` after a full-text replacement), so the next analysis can re-parse only the unit that
 * changed. Recorded as `TextDocuments` applies each `didChange`; dropped when analysed or closed.
 */
const pendingEdits = new Map<string, { fromVersion: number; change?: TextChange; broken?: boolean }>();

const documents = new TextDocuments<PlanDocument>({
  create: PlanDocument.create,
  update(document, changes, version) {
    const pending = pendingEdits.get(document.uri) ?? { fromVersion: document.version };
    for (const change of changes) {
      if (pending.broken || !('range' in change)) {
        pending.broken = true;
        document.update([change], version);
        continue;
      }
      // Offsets in the text before this change; `update` then edits the document in place.
      const offset = document.offsetAt(change.range.start);
      const edit: TextChange = { offset, deleteCount: document.offsetAt(change.range.end) - offset, insertText: change.text };
      document.update([change], version);
      pending.change = pending.change ? composeChanges(pending.change, edit, document.getText()) : edit;
    }
    pendingEdits.set(document.uri, pending);
    return document;
  },
});

/** Analyses of open documents, keyed by URI, valid for one version. Deleted when the document closes. */
const openAnalyses = new Map<string, { version: number; analysis: AnalyzedDocument }>();
/** Analyses of plan-audit files on disk that are not open, for the cross-file rules. */
const diskIndex = new Map<string, AnalyzedDocument>();
/** The last findings computed per open document, for code actions and hover. */
const lastFindings = new Map<string, { version: number; findings: Finding[] }>();

let workspaceFolders: string[] = [];
let hasConfigurationCapability = false;
let settingsPromise: Promise<AuditSettings> | undefined;
/**
 * Settles once the first index of the workspace is built. The first diagnostics of a document wait for
 * it so cross-file rules never report an area as uncovered because its plan was not read yet; after
 * that it is settled and nothing on the typing path waits on indexing.
 */
let initialIndex: Promise<void> = Promise.resolve();
/** Docs pages ship inside the extension, next to `dist/`; links open them offline. */
const docsRoot = path.resolve(__dirname, '..');

process.on('uncaughtException', (error) => {
  connection.console.error(`Plan Audit server: uncaught exception: ${error.stack ?? error.message}`);
});

connection.onInitialize((params): InitializeResult => {
  hasConfigurationCapability = Boolean(params.capabilities.workspace?.configuration);
  workspaceFolders = (params.workspaceFolders ?? []).map((folder) => fileURLToPath(folder.uri));
  if (workspaceFolders.length === 0 && params.rootUri) {
    workspaceFolders = [fileURLToPath(params.rootUri)];
  }
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: false },
      codeActionProvider: { codeActionKinds: providedCodeActionKinds, resolveProvider: false },
      hoverProvider: true,
    },
    serverInfo: { name: 'Plan Audit', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (hasConfigurationCapability) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'planAudit' });
  }
  // Index the workspace off the typing path: yield to pending requests between files.
  initialIndex = indexWorkspace().catch((error: unknown) => {
    connection.console.error(`Plan Audit: indexing the workspace failed: ${error instanceof Error ? error.stack : String(error)}`);
  });
});

async function indexWorkspace(): Promise<void> {
  const { files } = collectYamlFiles(workspaceFolders);
  const settings = await getSettings();
  for (const file of files) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    indexFile(file, settings);
  }
  connection.languages.diagnostics.refresh();
  summaryChanged();
}

function indexFile(file: string, settings: AuditSettings): void {
  const uri = pathToFileURL(file).toString();
  try {
    const text = fs.readFileSync(file, 'utf8');
    if (!hasPlanFileName(file) && !declaresPlanKind(text)) {
      diskIndex.delete(uri);
      return;
    }
    diskIndex.set(uri, analyzeText(uri, text, settings.fiscalYearStartMonth));
  } catch (error) {
    diskIndex.delete(uri);
    connection.console.warn(`Plan Audit: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function getSettings(): Promise<AuditSettings> {
  if (!settingsPromise) {
    settingsPromise = (async () => {
      const folder = workspaceFolders[0];
      const fromFile = folder ? readConfigFile(folder, defaultAuditSettings) : { settings: defaultAuditSettings, problems: [] };
      let raw: RawPlanAuditSettings | null = null;
      if (hasConfigurationCapability) {
        raw = (await connection.workspace.getConfiguration('planAudit')) as RawPlanAuditSettings | null;
      }
      const { settings, problems } = resolveSettings(fromFile.settings, raw);
      for (const problem of [...fromFile.problems, ...problems]) {
        connection.console.warn(`Plan Audit: ${problem}`);
      }
      return settings;
    })();
  }
  return settingsPromise;
}

connection.onDidChangeConfiguration(() => {
  settingsPromise = undefined;
  openAnalyses.clear();
  connection.languages.diagnostics.refresh();
  summaryChanged();
});

connection.onDidChangeWatchedFiles(async (params) => {
  const settings = await getSettings();
  for (const change of params.changes) {
    if (!change.uri.startsWith('file:')) {
      continue;
    }
    const file = fileURLToPath(change.uri);
    if (path.basename(file) === '.plan-audit.yaml') {
      settingsPromise = undefined;
      continue;
    }
    if (change.type === FileChangeType.Deleted) {
      diskIndex.delete(change.uri);
    } else {
      indexFile(file, settings);
    }
  }
  connection.languages.diagnostics.refresh();
  summaryChanged();
});

/** True for a document Plan Audit checks: a plan-audit file name, or YAML declaring a known kind. */
function isPlanAuditDocument(document: TextDocument): boolean {
  return hasPlanFileName(document.uri) || declaresPlanKind(document.getText());
}

function analysisOf(document: TextDocument, settings: AuditSettings): AnalyzedDocument {
  const cached = openAnalyses.get(document.uri);
  if (cached && cached.version === document.version) {
    return cached.analysis;
  }
  const text = document.getText();
  const pending = pendingEdits.get(document.uri);
  pendingEdits.delete(document.uri);
  // Re-parse only the unit that changed when the edits since the cached version are known; the
  // cached analysis must be for the same settings (openAnalyses is cleared when they change).
  const reparsed =
    cached && pending?.change && !pending.broken && pending.fromVersion === cached.version
      ? reparseIncrementally(cached.analysis.parsed, text, pending.change)
      : undefined;
  // Per-unit results are kept for open documents, which are the ones edited (analyze.ts).
  const analysis = analyzeText(document.uri, text, settings.fiscalYearStartMonth, undefined, reparsed, true);
  openAnalyses.set(document.uri, { version: document.version, analysis });
  return analysis;
}

/** Every plan-audit document the cross-file rules see: open ones (current text) over the disk index. */
function workspaceDocuments(settings: AuditSettings): AnalyzedDocument[] {
  const result = new Map(diskIndex);
  for (const document of documents.all()) {
    if (isPlanAuditDocument(document)) {
      result.set(document.uri, analysisOf(document, settings));
    }
  }
  return [...result.values()];
}

async function findingsFor(document: TextDocument): Promise<Finding[]> {
  const last = lastFindings.get(document.uri);
  if (last && last.version === document.version) {
    return last.findings;
  }
  await initialIndex;
  const settings = await getSettings();
  const analysis = analysisOf(document, settings);
  const context = createAuditContext(scopeOf(document.uri, workspaceDocuments(settings)), settings);
  const findings = auditDocument(analysis, context, settings);
  lastFindings.set(document.uri, { version: document.version, findings });
  return findings;
}

/** Docs page links by rule id; the pages ship with the extension and do not change while it runs. */
const docsUris = new Map<string, string | undefined>();

function docsUri(ruleId: string): string | undefined {
  if (!docsUris.has(ruleId)) {
    const file = path.join(docsRoot, ruleDocsPath(ruleId));
    docsUris.set(ruleId, fs.existsSync(file) ? pathToFileURL(file).toString() : undefined);
  }
  return docsUris.get(ruleId);
}

function positionIn(uri: string, offset: number): { line: number; character: number } | undefined {
  const open = documents.get(uri);
  if (open) {
    return open.positionAt(offset);
  }
  const text = diskIndex.get(uri)?.text;
  return text === undefined ? undefined : new LineIndex(text).position(offset);
}

/**
 * The last full report sent per open document: its result id, the findings it showed and their
 * positions. When the client pulls with that id and the new findings would make the same diagnostics
 * (an edit inside a value that changes no finding, typing in a line no finding is on), the answer is
 * "unchanged": the editor keeps what it shows and thousands of diagnostics are neither built, sent nor
 * rendered again.
 */
const lastReports = new Map<string, { resultId: string; shown: readonly Finding[]; positions: readonly number[] }>();
let nextResultId = 1;

connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
  postponeGarbageCollection();
  const document = documents.get(params.textDocument.uri);
  if (!document || !isPlanAuditDocument(document)) {
    return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  }
  try {
    const findings = await findingsFor(document);
    if (token.isCancellationRequested) {
      return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    }
    const shown = findings.filter((finding) => !finding.suppressed);
    const positions = diagnosticPositions(shown, document, positionIn);
    const last = lastReports.get(document.uri);
    if (last && params.previousResultId === last.resultId && sameDiagnosticContent(last.shown, shown) && samePositions(last.positions, positions)) {
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId };
    }
    const resultId = String(nextResultId++);
    lastReports.set(document.uri, { resultId, shown, positions });
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: shown.map((finding) => toDiagnostic(finding, document, docsUri, positionIn)) };
  } catch (error) {
    connection.console.error(`Plan Audit: diagnostics failed for ${document.uri}: ${error instanceof Error ? error.stack : String(error)}`);
    return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  }
});

connection.onCodeAction(async (params, token): Promise<CodeAction[] | null> => {
  const document = documents.get(params.textDocument.uri);
  if (!document || !isPlanAuditDocument(document)) {
    return null;
  }
  try {
    const findings = await findingsFor(document);
    if (token.isCancellationRequested) {
      return null;
    }
    return toCodeActions(document, findings, params.context.diagnostics, params.context.only);
  } catch (error) {
    connection.console.error(`Plan Audit: code actions failed: ${error instanceof Error ? error.stack : String(error)}`);
    return null;
  }
});

connection.onHover(async (params): Promise<Hover | null> => {
  const document = documents.get(params.textDocument.uri);
  if (!document || !isPlanAuditDocument(document)) {
    return null;
  }
  try {
    const findings = await findingsFor(document);
    const settings = await getSettings();
    const model = analysisOf(document, settings).model;
    const markdown = hoverMarkdown(model, findings, document.offsetAt(params.position), docsUri);
    return markdown ? { contents: { kind: 'markdown', value: markdown } } : null;
  } catch (error) {
    connection.console.error(`Plan Audit: hover failed: ${error instanceof Error ? error.stack : String(error)}`);
    return null;
  }
});

documents.onDidChangeContent((change) => {
  postponeGarbageCollection();
  if (isPlanAuditDocument(change.document)) {
    summaryChanged();
  }
  // Diagnostics are pulled by the client on every change; only drop the stale findings here. Other
  // documents may depend on this one (cross-file rules), so ask the client to re-pull them.
  lastFindings.delete(change.document.uri);
  if (isPlanAuditDocument(change.document)) {
    for (const uri of lastFindings.keys()) {
      if (uri !== change.document.uri) {
        lastFindings.delete(uri);
      }
    }
  }
});

/**
 * V8 collects an idle process's garbage only when the process next allocates, so the hundreds of
 * megabytes a large plan's analysis used would stay with the server after the plan closes. When the
 * server runs with `--expose-gc` (the extension starts it so), full collections run once the server has
 * been idle for a second after a large document closed: three of them a second apart, as V8's own
 * memory reducer does (each one returns more of the freed pages). Any document activity (opening,
 * typing, a diagnostics pull) postpones them, so a collection never delays what the user waits for;
 * closing many documents in a row costs one round.
 */
const collectGarbage = (globalThis as { gc?: () => void }).gc;
/** The pending collection and how many rounds are left; activity restarts the countdown. */
let garbageCollectionTimer: NodeJS.Timeout | undefined;
let garbageCollectionRounds = 0;
/** Documents smaller than this leave too little behind to be worth a full collection. */
const largeDocumentLength = 256 * 1024;
const idleBeforeCollectionMs = 1000;

function collectGarbageWhenIdle(rounds = 3): void {
  if (!collectGarbage) {
    return;
  }
  garbageCollectionRounds = Math.max(garbageCollectionRounds, rounds);
  armGarbageCollection();
}

function armGarbageCollection(): void {
  clearTimeout(garbageCollectionTimer);
  garbageCollectionTimer = setTimeout(() => {
    garbageCollectionTimer = undefined;
    collectGarbage?.();
    garbageCollectionRounds--;
    if (garbageCollectionRounds > 0) {
      armGarbageCollection();
    }
  }, idleBeforeCollectionMs);
  garbageCollectionTimer.unref();
}

/** Called on document activity: a pending collection waits for the next idle second. */
function postponeGarbageCollection(): void {
  if (garbageCollectionTimer) {
    armGarbageCollection();
  }
}

documents.onDidClose((event) => {
  // Free everything held for the closed document; the disk index keeps what the cross-file rules need.
  if (event.document.getText().length >= largeDocumentLength) {
    collectGarbageWhenIdle();
  }
  openAnalyses.delete(event.document.uri);
  lastFindings.delete(event.document.uri);
  lastReports.delete(event.document.uri);
  pendingEdits.delete(event.document.uri);
  const uri = event.document.uri;
  if (uri.startsWith('file:')) {
    void getSettings().then((settings) => {
      const file = fileURLToPath(uri);
      if (fs.existsSync(file)) {
        indexFile(file, settings);
      }
      // Unsaved edits are gone: the summary goes back to the file on disk.
      summaryChanged();
    });
  }
});

/** Counts changes the summary depends on; see `SummaryResult.generation`. */
let summaryGeneration = 0;
let summaryNotificationPending = false;

/** Tells the client the summary changed: once per burst of events (one per turn of the event loop). */
function summaryChanged(): void {
  summaryGeneration++;
  if (summaryNotificationPending) {
    return;
  }
  summaryNotificationPending = true;
  setImmediate(() => {
    summaryNotificationPending = false;
    void connection.sendNotification(DidChangeSummaryNotification.type, { generation: summaryGeneration });
  });
}

connection.onRequest(SummaryRequest.type, async (params, token): Promise<SummaryResult | null> => {
  try {
    await initialIndex; // a first summary from half an index would show areas as missing
    const generation = summaryGeneration;
    const settings = await getSettings();
    const report = summarizeWorkspace(workspaceDocuments(settings), settings);
    if (token.isCancellationRequested) {
      return null;
    }
    // One line table per file for the whole request: thousands of locations, a handful of files.
    const lineIndexes = new Map<string, LineIndex | TextDocument | null>();
    const resolved = resolveSummaryLocations(report, (uri, offset) => {
      let index = lineIndexes.get(uri);
      if (index === undefined) {
        const text = diskIndex.get(uri)?.text;
        index = documents.get(uri) ?? (text === undefined ? null : new LineIndex(text));
        lineIndexes.set(uri, index);
      }
      return index === null ? undefined : 'positionAt' in index ? index.positionAt(offset) : index.position(offset);
    });
    return { scopes: resolved.scopes, focusScope: scopeIndexOf(resolved, params.uri), generation };
  } catch (error) {
    connection.console.error(`Plan Audit: summary failed: ${error instanceof Error ? error.stack : String(error)}`);
    return null;
  }
});

documents.listen(connection);
connection.listen();
