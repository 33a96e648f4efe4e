/**
 * The two servers the bench compares, and a slot that keeps one of them running through a session:
 * started, warmed up, and restarted (without the failed case) when an operation times out or it exits.
 */
import * as path from 'path';
import { pathToFileURL } from 'url';
import { serverExecArgv } from '../client/src/serverRuntime';
import { largeDocumentLength } from '../server/src/idleGarbageCollector';
import type { ServerSpec, TimedServer } from './lspTiming';
import { elapsedOf, startTimedServer } from './lspTiming';

export const root = path.resolve(__dirname, '..');
export const reviewDate = '2020-01-01';

/**
 * yaml-language-server waits this long after a change before it validates (`validationDelayMs`, fixed:
 * no setting changes it). The bench reports the peer's times with it taken off (see BENCHMARKS.md).
 */
export const peerDebounceMs = 200;

export const ourServer: ServerSpec = {
  name: 'Plan Audit',
  script: path.join(root, 'dist/server.js'),
  // Started as the extension starts it (client/src/serverRuntime.ts).
  nodeArgs: [...serverExecArgv],
  args: ['--stdio'],
  diagnostics: 'pull',
  settings: { planAudit: { reviewDate } },
  sendConfigurationChange: false,
  // server/src/idleGarbageCollector.ts: three full collections a second apart, the first after an idle
  // second, once a large document has closed, then 40 sample analyses of its first 64 KiB that
  // re-optimize the code (a few ms each); done about 3.2 s after the close (the rest is margin).
  idleWorkAfterClose: { minLength: largeDocumentLength, ms: 3500 },
};

const schemaUri = pathToFileURL(path.join(root, 'schemas/plan.schema.json')).toString();
export const peerServer: ServerSpec = {
  name: 'yaml-language-server',
  script: path.join(root, 'node_modules/yaml-language-server/bin/yaml-language-server'),
  args: ['--stdio'],
  diagnostics: 'push',
  settings: {
    yaml: {
      validate: true,
      hover: false,
      completion: false,
      format: { enable: false },
      schemas: { [schemaUri]: ['*.plan.yaml'] },
      // No network: the schema store and the Kubernetes CRD store are off.
      schemaStore: { enable: false },
      kubernetesCRDStore: { enable: false },
    },
    http: {},
    '[yaml]': {},
    editor: {},
  },
  sendConfigurationChange: true,
};

export function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];

/** A document opened and closed before measuring, so the server's code is compiled for such plans. */
export interface WarmUpDocument {
  /** The case it belongs to: when that case has failed, the document is skipped. */
  readonly caseKey: string;
  readonly uri: string;
  readonly text: string;
}

/**
 * One server through a session. `attempt` runs an operation for a case (a style, the typing session…);
 * when it fails (a timeout, an exit), the case is marked failed with the reason, the server is killed and
 * started again, and later attempts for that case are skipped, so one pathological case costs one limit,
 * not one per repetition.
 */
export class ServerSlot {
  private server: TimedServer | undefined;
  private readonly failures: Map<string, string>;
  /** How long the failed open or change had run when it failed, by case (absent for other failures). */
  private readonly failedAfter = new Map<string, number>();

  /** `skipped`: cases not to run at all, with the reason (timed out at a smaller size). */
  constructor(
    readonly spec: ServerSpec,
    private readonly rootUri: string,
    private readonly limitMs: number,
    private readonly warmUps: readonly WarmUpDocument[],
    skipped: ReadonlyMap<string, string> = new Map(),
  ) {
    this.failures = new Map(skipped);
  }

  failure(caseKey: string): string | undefined {
    return this.failures.get(caseKey);
  }

  failedAfterMs(caseKey: string): number | undefined {
    return this.failedAfter.get(caseKey);
  }

  get running(): TimedServer | undefined {
    return this.server;
  }

  /** Starts the server and opens and closes each warm-up document (those of failed cases skipped). */
  async start(): Promise<void> {
    for (;;) {
      const server = await startTimedServer(this.spec, this.rootUri, this.limitMs);
      this.server = server;
      let failed = false;
      for (const document of this.warmUps) {
        if (this.failures.has(document.caseKey)) {
          continue;
        }
        try {
          await server.open(document.uri, document.text);
          await server.close(document.uri);
        } catch (error) {
          this.fail(document.caseKey, `warm-up: ${messageOf(error)}`);
          await server.kill();
          failed = true;
          break;
        }
      }
      if (!failed) {
        return;
      }
    }
  }

  async attempt<T>(caseKey: string, operation: (server: TimedServer) => Promise<T>): Promise<T | undefined> {
    if (this.failures.has(caseKey) || !this.server) {
      return undefined;
    }
    try {
      return await operation(this.server);
    } catch (error) {
      this.fail(caseKey, messageOf(error));
      const elapsed = elapsedOf(error);
      if (elapsed !== undefined) {
        this.failedAfter.set(caseKey, elapsed);
      }
      const tail = this.server.stderr().trim().split('\n').slice(-3).join(' | ');
      if (tail) {
        log(`${this.spec.name} stderr: ${tail.slice(-500)}`);
      }
      await this.server.kill();
      await this.start();
      return undefined;
    }
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }

  private fail(caseKey: string, reason: string): void {
    this.failures.set(caseKey, reason);
    log(`${this.spec.name}: ${caseKey} failed: ${reason}; later runs of it are skipped`);
  }
}
