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
import { fileURLToPath } from 'url';
import type { CodeAction, DidChangeWatchedFilesParams, DocumentDiagnosticReport, Hover, InitializeResult } from 'vscode-languageserver/node';
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
import type { AuditSettings } from './core/analyze';
import { defaultAuditSettings } from './core/analyze';
import type { Finding } from './core/findings';
import { LineIndex } from './core/lines';
import { resolveSummaryLocations, scopeIndexOf, summarizeWorkspace } from './core/summary';
import { DiagnosticReports } from './diagnosticReports';
import { IdleGarbageCollector, largeDocumentLength } from './idleGarbageCollector';
import { toCodeActions, providedCodeActionKinds } from './lsp/toCodeActions';
import { PlanDocument } from './lsp/planDocument';
import { hoverMarkdown } from './lsp/toHover';
import { PendingEdits } from './pendingEdits';
import type { SummaryResult } from './protocol';
import { DidChangeSummaryNotification, SummaryRequest } from './protocol';
import { createRuleDocsLinks } from './ruleDocsLinks';
import { resolveSettings, type RawPlanAuditSettings } from './settings';
import { SummaryNotifications } from './summaryNotifications';
import { collectYamlFiles, readConfigFile } from './workspaceFiles';
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

let workspaceFolders: string[] = [];
let hasConfigurationCapability = false;
let settingsPromise: Promise<AuditSettings> | undefined;
/**
 * Settles once the first index of the workspace is built. The first diagnostics of a document wait for
 * it so cross-file rules never report an area as uncovered because its plan was not read yet; after
 * that it is settled and nothing on the typing path waits on indexing.
 */
let initialIndex: Promise<void> = Promise.resolve();

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
  summary.changed();
}

function indexFile(file: string, settings: AuditSettings): void {
  const warning = workspace.indexFile(file, settings);
  if (warning) {
    connection.console.warn(`Plan Audit: ${warning}`);
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
  workspace.settingsChanged();
  connection.languages.diagnostics.refresh();
  summary.changed();
});

connection.onDidChangeWatchedFiles((params) => {
  // A notification has no reply to carry an error: log it rather than leave an unhandled rejection.
  watchedFilesChanged(params).catch((error: unknown) => {
    connection.console.error(`Plan Audit: handling changed files failed: ${error instanceof Error ? error.stack : String(error)}`);
  });
});

async function watchedFilesChanged(params: DidChangeWatchedFilesParams): Promise<void> {
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
      workspace.forgetFile(change.uri);
    } else {
      indexFile(file, settings);
    }
  }
  connection.languages.diagnostics.refresh();
  summary.changed();
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
  if (uri.startsWith('file:')) {
    void getSettings().then((settings) => {
      const file = fileURLToPath(uri);
      if (fs.existsSync(file)) {
        indexFile(file, settings);
      }
      // Unsaved edits are gone: the summary goes back to the file on disk.
      summary.changed();
    });
  }
});

connection.onRequest(SummaryRequest.type, async (params, token): Promise<SummaryResult | null> => {
  try {
    await initialIndex; // a first summary from half an index would show areas as missing
    const generation = summary.generation;
    const settings = await getSettings();
    const report = summarizeWorkspace(workspace.workspaceDocuments(settings), settings);
    if (token.isCancellationRequested) {
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
    return { scopes: resolved.scopes, focusScope: scopeIndexOf(resolved, params.uri), generation };
  } catch (error) {
    connection.console.error(`Plan Audit: summary failed: ${error instanceof Error ? error.stack : String(error)}`);
    return null;
  }
});

documents.listen(connection);
connection.listen();
