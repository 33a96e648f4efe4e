/**
 * The command line on unlucky input (issue 13, defect 9): a FIFO, `/dev/zero`, a symbolic-link loop, a
 * line break in a file name, and junk in `.plan-audit.yaml`. Nothing hangs, nothing is skipped without
 * a message, and every finding stays on one line. The CLI runs as a child process with a timeout, so a
 * regression that reads a FIFO fails the test instead of hanging it.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defaultAuditSettings, knownRuleIds } from '../../server/src/core/analyze';
import { analyzeConfigText } from '../../server/src/core/configFile';
import { readConfigFile } from '../../server/src/workspaceFiles';

const root = path.resolve(__dirname, '../..');
const plan = fs.readFileSync(path.join(root, 'test/fixtures/rules/measure-without-target/block-measures.yaml'), 'utf8');

function runCli(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), path.join(root, 'server/src/cli.ts'), ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  assert.strictEqual(result.error, undefined, `the CLI did not finish: ${String(result.error)}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('command line on unlucky input', function () {
  this.timeout(120_000);
  let folder: string;
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-audit-cli-'));
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('reports a FIFO, /dev/zero and a link loop as skipped, reads none of them, and exits 2', function () {
    if (process.platform === 'win32') {
      this.skip();
    }
    fs.mkdirSync(path.join(folder, 'plans'));
    spawnSync('mkfifo', [path.join(folder, 'plans', 'pipe.plan.yaml')]);
    fs.symlinkSync('loop-b.plan.yaml', path.join(folder, 'plans', 'loop-a.plan.yaml'));
    fs.symlinkSync('loop-a.plan.yaml', path.join(folder, 'plans', 'loop-b.plan.yaml'));
    fs.symlinkSync('.', path.join(folder, 'plans', 'self'));
    fs.writeFileSync(path.join(folder, 'plans', 'ok.plan.yaml'), plan);
    const { status, stdout, stderr } = runCli(folder, ['check', 'plans', '/dev/zero', 'plans/pipe.plan.yaml', 'plans/loop-a.plan.yaml', '--review-date', '2017-02-28']);
    assert.strictEqual(status, 2, stderr);
    const messages = stderr.trim().split('\n').sort();
    assert.deepStrictEqual(messages, [
      `plan-audit: ${path.relative(folder, '/dev/zero')}: not a regular file (a character device); skipped`,
      'plan-audit: plans/loop-a.plan.yaml: a symbolic link that leads nowhere (a loop of links); skipped',
      'plan-audit: plans/loop-a.plan.yaml: a symbolic link, not followed inside folders (name it or its target to check it); skipped',
      'plan-audit: plans/loop-b.plan.yaml: a symbolic link, not followed inside folders (name it or its target to check it); skipped',
      'plan-audit: plans/pipe.plan.yaml: not a regular file (a FIFO); skipped',
      'plan-audit: plans/pipe.plan.yaml: not a regular file (a FIFO); skipped',
    ]);
    assert.match(stdout, /^plans\/ok\.plan\.yaml:16:9 warning measure-without-target /m, 'the regular file is still checked');
  });

  it('escapes a line break in a file name: one finding, one line', () => {
    fs.writeFileSync(path.join(folder, 'new\nline.plan.yaml'), plan);
    const { status, stdout } = runCli(folder, ['check', '.', '--review-date', '2017-02-28']);
    assert.strictEqual(status, 0);
    const findingLines = stdout.split('\n').filter((line) => line.includes('measure-without-target'));
    assert.deepStrictEqual(
      findingLines.map((line) => line.slice(0, line.indexOf(' warning'))),
      ['new\\nline.plan.yaml:16:9', 'new\\nline.plan.yaml:20:9'],
    );
    assert.ok(!stdout.includes('new\nline'), 'no raw line break from the name anywhere in the output');
  });

  it('prints the problems in .plan-audit.yaml as findings in that file', () => {
    fs.writeFileSync(path.join(folder, '.plan-audit.yaml'), 'review_date: [1, 2]\nfiscal_year_start_month: 13\nrules:\n  plan-without-owner: warn\n  plan-without-ownr: off\ncolour: red\nreview_dat: !!str 2017-02-28\n');
    fs.writeFileSync(path.join(folder, 'ok.plan.yaml'), plan);
    const { status, stdout, stderr } = runCli(folder, ['check', '.', '--review-date', '2017-02-28']);
    assert.strictEqual(stderr, '', 'no raw YAMLWarning or other print');
    assert.strictEqual(status, 1, 'a wrong setting is an error-level finding');
    const configLines = stdout.split('\n').filter((line) => line.startsWith('.plan-audit.yaml:'));
    assert.deepStrictEqual(
      configLines.map((line) => line.split(' ').slice(0, 3).join(' ')),
      [
        '.plan-audit.yaml:1:14 error schema',
        '.plan-audit.yaml:2:26 error schema',
        '.plan-audit.yaml:4:23 error schema',
        '.plan-audit.yaml:5:3 warning schema',
        '.plan-audit.yaml:6:1 warning schema',
        '.plan-audit.yaml:7:1 warning schema',
        '.plan-audit.yaml:7:13 warning schema',
      ],
    );
    assert.match(configLines[2], /`rules\.plan-without-owner` should be one of `error`, `warning`, `information`, `hint`, `off` \(found "warn"; did you mean `warning`\?\): it is not applied\./);
    assert.match(configLines[3], /Unknown rule id `plan-without-ownr` \(did you mean `plan-without-owner`\?\)/);
  });
});

describe('.plan-audit.yaml checked like any file', () => {
  const check = (text: string) => analyzeConfigText('file:///w/.plan-audit.yaml', text, defaultAuditSettings, knownRuleIds);
  const at = (text: string) => check(text).findings.map((finding) => [text.slice(finding.span[0], finding.span[1]), finding.ruleId, finding.severity]);

  it('applies the good settings and reports the bad ones at their values', () => {
    const text = 'review_date: 2017-02-28\nfiscal_year_start_month: "10"\nrules:\n  plan-without-owner: off\n  staffing-declining: [warning]\n';
    const { settings } = check(text);
    assert.deepStrictEqual(settings, { reviewDate: '2017-02-28', fiscalYearStartMonth: 10, rules: { 'plan-without-owner': 'off' } });
    assert.deepStrictEqual(at(text), [
      ['"10"', 'schema', 'error'],
      ['[warning]', 'schema', 'error'],
    ]);
  });

  it('reports binary bytes, a list at the top, a repeated key and a syntax error, applying none of a broken file', () => {
    assert.deepStrictEqual(at('review_date: 2017\u0000-02-28\n'), [['\u0000', 'yaml-syntax', 'error']]);
    assert.deepStrictEqual(at('rules: {a: \uFFFD}\n'), [['\uFFFD', 'yaml-syntax', 'error']]);
    assert.deepStrictEqual(at('- review_date\n'), [['- review_date', 'schema', 'error']]);
    assert.deepStrictEqual(at('rules:\n  staffing-declining: off\n  staffing-declining: error\n'), [['staffing-declining', 'schema', 'warning']]);
    assert.deepStrictEqual(check('review_date: 2017-02-28\nrules: [\n').settings, defaultAuditSettings);
    assert.deepStrictEqual(check('').findings, []);
  });

  it('reports a tag as a finding instead of printing a YAMLWarning', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-audit-config-'));
    const printed: string[] = [];
    const originalWarn = Object.getOwnPropertyDescriptor(console, 'warn')!;
    const originalEmit = Object.getOwnPropertyDescriptor(process, 'emitWarning')!;
    console.warn = (...args: unknown[]) => void printed.push(args.map(String).join(' '));
    process.emitWarning = (warning: string | Error) => void printed.push(String(warning));
    try {
      fs.writeFileSync(path.join(folder, '.plan-audit.yaml'), 'review_date: !custom 2017-02-28\nfiscal_year_start_month: !!int 10\n');
      const config = readConfigFile(folder, defaultAuditSettings);
      assert.deepStrictEqual(printed, []);
      const text = fs.readFileSync(path.join(folder, '.plan-audit.yaml'), 'utf8');
      assert.deepStrictEqual(
        config.document?.baseFindings.map((finding) => [text.slice(finding.span[0], finding.span[1]), finding.severity]),
        [
          ['!custom', 'warning'],
          ['!!int', 'warning'],
        ],
      );
    } finally {
      Object.defineProperty(console, 'warn', originalWarn);
      Object.defineProperty(process, 'emitWarning', originalEmit);
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
