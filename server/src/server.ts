/**
 * The Plan Audit language server: wiring only. It connects the protocol to the workspace state
 * (workspaceState.ts: one analysis per open document by version, an index of every plan-audit file in
 * the workspace for the cross-file rules), its indexing (workspaceIndexer.ts), the settings
 * (serverSettings.ts), the edit record for incremental analysis (pendingEdits.ts), diagnostics reports
 * (diagnosticReports.ts) and idle garbage collection (idleGarbageCollector.ts), and answers pull
 * diagnostics, code actions, hovers and summaries by converting core findings.
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
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from './core/findings';
import { ConfigDiagnostics } from './configDiagnostics';
import { DiagnosticReports } from './diagnosticReports';
import { IdleGarbageCollector, largeDocumentLength, rehearsalText } from './idleGarbageCollector';
import { toCodeActions, providedCodeActionKinds } from './lsp/toCodeActions';
import { PlanDocument } from './lsp/planDocument';
import { hoverMarkdown } from './lsp/toHover';
import { PendingEdits } from './pendingEdits';
import type { SummaryParams, SummaryResult } from './protocol';
import { DidChangeSummaryNotification, SummaryRequest } from './protocol';
import { createRuleDocsLinks } from './ruleDocsLinks';
import { ServerSettings } from './serverSettings';
import { SummaryNotifications } from './summaryNotifications';
import { filePathOfUri } from './workspaceFiles';
import { localWorkspaceFolders } from './workspaceFolders';
import { WorkspaceIndexer } from './workspaceIndexer';
import { isPlanAuditDocument, WorkspaceState } from './workspaceState';

const connection = createConnection(ProposedFeatures.all);
/** Set when the client initializes. */
let workspaceFolders: string[] = [];
let hasConfigurationCapability = false;
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
const settings = new ServerSettings(connection, configDiagnostics, () => ({ folders: workspaceFolders, hasConfigurationCapability }));
const indexer = new WorkspaceIndexer(connection, workspace, settings, () => workspaceFolders, () => {
  connection.languages.diagnostics.refresh();
  summary.changed();
});

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
  indexer.start();
});

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

/** A notification has no reply to carry an error: a failure in work it started is logged, never left unhandled. */
function logFailure(what: string, error: unknown): void {
  connection.console.error(`Plan Audit: ${what} failed: ${error instanceof Error ? error.stack : String(error)}`);
}

connection.onDidChangeConfiguration(() => {
  settings.invalidate();
  workspace.settingsChanged();
  connection.languages.diagnostics.refresh();
  summary.changed();
  settings
    .get()
    .then(() => indexer.budgetMayHaveChanged())
    .catch((error: unknown) => logFailure('re-indexing after a settings change', error));
});

connection.onDidChangeWatchedFiles((params) => {
  watchedFilesChanged(params).catch((error: unknown) => logFailure('handling changed files', error));
});

async function watchedFilesChanged(params: DidChangeWatchedFilesParams): Promise<void> {
  const current = await settings.get();
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
      settings.invalidate();
      configChanged = true;
      continue;
    }
    if (change.type === FileChangeType.Deleted) {
      indexer.forgetFile(change.uri);
    } else {
      indexer.indexFile(file, current);
    }
  }
  if (configChanged) {
    // Re-read it now, so its problems show (or clear) in Problems even with no plan open.
    workspace.settingsChanged();
    await settings.get();
  }
  connection.languages.diagnostics.refresh();
  summary.changed();
  indexer.reportStatus();
}

async function findingsFor(document: TextDocument): Promise<Finding[]> {
  const cached = workspace.cachedFindings(document);
  if (cached) {
    return cached;
  }
  await indexer.initialIndex;
  return workspace.findingsFor(document, await settings.get());
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
    const { fixAllInsertsPlaceholders } = await settings.get();
    return toCodeActions(document, findings, params.context.diagnostics, params.context.only, { insertPlaceholders: fixAllInsertsPlaceholders === true });
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
    const model = workspace.analysisOf(document, await settings.get()).model;
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
  const closedText = event.document.getText();
  if (closedText.length >= largeDocumentLength) {
    // After the collections, a sample of the closed plan re-optimizes the analysis (idleGarbageCollector.ts).
    const sample = isPlanAuditDocument(event.document) ? rehearsalText(closedText) : undefined;
    garbageCollector.collectWhenIdle(3, sample === undefined ? undefined : () => {
      void settings.get().then((current) => workspace.rehearseOpen(sample, current)).catch(() => undefined);
    });
  }
  const uri = event.document.uri;
  workspace.documentClosed(uri);
  diagnosticReports.delete(uri);
  const file = uri.startsWith('file:') ? filePathOf(uri) : undefined;
  if (file !== undefined) {
    settings.get().then((current) => {
      if (fs.existsSync(file)) {
        indexer.indexFile(file, current);
        indexer.reportStatus();
      }
      // Unsaved edits are gone: the summary goes back to the file on disk.
      summary.changed();
    }).catch((error: unknown) => logFailure(`re-indexing ${uri} after it closed`, error));
  }
});

connection.onRequest(SummaryRequest.type, async (params: SummaryParams | null | undefined, token: CancellationToken | undefined): Promise<SummaryResult | null> => {
  // A client may send `null` or no params (then the library passes the token first): no focus document.
  const focusUri = params && typeof params === 'object' && typeof params.uri === 'string' ? params.uri : undefined;
  const cancelled = () => token !== undefined && typeof token === 'object' && 'isCancellationRequested' in token && token.isCancellationRequested;
  try {
    await indexer.initialIndex; // a first summary from half an index would show areas as missing
    const generation = summary.generation;
    const { scopes, focusScope } = workspace.summary(await settings.get(), focusUri);
    if (cancelled()) {
      return null;
    }
    return { scopes, focusScope, generation };
  } catch (error) {
    connection.console.error(`Plan Audit: summary failed: ${error instanceof Error ? error.stack : String(error)}`);
    return null;
  }
});

documents.listen(connection);
connection.listen();
