/**
 * A minimal LSP client for protocol tests: spawns the bundled server (`dist/server.js --stdio`) and
 * answers the server's own requests (configuration, capability registration, refresh).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Diagnostic, DocumentDiagnosticReport, ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { IndexStatusNotification, type IndexStatusParams } from '../../server/src/protocol';

export const serverPath = path.resolve(__dirname, '../../dist/server.js');

export interface TestServer {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcessWithoutNullStreams;
  /** How many `workspace/diagnostic/refresh` requests the server sent. */
  refreshes: number;
  /** Settings answered to `workspace/configuration`. */
  settings: Record<string, unknown>;
  stderr: string;
  /** `window/logMessage` lines, in order. */
  readonly logs: string[];
  /** `window/showMessage` notifications, in order. */
  readonly shownMessages: { type: number; message: string }[];
  /** `planAudit/indexStatus` notifications, in order. */
  readonly indexStatuses: IndexStatusParams[];
  /** The last `textDocument/publishDiagnostics` per URI (the server pushes only for `.plan-audit.yaml`). */
  readonly published: Map<string, Diagnostic[]>;
  /** Resolves once `publishDiagnostics` for `uri` satisfies `accept` (the last one sent, or a later one). */
  waitForPublished(uri: string, accept: (diagnostics: Diagnostic[]) => boolean): Promise<Diagnostic[]>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** The workspace folder URIs sent in `initialize` (default: `rootPath`'s alone). */
  workspaceFolders?: string[];
}

export async function startServer(rootPath: string, settings: Record<string, unknown> = {}, options: StartOptions = {}): Promise<TestServer> {
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: 'pipe' });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters: { uri: string; accept: (diagnostics: Diagnostic[]) => boolean; resolve: (diagnostics: Diagnostic[]) => void }[] = [];
  const server: TestServer = {
    connection,
    process: child,
    refreshes: 0,
    settings,
    stderr: '',
    logs: [],
    shownMessages: [],
    indexStatuses: [],
    published: new Map(),
    waitForPublished(uri, accept) {
      const last = server.published.get(uri);
      if (last && accept(last)) {
        return Promise.resolve(last);
      }
      return new Promise((resolve) => {
        waiters.push({ uri, accept, resolve });
      });
    },
    async stop() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } finally {
        connection.dispose();
        if (child.exitCode === null) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              child.kill('SIGKILL');
            }, 5000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
      }
    },
  };
  child.stderr.on('data', (chunk: Buffer) => {
    server.stderr += chunk.toString();
  });
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map(() => server.settings));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => {
    server.refreshes++;
    return null;
  });
  connection.onNotification('window/logMessage', (params: { message: string }) => {
    server.logs.push(params.message);
  });
  connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
    server.shownMessages.push(params);
  });
  connection.onNotification(IndexStatusNotification.type, (params) => {
    server.indexStatuses.push(params);
  });
  connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => {
    server.published.set(params.uri, params.diagnostics);
    for (const waiter of waiters.splice(0)) {
      if (waiter.uri === params.uri && waiter.accept(params.diagnostics)) {
        waiter.resolve(params.diagnostics);
      } else {
        waiters.push(waiter);
      }
    }
  });
  connection.listen();
  try {
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(rootPath).toString(),
      workspaceFolders: (options.workspaceFolders ?? [pathToFileURL(rootPath).toString()]).map((uri, index) => ({ uri, name: `folder${index}` })),
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, diagnostics: { refreshSupport: true } },
        textDocument: {
          diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      },
    });
  } catch (error) {
    // A server that failed to initialize must not outlive the test (mocha would wait for it).
    connection.dispose();
    child.kill('SIGKILL');
    throw error;
  }
  await connection.sendNotification('initialized', {});
  return server;
}

/** Polls `condition` (every 10 ms) until it returns a truthy value; fails after `timeout` ms naming `what`. */
export async function waitFor<T>(condition: () => T, what: string, timeout = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = condition();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Pulls a document's diagnostics (`textDocument/diagnostic`, no previous result id): a full report's items. */
export async function pullDiagnostics(server: TestServer, uri: string): Promise<Diagnostic[]> {
  const report = await server.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
  if (report.kind !== 'full') {
    throw new Error(`expected a full diagnostics report for ${uri}, got "${report.kind}"`);
  }
  return report.items;
}

/** Opens a file on disk in the server (`textDocument/didOpen` with its text); returns its URI. */
export async function openFile(server: TestServer, file: string): Promise<string> {
  const uri = pathToFileURL(file).toString();
  await server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'yaml', version: 1, text: fs.readFileSync(file, 'utf8') },
  });
  return uri;
}

/** The rule ids of `diagnostics`, sorted: what a test compares when positions do not matter. */
export function codesOf(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => String(diagnostic.code)).sort();
}
