/**
 * The summary panel's page in headless Debian Chromium (playwright-core; e2e-recipe.md): the HTML the
 * extension builds (`buildSummaryHtml`) with the bundled `dist/webview.js` and `client/media/summary.css`,
 * served from a loopback HTTP server, `acquireVsCodeApi` stubbed. It proves that hostile plan strings
 * run nothing and show verbatim, that rows open their YAML node, that the state survives a reload, that
 * 500 positions and 200 plans render without freezing, and keeps screenshots in light, dark and
 * high-contrast themes under test-results/.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import type { PlanAuditSummaryReport } from '../../server/src/core/summary';
import { buildSummaryHtml, createNonce } from '../../client/src/summaryHtml';
import { analyzeText } from '../../server/src/core/analyze';
import type { SummaryResult } from '../../server/src/protocol';
import { hostile, hostileDocuments, largeDocuments, loadFolder, samplesRoot, summarize } from '../unit/summaryFixtures';
import { createAnalysisCache } from '../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

const chromiumPath = '/usr/bin/chromium';
const repoRoot = path.resolve(__dirname, '../..');
const screenshotDir = path.join(repoRoot, 'test-results');

/** Theme variables as VS Code injects them (values from the Light Modern, Dark Modern and Dark High Contrast themes). */
const themes: Record<'light' | 'dark' | 'high-contrast', { bodyClass: string; variables: Record<string, string> }> = {
  light: {
    bodyClass: 'vscode-light',
    variables: {
      'font-family': '-apple-system, BlinkMacSystemFont, "Segoe WPC", "Segoe UI", "Ubuntu", "Droid Sans", sans-serif',
      'font-size': '13px',
      'font-weight': 'normal',
      foreground: '#3b3b3b',
      'editor-background': '#ffffff',
      descriptionForeground: '#3b3b3b',
      'panel-border': '#e5e5e5',
      'widget-border': '#e5e5e5',
      'editorWidget-background': '#f8f8f8',
      'list-hoverBackground': '#f2f2f2',
      'list-focusBackground': '#e8e8e8',
      focusBorder: '#005fb8',
      'button-background': '#005fb8',
      'button-foreground': '#ffffff',
      'button-hoverBackground': '#0258a8',
      'textLink-foreground': '#005fb8',
      'textLink-activeForeground': '#005fb8',
      'input-background': '#ffffff',
      'input-foreground': '#3b3b3b',
      'input-border': '#cecece',
      'input-placeholderForeground': '#767676',
      'dropdown-background': '#ffffff',
      'dropdown-foreground': '#3b3b3b',
      'dropdown-border': '#cecece',
      errorForeground: '#c72e0f',
      'editorWarning-foreground': '#bf8803',
      'charts-red': '#e51400',
      'charts-blue': '#1a85ff',
      'charts-green': '#388a34',
      'charts-yellow': '#bf8803',
      'charts-orange': '#d18616',
      'charts-lines': 'rgba(0, 0, 0, 0.6)',
      'keybindingTable-headerBackground': 'rgba(59, 59, 59, 0.04)',
    },
  },
  dark: {
    bodyClass: 'vscode-dark',
    variables: {
      'font-family': '-apple-system, BlinkMacSystemFont, "Segoe WPC", "Segoe UI", "Ubuntu", "Droid Sans", sans-serif',
      'font-size': '13px',
      'font-weight': 'normal',
      foreground: '#cccccc',
      'editor-background': '#1f1f1f',
      descriptionForeground: '#9d9d9d',
      'panel-border': '#2b2b2b',
      'widget-border': '#313131',
      'editorWidget-background': '#202020',
      'list-hoverBackground': '#2a2d2e',
      'list-focusBackground': '#04395e',
      focusBorder: '#0078d4',
      'button-background': '#0078d4',
      'button-foreground': '#ffffff',
      'button-hoverBackground': '#026ec1',
      'textLink-foreground': '#4daafc',
      'textLink-activeForeground': '#4daafc',
      'input-background': '#313131',
      'input-foreground': '#cccccc',
      'input-border': '#3c3c3c',
      'input-placeholderForeground': '#989898',
      'dropdown-background': '#313131',
      'dropdown-foreground': '#cccccc',
      'dropdown-border': '#3c3c3c',
      errorForeground: '#f85149',
      'editorWarning-foreground': '#cca700',
      'charts-red': '#f14c4c',
      'charts-blue': '#3794ff',
      'charts-green': '#89d185',
      'charts-yellow': '#cca700',
      'charts-orange': '#d18616',
      'charts-lines': 'rgba(204, 204, 204, 0.5)',
      'keybindingTable-headerBackground': 'rgba(204, 204, 204, 0.04)',
    },
  },
  'high-contrast': {
    bodyClass: 'vscode-high-contrast',
    variables: {
      'font-family': '-apple-system, BlinkMacSystemFont, "Segoe WPC", "Segoe UI", "Ubuntu", "Droid Sans", sans-serif',
      'font-size': '13px',
      'font-weight': 'normal',
      foreground: '#ffffff',
      'editor-background': '#000000',
      descriptionForeground: 'rgba(255, 255, 255, 0.7)',
      contrastBorder: '#6fc3df',
      contrastActiveBorder: '#f38518',
      focusBorder: '#f38518',
      'button-background': '#000000',
      'button-foreground': '#ffffff',
      'button-border': '#6fc3df',
      'textLink-foreground': '#21a6ff',
      'textLink-activeForeground': '#21a6ff',
      'input-background': '#000000',
      'input-foreground': '#ffffff',
      'input-border': '#6fc3df',
      'dropdown-background': '#000000',
      'dropdown-foreground': '#ffffff',
      'dropdown-border': '#6fc3df',
      errorForeground: '#f48771',
      'editorWarning-foreground': '#ffd370',
      'charts-red': '#f48771',
      'charts-blue': '#3794ff',
      'charts-green': '#89d185',
      'charts-yellow': '#ffd370',
      'charts-orange': '#d18616',
      'charts-lines': 'rgba(255, 255, 255, 0.6)',
    },
  },
};

type ThemeName = keyof typeof themes;

function themeCss(theme: ThemeName): string {
  return `html { ${Object.entries(themes[theme].variables)
    .map(([name, value]) => `--vscode-${name}: ${value};`)
    .join(' ')} }\n`;
}

function toResult(report: PlanAuditSummaryReport, focusScope = 0, generation = 1): SummaryResult {
  return { scopes: report.scopes, focusScope, generation };
}

interface Served {
  readonly baseUrl: string;
  /** Paths requested that are not the page's own files. */
  readonly unexpected: string[];
  close(): Promise<void>;
}

/** Serves the panel page and its two resources (plus the test-only theme sheets) on 127.0.0.1. */
async function serve(): Promise<Served> {
  const unexpected: string[] = [];
  let baseUrl = '';
  const files: Record<string, () => { type: string; body: string | Buffer }> = {
    '/panel.html': () => ({
      type: 'text/html; charset=utf-8',
      body: buildSummaryHtml({ cspSource: baseUrl, nonce: createNonce(), scriptUri: `${baseUrl}/dist/webview.js`, styleUri: `${baseUrl}/client/media/summary.css` }),
    }),
    '/dist/webview.js': () => ({ type: 'text/javascript; charset=utf-8', body: fs.readFileSync(path.join(repoRoot, 'dist/webview.js')) }),
    '/client/media/summary.css': () => ({ type: 'text/css; charset=utf-8', body: fs.readFileSync(path.join(repoRoot, 'client/media/summary.css')) }),
    '/test-theme/light.css': () => ({ type: 'text/css', body: themeCss('light') }),
    '/test-theme/dark.css': () => ({ type: 'text/css', body: themeCss('dark') }),
    '/test-theme/high-contrast.css': () => ({ type: 'text/css', body: themeCss('high-contrast') }),
    // Chromium asks for it by itself; not the page's doing.
    '/favicon.ico': () => ({ type: 'image/x-icon', body: '' }),
  };
  const server = http.createServer((request, response) => {
    const url = (request.url ?? '/').split('?')[0];
    const file = files[url];
    if (!file) {
      unexpected.push(url);
      response.writeHead(404).end();
      return;
    }
    const { type, body } = file();
    response.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { baseUrl, unexpected, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** What the page did that a test may assert on. */
interface PageLog {
  dialogs: string[];
  errors: string[];
}

/**
 * The `acquireVsCodeApi` the webview host provides, stubbed: records messages and state, and CSP
 * violation reports. Plain JavaScript text, so the test runner's transpiler cannot add helpers to it.
 * `__name` is the helper tsx adds to named functions in the callbacks passed to `page.evaluate`.
 */
function stubScript(savedState: unknown): string {
  return `
    window.__name = (target) => target;
    window.__posted = [];
    window.__violations = [];
    window.__state = ${JSON.stringify(savedState ?? null)} ?? undefined;
    let acquired = false;
    window.acquireVsCodeApi = () => {
      if (acquired) { throw new Error('acquireVsCodeApi called twice'); }
      acquired = true;
      return {
        postMessage: (message) => window.__posted.push(JSON.parse(JSON.stringify(message))),
        getState: () => window.__state,
        setState: (state) => { window.__state = JSON.parse(JSON.stringify(state)); },
      };
    };
    document.addEventListener('securitypolicyviolation', (event) => window.__violations.push(event.violatedDirective + ' ' + event.blockedURI));
  `;
}

describe('summary webview in headless Chromium', function () {
  this.timeout(90_000);
  let browser: Browser | undefined;
  let served: Served | undefined;

  before(async function () {
    if (!fs.existsSync(chromiumPath)) {
      // `npm test` installs Chromium first (test/e2e/setup.sh); under CI a missing browser is a failure,
      // never a silent skip. A developer running this file alone without Chromium gets a skip and a hint.
      if (process.env.CI) {
        throw new Error(`${chromiumPath} is not installed: run \`npm run test:e2e:setup\` (apt-get install chromium)`);
      }
      console.log(`    Skipping the summary webview tests: ${chromiumPath} is not installed (npm run test:e2e:setup).`);
      this.skip();
    }
    const bundle = path.join(repoRoot, 'dist/webview.js');
    const sources = [...fs.readdirSync(path.join(repoRoot, 'client/src/webview')).map((name) => path.join(repoRoot, 'client/src/webview', name)), path.join(repoRoot, 'server/src/summaryChart.ts')];
    if (!fs.existsSync(bundle) || sources.some((source) => fs.statSync(source).mtimeMs > fs.statSync(bundle).mtimeMs)) {
      execFileSync(process.execPath, ['esbuild.js'], { cwd: repoRoot, stdio: 'inherit' });
    }
    const { chromium } = await import('playwright-core');
    served = await serve();
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
    });
    fs.mkdirSync(screenshotDir, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await served?.close();
  });

  /** Opens the panel page like a webview: stubbed API, optional saved state, theme. */
  async function openPanel(theme: ThemeName = 'dark', savedState?: unknown): Promise<{ page: Page; log: PageLog }> {
    const context = await (browser as Browser).newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const log: PageLog = { dialogs: [], errors: [] };
    page.on('dialog', (dialog) => {
      log.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => log.errors.push(error.message));
    await page.addInitScript({ content: stubScript(savedState) });
    await page.goto(`${(served as Served).baseUrl}/panel.html`);
    await page.addStyleTag({ url: `${(served as Served).baseUrl}/test-theme/${theme}.css` });
    await page.evaluate((bodyClass) => document.body.classList.add(bodyClass), themes[theme].bodyClass);
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((message) => message.type === 'ready'));
    return { page, log };
  }

  async function postSummary(page: Page, result: SummaryResult): Promise<void> {
    await page.evaluate((data) => window.postMessage({ type: 'summary', result: data }, '*'), result as unknown as Record<string, unknown>);
    await page.waitForFunction(() => document.getElementById('root')?.getAttribute('aria-busy') === 'false');
  }

  const posted = (page: Page) => page.evaluate(() => (window as unknown as { __posted: { type: string; uri?: string; range?: { start: { line: number } } }[] }).__posted);

  it('hostile plan strings run nothing and show verbatim', async () => {
    const { page, log } = await openPanel('dark');
    const result = toResult(summarize(hostileDocuments()));
    await postSummary(page, result);
    // Exercise every interactive path too: clicks, keyboard, details, filter, hover.
    await page.locator('tbody tr.row-link').first().click();
    await page.locator('tbody tr.row-link').first().press('Enter');
    await page.locator('details summary').first().click().catch(() => undefined);
    await page.locator('input[type=search]').first().fill(hostile.img.slice(0, 4));
    await page.locator('input[type=search]').first().fill('');
    await page.locator('svg.chart').first().hover();

    const verdict = await page.evaluate(() => {
      const all = Array.from(document.querySelectorAll('*'));
      return {
        pwned: (window as unknown as { __pwned?: unknown }).__pwned,
        images: document.querySelectorAll('img').length,
        scripts: document.querySelectorAll('script').length,
        links: Array.from(document.body.querySelectorAll('a, [href], [xlink\\:href], iframe, object, embed')).length,
        handlers: all.flatMap((element) => Array.from(element.attributes).filter((attribute) => /^on/i.test(attribute.name)).map((attribute) => `${element.tagName} ${attribute.name}`)),
        foreignSvg: Array.from(document.querySelectorAll('svg')).filter((element) => !element.closest('td, figure, .legend')).length,
        text: document.body.innerText,
        violations: (window as unknown as { __violations: string[] }).__violations,
      };
    });
    assert.strictEqual(verdict.pwned, undefined, 'no hostile script ran');
    assert.deepStrictEqual(log.dialogs, [], 'no dialog opened');
    assert.deepStrictEqual(log.errors, [], 'no page error');
    assert.strictEqual(verdict.images, 0, 'no <img> was created');
    assert.strictEqual(verdict.scripts, 1, 'only our nonce script');
    assert.strictEqual(verdict.links, 0, 'no link, frame or embedded object');
    assert.deepStrictEqual(verdict.handlers, [], 'no inline event handler attribute');
    assert.strictEqual(verdict.foreignSvg, 0, 'no SVG outside our charts');
    assert.deepStrictEqual(verdict.violations, [], 'nothing tried to break the CSP');
    assert.deepStrictEqual((served as Served).unexpected, [], 'no request besides the page, its script and its stylesheet');
    for (const text of [hostile.img, hostile.script, hostile.link, hostile.attribute, hostile.jsUrl]) {
      assert.ok(verdict.text.includes(text), `shows verbatim: ${text}`);
    }
    assert.strictEqual(await page.getByRole('heading', { name: hostile.img, exact: true }).count(), 1, 'the portfolio title is a heading, as text');
    assert.strictEqual(await page.locator('tbody th', { hasText: hostile.script }).count(), 2, 'area and position names, as text');
    const reveals = (await posted(page)).filter((message) => message.type === 'reveal');
    assert.ok(reveals.length >= 2, 'rows still open their source');
    assert.ok(reveals.every((message) => message.uri?.startsWith('file:///ws/hostile.')), 'only the summary files are opened');
    await page.screenshot({ path: path.join(screenshotDir, 'summary-panel-hostile-dark.png'), fullPage: true });
    await page.context().close();
  });

  it('counts targets to fill in apart from targets, in the overview, the table, the bar and the badges (issue 13)', async () => {
    const { page, log } = await openPanel('light');
    const plan = `kind: plan\nversion: 1\nid: p\ntitle: P\nagency: A\nowner: O\nissue_area: x\ntype: annual\nstatus: final\nperiod: {start: 2017, end: 2017}\ngoals:\n  - id: g\n    title: G\n    measures:\n`;
    const measure = (id: string, targets: string) => `      - id: ${id}\n        name: ${id}\n        unit: cases\n        data_source: log\n${targets}`;
    const text = plan + measure('numeric', '        targets:\n          - {fiscal_year: 2017, value: 5}\n') + measure('empty', '        targets:\n          - {fiscal_year: 2017, value: }\n') + measure('none', '');
    await postSummary(page, toResult(summarize([analyzeText('file:///ws/p.plan.yaml', text, { cache })])));
    assert.match((await page.locator('.overview').textContent()) ?? '', /3 measures: 1 with targets · 1 to fill in · 0 justified · 1 without/);
    assert.deepStrictEqual(await page.locator('#targets thead th').allTextContents(), ['Plan', 'Type', 'Period', 'Standing', 'Measures', 'With targets', 'To fill in', 'Justified', 'Without', 'Share']);
    const row = page.locator('#targets tbody tr').first();
    assert.deepStrictEqual(await row.locator('td.num').allTextContents(), ['3', '1', '1', '0', '1']);
    assert.strictEqual(await row.locator('svg.bar').getAttribute('aria-label'), '3 measures: 1 with targets, 1 with targets to fill in, 0 justified exceptions, 1 without a target');
    assert.strictEqual(await row.locator('svg.bar rect.bar-warn').count(), 1);
    await row.locator('details summary').click();
    assert.deepStrictEqual(await row.locator('.plain-list .badge').allTextContents(), ['✓Has targets', '!Targets to fill in', '✗No target']);
    assert.deepStrictEqual(log.errors, []);
    await page.context().close();
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as const) {
    it(`renders Tables 11, 5 and 6 of GAO-17-618 (${theme} theme screenshot)`, async () => {
      const { page, log } = await openPanel(theme);
      const report = summarize(loadFolder(samplesRoot));
      const gaoIndex = report.scopes.findIndex((scope) => scope.scopeLabel === 'CBP Priority Trade Issues');
      await postSummary(page, toResult(report, gaoIndex));
      assert.strictEqual(await page.locator('#scope').inputValue(), report.scopes[gaoIndex].scopeId, 'the scope of the active file is shown');
      const coverageRows = page.locator('#coverage tbody tr');
      assert.deepStrictEqual(
        await coverageRows.evaluateAll((rows) => rows.map((row) => [row.querySelector('th')?.textContent, row.querySelector('.badge')?.textContent])),
        [
          ['Agriculture Programs', '✗Missing'],
          ['Antidumping and Countervailing Duties (AD/CVD)', '✓Current'],
          ['Import Safety', '✗Missing'],
          ['Intellectual Property Rights (IPR)', '!Outdated'],
          ['Textiles and Wearing Apparel', '!Outdated'],
          ['Trade Agreements and Preference Programs', '!Outdated'],
          ['Revenue', '!Outdated'],
        ],
      );
      const importSpecialist = page.locator('#staffing tbody tr', { hasText: 'Import specialist' }).first();
      assert.deepStrictEqual(
        await importSpecialist.locator('td.num').evaluateAll((cells) => cells.map((cell) => cell.textContent)),
        ['984', '983▼ below min.', '987', '954▼ below min.', '936▼ below min.▼ below opt.', '917▼ below min.▼ below opt.'],
      );
      assert.match((await importSpecialist.locator('svg.chart').getAttribute('aria-label')) ?? '', /^Import specialist: actuals FY2012 983, .* mandated minimum 984; optimal range 984–1,748 \(FY2015–FY2022\); below the minimum in 4 of 5 reported years; below the optimal range in 2 of 2 covered years; declining\.$/);
      const cbpOfficer = page.locator('#staffing tbody tr', { hasText: 'CBP officer' });
      assert.strictEqual(await cbpOfficer.locator('td.num').first().textContent(), '6,889as of 2014-10-04▼ below opt.');
      assert.deepStrictEqual(log.errors, []);
      assert.deepStrictEqual(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations), [], 'the page itself keeps its CSP');
      await page.screenshot({ path: path.join(screenshotDir, `summary-panel-${theme}.png`), fullPage: true });
      await page.screenshot({ path: path.join(screenshotDir, `summary-panel-${theme}-top.png`) });
      await page.locator('#staffing').screenshot({ path: path.join(screenshotDir, `summary-panel-${theme}-staffing.png`) });
      await page.context().close();
    });
  }

  it('rows open their YAML node by click and by keyboard (Arrow keys, Enter)', async () => {
    const { page } = await openPanel('light');
    const report = summarize(loadFolder(samplesRoot));
    const gaoIndex = report.scopes.findIndex((scope) => scope.scopeLabel === 'CBP Priority Trade Issues');
    await postSummary(page, toResult(report, gaoIndex));
    await page.locator('#staffing tbody tr', { hasText: 'Customs auditor' }).locator('th').click();
    let last = (await posted(page)).at(-1);
    assert.strictEqual(last?.type, 'reveal');
    assert.ok(last?.uri?.endsWith('/trade-positions.staffing.yaml'));
    const customsLine = fs.readFileSync(path.join(samplesRoot, 'gao-17-618/trade-positions.staffing.yaml'), 'utf8').split('\n')[last?.range?.start.line ?? -1];
    assert.match(customsLine, /title: Customs auditor$/);

    const firstArea = page.locator('#coverage tbody tr').first();
    await firstArea.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    last = (await posted(page)).at(-1);
    assert.ok(last?.uri?.endsWith('/cbp-trade.portfolio.yaml'));
    const portfolioLine = fs.readFileSync(path.join(samplesRoot, 'gao-17-618/cbp-trade.portfolio.yaml'), 'utf8').split('\n')[last?.range?.start.line ?? -1];
    assert.match(portfolioLine, /- id: adcvd$/, 'the second area, reached with ArrowDown');
    assert.strictEqual(await page.locator('#coverage tbody tr[tabindex="0"]').count(), 1, 'one tab stop per table');

    await page.locator('#export').click();
    assert.strictEqual((await posted(page)).at(-1)?.type, 'export');
    await page.context().close();
  });

  it('restores its view from getState after a reload, before the server answers', async () => {
    const { page } = await openPanel('dark');
    const report = summarize(loadFolder(samplesRoot));
    await postSummary(page, toResult(report, 1));
    await page.locator('#staffing-mandated input[type=search], .staffing-table input[type=search]').first().fill('drawback');
    const saved = await page.evaluate(() => (window as unknown as { __state: unknown }).__state);
    await page.context().close();

    const { page: reloaded } = await openPanel('dark', saved);
    await reloaded.waitForFunction(() => document.querySelectorAll('#staffing tbody tr').length > 0);
    assert.strictEqual(await reloaded.locator('.staffing-table input[type=search]').first().inputValue(), 'drawback');
    assert.deepStrictEqual(await reloaded.locator('.staffing-table').first().locator('tbody th > div:first-child').allTextContents(), ['Drawback specialist']);
    await reloaded.context().close();
  });

  it('renders 500 positions and 200 plans a page at a time without freezing', async () => {
    const { page, log } = await openPanel('dark');
    const result = toResult(summarize(largeDocuments(500, 200)));
    const elapsed = await page.evaluate((data) => {
      const start = performance.now();
      window.postMessage({ type: 'summary', result: data }, '*');
      return new Promise<number>((resolve) => {
        const check = () => (document.getElementById('root')?.getAttribute('aria-busy') === 'false' ? resolve(performance.now() - start) : setTimeout(check, 5));
        check();
      });
    }, result as unknown as Record<string, unknown>);
    assert.ok(elapsed < 2000, `rendered in ${Math.round(elapsed)} ms`);
    assert.strictEqual(await page.locator('#staffing tbody tr').count(), 50, 'one page of positions');
    assert.strictEqual(await page.locator('#targets tbody tr.row-link').count(), 50, 'one page of plans');
    assert.match((await page.locator('#staffing .pager span').textContent()) ?? '', /^Rows 1–50 of 500 \(page 1 of 10\)$/);
    await page.locator('#staffing .pager button', { hasText: 'Next' }).click();
    assert.match((await page.locator('#staffing .pager span').textContent()) ?? '', /^Rows 51–100 of 500/);
    assert.strictEqual(await page.locator('#staffing tbody tr').first().locator('th div').first().textContent(), 'Position 50');
    await page.locator('#staffing input[type=search]').fill('Position 49');
    assert.deepStrictEqual(await page.locator('#staffing tbody th > div:first-child').allTextContents(), ['Position 49', 'Position 490', 'Position 491', 'Position 492', 'Position 493', 'Position 494', 'Position 495', 'Position 496', 'Position 497', 'Position 498', 'Position 499']);
    assert.deepStrictEqual(log.errors, []);
    await page.context().close();
  });

  it('ignores messages that are not ours and older summaries', async () => {
    const { page, log } = await openPanel('dark');
    const report = summarize(loadFolder(samplesRoot));
    await postSummary(page, toResult(report, 1, 5));
    await page.evaluate(() => {
      window.postMessage({ type: 'summary', result: { scopes: 'nope' } }, '*');
      window.postMessage('<img src=x onerror="window.__pwned=9">', '*');
      window.postMessage({ type: 'serverState', state: 'rm -rf' }, '*');
    });
    await postSummary(page, { scopes: [], focusScope: 0, generation: 4 });
    assert.ok((await page.locator('#staffing tbody tr').count()) > 0, 'the older, empty summary was ignored');
    assert.strictEqual(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
    assert.deepStrictEqual(log.errors, []);
    await page.context().close();
  });
});
