import * as assert from 'assert';
import { analyzeText, auditDocument, createAuditContext, defaultAuditSettings } from '../../../server/src/core/analyze';
import { applyFix } from '../../../server/src/core/fixes';
import { describeRuleFixtures } from './ruleFixtures';
import { createAnalysisCache } from '../../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

describe('measure-without-baseline', () => {
  describeRuleFixtures('measure-without-baseline');

  function findingsOf(text: string) {
    const document = analyzeText('file:///p.plan.yaml', text, { cache });
    const settings = { ...defaultAuditSettings, reviewDate: '2017-02-28' };
    return auditDocument(document, createAuditContext([document], settings), settings).filter((f) => f.ruleId === 'measure-without-baseline');
  }

  const plan = (period: string, measure: string) => `kind: plan
version: 1
id: p
title: P
agency: A
owner: O
issue_area: x
type: annual
status: final
period: ${period}
goals:
  - id: g1
    title: G
    measures:
      - id: m1
        name: Audits
${measure}`;

  it('names the measure and offers a baseline for the year before the period', () => {
    const text = plan('{start: 2017, end: 2018}', '        unit: audits\n        targets:\n          - {fiscal_year: 2017, value: 4}\n');
    const [finding] = findingsOf(text);
    assert.strictEqual(text.slice(finding.span[0], finding.span[1]), 'name');
    assert.strictEqual(finding.severity, 'information');
    assert.strictEqual(
      finding.message,
      'Measure `m1` (“Audits”) has targets but no baseline. Record the latest actual before the plan period, so the targets can be judged against it.',
    );
    assert.deepStrictEqual(finding.fixes?.map((fix) => [fix.title, fix.isPreferred]), [['Add a baseline for FY2016', true]]);
    const fixed = applyFix(text, finding.fixes[0]);
    assert.ok(fixed.includes('        unit: audits\n        baseline:\n          fiscal_year: 2016\n          value:  # FY2016 actual (audits), the level the targets are compared with\n        targets:\n'));
    const [again] = findingsOf(fixed);
    assert.strictEqual(again.fixes, undefined, 'the empty baseline is reported without a fix');
    assert.strictEqual(fixed.slice(again.span[0], again.span[1]), 'value');
    assert.strictEqual(again.message, 'The baseline for FY2016 of measure `m1` (“Audits”) has no value. Write the actual the targets are compared with.');
    assert.deepStrictEqual(findingsOf(fixed.replace('value:  #', 'value: 3  #')), []);
  });

  it('takes the year before the earliest target when the period is unusable', () => {
    const text = plan('{start: 2017}', '        targets:\n          - {fiscal_year: 2019, value: 4}\n          - {fiscal_year: 2018, value: 4}\n');
    const [finding] = findingsOf(text);
    assert.deepStrictEqual(finding.fixes?.map((fix) => fix.title), ['Add a baseline for FY2017']);
  });

  it('stays silent without targets and on ill-typed baselines', () => {
    assert.deepStrictEqual(findingsOf(plan('{start: 2017, end: 2017}', '        target_not_applicable: Audits follow referrals; their number is not a goal.\n')), []);
    assert.deepStrictEqual(findingsOf(plan('{start: 2017, end: 2017}', '        baseline: [1]\n        targets:\n          - {fiscal_year: 2017, value: 4}\n')), []);
    assert.deepStrictEqual(findingsOf(plan('{start: 2017, end: 2017}', '        baseline: about 40\n        targets:\n          - {fiscal_year: 2017, value: 4}\n')), []);
  });
});
