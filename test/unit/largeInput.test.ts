/**
 * Inputs large enough to overflow the stack through a spread into a call (issue 13): a 130,000-measure
 * plan (19 MB, under the 32 MiB limit) and a file with 200,000 schema errors. Every rule runs, the CLI
 * prints complete JSON and SARIF, and an internal error exits with code 3 and a message, never with 1
 * ("findings exist") and nothing printed.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyzeText, auditDocument, createAuditContext, defaultAuditSettings } from '../../server/src/core/analyze';
import { exitCodes, main, runCommandLine } from '../../server/src/checkCommand';
import { createAnalysisCache } from '../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

const planHead = `kind: plan
version: 1
id: p
title: P
agency: A
owner: O
issue_area: x
type: annual
status: final
period: {start: 2017, end: 2017}
goals:
  - id: g1
    title: G
    measures:
`;

describe('large inputs (no stack overflow)', function () {
  this.timeout(120_000);

  it('audits a 130,000-measure plan with every rule, none failing with "Maximum call stack size exceeded"', () => {
    const lines: string[] = [];
    for (let index = 0; index < 130_000; index++) {
      // One measure in five has no target, so the per-measure rules have work to do.
      lines.push(
        index % 5 === 0
          ? `      - {id: m${index}, name: Measure ${index}, unit: audits, data_source: Case system}`
          : `      - {id: m${index}, name: Measure ${index}, unit: audits, data_source: Case system, baseline: {fiscal_year: 2016, value: 3}, targets: [{fiscal_year: 2017, value: 4}]}`,
      );
    }
    const text = planHead + lines.join('\n') + '\n';
    assert.ok(text.length > 18_000_000 && text.length < 32 * 1024 * 1024, `${text.length} characters`);
    const document = analyzeText('file:///big.plan.yaml', text, { cache });
    const settings = { ...defaultAuditSettings, reviewDate: '2017-02-28' };
    const findings = auditDocument(document, createAuditContext([document], settings), settings);
    assert.deepStrictEqual(findings.filter((finding) => /could not run rule|call stack/i.test(finding.message)).map((finding) => `${finding.ruleId}: ${finding.message}`), []);
    assert.strictEqual(findings.filter((finding) => finding.ruleId === 'measure-without-target').length, 26_000);
  });

  describe('the CLI on 200,000 schema errors', () => {
    let folder: string;
    before(() => {
      folder = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-audit-large-'));
      const lines: string[] = [];
      for (let index = 0; index < 200_000; index++) {
        lines.push('      - 1');
      }
      fs.writeFileSync(path.join(folder, 'errors.plan.yaml'), planHead + lines.join('\n') + '\n');
    });
    after(() => fs.rmSync(folder, { recursive: true, force: true }));

    function run(format: string): { code: number; out: string; err: string } {
      let out = '';
      let err = '';
      const code = runCommandLine(['check', 'errors.plan.yaml', '--format', format, '--review-date', '2017-02-28'], folder, (text) => (out += text), (text) => (err += text));
      return { code, out, err };
    }

    it('prints every finding as JSON and exits 1 (errors found)', () => {
      const { code, out, err } = run('json');
      assert.strictEqual(err, '');
      assert.strictEqual(code, exitCodes.errorFindings);
      const report = JSON.parse(out) as { findings: { ruleId: string }[] };
      assert.strictEqual(report.findings.filter((finding) => finding.ruleId === 'schema').length, 200_000);
    });

    it('prints every finding as SARIF', () => {
      const { code, out } = run('sarif');
      assert.strictEqual(code, exitCodes.errorFindings);
      const sarif = JSON.parse(out) as { runs: { results: { ruleId: string }[] }[] };
      assert.strictEqual(sarif.runs[0].results.filter((result) => result.ruleId === 'schema').length, 200_000);
    });
  });

  it('turns an internal error into exit code 3 and a message on stderr', () => {
    let out = '';
    let err = '';
    const failing: typeof main = () => {
      throw new RangeError('Maximum call stack size exceeded');
    };
    const code = runCommandLine(['check', '.'], os.tmpdir(), (text) => (out += text), (text) => (err += text), failing);
    assert.strictEqual(code, 3);
    assert.strictEqual(out, '');
    assert.match(err, /^plan-audit: internal error: RangeError: Maximum call stack size exceeded\. This is a bug in Plan Audit, not a problem in your files; please report it/);
    assert.notStrictEqual(exitCodes.internalError, exitCodes.errorFindings);
  });
});
