/**
 * An LSP timing client for the benchmark: spawns a language server over stdio, opens, edits and closes
 * documents, and measures how long the server takes to give the diagnostics of each new text.
 *
 * Two diagnostic models are supported:
 * - `pull` (LSP 3.17 `textDocument/diagnostic`, what Plan Audit implements): the client asks right after
 *   didOpen/didChange, as VS Code does, and the time runs until the answer arrives. The server answers
 *   for the text it has, and it has every notification sent before the request, so the first answer is
 *   the one for the new text.
 * - `push` (`textDocument/publishDiagnostics`, what yaml-language-server sends after its own 200 ms
 *   debounce): the time runs until the first publish for the document after the notification. Callers
 *   wait for it before sending anything else, so that publish is the one for the new text (the peer
 *   publishes once per validation, and a validation is only pending for the last change).
 *
 * Every wait has a limit; a server that passes it, or exits, makes the call reject (the caller then kills
 * it). Memory is read from `/proc/<pid>/status` (`VmRSS` now, `VmHWM` the peak), so it is Linux-only.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'child_process';
import * as fs from 'fs';
import { performance } from 'perf_hooks';
import type { ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import type { TextEdit } from './generatePlan';

/** How to start a server and talk to it. */
export interface ServerSpec {
  /** Short name for logs and tables. */
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
  /**
   * Work the server does on its own, once idle, after a document of at least `minLength` characters
   * closes, and how long after the close it is done: the bench waits that long before timing the
   * server's next operation, so that every operation is timed as after a pause in an editor, never
   * sometimes during that work and sometimes before it.
   */
  readonly idleWorkAfterClose?: { readonly minLength: number; readonly ms: number };
}

/** How long one notification took to give diagnostics, and how many it gave. */
export interface Timed {
  readonly ms: number;
  readonly count: number;
  /** Findings not shown, as the `resource-limit` diagnostic names them (pull servers; absent when none). */
  readonly hidden?: number;
}

/** The time from a notification to its failure (exit or timeout), on the error a failed open or change rejects with. */
export const elapsedOf = (error: unknown): number | undefined => (error as { elapsedMs?: unknown } | undefined)?.elapsedMs as number | undefined;

/** The number a `resource-limit` diagnostic names ("1,019 more findings not shown …"). */
export function hiddenCount(items: readonly unknown[] | undefined): number | undefined {
  const limit = (items as { code?: unknown; message?: string }[] | undefined)?.find((item) => item.code === 'resource-limit');
  const digits = limit?.message && /^([\d,]+) more findings/.exec(limit.message)?.[1];
  return digits ? Number(digits.replace(/,/g, '')) : undefined;
}

/** A running server with a document API that times each notification to its diagnostics. */
export interface TimedServer {
  readonly spec: ServerSpec;
  readonly pid: number;
  open(uri: string, text: string): Promise<Timed>;
  /** Applies one incremental change (LSP range computed from the client's copy of the text). */
  change(uri: string, edit: TextEdit): Promise<Timed>;
  close(uri: string): Promise<void>;
  /** The client's copy of an open document's text. */
  textOf(uri: string): string | undefined;
  /** Resident set size now and at its peak (`VmRSS`, `VmHWM`), in bytes. */
  memory(): { rss: number; peak: number };
  /** CPU time the process has used (user + system), in clock ticks (`/proc/<pid>/stat`). */
  cpuTicks(): number;
  /** `performance.now()` until which the server may be busy with idle work (`idleWorkAfterClose`). */
  idleWorkUntil(): number;
  /** Sets the peak (`VmHWM`) back to the current RSS (Linux `clear_refs`); false when not allowed. */
  resetPeak(): boolean;
  /** Asks the server to shut down, then kills it if it does not exit. */
  stop(): Promise<void>;
  /** Kills the server at once (after a timeout, when it is busy and would not answer `shutdown`). */
  kill(): Promise<void>;
  stderr(): string;
}

/** Reads `VmRSS` and `VmHWM` of a process, in bytes. */
export function readMemory(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) * 1024 : NaN;
  };
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

/** User + system CPU time of a process in clock ticks (fields 14 and 15 of `/proc/<pid>/stat`). */
export function readCpuTicks(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after it are counted from its closing ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return NaN;
  }
}

/**
 * Before timing `next`: waits until its idle work is due to be done (`idleWorkAfterClose`), then until
 * none of `servers` has used CPU for `idleMs` (polled every 50 ms, at most `limitMs`), so that a server
 * still collecting the garbage of its last document does not compete with the measurement. (The other
 * server's idle work is not waited for: it may run, on the other core, while `next` is timed.)
 */
export async function quiesce(servers: readonly (TimedServer | undefined)[], next?: TimedServer, idleMs = 100, limitMs = 3000): Promise<void> {
  const running = servers.filter((server): server is TimedServer => server !== undefined);
  const idleWork = next ? next.idleWorkUntil() - performance.now() : 0;
  if (idleWork > 0) {
    await delay(idleWork);
  }
  const deadline = performance.now() + limitMs;
  let last = running.map((server) => server.cpuTicks());
  let idleSince = performance.now();
  while (performance.now() < deadline) {
    await delay(50);
    const now = running.map((server) => server.cpuTicks());
    if (now.some((ticks, index) => !Object.is(ticks, last[index]))) {
      idleSince = performance.now();
      last = now;
    } else if (performance.now() - idleSince >= idleMs) {
      return;
    }
  }
}

/** Position of `offset` in `text` as an LSP (line, UTF-16 character) pair; CRLF counts as one line end. */
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
 * Starts a server, initializes it with `rootUri` as the only workspace folder, and resolves once it is
 * ready for documents. Each open or change rejects when the server takes more than `limitMs`.
 */
export async function startTimedServer(spec: ServerSpec, rootUri: string, limitMs: number): Promise<TimedServer> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [...(spec.nodeArgs ?? []), spec.script, ...spec.args], { stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (stderr.length > 100_000) {
      stderr = stderr.slice(-50_000);
    }
  });
  // Every wait races this: a server that exits fails the call at once instead of at the limit.
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`${spec.name} exited (code ${code}, signal ${signal})`)));
  });
  exited.catch(() => undefined);
  const connection: ProtocolConnection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
    params.items.map((item) => (item.section !== undefined ? (spec.settings[item.section] ?? null) : spec.settings)),
  );
  for (const method of ['client/registerCapability', 'client/unregisterCapability', 'workspace/diagnostic/refresh', 'window/workDoneProgress/create', 'workspace/codeLens/refresh']) {
    connection.onRequest(method, () => null);
  }
  // Log messages and telemetry are ignored; other requests get the protocol's "method not found".
  connection.onUnhandledNotification(() => undefined);
  connection.onError(() => undefined);

  const texts = new Map<string, { text: string; version: number }>();
  let idleWorkUntil = 0;
  /** The waiter for the next publish, by URI (push servers). */
  const pushWaiters = new Map<string, (arrival: { time: number; count: number }) => void>();
  connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: unknown[] }) => {
    const waiter = pushWaiters.get(params.uri);
    if (waiter) {
      pushWaiters.delete(params.uri);
      waiter({ time: performance.now(), count: params.diagnostics.length });
    }
  });
  connection.listen();

  const limited = <T>(promise: Promise<T>, what: string, ms = limitMs): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${spec.name}: timed out after ${ms} ms: ${what}`)), ms);
    });
    return Promise.race([promise, timeout, exited]).finally(() => clearTimeout(timer));
  };

  await limited(
    connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, diagnostics: { refreshSupport: true }, workspaceFolders: true },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: false },
          diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
        },
      },
    }),
    'initialize',
    60_000,
  );
  await connection.sendNotification('initialized', {});
  if (spec.sendConfigurationChange) {
    await connection.sendNotification('workspace/didChangeConfiguration', { settings: spec.settings });
  }

  /** The last pulled report per document, for `previousResultId`. */
  const pulledReports = new Map<string, { resultId?: string; count: number; hidden?: number }>();

  /** Rethrows a failed wait with the time it ran (the report's lower bound for a peer that crashed). */
  const failedAfter = (error: unknown, start: number): never => {
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { elapsedMs: performance.now() - start });
  };

  /** Sends `notify` and times it to the document's next diagnostics. */
  const timeToDiagnostics = async (uri: string, what: string, notify: () => Promise<void>): Promise<Timed> => {
    if (spec.diagnostics === 'push') {
      const arrival = new Promise<{ time: number; count: number }>((resolve) => pushWaiters.set(uri, resolve));
      const start = performance.now();
      await notify();
      try {
        const { time, count } = await limited(arrival, `${what}: no publish for ${uri}`);
        return { ms: time - start, count };
      } catch (error) {
        return failedAfter(error, start);
      }
    }
    const start = performance.now();
    await notify();
    // As VS Code does: send the last result id; an "unchanged" report keeps the last items.
    const previous = pulledReports.get(uri);
    let report: { kind: 'full' | 'unchanged'; resultId?: string; items?: unknown[] };
    try {
      report = await limited(
        connection.sendRequest<typeof report>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: previous?.resultId }),
        `${what}: no report for ${uri}`,
      );
    } catch (error) {
      return failedAfter(error, start);
    }
    const ms = performance.now() - start;
    // Counted after the clock stopped: not part of the time.
    const unchanged = report.kind === 'unchanged' && previous;
    const count = unchanged ? previous.count : (report.items?.length ?? -1);
    const hidden = unchanged ? previous.hidden : hiddenCount(report.items);
    pulledReports.set(uri, { resultId: report.resultId, count, hidden });
    return hidden === undefined ? { ms, count } : { ms, count, hidden };
  };

  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await gone;
    }
    connection.dispose();
  };

  return {
    spec,
    pid: child.pid!,
    open(uri, text) {
      texts.set(uri, { text, version: 1 });
      return timeToDiagnostics(uri, 'open', () => connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } }));
    },
    change(uri, edit) {
      const document = texts.get(uri);
      if (!document) {
        throw new Error(`${uri} is not open`);
      }
      const range = { start: positionAt(document.text, edit.offset), end: positionAt(document.text, edit.offset + edit.length) };
      document.text = document.text.slice(0, edit.offset) + edit.newText + document.text.slice(edit.offset + edit.length);
      document.version++;
      const version = document.version;
      return timeToDiagnostics(uri, 'change', () =>
        connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: edit.newText }] }),
      );
    },
    async close(uri) {
      const length = texts.get(uri)?.text.length ?? 0;
      if (spec.idleWorkAfterClose && length >= spec.idleWorkAfterClose.minLength) {
        idleWorkUntil = performance.now() + spec.idleWorkAfterClose.ms;
      }
      texts.delete(uri);
      pulledReports.delete(uri);
      pushWaiters.delete(uri);
      await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    },
    textOf: (uri) => texts.get(uri)?.text,
    memory: () => readMemory(child.pid!),
    cpuTicks: () => readCpuTicks(child.pid!),
    idleWorkUntil: () => idleWorkUntil,
    resetPeak() {
      try {
        fs.writeFileSync(`/proc/${child.pid!}/clear_refs`, '5');
        return true;
      } catch {
        return false;
      }
    },
    async stop() {
      try {
        await limited(connection.sendRequest('shutdown'), 'shutdown', 10_000);
        await connection.sendNotification('exit');
        await limited(new Promise<void>((resolve) => child.once('exit', () => resolve())), 'exit', 5000).catch(() => undefined);
      } catch {
        // A server that does not shut down cleanly is killed below.
      }
      await kill();
    },
    kill,
    stderr: () => stderr,
  };
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
