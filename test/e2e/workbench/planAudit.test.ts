/**
 * Plan Audit as an auditor sees it, in the real VS Code workbench (code-server + headless Chromium, see
 * `harness.ts`), on a temporary copy of `samples/gao-17-618/`.
 *
 * The tests form one session and run in order: the quick fix edits the plan that later tests read.
 * Needs the packaged extension (`npm run package` → `plan-audit.vsix`, or `PLAN_AUDIT_VSIX=<path>`) and
 * code-server (`bash test/e2e/setup.sh`).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot, startWorkbench, waitUntil, type ProblemRow, type Workbench } from './harness';

const vsix = process.env.PLAN_AUDIT_VSIX ?? path.join(repoRoot, 'plan-audit.vsix');
const planFile = 'adcvd-fy2017-annual.plan.yaml';
const staffingFile = 'trade-positions.staffing.yaml';

/** GAO-17-618, text at fn 54: the AD/CVD FY2017 annual plan's four measures, none with a target. */
const measuresWithoutTarget = [
  { id: 'adcvd-audits', line: 38 },
  { id: 'adcvd-nonaudit-services', line: 41 },
  { id: 'adcvd-surveys', line: 44 },
  { id: 'importers-removed-from-targeting-rule', line: 47 },
];

/** What the preferred fix must insert after `unit: audits` (line 39): the measure's own indentation. */
const expectedTargetInsertion = ['        targets:', '          - fiscal_year: 2017', '            value:  # FY2017 target (audits)'];

function ruleRows(rows: ProblemRow[], ruleId: string): ProblemRow[] {
  return rows.filter((row) => row.text.includes(` plan-audit ${ruleId} [Ln `));
}

function lineOf(row: ProblemRow): number {
  return Number(/\[Ln (\d+), Col \d+\]/.exec(row.text)?.[1]);
}

describe('Plan Audit in the workbench (GAO-17-618 sample)', function () {
  let workbench: Workbench;
  let originalPlan: string;

  before(async function () {
    if (!fs.existsSync(vsix)) {
      throw new Error(`${vsix} does not exist: run \`npm run package\` first (or set PLAN_AUDIT_VSIX)`);
    }
    workbench = await startWorkbench({ name: 'plan-audit', vsix, workspaceFiles: path.join(repoRoot, 'samples/gao-17-618') });
    originalPlan = fs.readFileSync(path.join(workbench.workspaceDir, planFile), 'utf8');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      await workbench.screenshot(`FAILED-${this.currentTest.title}`).catch(() => undefined);
    }
  });

  after(async function () {
    await workbench?.stop();
  });

  it('underlines the name of a measure without a target with a warning squiggle', async function () {
    await workbench.openFile(planFile);
    await workbench.waitForSquiggle('warning', 60_000);
    await workbench.goToLine(38);
    const lines = await waitUntil(
      async () => {
        const found = await workbench.squiggleLines('warning');
        return found.includes(38) ? found : undefined;
      },
      { timeout: 30_000, message: 'a warning squiggle on line 38' },
    );
    await workbench.screenshot('squiggle');
    for (const { line } of measuresWithoutTarget) {
      // Lines 38-47 are all on screen once line 38 is revealed.
      assert.ok(lines.includes(line), `no warning squiggle on line ${line} (squiggles on ${lines.join(', ')})`);
    }
    assert.strictEqual(await workbench.problemsStatus(), 'Warnings: 4');
  });

  it('lists each finding in the Problems panel with message, source, rule id, line and column', async function () {
    const rows = await workbench.openProblems(1 + measuresWithoutTarget.length);
    await workbench.screenshot('problems');
    const findings = ruleRows(rows, 'measure-without-target');
    assert.deepStrictEqual(
      findings.map(lineOf),
      measuresWithoutTarget.map((measure) => measure.line),
      `rows: ${rows.map((row) => row.text).join('\n')}`,
    );
    for (const [index, { id, line }] of measuresWithoutTarget.entries()) {
      const row = findings[index];
      assert.ok(row.text.startsWith(`Measure \`${id}\``), row.text);
      assert.match(row.text, /has no target\. Set a target for FY2017, or state why a target is not applicable\./);
      assert.ok(row.text.endsWith(`plan-audit measure-without-target [Ln ${line}, Col 9]`), row.text);
      assert.ok(row.ariaLabel.startsWith('Warning: Measure'), row.ariaLabel);
    }
  });

  it('explains the finding on hover over the measure name', async function () {
    const hover = await workbench.hoverAt('name', { line: 38 });
    await workbench.screenshot('hover');
    assert.ok(hover.includes('Measure `adcvd-audits` (“Number of AD/CVD-related audits”) has no target.'), hover);
    assert.match(hover, /measure-without-target/, hover);
    await workbench.page.keyboard.press('Escape');
  });

  it('applies the preferred quick fix with Ctrl+. and saves exactly the expected insertion', async function () {
    const offered = await workbench.quickFixAt(38);
    assert.strictEqual(offered[0], 'Add targets for FY2017', `offered: ${offered.join(' | ')}`);
    await workbench.save();
    await workbench.screenshot('quick-fix-saved');
    const lines = originalPlan.split('\n');
    assert.strictEqual(lines[38], '        unit: audits');
    lines.splice(39, 0, ...expectedTargetInsertion);
    const onDisk = fs.readFileSync(path.join(workbench.workspaceDir, planFile), 'utf8');
    assert.strictEqual(onDisk, lines.join('\n'));
  });

  it('keeps the finding, worded "targets to fill in", while the inserted target has no value', async function () {
    // Only a target with a numeric value counts (issue 13): the empty `value:` the fix inserted is not one.
    const shifted = measuresWithoutTarget.slice(1).map((measure) => measure.line + expectedTargetInsertion.length);
    const rows = await waitUntil(
      async () => {
        const found = ruleRows(await workbench.openProblems(), 'measure-without-target');
        return found.length === measuresWithoutTarget.length && lineOf(found[1]) === shifted[0] ? found : undefined;
      },
      { timeout: 30_000, message: `${measuresWithoutTarget.length} measure-without-target rows, the later ones moved down` },
    );
    await workbench.screenshot('targets-to-fill-in');
    assert.deepStrictEqual(rows.map(lineOf), [measuresWithoutTarget[0].line, ...shifted]);
    assert.ok(rows[0].text.startsWith('Measure `adcvd-audits` (“Number of AD/CVD-related audits”) has targets to fill in: no target (FY2017) has a numeric value yet.'), rows[0].text);
  });

  it('reports a schema error while an unknown key is typed', async function () {
    await workbench.goToLine(14); // `version: 1`
    await workbench.page.keyboard.press('End');
    await workbench.page.keyboard.press('Enter');
    await workbench.page.keyboard.type('colour: blue');
    await workbench.page.keyboard.press('Escape'); // a word suggestion may be open
    await workbench.waitForSquiggle('error');
    const schemaRow = await waitUntil(
      async () => ruleRows(await workbench.openProblems(), 'schema').find((row) => row.text.includes('Unknown key `colour`')),
      { timeout: 30_000, message: 'the schema error in the Problems panel' },
    );
    await workbench.screenshot('schema-error');
    assert.ok(schemaRow.text.startsWith('Unknown key `colour` in a plan.'), schemaRow.text);
    assert.ok(schemaRow.text.endsWith('plan-audit schema [Ln 15, Col 1]'), schemaRow.text);
    assert.ok(schemaRow.ariaLabel.startsWith('Error:'), schemaRow.ariaLabel);
    // Back to the saved text, so the summary below reads the plan as saved.
    await workbench.runCommand('File: Revert File');
    await workbench.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: 30_000 });
    await workbench.page.locator('.editor-group-container.active .monaco-editor .squiggly-error').waitFor({ state: 'detached', timeout: 30_000 });
  });

  it('shows the summary panel with GAO-17-618 staffing numbers', async function () {
    await workbench.runCommand('Plan Audit: Show Summary');
    const frame = workbench.webviewFrame();
    const staffing = frame.locator('section#staffing');
    await staffing.waitFor({ timeout: 60_000 });
    const importSpecialist = staffing.locator('tr.row-link', { hasText: 'Import specialist' }).first();
    await importSpecialist.waitFor({ timeout: 30_000 });
    await workbench.screenshot('summary');
    assert.match(await staffing.innerText(), /\b15 positions\b/);
    // GAO-17-618 Table 5 (p. 37): mandated level 984; end of FY2012-2016: 983, 987, 954, 936, 917.
    const cells = (await importSpecialist.locator('td').allInnerTexts()).map((text) => text.trim());
    assert.strictEqual(cells[0], '984', `cells: ${cells.join(' | ')}`);
    const actuals: Record<number, string> = { 2012: '983', 2013: '987', 2014: '954', 2015: '936', 2016: '917' };
    for (const [year, value] of Object.entries(actuals)) {
      const cell = importSpecialist.locator(`td[data-key$=":import-specialist:FY${year}"]`);
      assert.match(await cell.innerText(), new RegExp(`^${value}\\b`), `FY${year}`);
    }
  });

  it('reveals the source line when a staffing row is clicked', async function () {
    // The row points at the position's entry: its `title` key, the line after `- id: import-specialist`.
    const staffingLines = fs.readFileSync(path.join(workbench.workspaceDir, staffingFile), 'utf8').split('\n');
    const entryLine = staffingLines.findIndex((line) => /^\s*- id: import-specialist\s*$/.test(line));
    assert.ok(entryLine >= 0 && /^\s+title: Import specialist$/.test(staffingLines[entryLine + 1]), 'sample layout changed');
    const expectedLine = entryLine + 2;
    const row = workbench.webviewFrame().locator('section#staffing tr.row-link', { hasText: 'Import specialist' }).first();
    await row.locator('th').click();
    await workbench.page
      .locator(`.editor-group-container.active .tab.active[data-resource-name="${staffingFile}"]`)
      .waitFor({ timeout: 30_000 });
    const position = await waitUntil(
      async () => {
        const current = await workbench.cursorPosition();
        return current.line === expectedLine ? current : undefined;
      },
      { timeout: 30_000, message: `the cursor on line ${expectedLine} of ${staffingFile}` },
    );
    await workbench.screenshot('row-revealed');
    assert.strictEqual(position.line, expectedLine);
    const visible = workbench.page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: 'import-specialist' });
    await visible.first().waitFor({ timeout: 10_000 });
  });
});
