/**
 * A minimal LSP client for protocol tests: spawns the bundled server (`dist/server.js --stdio`) and
 * answers the server's own requests (configuration, capability registration, refresh).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'child_process';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

export const serverPath = path.resolve(__dirname, '../../dist/server.js');

export interface TestServer {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcessWithoutNullStreams;
  /** How many `workspace/diagnostic/refresh` requests the server sent. */
  refreshes: number;
  /** Settings answered to `workspace/configuration`. */
  settings: Record<string, unknown>;
  stderr: string;
  stop(): Promise<void>;
}

export async function startServer(rootPath: string, settings: Record<string, unknown> = {}): Promise<TestServer> {
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: 'pipe' });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const server: TestServer = {
    connection,
    process: child,
    refreshes: 0,
    settings,
    stderr: '',
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
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(rootPath).toString(),
    workspaceFolders: [{ uri: pathToFileURL(rootPath).toString(), name: 'workspace' }],
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, diagnostics: { refreshSupport: true } },
      textDocument: {
        diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
      },
    },
  });
  await connection.sendNotification('initialized', {});
  return server;
}
