/**
 * `plan-audit check --format sarif` against the SARIF 2.1.0 JSON schema.
 *
 * The schema, test/fixtures/sarif-2.1.0-rtm.5.schema.json, is the SARIF 2.1.0 (rtm.5) JSON schema as
 * shipped in the npm package `@microsoft/jest-sarif` (1.0.0-beta.0, lib/schemas/sarif-2.1.0-rtm.5.json),
 * copied unchanged. It is a draft-04 schema; ajv 8 (the project's validator) reads it after two
 * mechanical changes made here in memory: the root `id` becomes `$id` and `$schema` is dropped. Its
 * formats (`uri`, `uri-reference`, `date-time`) are checked with the validators below.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { fileURLToPath } from 'url';
import { main, runCheck } from '../../server/src/checkCommand';
import { rules } from '../../server/src/core/rules/index';
import type { SarifLog } from '../../server/src/sarif';
import { formatSarif } from '../../server/src/sarif';

const root = path.resolve(__dirname, '../..');

function sarifValidator(): ValidateFunction {
  const schema = JSON.parse(fs.readFileSync(path.join(root, 'test/fixtures/sarif-2.1.0-rtm.5.schema.json'), 'utf8')) as Record<string, unknown>;
  const { id, $schema: _draft04, ...rest } = schema as { id: string; $schema: string };
  // unicodeRegExp: false — the schema's `language` pattern has a stray `]`, legal only without the `u` flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', { type: 'string', validate: (text: string) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(text) && canParse(text) });
  ajv.addFormat('uri-reference', { type: 'string', validate: (text: string) => canParse(text, 'file:///base/') });
  ajv.addFormat('date-time', { type: 'string', validate: (text: string) => /^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(Date.parse(text)) });
  return ajv.compile({ ...rest, $id: id });
}

function canParse(text: string, base?: string): boolean {
  try {
    new URL(text, base);
    return true;
  } catch {
    return false;
  }
}

const validate = sarifValidator();

function assertValid(log: unknown): void {
  const valid = validate(log);
  assert.ok(valid, `not valid SARIF 2.1.0:\n${JSON.stringify(validate.errors?.slice(0, 10), null, 2)}`);
}

function runSarif(args: string[], cwd = root): { code: number; log: SarifLog } {
  let out = '';
  const code = main(['check', ...args, '--format', 'sarif'], cwd, (text) => (out += text), () => undefined);
  return { code, log: JSON.parse(out) as SarifLog };
}

describe('SARIF output (--format sarif)', () => {
  it('the validator is real: it rejects a log with a level SARIF does not know', () => {
    const { log } = runSarif(['samples/gao-17-618', '--review-date', '2017-02-28']);
    const broken = JSON.parse(JSON.stringify(log)) as { runs: { results: { level: string }[] }[] };
    broken.runs[0].results[0].level = 'information';
    assert.strictEqual(validate(broken), false);
  });

  it('is valid SARIF 2.1.0 for the samples, with one result per finding (suppressed ones marked)', () => {
    const { code, log } = runSarif(['samples', '--review-date', '2017-02-28']);
    assert.strictEqual(code, 0);
    assertValid(log);
    const checked = runCheck({ command: 'check', paths: ['samples'], format: 'sarif', reviewDate: '2017-02-28', showSuppressed: false }, root);
    const [run] = log.runs;
    assert.strictEqual(log.version, '2.1.0');
    assert.strictEqual(run.results.length, checked.findings.length);
    assert.strictEqual(run.columnKind, 'utf16CodeUnits');
    assert.strictEqual(run.originalUriBaseIds.SRCROOT.uri, `${new URL(`file://${root}/`).href}`);
    assert.deepStrictEqual(run.properties, { reviewDate: '2017-02-28' });

    const suppressed = checked.findings.filter((finding) => finding.suppressed);
    const withSuppressions = run.results.filter((result) => result.suppressions);
    assert.strictEqual(withSuppressions.length, suppressed.length);
    for (const result of withSuppressions) {
      assert.strictEqual(result.suppressions![0].kind, 'inSource');
      assert.ok(result.suppressions![0].justification && result.suppressions![0].justification.length > 5);
    }

    const mwt = run.results.find((result) => result.ruleId === 'measure-without-target' && result.locations[0].physicalLocation.artifactLocation.uri.endsWith('adcvd-fy2017-annual.plan.yaml'))!;
    assert.strictEqual(mwt.level, 'warning');
    assert.deepStrictEqual(mwt.locations[0].physicalLocation.artifactLocation, { uri: 'samples/gao-17-618/adcvd-fy2017-annual.plan.yaml', uriBaseId: 'SRCROOT' });
    const text = fs.readFileSync(path.join(root, 'samples/gao-17-618/adcvd-fy2017-annual.plan.yaml'), 'utf8').split('\n');
    const region = mwt.locations[0].physicalLocation.region!;
    assert.strictEqual(text[region.startLine - 1].slice(region.startColumn - 1, region.endColumn - 1), 'name', 'regions are 1-based, end column exclusive');
    assert.ok(run.results.some((result) => result.level === 'note'), 'information findings are notes');
  });

  it('describes every rule: title, criterion, absolute help link to its docs page, default level', () => {
    const { log } = runSarif(['samples/gao-17-618', '--review-date', '2017-02-28']);
    const descriptors = log.runs[0].tool.driver.rules;
    for (const rule of rules) {
      const descriptor = descriptors.find((candidate) => candidate.id === rule.id)!;
      assert.ok(descriptor, rule.id);
      assert.strictEqual(descriptor.shortDescription?.text, rule.title);
      assert.strictEqual(descriptor.fullDescription?.text, rule.criterion);
      assert.ok(descriptor.helpUri?.endsWith(`docs/rules/${rule.id}.md`));
      assert.ok(fs.existsSync(fileURLToPath(descriptor.helpUri!)), `${descriptor.helpUri} exists`);
      assert.strictEqual(descriptor.defaultConfiguration?.level, { error: 'error', warning: 'warning', information: 'note', hint: 'note' }[rule.defaultSeverity]);
    }
    for (const result of log.runs[0].results) {
      assert.strictEqual(descriptors[result.ruleIndex!].id, result.ruleId);
    }
    const driver = log.runs[0].tool.driver;
    assert.strictEqual(driver.name, 'Plan Audit');
    assert.match(driver.version, /^\d+\.\d+\.\d+/);
    assert.ok(driver.informationUri?.startsWith('file:'));
  });

  it('carries related locations and quick fixes (as SARIF replacements) and stays valid', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-audit-sarif-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'p.portfolio.yaml'),
        'kind: portfolio\nversion: 1\nid: p\ntitle: P\nagency: A\nreview_date: 2017-02-28\nareas:\n  - id: adcvd\n    title: AD/CVD\n',
      );
      const plan = (id: string, area: string) =>
        `kind: plan\nversion: 1\nid: ${id}\ntitle: T\nagency: A\nowner: O\nissue_area: ${area}\ntype: annual\nstatus: final\nperiod: {start: 2017, end: 2017}\ngoals:\n  - id: g1\n    title: G\n    measures:\n      - id: m1\n        name: Audits\n        unit: audits\n        data_source: Case system\n        baseline: {fiscal_year: 2016, value: 1}\n        targets:\n          - {fiscal_year: 2017, value: 2}\n`;
      fs.writeFileSync(path.join(dir, 'a.plan.yaml'), plan('x', 'adcvd'));
      fs.writeFileSync(path.join(dir, 'b.plan.yaml'), plan('x', 'adcdv'));
      const { code, log } = runSarif(['.'], dir);
      assert.strictEqual(code, 1, 'duplicate-id is an error');
      assertValid(log);
      const results = log.runs[0].results;
      const duplicate = results.find((result) => result.ruleId === 'duplicate-id')!;
      assert.strictEqual(duplicate.level, 'error');
      assert.deepStrictEqual(duplicate.relatedLocations?.map((location) => location.physicalLocation.artifactLocation.uri), ['a.plan.yaml']);
      const unknown = results.find((result) => result.ruleId === 'plan-unknown-area')!;
      const [replacement] = unknown.fixes![0].artifactChanges[0].replacements;
      assert.deepStrictEqual(replacement, { deletedRegion: { startLine: 7, startColumn: 13, endLine: 7, endColumn: 18 }, insertedContent: { text: 'adcvd' } });
      assert.strictEqual(unknown.fixes![0].description?.text, 'Change to adcvd (AD/CVD)');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports unreadable input as tool notifications, still valid', () => {
    const checked = runCheck({ command: 'check', paths: ['no-such-folder'], format: 'sarif', showSuppressed: false }, root);
    const log = JSON.parse(formatSarif(checked, root)) as SarifLog;
    assertValid(log);
    assert.strictEqual(log.runs[0].invocations[0].executionSuccessful, false);
    assert.match(log.runs[0].invocations[0].toolExecutionNotifications![0].message.text, /no such file or folder/);
  });

  it('is accepted by the option parser; other formats are refused', () => {
    let err = '';
    const code = main(['check', 'samples', '--format', 'xml'], root, () => undefined, (text) => (err += text));
    assert.strictEqual(code, 2);
    assert.match(err, /--format must be text, json or sarif/);
  });
});
