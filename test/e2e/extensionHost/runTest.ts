/**
 * Runs the extension-host suite with `@vscode/test-electron` against a VS Code that is already on this
 * machine. Nothing is downloaded unless asked for:
 *
 * - `PLAN_AUDIT_VSCODE_PATH=/path/to/code`: use that VS Code (or a shim that behaves like one);
 * - `PLAN_AUDIT_DOWNLOAD_VSCODE=1`: let test-electron download VS Code (needs the internet);
 * - otherwise the suite is not run, and one line says so. It is then not counted as passed.
 *
 * Usage: `tsx test/e2e/extensionHost/runTest.ts` after `npm run compile` and `npm run compile:e2e-host`.
 *
 * On a machine without VS Code (CI here), run the same suite in code-server's own extension host instead:
 * `npm run test:e2e:host` (`runInCodeServer.ts`, after `bash test/e2e/setup.sh`).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(__dirname, '../../..');

async function main(): Promise<number> {
  const executable = process.env.PLAN_AUDIT_VSCODE_PATH;
  const mayDownload = process.env.PLAN_AUDIT_DOWNLOAD_VSCODE === '1';
  if (!executable && !mayDownload) {
    console.log('extension-host suite: NOT RUN — no VS Code on this machine (set PLAN_AUDIT_VSCODE_PATH, or PLAN_AUDIT_DOWNLOAD_VSCODE=1 where the internet is reachable; or run it in code-server: npm run test:e2e:host).');
    return 0;
  }
  if (executable && !fs.existsSync(executable)) {
    console.error(`extension-host suite: PLAN_AUDIT_VSCODE_PATH does not exist: ${executable}`);
    return 1;
  }
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-audit-host-'));
  fs.cpSync(path.join(root, 'samples/gao-17-618'), workspace, { recursive: true });
  try {
    return await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out/test/e2e/extensionHost/index.js'),
      launchArgs: [workspace, '--disable-extensions', '--skip-welcome', '--skip-release-notes'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`extension-host suite failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
