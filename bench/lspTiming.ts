/**
 * An LSP timing client for the benchmark: spawns a language server over stdio, opens and edits one
 * document, and measures how long the server takes to produce diagnostics that hold the expected count.
 *
 * Two diagnostic models are supported:
 * - `pull` (LSP 3.17 `textDocument/diagnostic`, what Plan Audit implements): the client asks right after
 *   didOpen/didChange, as VS Code does, and the time runs until the answer arrives;
 * - `push` (`textDocument/publishDiagnostics`, what yaml-language-server sends after its own debounce):
 *   the time runs until the first publish for the document, sent after the change, that holds the
 *   expected count.
 *
 * Memory is read from `/proc/<pid>/status` (`VmRSS` now, `VmHWM` the peak), so it is Linux-only.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'child_process';
import * as fs from 'fs';
import { performance } from 'perf_hooks';
import type { ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

/** How to start a server and talk to it. */
export interface ServerSpec {
  /** Short name for tables ("plan-audit", "yaml-language-server"). */
  readonly name: string;
  /** Script run with this Node.js (`process.execPath`). */
  readonly script: string;
  readonly args: readonly string[];
  readonly diagnostics: 'pull' | 'push';
  /** Settings answered to `workspace/configuration`, by section. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** Sent as `workspace/didChangeConfiguration` after `initialized` (the peer reads its settings then). */
  readonly sendConfigurationChange: boolean;
  /** Node.js flags for the server process (none by default). */
  readonly nodeArgs?: readonly string[];
}

/** A running server with a document API that returns diagnostic counts. */
export interface TimedServer {
  readonly spec: ServerSpec;
  readonly pid: number;
  readonly connection: ProtocolConnection;
  /**
   * Opens a document and waits for diagnostics with `expected` items (any count when negative); returns
   * the elapsed milliseconds.
   */
  open(uri: string, text: string, expected: number): Promise<number>;
  /** Replaces `length` characters at `offset` (incremental change) and waits as `open` does. */
  change(uri: string, offset: number, length: number, newText: string, expected: number): Promise<number>;
  close(uri: string): Promise<void>;
  /** Resident set size now and at its peak (`VmRSS`, `VmHWM`), in bytes. */
  memory(): { rss: number; peak: number };
  stop(): Promise<void>;
  stderr(): string;
}

const waitLimitMs = 180_000;

/** Reads `VmRSS` and `VmHWM` of a process, in bytes. */
export function readMemory(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) * 1024 : NaN;
  };
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

/** Position of `offset` in `text` as an LSP (line, UTF-16 character) pair. */
function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, character: offset - lineStart };
}

/**
 * Starts a server, initializes it with `rootPath` as the only workspace folder, and resolves once it is
 * ready for documents (configuration sent when the spec asks for it).
 */
export async function startTimedServer(spec: ServerSpec, rootUri: string): Promise<TimedServer> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [...(spec.nodeArgs ?? []), spec.script, ...spec.args], { stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (stderr.length > 100_000) {
      stderr = stderr.slice(-50_000);
    }
  });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
    params.items.map((item) => (item.section !== undefined ? (spec.settings[item.section] ?? null) : spec.settings)),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('client/unregisterCapability', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/codeLens/refresh', () => null);
  // Log messages and telemetry are ignored; other requests get the protocol's "method not found".
  connection.onUnhandledNotification(() => undefined);

  /** Texts of open documents (to turn offsets into positions) and their versions. */
  const texts = new Map<string, { text: string; version: number }>();
  /** Waiters for pushed diagnostics, by URI. */
  const pushWaiters = new Map<string, { expected: number; resolve: (time: number) => void; last: number }>();
  connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: unknown[] }) => {
    const waiter = pushWaiters.get(params.uri);
    if (!waiter) {
      return;
    }
    waiter.last = params.diagnostics.length;
    if (waiter.expected < 0 || params.diagnostics.length === waiter.expected) {
      pushWaiters.delete(params.uri);
      waiter.resolve(performance.now());
    }
  });
  connection.listen();

  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'bench' }],
    capabilities: {
      workspace: {
        configuration: true,
        didChangeConfiguration: { dynamicRegistration: true },
        diagnostics: { refreshSupport: true },
        workspaceFolders: true,
      },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: false },
        diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
        publishDiagnostics: { relatedInformation: true, versionSupport: true },
      },
    },
  });
  await connection.sendNotification('initialized', {});
  if (spec.sendConfigurationChange) {
    await connection.sendNotification('workspace/didChangeConfiguration', { settings: spec.settings });
  }

  /** The last pulled report per document, for `previousResultId`. */
  const pulledReports = new Map<string, { resultId?: string; count: number }>();

  /** Waits for diagnostics with `expected` items, from `start`; pull asks, push listens. */
  const waitForDiagnostics = async (uri: string, expected: number, start: number, pending?: Promise<number>): Promise<number> => {
    if (spec.diagnostics === 'push') {
      const time = await withTimeout(pending!, () => `${spec.name}: no publish with ${expected} diagnostics for ${uri} (last: ${lastPushed(uri)})`);
      return time - start;
    }
    let last = -1;
    for (let attempt = 0; attempt < 50; attempt++) {
      // As VS Code does: send the last result id; an "unchanged" report keeps the last items.
      const previous = pulledReports.get(uri);
      const request = { textDocument: { uri }, previousResultId: previous?.resultId };
      const report = await withTimeout(
        connection.sendRequest<{ kind: 'full' | 'unchanged'; resultId?: string; items?: unknown[] }>('textDocument/diagnostic', request),
        () => `${spec.name}: no diagnostic report for ${uri}`,
      );
      last = report.kind === 'unchanged' && previous ? previous.count : (report.items?.length ?? -1);
      pulledReports.set(uri, { resultId: report.resultId, count: last });
      if (expected < 0 || last === expected) {
        return performance.now() - start;
      }
    }
    throw new Error(`${spec.name}: diagnostics for ${uri} hold ${last} items, expected ${expected}`);
  };
  const lastPushed = (uri: string) => pushWaiters.get(uri)?.last ?? 'none';
  const expectPush = (uri: string, expected: number): Promise<number> | undefined => {
    if (spec.diagnostics !== 'push') {
      return undefined;
    }
    return new Promise<number>((resolve) => pushWaiters.set(uri, { expected, resolve, last: -1 }));
  };

  return {
    spec,
    pid: child.pid!,
    connection,
    async open(uri, text, expected) {
      texts.set(uri, { text, version: 1 });
      const pending = expectPush(uri, expected);
      const start = performance.now();
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      return waitForDiagnostics(uri, expected, start, pending);
    },
    async change(uri, offset, length, newText, expected) {
      const document = texts.get(uri)!;
      const range = { start: positionAt(document.text, offset), end: positionAt(document.text, offset + length) };
      document.text = document.text.slice(0, offset) + newText + document.text.slice(offset + length);
      document.version++;
      const pending = expectPush(uri, expected);
      const start = performance.now();
      await connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: document.version },
        contentChanges: [{ range, text: newText }],
      });
      return waitForDiagnostics(uri, expected, start, pending);
    },
    async close(uri) {
      texts.delete(uri);
      pulledReports.delete(uri);
      pushWaiters.delete(uri);
      await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    },
    memory: () => readMemory(child.pid!),
    async stop() {
      try {
        await withTimeout(connection.sendRequest('shutdown'), () => 'shutdown', 10_000);
        await connection.sendNotification('exit');
      } catch {
        // A server that does not shut down cleanly is killed below.
      }
      connection.dispose();
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    stderr: () => stderr,
  };
}

function withTimeout<T>(promise: Promise<T>, what: () => string, limitMs = waitLimitMs): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${limitMs} ms: ${what()}`)), limitMs);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** One measured run of one server on one document. */
export interface RunResult {
  readonly openMs: number;
  readonly editMs: number[];
  /** Peak RSS of the server process over the run (`VmHWM`), bytes. */
  readonly peakRss: number;
}

/**
 * One run in a fresh server process: a warm-up document is opened and closed first (so the code and the
 * schema are loaded and compiled, as in an editor that has shown a plan before), then the measured
 * document is opened and edited `edits` times (each edit a one-value change that keeps the count).
 */
export async function measureRun(
  spec: ServerSpec,
  rootUri: string,
  warmUp: { uri: string; text: string; expected: number },
  document: { uri: string; text: string; expected: number },
  edits: readonly { offset: number; length: number; newText: string }[],
  warmUps = 1,
): Promise<RunResult> {
  const server = await startTimedServer(spec, rootUri);
  try {
    // Opening and closing the warm-up plan lets the server's code be compiled for such documents.
    for (let round = 0; round < warmUps; round++) {
      await server.open(warmUp.uri, warmUp.text, warmUp.expected);
      await server.close(warmUp.uri);
    }
    const openMs = await server.open(document.uri, document.text, document.expected);
    const editMs: number[] = [];
    for (const edit of edits) {
      editMs.push(await server.change(document.uri, edit.offset, edit.length, edit.newText, document.expected));
    }
    const { peak } = server.memory();
    await server.close(document.uri);
    return { openMs, editMs, peakRss: peak };
  } catch (error) {
    const tail = server.stderr().slice(-2000);
    throw new Error(`${error instanceof Error ? error.message : String(error)}${tail ? `\nserver stderr:\n${tail}` : ''}`);
  } finally {
    await server.stop();
  }
}

/** RSS of a server before, during and after opening and closing many documents. */
export interface MemoryResult {
  readonly documents: number;
  readonly documentBytes: number;
  /** After `initialize`, before any document. */
  readonly coldRss: number;
  /** After the first document was opened, diagnosed and closed: code loaded, schema compiled. */
  readonly warmRss: number;
  readonly peakRss: number;
  /** After the last document closed and the server had `settleMs` to collect garbage. */
  readonly afterRss: number;
  readonly settleMs: number;
}

/**
 * Opens, diagnoses and closes `documents` one after another (each a different text of similar size) and
 * reports RSS. "After" is polled for up to `settleMs` after the last close and the lowest reading is kept:
 * V8 returns memory to the system only after a garbage collection, which an idle process runs on its own.
 */
export async function measureMemory(
  spec: ServerSpec,
  rootUri: string,
  documents: readonly { uri: string; text: string; expected: number }[],
  settleMs = 10_000,
): Promise<MemoryResult> {
  const server = await startTimedServer(spec, rootUri);
  try {
    await delay(500);
    const coldRss = server.memory().rss;
    let warmRss = coldRss;
    for (const [index, document] of documents.entries()) {
      await server.open(document.uri, document.text, document.expected);
      await server.close(document.uri);
      if (index === 0) {
        await delay(1000);
        warmRss = server.memory().rss;
      }
    }
    let afterRss = server.memory().rss;
    const deadline = performance.now() + settleMs;
    while (performance.now() < deadline) {
      await delay(250);
      afterRss = Math.min(afterRss, server.memory().rss);
    }
    return {
      documents: documents.length,
      documentBytes: Math.round(documents.reduce((sum, document) => sum + Buffer.byteLength(document.text), 0) / documents.length),
      coldRss,
      warmRss,
      peakRss: server.memory().peak,
      afterRss,
      settleMs,
    };
  } finally {
    await server.stop();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
