/**
 * Drives the real VS Code workbench for the workbench tests: code-server (installed by
 * `test/e2e/setup.sh`) serves it on 127.0.0.1, and Debian's Chromium, driven by playwright-core, shows it.
 * Recipe and selectors: `../shared/design/e2e-recipe.md`.
 *
 * Nothing here waits a fixed time: every wait is on a selector or a condition, with a timeout.
 *
 * Environment:
 * - `PLAN_AUDIT_E2E_HEADED=1`: show the browser window (needs a display; on a headless machine wrap the run
 *   in `xvfb-run -a`). `PLAN_AUDIT_E2E_SLOWMO=<ms>` slows every browser action down to watch it.
 * - `PLAN_AUDIT_CHROMIUM=/path/to/chromium`: another Chromium than Debian's `/usr/bin/chromium`.
 * - `PLAN_AUDIT_CODE_SERVER_VERSION`: the code-server under `.cache/` to use (default 4.100.3, as setup.sh).
 *
 * Artefacts (screenshots, the server's log, the browser console) go to `test-results/e2e/`, git-ignored.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { chromium, type Browser, type BrowserServer, type FrameLocator, type Locator, type Page } from 'playwright-core';

/** The repository root. */
export const repoRoot = path.resolve(__dirname, '../../..');
/** Where screenshots and logs are kept. */
export const resultsDir = path.join(repoRoot, 'test-results/e2e');

const codeServerVersion = process.env.PLAN_AUDIT_CODE_SERVER_VERSION ?? '4.100.3';
const codeServerDir = path.join(repoRoot, `.cache/code-server-${codeServerVersion}`);
const codeServerEntry = path.join(codeServerDir, 'node_modules/code-server/out/node/entry.js');
const installedMarker = path.join(codeServerDir, '.plan-audit-installed');
const chromiumPath = process.env.PLAN_AUDIT_CHROMIUM ?? '/usr/bin/chromium';
const headed = process.env.PLAN_AUDIT_E2E_HEADED === '1';

/** Flags from the recipe: no sandbox as root, no GPU, and no connection that leaves the machine. */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

/**
 * User settings for a fresh profile. Without the trust setting a modal dialog blocks every click; the rest
 * keeps welcome pages, walkthroughs, chat, tips and update checks out of the way.
 */
const baseSettings: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.editor.enablePreview': false,
  'chat.commandCenter.enabled': false,
  'chat.agent.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'files.autoSave': 'off',
  'git.enabled': false,
  'editor.minimap.enabled': false,
};

/** What `startWorkbench` needs. */
export interface WorkbenchOptions {
  /** The extension to install; none when omitted. */
  vsix?: string;
  /**
   * The workspace, copied into a temporary folder: a folder (copied whole), a list of files (copied
   * side by side), or `{ relativePath: content }`.
   */
  workspaceFiles: string | string[] | Record<string, string>;
  /** Prefix of this run's artefacts in `test-results/e2e/` (default `workbench`). */
  name?: string;
  /** User settings added to (or overriding) the defaults above. */
  settings?: Record<string, unknown>;
  /** Milliseconds to wait for code-server and for the workbench to appear (default 60 s each). */
  startTimeout?: number;
  /**
   * Extra workbench settings passed in the URL's `payload` parameter, e.g. `extensionDevelopmentPath` and
   * `extensionTestsPath` (values are usually `vscode-remote://127.0.0.1:<port>/abs/path`). Given the base
   * URL, since the port is only known once code-server runs. None when omitted.
   */
  urlPayload?: (baseUrl: string) => Array<[string, string]>;
  /** Called with the page before it navigates to the workbench (e.g. for `page.exposeFunction`). */
  beforeNavigate?: (page: Page) => Promise<void> | void;
}

/** One row of the Problems panel. */
export interface ProblemRow {
  /** The row's visible text, whitespace collapsed: message, source, code, `[Ln l, Col c]`. */
  text: string;
  /** The row's accessible label, e.g. `Warning: <message> at line 38 column 9 in <file> …`. */
  ariaLabel: string;
}

/** A running workbench. Call `stop()` in an `after`/`finally`: it never throws and is safe to repeat. */
export interface Workbench {
  page: Page;
  /** The temporary copy of the workspace that the workbench has open. */
  workspaceDir: string;
  /** `http://127.0.0.1:<port>`. */
  baseUrl: string;
  /** Saves `test-results/e2e/<name>-<NN>-<step>.png` and returns its path. */
  screenshot(step: string): Promise<string>;
  /** Kills the browser and code-server (by process group) and removes the temporary folders. */
  stop(): Promise<void>;
  /** Opens a workspace file by clicking it (and its folders) in the Explorer; waits for its editor. */
  openFile(relativePath: string): Promise<void>;
  /** Waits for a squiggle of that kind in the visible editor and returns it. */
  waitForSquiggle(kind: 'error' | 'warning' | 'info' | 'hint', timeout?: number): Promise<Locator>;
  /**
   * Shows the Problems panel and returns its rows once at least `minRows` rows are shown (default: once
   * it shows any row or its empty message). File rows are included; filter by text.
   */
  openProblems(minRows?: number, timeout?: number): Promise<ProblemRow[]>;
  /**
   * Moves the mouse over the middle of the first occurrence of `text` among the editor's rendered lines and
   * returns the hover's text. With `line` (1-based), goes to that line first (only lines on screen are
   * rendered) and looks in that line alone.
   */
  hoverAt(text: string, options?: { line?: number; timeout?: number }): Promise<string>;
  /** Runs a command from the command palette by its full title, e.g. `Plan Audit: Show Summary`. */
  runCommand(title: string): Promise<void>;
  /** Moves the cursor with Go to Line (1-based; no column: the line's first non-blank character). */
  goToLine(line: number, column?: number): Promise<void>;
  /**
   * Puts the cursor on the line (see goToLine), opens the quick-fix menu with Ctrl+., and applies the
   * action whose title contains `choose` (default: the first, which VS Code puts the preferred fix at).
   * Returns the titles offered. Does not save.
   */
  quickFixAt(line: number, options?: { column?: number; choose?: string }): Promise<string[]>;
  /** The 1-based lines of the visible editor that show a squiggle of that kind (rendered lines only). */
  squiggleLines(kind: 'error' | 'warning' | 'info' | 'hint'): Promise<number[]>;
  /** The cursor position the status bar shows (`Ln l, Col c`), 1-based. */
  cursorPosition(): Promise<{ line: number; column: number }>;
  /** Saves the active editor and waits until its tab is no longer dirty. */
  save(): Promise<void>;
  /** The status bar's problems item label, e.g. `Warnings: 4` or `No Problems`. */
  problemsStatus(): Promise<string>;
  /** The content frame of the (first) webview panel, once it is ready. */
  webviewFrame(): FrameLocator;
}

/** Polls `condition` until it returns a truthy value; fails after `timeout` ms with `message`. */
export async function waitUntil<T>(
  condition: () => T | Promise<T>,
  { timeout = 30_000, interval = 100, message = 'condition' }: { timeout?: number; interval?: number; message?: string } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeout} ms waiting for ${message}${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** True once `test/e2e/setup.sh` has installed code-server. */
export function isCodeServerInstalled(): boolean {
  return fs.existsSync(installedMarker);
}

/** Processes and folders that must go even when mocha is interrupted before `stop()` runs. */
const live = new Set<{ pids: number[]; dirs: string[] }>();
let exitHooksInstalled = false;
function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', () => {
    for (const entry of live) {
      for (const pid of entry.pids) killGroup(pid, 'SIGKILL');
      for (const dir of entry.dirs) fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => process.exit(130));
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', () => resolve(0));
    request.on('timeout', () => {
      request.destroy();
      resolve(0);
    });
  });
}

function copyWorkspace(files: WorkbenchOptions['workspaceFiles'], target: string): void {
  if (typeof files === 'string') {
    fs.cpSync(files, target, { recursive: true });
  } else if (Array.isArray(files)) {
    for (const file of files) fs.copyFileSync(file, path.join(target, path.basename(file)));
  } else {
    for (const [relative, content] of Object.entries(files)) {
      const file = path.join(target, relative);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
  }
}

function tail(text: string, lines = 30): string {
  return text.split('\n').slice(-lines).join('\n');
}

/**
 * Starts code-server on a free 127.0.0.1 port with a fresh profile, installs `vsix` into it, opens a
 * temporary copy of the workspace in headless Chromium and waits for the workbench.
 */
export async function startWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  if (!isCodeServerInstalled()) {
    throw new Error(`code-server ${codeServerVersion} is not installed: run \`bash test/e2e/setup.sh\` first`);
  }
  installExitHooks();
  const name = options.name ?? 'workbench';
  const startTimeout = options.startTimeout ?? 60_000;
  fs.mkdirSync(resultsDir, { recursive: true });
  // This run's artefacts replace the previous run's of the same name.
  for (const file of fs.readdirSync(resultsDir)) {
    if (file.startsWith(`${name}-`)) fs.rmSync(path.join(resultsDir, file), { force: true });
  }

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-audit-e2e-'));
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  const workspaceDir = path.join(tmp, 'workspace');
  for (const dir of [path.join(userDataDir, 'User'), extensionsDir, workspaceDir]) fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User/settings.json'),
    JSON.stringify({ ...baseSettings, ...options.settings }, null, 2),
  );
  copyWorkspace(options.workspaceFiles, workspaceDir);

  const tracked = { pids: [] as number[], dirs: [tmp] };
  live.add(tracked);

  // code-server keeps its config and state under XDG folders; point them into the temporary folder so a
  // run leaves nothing in the home directory. EXTENSIONS_GALLERY='{}': no look-up of the gallery host.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    EXTENSIONS_GALLERY: '{}',
    XDG_CONFIG_HOME: path.join(tmp, 'config'),
    XDG_DATA_HOME: path.join(tmp, 'data'),
    XDG_CACHE_HOME: path.join(tmp, 'cache'),
  };
  const common = ['--config', path.join(tmp, 'code-server.yaml'), '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  if (options.vsix) {
    const install = spawnSync(process.execPath, [codeServerEntry, ...common, '--install-extension', path.resolve(options.vsix)], {
      env,
      encoding: 'utf8',
      timeout: startTimeout,
    });
    if (install.status !== 0) {
      fs.rmSync(tmp, { recursive: true, force: true });
      live.delete(tracked);
      throw new Error(`installing ${options.vsix} failed (exit ${install.status}):\n${tail(install.stdout + install.stderr)}`);
    }
  }

  let serverLog = '';
  let server: ChildProcess | undefined;
  let browserServer: BrowserServer | undefined;
  let browser: Browser | undefined;
  const consoleLines: string[] = [];
  let stopped = false;
  let shot = 0;

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    // The browser first (so the page stops reconnecting), each step bounded, errors swallowed.
    if (browser) await Promise.race([browser.close().catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
    if (browserServer) await browserServer.kill().catch(() => undefined);
    for (const pid of tracked.pids) killGroup(pid, 'SIGTERM');
    await waitUntil(() => tracked.pids.every((pid) => !isAlive(pid)), { timeout: 5000, message: 'processes to exit' }).catch(
      () => tracked.pids.forEach((pid) => killGroup(pid, 'SIGKILL')),
    );
    try {
      fs.writeFileSync(path.join(resultsDir, `${name}-code-server.log`), serverLog);
      fs.writeFileSync(path.join(resultsDir, `${name}-console.log`), consoleLines.join('\n') + '\n');
    } catch {
      // artefacts are best effort
    }
    fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
    live.delete(tracked);
  };

  try {
    // A free port can be taken between the probe and code-server's bind: try a few.
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      server = spawn(
        process.execPath,
        [
          codeServerEntry,
          ...common,
          '--bind-addr', `127.0.0.1:${port}`,
          '--auth', 'none',
          '--disable-telemetry',
          '--disable-update-check',
          '--disable-workspace-trust',
          '--disable-getting-started-override',
          workspaceDir,
        ],
        { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const child = server;
      tracked.pids.push(child.pid!);
      child.stdout!.on('data', (chunk: Buffer) => (serverLog += chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => (serverLog += chunk.toString()));
      let exited = false;
      child.once('exit', () => (exited = true));
      try {
        await waitUntil(async () => exited || (await httpStatus(`http://127.0.0.1:${port}/healthz`)) === 200, {
          timeout: startTimeout,
          interval: 200,
          message: `code-server on 127.0.0.1:${port}`,
        });
      } catch (error) {
        throw new Error(`${(error as Error).message}\n${tail(serverLog)}`);
      }
      if (!exited) break;
      if (attempt === 3 || !/EADDRINUSE/.test(serverLog)) throw new Error(`code-server exited at start:\n${tail(serverLog)}`);
    }
    const baseUrl = `http://127.0.0.1:${port}`;

    browserServer = await chromium.launchServer({
      executablePath: chromiumPath,
      headless: !headed,
      args: chromiumArgs,
      host: '127.0.0.1',
      env: { ...process.env, XDG_CONFIG_HOME: env.XDG_CONFIG_HOME, XDG_CACHE_HOME: env.XDG_CACHE_HOME } as Record<string, string>,
      handleSIGINT: false,
      handleSIGTERM: false,
    });
    const browserPid = browserServer.process().pid;
    if (browserPid) tracked.pids.push(browserPid);
    browser = await chromium.connect(browserServer.wsEndpoint(), {
      slowMo: Number(process.env.PLAN_AUDIT_E2E_SLOWMO ?? 0) || undefined,
    });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.message}`));
    await options.beforeNavigate?.(page);
    const payload = options.urlPayload?.(baseUrl);
    const query = payload?.length ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : '';
    await page.goto(`${baseUrl}/?folder=${encodeURIComponent(workspaceDir)}${query}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: startTimeout });

    const workbench: Workbench = {
      page,
      workspaceDir,
      baseUrl,
      stop,
      async screenshot(step) {
        shot += 1;
        const file = path.join(resultsDir, `${name}-${String(shot).padStart(2, '0')}-${step.replace(/[^\w.-]+/g, '-')}.png`);
        await page.screenshot({ path: file });
        return file;
      },
      async openFile(relativePath) {
        const explorer = page.locator('.explorer-folders-view');
        if (!(await explorer.isVisible())) await page.keyboard.press('Control+Shift+E');
        await explorer.waitFor({ timeout: 30_000 });
        const parts = relativePath.split('/');
        for (const [index, part] of parts.entries()) {
          const row = explorer.locator(`.monaco-list-row[aria-label="${part}"]`).first();
          await row.waitFor({ timeout: 30_000 });
          const isFile = index === parts.length - 1;
          if (isFile) {
            await row.click();
          } else if ((await row.getAttribute('aria-expanded')) !== 'true') {
            await row.click();
          }
        }
        const file = parts[parts.length - 1];
        await page.locator(`.tabs-container .tab.active[data-resource-name="${file}"]`).waitFor({ timeout: 30_000 });
        await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor({ timeout: 30_000 });
      },
      async waitForSquiggle(kind, timeout = 30_000) {
        const squiggle = page.locator(`.editor-group-container.active .monaco-editor .squiggly-${kind}`).first();
        await squiggle.waitFor({ state: 'attached', timeout });
        return squiggle;
      },
      async openProblems(minRows, timeout = 30_000) {
        const panel = page.locator('.markers-panel');
        if (!(await panel.isVisible())) await page.keyboard.press('Control+Shift+M');
        await panel.waitFor({ timeout });
        const rows = panel.locator('.monaco-list-row');
        if (minRows === undefined) {
          await waitUntil(async () => (await rows.count()) > 0 || (await panel.locator('.message-box-container').isVisible()), {
            timeout,
            message: 'the Problems panel to show rows or its empty message',
          });
        } else {
          await waitUntil(async () => (await rows.count()) >= minRows, { timeout, message: `${minRows} Problems rows` });
        }
        // One read of all rows: the list re-renders while diagnostics change, so row-by-row reads could
        // wait on a row that is gone.
        return rows.evaluateAll((elements) =>
          elements.map((element) => ({
            text: (element as HTMLElement).innerText.replace(/\s+/g, ' ').trim(),
            ariaLabel: element.getAttribute('aria-label') ?? '',
          })),
        );
      },
      async hoverAt(text, { line, timeout = 30_000 } = {}) {
        if (line !== undefined) await workbench.goToLine(line);
        const point = await waitUntil(
          () =>
            page.evaluate(({ needle, lineNumber }) => {
              const editor = document.querySelector('.editor-group-container.active .monaco-editor');
              if (!editor) return null;
              let lines = Array.from(editor.querySelectorAll('.view-lines .view-line'));
              if (lineNumber !== undefined) {
                // Rendered lines carry no number: match the gutter's line number by its vertical position.
                const gutter = Array.from(editor.querySelectorAll('.margin-view-overlays .line-numbers')).find(
                  (cell) => cell.textContent?.trim() === String(lineNumber),
                );
                if (!gutter) return null;
                const top = gutter.getBoundingClientRect().top;
                lines = lines.filter((line) => Math.abs(line.getBoundingClientRect().top - top) < 2);
              }
              // The editor renders spaces as U+00A0; search the rendered lines' text nodes.
              for (const line of lines) {
                const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
                const nodes: Text[] = [];
                let full = '';
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                  nodes.push(node as Text);
                  full += (node.textContent ?? '').replace(/\u00a0/g, ' ');
                }
                const at = full.indexOf(needle);
                if (at < 0) continue;
                // The middle character of the match, found in its text node.
                let offset = at + Math.floor(needle.length / 2);
                for (const node of nodes) {
                  const length = node.textContent?.length ?? 0;
                  if (offset < length) {
                    const range = document.createRange();
                    range.setStart(node, offset);
                    range.setEnd(node, offset + 1);
                    const rect = range.getBoundingClientRect();
                    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
                  }
                  offset -= length;
                }
              }
              return null;
            }, { needle: text, lineNumber: line }),
          { timeout, message: `"${text}" on screen in the editor` },
        );
        const hover = page.locator('.monaco-hover:not(.hidden)');
        await page.mouse.move(point.x, point.y + 200); // away first, so the hover is shown anew
        await page.mouse.move(point.x, point.y, { steps: 3 });
        await hover.first().waitFor({ timeout });
        await waitUntil(async () => (await hover.first().innerText()).trim().length > 0, { timeout, message: 'hover text' });
        return (await hover.first().innerText()).trim();
      },
      async runCommand(title) {
        await page.keyboard.press('Control+Shift+P');
        const input = page.locator('.quick-input-widget .quick-input-box input');
        await input.waitFor({ timeout: 30_000 });
        await input.fill(`>${title}`);
        const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row.focused');
        await waitUntil(async () => ((await row.getAttribute('aria-label', { timeout: 1000 })) ?? '').includes(title), {
          timeout: 30_000,
          message: `command "${title}" in the palette`,
        });
        await page.keyboard.press('Enter');
        await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 30_000 });
      },
      async goToLine(line, column) {
        await page.keyboard.press('Control+G');
        const input = page.locator('.quick-input-widget .quick-input-box input');
        await input.waitFor({ timeout: 30_000 });
        await input.fill(column ? `:${line}:${column}` : `:${line}`);
        await page.keyboard.press('Enter');
        await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 30_000 });
        if (!column) await page.keyboard.press('Home'); // Go to Line leaves the cursor in column 1
      },
      async quickFixAt(line, { column, choose } = {}) {
        await workbench.goToLine(line, column);
        await page.keyboard.press('Control+.');
        const rows = page.locator('.action-widget .monaco-list-row.action');
        await rows.first().waitFor({ timeout: 30_000 });
        const titles = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
        const target = choose === undefined ? 0 : titles.findIndex((t) => t.includes(choose));
        if (target < 0) throw new Error(`no quick fix containing "${choose}" among: ${titles.join(' | ')}`);
        // A click is blocked by an overlay: move with the keyboard from the focused row.
        const focused = await rows.evaluateAll((all) => all.findIndex((row) => row.classList.contains('focused')));
        const from = focused < 0 ? 0 : focused;
        for (let i = from; i < target; i++) await page.keyboard.press('ArrowDown');
        for (let i = from; i > target; i--) await page.keyboard.press('ArrowUp');
        await page.keyboard.press('Enter');
        await page.locator('.action-widget').waitFor({ state: 'hidden', timeout: 30_000 });
        return titles;
      },
      async squiggleLines(kind) {
        return page.evaluate((cls) => {
          const editor = document.querySelector('.editor-group-container.active .monaco-editor');
          if (!editor) return [];
          const gutter = Array.from(editor.querySelectorAll('.margin-view-overlays .line-numbers'));
          const lines = new Set<number>();
          for (const squiggle of Array.from(editor.querySelectorAll(`.squiggly-${cls}`))) {
            const top = squiggle.getBoundingClientRect().top;
            const cell = gutter.find((candidate) => {
              const box = candidate.getBoundingClientRect();
              return top >= box.top - 1 && top < box.bottom;
            });
            if (cell) lines.add(Number(cell.textContent?.trim()));
          }
          return Array.from(lines).sort((a, b) => a - b);
        }, kind);
      },
      async cursorPosition() {
        const label = await page.locator('#status\\.editor\\.selection').first().innerText();
        const match = /Ln (\d+), Col (\d+)/.exec(label);
        if (!match) throw new Error(`no cursor position in the status bar: "${label}"`);
        return { line: Number(match[1]), column: Number(match[2]) };
      },
      async save() {
        await page.keyboard.press('Control+S');
        await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: 30_000 });
      },
      async problemsStatus() {
        return (await page.locator('#status\\.problems a').first().getAttribute('aria-label')) ?? '';
      },
      webviewFrame() {
        return page.frameLocator('iframe.webview.ready').first().frameLocator('iframe#active-frame');
      },
    };
    return workbench;
  } catch (error) {
    await stop();
    throw error;
  }
}
