import * as assert from 'assert';
import { analyzeText, auditDocument, createAuditContext, defaultAuditSettings } from '../../../server/src/core/analyze';
import { applyFix } from '../../../server/src/core/fixes';
import { describeRuleFixtures } from './ruleFixtures';
import { createAnalysisCache } from '../../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

describe('target-missing-for-year', () => {
  describeRuleFixtures('target-missing-for-year');

  function findingsOf(text: string) {
    const document = analyzeText('file:///p.plan.yaml', text, { cache });
    const settings = { ...defaultAuditSettings, reviewDate: '2017-02-28' };
    return auditDocument(document, createAuditContext([document], settings), settings).filter((f) => f.ruleId === 'target-missing-for-year');
  }

  const plan = (period: string, targets: string) => `kind: plan
version: 1
id: p
title: P
agency: A
owner: O
issue_area: x
type: strategic
status: final
period: ${period}
goals:
  - id: g1
    title: G
    measures:
      - id: m1
        name: Audits
        unit: audits
        data_source: RA
        baseline: {fiscal_year: 2016, value: 1}
        targets:
${targets}`;

  it('reports once per measure, on the targets key, listing the missing years', () => {
    const text = plan('{start: 2017, end: 2021}', '          - {fiscal_year: 2017, value: 5}\n          - {fiscal_year: 2019, value: 6}\n');
    const findings = findingsOf(text);
    assert.strictEqual(findings.length, 1);
    const [finding] = findings;
    assert.strictEqual(text.slice(finding.span[0], finding.span[1]), 'targets');
    assert.strictEqual(finding.severity, 'information');
    assert.strictEqual(
      finding.message,
      'Measure `m1` (“Audits”) has no target for FY2018, FY2020 and FY2021 of the plan period FY2017–FY2021. Set a target for each year the plan covers.',
    );
    assert.deepStrictEqual(finding.fixes?.map((fix) => [fix.title, fix.isPreferred]), [['Add targets for FY2018, FY2020 and FY2021', true]]);
    assert.ok(finding.fixes[0].edits.every((edit) => edit.deleteCount === 0), 'insert-only');
  });

  it('keeps CRLF line endings and leaves nothing to fix', () => {
    const text = plan('{start: 2017, end: 2019}', '          - fiscal_year: 2018\n            value: 6\n').replace(/\n/g, '\r\n');
    const [finding] = findingsOf(text);
    const fixed = applyFix(text, finding.fixes![0]);
    assert.ok(!/[^\r]\n/.test(fixed), 'every line break is CRLF');
    assert.ok(fixed.includes('          - fiscal_year: 2017\r\n            value:  # FY2017 target (audits)\r\n          - fiscal_year: 2018\r\n'));
    assert.deepStrictEqual(findingsOf(fixed), []);
  });

  it('reports without a fix when the layout cannot be copied, and is silent without a usable period', () => {
    const nested = plan('{start: 2017, end: 2018}', '          -\n            fiscal_year: 2017\n            value: 5\n');
    const [finding] = findingsOf(nested);
    assert.strictEqual(finding.fixes, undefined);
    assert.deepStrictEqual(findingsOf(plan('{start: 2018, end: 2017}', '          - {fiscal_year: 2017, value: 5}\n')), []);
    assert.deepStrictEqual(findingsOf(plan('{start: 2017}', '          - {fiscal_year: 2017, value: 5}\n')), []);
    assert.deepStrictEqual(findingsOf(plan('{start: 2017, end: 2018}', '          - 5\n')), []);
  });
});
