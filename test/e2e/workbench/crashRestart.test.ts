/**
 * The language server crashes under a user: the tests kill its process in the real workbench
 * (code-server + headless Chromium, see `harness.ts`) and check what the user then sees: the server
 * comes back, diagnostics come back from it, and one notification says what happened, once; after the
 * fifth crash within 3 minutes the client stops restarting, says so, and "Restart Server" brings it back.
 * The tests form one session and run in order (the crashes count across them).
 *
 * Needs the packaged extension (`npm run package` → `plan-audit.vsix`, or `PLAN_AUDIT_VSIX=<path>`) and
 * code-server (`bash test/e2e/setup.sh`).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot, startWorkbench, waitUntil, type Workbench } from './harness';

const vsix = process.env.PLAN_AUDIT_VSIX ?? path.join(repoRoot, 'plan-audit.vsix');
const planFile = 'adcvd-fy2017-annual.plan.yaml';
const restartNotice = 'The Plan Audit server stopped unexpectedly and was restarted.';
const stopNotice = 'The Plan Audit server crashed 5 times in 3 minutes and will not be restarted.';
/** The line the first test adds, which a schema error underlines. */
const bogusLine = 40;

/**
 * Pids of the Plan Audit language servers that this workbench runs: Node processes whose command line
 * names `dist/server.js` inside the workbench's own (temporary) extensions folder.
 */
function languageServerPids(workbench: Workbench): number[] {
  const extensionsDir = path.join(path.dirname(workbench.workspaceDir), 'extensions') + path.sep;
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let commandLine: string;
    try {
      commandLine = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const args = commandLine.split('\0');
    if (args.some((arg) => arg.startsWith(extensionsDir) && arg.endsWith(path.join('dist', 'server.js')))) {
      pids.push(Number(entry));
    }
  }
  return pids;
}

/** The texts of the notifications in the notification center (every one shown so far, toasts included). */
async function notificationTexts(workbench: Workbench): Promise<string[]> {
  const center = workbench.page.locator('.notifications-center');
  if (!(await center.isVisible())) {
    await workbench.runCommand('Notifications: Show Notifications');
  }
  await center.waitFor({ timeout: 30_000 });
  return center.locator('.notification-list-item').evaluateAll((items) => items.map((item) => (item as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
}

/** Waits for the one running server to be another process than `previous`, and returns its pid. */
async function nextServerPid(workbench: Workbench, previous: number): Promise<number> {
  const [pid] = await waitUntil(() => {
    const pids = languageServerPids(workbench);
    return pids.length === 1 && pids[0] !== previous ? pids : undefined;
  }, { timeout: 60_000, message: `a new Plan Audit server process (after ${previous})` });
  return pid;
}

/**
 * Comments or uncomments the added line (Ctrl+/) and waits until the status bar shows what the server
 * says of the new text: a stale diagnostic cannot pass this, only a running server that analysed the edit.
 */
async function toggleBogusLineAndWait(workbench: Workbench, commentedOut: boolean): Promise<void> {
  await workbench.goToLine(bogusLine);
  await workbench.page.keyboard.press('Control+Slash');
  const expected = commentedOut ? /^Warnings: 4$/ : /Errors: 1/;
  await waitUntil(async () => expected.test(await workbench.problemsStatus()), { timeout: 60_000, message: `status bar ${expected}` });
}

describe('Plan Audit in the workbench: the server crashes', function () {
  let workbench: Workbench;
  /** The running server's process id. */
  let serverPid = 0;

  before(async function () {
    if (!fs.existsSync(vsix)) {
      throw new Error(`${vsix} does not exist: run \`npm run package\` first (or set PLAN_AUDIT_VSIX)`);
    }
    workbench = await startWorkbench({ name: 'crash-restart', vsix, workspaceFiles: path.join(repoRoot, 'samples/gao-17-618') });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      await workbench.screenshot(`FAILED-${this.currentTest.title}`).catch(() => undefined);
    }
  });

  after(async function () {
    await workbench?.stop();
  });

  it('restarts a killed server, shows its diagnostics again and tells the user once', async function () {
    await workbench.openFile(planFile);
    await workbench.waitForSquiggle('warning', 60_000);
    await waitUntil(async () => (await workbench.problemsStatus()) === 'Warnings: 4', { timeout: 30_000, message: 'Warnings: 4 in the status bar' });
    const [firstPid] = await waitUntil(() => {
      const pids = languageServerPids(workbench);
      return pids.length === 1 ? pids : undefined;
    }, { message: 'exactly one Plan Audit server process' });
    await workbench.screenshot('before-kill');

    process.kill(firstPid, 'SIGKILL');

    // The server comes back: a new process of the extension's server module.
    const [secondPid] = await waitUntil(() => {
      const pids = languageServerPids(workbench);
      return pids.length === 1 && pids[0] !== firstPid ? pids : undefined;
    }, { timeout: 60_000, message: 'a new Plan Audit server process' });
    assert.notStrictEqual(secondPid, firstPid);
    const toast = workbench.page.locator('.notifications-toasts .notification-toast', { hasText: restartNotice });
    await toast.first().waitFor({ timeout: 30_000 });
    await workbench.screenshot('restart-notice');

    // Diagnostics come back, from the new server: the four warnings, and a schema error typed now.
    await workbench.waitForSquiggle('warning', 60_000);
    await waitUntil(async () => (await workbench.problemsStatus()) === 'Warnings: 4', { timeout: 60_000, message: 'Warnings: 4 after the restart' });
    await workbench.goToLine(39); // `unit: audits` of the first measure
    await workbench.page.keyboard.press('End');
    await workbench.page.keyboard.press('Enter');
    await workbench.page.keyboard.type('bogus_key: 1');
    await workbench.waitForSquiggle('error', 60_000);
    await waitUntil(async () => /Errors: 1/.test(await workbench.problemsStatus()), { timeout: 60_000, message: 'Errors: 1 from the restarted server' });
    await workbench.screenshot('diagnostics-after-restart');

    // Told once: one notification from Plan Audit in all, the restart notice.
    const fromPlanAudit = (await notificationTexts(workbench)).filter((text) => /Plan Audit/i.test(text));
    await workbench.screenshot('notification-center');
    assert.deepStrictEqual(
      fromPlanAudit.map((text) => text.includes(restartNotice)),
      [true],
      `expected the restart notice alone, got:\n${fromPlanAudit.join('\n')}`,
    );
    assert.deepStrictEqual(languageServerPids(workbench), [secondPid], 'the restarted server is still the only one running');
    serverPid = secondPid;
  });

  it('stops restarting at the fifth crash within 3 minutes, says so, and restarts on "Restart Server"', async function () {
    // Crashes 2 to 4: restarted without a word; each new server proves itself on an edit.
    let commentedOut = false;
    for (let crash = 2; crash <= 4; crash++) {
      process.kill(serverPid, 'SIGKILL');
      serverPid = await nextServerPid(workbench, serverPid);
      commentedOut = !commentedOut;
      await toggleBogusLineAndWait(workbench, commentedOut);
    }
    const afterFour = (await notificationTexts(workbench)).filter((text) => /Plan Audit/i.test(text));
    assert.strictEqual(afterFour.length, 1, `crashes 2-4 added notifications:\n${afterFour.join('\n')}`);

    // Crash 5: no new server, and an error that offers the restart.
    process.kill(serverPid, 'SIGKILL');
    const stopItem = workbench.page.locator('.notification-list-item', { hasText: stopNotice }).first();
    await stopItem.waitFor({ timeout: 60_000 });
    await workbench.screenshot('stop-notice');
    assert.deepStrictEqual(languageServerPids(workbench), [], 'a server was started after the fifth crash');
    const restartButton = stopItem.locator('.monaco-button', { hasText: 'Restart Server' });
    await restartButton.click();

    serverPid = await nextServerPid(workbench, serverPid);
    await toggleBogusLineAndWait(workbench, !commentedOut);
    await workbench.screenshot('restarted-by-hand');
  });
});
