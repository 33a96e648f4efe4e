/**
 * Runs the extension-host suite (mocha inside the extension host, `index.ts` + `*.test.ts`) in
 * code-server's own Node extension host, for machines without VS Code (CI here). On a machine with VS Code,
 * `runTest.ts` runs the same suite with `@vscode/test-electron`.
 *
 * code-server's command line rejects `--extensionDevelopmentPath`, but the workbench URL accepts
 * `payload=[["extensionDevelopmentPath",…],["extensionTestsPath",…]]` (see `../shared/design/e2e-recipe.md`).
 * So: start code-server (the workbench harness: 127.0.0.1, free port, fresh profile, no gallery) on a
 * temporary copy of `samples/gao-17-618/`, open that URL in headless Chromium, and take the exit code the
 * workbench hands to `window.codeAutomationExit(code)` when mocha finishes. The extension is loaded from
 * the repository as a development extension (its `dist/` from `npm run compile`); no `.vsix` is installed.
 *
 * The mocha spec reporter writes with `console.log` in the extension host; code-server's workbench forwards
 * that to the browser console through its log service (`%c INFO`, unformatted), among the workbench's own
 * log lines. `PLAN_AUDIT_E2E_HOST_TAG` (set here, inherited by code-server and its extension host) makes
 * `index.ts` start each reporter line with a tag; those lines are echoed here, without the tag.
 *
 * Usage: `npm run test:e2e:host` (after `npm run compile` and `bash test/e2e/setup.sh`).
 * Environment: `PLAN_AUDIT_E2E_HOST_TIMEOUT=<seconds>` (default 180) bounds the whole run.
 * Artefacts in `test-results/e2e/`: `extension-host-code-server.log`, `extension-host-browser-console.log`
 * (formatted) and the workbench's own logs, `extension-host-log-*`.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ConsoleMessage } from 'playwright-core';
import { format } from 'util';
import { isCodeServerInstalled, repoRoot, resultsDir, startWorkbench, type Workbench } from '../workbench/harness';

const timeoutSeconds = Number(process.env.PLAN_AUDIT_E2E_HOST_TIMEOUT ?? 180) || 180;
const testsEntry = path.join(repoRoot, 'out/test/e2e/extensionHost/index.js');
const extensionEntry = path.join(repoRoot, 'dist/client.js');

/**
 * A browser-console message as plain text. The extension host's `console.log` reaches the browser through
 * the window's log service as `console.log('%c INFO', '<css>', format, ...args)`: drop the level and its
 * style, then apply the format (the spec reporter logs `'%s (%dms)', title, duration`).
 */
async function consoleText(message: ConsoleMessage): Promise<string> {
  const values: unknown[] = await Promise.all(
    // A handle that cannot be serialized falls back to its preview text (e.g. `JSHandle@node`), which
    // JSHandle.toString() returns at run time although its typings do not declare it.
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    message.args().map((arg) => arg.jsonValue().catch(() => String(arg))),
  );
  if (typeof values[0] === 'string' && /^%c\s*[A-Z]+$/.test(values[0])) values.splice(0, 2);
  return values.length ? format(...values) : message.text();
}

/** Marks the reporter's lines (see `index.ts`); code-server passes its environment on to the extension host. */
const hostTag = '[plan-audit-e2e-host] ';
process.env.PLAN_AUDIT_E2E_HOST_TAG = hostTag;

async function main(): Promise<number> {
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  if (!isCodeServerInstalled()) {
    console.error('extension-host suite (code-server): code-server is not installed: run `bash test/e2e/setup.sh` first.');
    return 1;
  }
  for (const [file, hint] of [
    [testsEntry, 'npm run compile:e2e-host'],
    [extensionEntry, 'npm run compile'],
  ]) {
    if (!fs.existsSync(file)) {
      console.error(`extension-host suite (code-server): ${path.relative(repoRoot, file)} is missing: run \`${hint}\` first.`);
      return 1;
    }
  }

  let resolveExit!: (value: { code: number; logs: unknown }) => void;
  const exited = new Promise<{ code: number; logs: unknown }>((resolve) => (resolveExit = resolve));
  let workbench: Workbench | undefined;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutSeconds * 1000)));
  const consoleLines: string[] = [];
  let echoed = 0;
  let consoleQueue: Promise<void> = Promise.resolve();

  try {
    const start = startWorkbench({
      name: 'extension-host',
      workspaceFiles: path.join(repoRoot, 'samples/gao-17-618'),
      // The remote authority is the server itself: the paths below are on code-server's machine.
      urlPayload: (baseUrl) => {
        const authority = `vscode-remote://${new URL(baseUrl).host}`;
        return [
          ['extensionDevelopmentPath', `${authority}${repoRoot}`],
          ['extensionTestsPath', `${authority}${testsEntry}`],
        ];
      },
      async beforeNavigate(page) {
        await page.exposeFunction('codeAutomationExit', (code: number, logs: unknown) => {
          resolveExit({ code: Number(code), logs });
        });
        // Serialised so the lines keep their order while their arguments are read from the page.
        page.on('console', (message) => {
          consoleQueue = consoleQueue.then(async () => {
            const text = await consoleText(message);
            consoleLines.push(`[${message.type()}] ${text}`);
            // Only the reporter's lines carry the tag; the workbench's own log lines are interleaved.
            if (text.startsWith(hostTag)) {
              echoed += 1;
              console.log(text.slice(hostTag.length));
            }
          });
        });
      },
    });
    const outcome = await Promise.race([
      start.then((running) => {
        workbench = running;
        console.error(`extension-host suite (code-server): workbench up after ${elapsed()}, waiting for mocha`);
        return exited;
      }),
      timedOut,
    ]);
    if (outcome === 'timeout') {
      // startWorkbench may still resolve later; stop what it started.
      start.then((running) => running.stop()).catch(() => undefined);
      console.error(
        `extension-host suite (code-server): TIMED OUT after ${timeoutSeconds} s without codeAutomationExit ` +
          `(mocha did not finish). Logs: ${path.relative(repoRoot, resultsDir)}/extension-host-*.log`,
      );
      return 1;
    }
    // The last lines may still be on their way from the page.
    await Promise.race([consoleQueue, new Promise((resolve) => setTimeout(resolve, 5000))]);
    saveLogs(outcome.logs);
    if (echoed === 0) {
      console.error('extension-host suite (code-server): no reporter output reached the browser console; see the saved logs.');
    }
    console.error(`extension-host suite (code-server): exit code ${outcome.code} after ${elapsed()}`);
    return outcome.code;
  } finally {
    if (timer) clearTimeout(timer);
    await workbench?.stop();
    try {
      fs.writeFileSync(path.join(resultsDir, 'extension-host-browser-console.log'), consoleLines.join('\n') + '\n');
    } catch {
      // best effort
    }
  }
}

/**
 * Keeps the log files the workbench passes to `codeAutomationExit` (`[{ relativePath, contents }]`) as
 * `test-results/e2e/extension-host-log-<path with / as _>`; the harness clears them at the next run.
 */
function saveLogs(logs: unknown): void {
  if (!Array.isArray(logs)) return;
  for (const entry of logs as Array<{ relativePath?: string; contents?: string }>) {
    if (typeof entry?.relativePath !== 'string' || typeof entry.contents !== 'string') continue;
    const flat = entry.relativePath.replace(/[\\/]+/g, '_').replace(/[^\w.-]/g, '-');
    fs.writeFileSync(path.join(resultsDir, `extension-host-log-${flat}`), entry.contents);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`extension-host suite (code-server) failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    process.exit(1);
  },
);
