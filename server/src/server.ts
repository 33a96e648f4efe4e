/**
 * The Plan Audit language server: wiring only. It connects the protocol to the workspace state
 * (workspaceState.ts: one analysis per open document by version, an index of every plan-audit file in
 * the workspace for the cross-file rules), the edit record for incremental analysis (pendingEdits.ts),
 * diagnostics reports (diagnosticReports.ts) and idle garbage collection (idleGarbageCollector.ts), and
 * answers pull diagnostics, code actions, hovers and summaries by converting core findings.
 * Start with `--stdio` or `--node-ipc`.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { CancellationToken, CodeAction, DidChangeWatchedFilesParams, DocumentDiagnosticReport, Hover, InitializeResult } from 'vscode-languageserver/node';
import {
  createConnection,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AuditSettings } from './core/analyze';
import { defaultAuditSettings } from './core/analyze';
import type { Finding } from './core/findings';
import { LineIndex } from './core/lines';
import { resolveSummaryLocations, scopeIndexOf, summarizeWorkspace } from './core/summary';
import { ConfigDiagnostics } from './configDiagnostics';
import { DiagnosticReports } from './diagnosticReports';
import { IdleGarbageCollector, largeDocumentLength } from './idleGarbageCollector';
import { toCodeActions, providedCodeActionKinds } from './lsp/toCodeActions';
import { PlanDocument } from './lsp/planDocument';
import { hoverMarkdown } from './lsp/toHover';
import { PendingEdits } from './pendingEdits';
import type { SummaryParams, SummaryResult } from './protocol';
import { DidChangeSummaryNotification, IndexStatusNotification, SummaryRequest } from './protocol';
import { IndexBudget, indexBudgetBytes, indexBudgetMessage } from './indexBudget';
import { createRuleDocsLinks } from './ruleDocsLinks';
import { resolveSettings, type RawPlanAuditSettings } from './settings';
import { SummaryNotifications } from './summaryNotifications';
import { collectYamlFiles, filePathOfUri, readConfigFile } from './workspaceFiles';
import { localWorkspaceFolders } from './workspaceFolders';
import { isPlanAuditDocument, WorkspaceState } from './workspaceState';

const connection = createConnection(ProposedFeatures.all);
const pendingEdits = new PendingEdits();
const documents = new TextDocuments<PlanDocument>({ create: PlanDocument.create, update: pendingEdits.update });
const workspace = new WorkspaceState(documents, pendingEdits);
const diagnosticReports = new DiagnosticReports();
const garbageCollector = new IdleGarbageCollector();
const summary = new SummaryNotifications((generation) => {
  void connection.sendNotification(DidChangeSummaryNotification.type, { generation });
});
/** Docs pages ship inside the extension, next to `dist/`; links open them offline. */
const docsUri = createRuleDocsLinks(path.resolve(__dirname, '..'));
const configDiagnostics = new ConfigDiagnostics(connection, docsUri);

let workspaceFolders: string[] = [];
let hasConfigurationCapability = false;
let settingsPromise: Promise<AuditSettings> | undefined;
/**
 * Settles once the first index of the workspace is built. The first diagnostics of a document wait for
 * it so cross-file rules never report an area as uncovered because its plan was not read yet; after
 * that it is settled and nothing on the typing path waits on indexing.
 */
let initialIndex: Promise<void> = Promise.resolve();
/** The budget of the disk index (`planAudit.maxIndexedMegabytes`), read with the settings. */
let maxIndexedBytes = indexBudgetBytes(undefined).bytes;
/** The accounting of the disk index; replaced, with the index, when the budget changes. */
let indexBudget = new IndexBudget(maxIndexedBytes);
/** Counts runs of `indexWorkspace`, so a run that a newer one replaced stops. */
let indexRuns = 0;
/** False while `indexWorkspace` runs: the status of a half-built index is not reported. */
let indexComplete = false;
/** The user is told once that files were left out (again only after the budget changes). */
let indexBudgetMessageShown = false;

process.on('uncaughtException', (error) => {
  connection.console.error(`Plan Audit server: uncaught exception: ${error.stack ?? error.message}`);
});

connection.onInitialize((params): InitializeResult => {
  hasConfigurationCapability = Boolean(params.capabilities.workspace?.configuration);
  const { folders, skipped } = localWorkspaceFolders(params);
  workspaceFolders = folders;
  for (const line of skipped) {
    connection.console.info(`Plan Audit: ${line}`);
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
  // The pid lets a person (or the crash test) find this process among the editor's.
  connection.console.info(`Plan Audit server started (pid ${process.pid}, Node.js ${process.version}).`);
  if (hasConfigurationCapability) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'planAudit' });
  }
  startIndexing();
});

/** Indexes the workspace off the typing path (again, when the budget changed). */
function startIndexing(): void {
  initialIndex = indexWorkspace().catch((error: unknown) => {
    connection.console.error(`Plan Audit: indexing the workspace failed: ${error instanceof Error ? error.stack : String(error)}`);
  });
}

async function indexWorkspace(): Promise<void> {
  const run = ++indexRuns;
  indexComplete = false;
  const { files, skipped } = collectYamlFiles(workspaceFolders);
  for (const entry of skipped) {
    connection.console.warn(`Plan Audit: ${entry.path}: ${entry.reason}`);
  }
  const settings = await getSettings();
  workspace.clearDiskIndex();
  indexBudget = new IndexBudget(maxIndexedBytes);
  for (const file of files) {
    // Yield to pending requests between files; stop when a newer run replaced this one.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (run !== indexRuns) {
      return;
    }
    indexFile(file, settings);
  }
  indexComplete = true;
  connection.languages.diagnostics.refresh();
  summary.changed();
  reportIndexStatus();
}

/**
 * The path of a `file:` URI, or undefined (logged) when this system cannot name it: a UNC-style URI
 * with a host (`file://server/share/x.plan.yaml`) has no path on Linux or macOS. Never throws.
 */
function filePathOf(uri: string): string | undefined {
  const file = filePathOfUri(uri);
  if (file === undefined) {
    connection.console.warn(`Plan Audit: skipped ${uri}: this system has no file path for it (a file URI with a host names a network share).`);
  }
  return file;
}

function indexFile(file: string, settings: AuditSettings): void {
  const warning = workspace.indexFile(file, settings, indexBudget);
  if (warning) {
    connection.console.warn(`Plan Audit: ${warning}`);
  }
}

/** Tells the client what the index holds; the first time files are left out, tells the user too. */
function reportIndexStatus(): void {
  if (!indexComplete) {
    return;
  }
  const status = indexBudget.status();
  void connection.sendNotification(IndexStatusNotification.type, status);
  const message = indexBudgetMessage(status);
  if (message && !indexBudgetMessageShown) {
    indexBudgetMessageShown = true;
    connection.console.warn(message);
    // A notification, not `showWarningMessage` (a request): there is no answer to wait for.
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
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
      const budget = indexBudgetBytes((raw as { maxIndexedMegabytes?: unknown } | null)?.maxIndexedMegabytes);
      maxIndexedBytes = budget.bytes;
      if (budget.problem) {
        problems.push(budget.problem);
      }
      for (const problem of [...fromFile.problems, ...problems]) {
        connection.console.warn(`Plan Audit: ${problem}`);
      }
      configDiagnostics.publish('document' in fromFile ? fromFile.document : undefined, settings);
      return settings;
    })();
  }
  return settingsPromise;
}

connection.onDidChangeConfiguration(() => {
  settingsPromise = undefined;
  workspace.settingsChanged();
  connection.languages.diagnostics.refresh();
  summary.changed();
  void getSettings().then(() => {
    if (maxIndexedBytes !== indexBudget.maxBytes) {
      // A new budget: index the workspace afresh (files left out may fit now), and tell the user
      // again if some still do not.
      indexBudgetMessageShown = false;
      startIndexing();
    }
  });
});

connection.onDidChangeWatchedFiles((params) => {
  // A notification has no reply to carry an error: log it rather than leave an unhandled rejection.
  watchedFilesChanged(params).catch((error: unknown) => {
    connection.console.error(`Plan Audit: handling changed files failed: ${error instanceof Error ? error.stack : String(error)}`);
  });
});

async function watchedFilesChanged(params: DidChangeWatchedFilesParams): Promise<void> {
  const settings = await getSettings();
  let configChanged = false;
  for (const change of params.changes) {
    if (!change.uri.startsWith('file:')) {
      continue;
    }
    const file = filePathOf(change.uri);
    if (file === undefined) {
      continue;
    }
    if (path.basename(file) === '.plan-audit.yaml') {
      settingsPromise = undefined;
      configChanged = true;
      continue;
    }
    if (change.type === FileChangeType.Deleted) {
      workspace.forgetFile(change.uri, indexBudget);
    } else {
      indexFile(file, settings);
    }
  }
  if (configChanged) {
    // Re-read it now, so its problems show (or clear) in Problems even with no plan open.
    workspace.settingsChanged();
    await getSettings();
  }
  connection.languages.diagnostics.refresh();
  summary.changed();
  reportIndexStatus();
}

async function findingsFor(document: TextDocument): Promise<Finding[]> {
  const cached = workspace.cachedFindings(document);
  if (cached) {
    return cached;
  }
  await initialIndex;
  return workspace.findingsFor(document, await getSettings());
}

connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
  garbageCollector.postpone();
  const document = documents.get(params.textDocument.uri);
  if (!document || !isPlanAuditDocument(document)) {
    return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  }
  try {
    const findings = await findingsFor(document);
    if (token.isCancellationRequested) {
      return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    }
    return diagnosticReports.report(document, findings, params.previousResultId, docsUri, workspace.positionIn);
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
    const settings = await getSettings();
    return toCodeActions(document, findings, params.context.diagnostics, params.context.only, { insertPlaceholders: settings.fixAllInsertsPlaceholders === true });
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
    const model = workspace.analysisOf(document, settings).model;
    const markdown = hoverMarkdown(model, findings, document.offsetAt(params.position), docsUri);
    return markdown ? { contents: { kind: 'markdown', value: markdown } } : null;
  } catch (error) {
    connection.console.error(`Plan Audit: hover failed: ${error instanceof Error ? error.stack : String(error)}`);
    return null;
  }
});

documents.onDidChangeContent((change) => {
  garbageCollector.postpone();
  if (isPlanAuditDocument(change.document)) {
    summary.changed();
  }
  // Diagnostics are pulled by the client on every change; only drop the stale findings here.
  workspace.documentChanged(change.document);
});

documents.onDidClose((event) => {
  // Free everything held for the closed document; the disk index keeps what the cross-file rules need.
  if (event.document.getText().length >= largeDocumentLength) {
    garbageCollector.collectWhenIdle();
  }
  const uri = event.document.uri;
  workspace.documentClosed(uri);
  diagnosticReports.delete(uri);
  const file = uri.startsWith('file:') ? filePathOf(uri) : undefined;
  if (file !== undefined) {
    void getSettings().then((settings) => {
      if (fs.existsSync(file)) {
        indexFile(file, settings);
        reportIndexStatus();
      }
      // Unsaved edits are gone: the summary goes back to the file on disk.
      summary.changed();
    });
  }
});

connection.onRequest(SummaryRequest.type, async (params: SummaryParams | null | undefined, token: CancellationToken | undefined): Promise<SummaryResult | null> => {
  // A client may send `null` or no params (then the library passes the token first): no focus document.
  const focusUri = params && typeof params === 'object' && typeof params.uri === 'string' ? params.uri : undefined;
  const cancelled = () => token !== undefined && typeof token === 'object' && 'isCancellationRequested' in token && token.isCancellationRequested;
  try {
    await initialIndex; // a first summary from half an index would show areas as missing
    const generation = summary.generation;
    const settings = await getSettings();
    const report = summarizeWorkspace(workspace.workspaceDocuments(settings), settings);
    if (cancelled()) {
      return null;
    }
    // One line table per file for the whole request: thousands of locations, a handful of files.
    const lineIndexes = new Map<string, LineIndex | TextDocument | null>();
    const resolved = resolveSummaryLocations(report, (uri, offset) => {
      let index = lineIndexes.get(uri);
      if (index === undefined) {
        const text = workspace.diskText(uri);
        index = documents.get(uri) ?? (text === undefined ? null : new LineIndex(text));
        lineIndexes.set(uri, index);
      }
      return index === null ? undefined : 'positionAt' in index ? index.positionAt(offset) : index.position(offset);
    });
    return { scopes: resolved.scopes, focusScope: scopeIndexOf(resolved, focusUri), generation };
  } catch (error) {
    connection.console.error(`Plan Audit: summary failed: ${error instanceof Error ? error.stack : String(error)}`);
    return null;
  }
});

documents.listen(connection);
connection.listen();
