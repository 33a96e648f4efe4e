import * as assert from 'assert';
import { analyzeText, auditDocument, createAuditContext, defaultAuditSettings } from '../../../server/src/core/analyze';
import { applyFix } from '../../../server/src/core/fixes';
import { describeRuleFixtures } from './ruleFixtures';
import { createAnalysisCache } from '../../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

describe('plan-without-owner', () => {
  describeRuleFixtures('plan-without-owner');

  function findingsOf(text: string, rules = {}) {
    const document = analyzeText('file:///p.plan.yaml', text, { cache });
    const settings = { ...defaultAuditSettings, reviewDate: '2017-02-28', rules };
    return auditDocument(document, createAuditContext([document], settings), settings).filter((f) => f.ruleId === 'plan-without-owner');
  }

  const plan = (head: string) => `kind: plan
version: 1
id: adcvd-fy2017-annual
${head}issue_area: adcvd
type: annual
status: final
period: {start: 2017, end: 2017}
goals:
  - id: g1
    title: Enforce AD/CVD requirements
`;

  it('is information by default, underlines the title key and names the plan', () => {
    const text = plan('title: AD/CVD annual plan\nagency: CBP\n');
    const [finding] = findingsOf(text);
    assert.strictEqual(text.slice(finding.span[0], finding.span[1]), 'title');
    assert.strictEqual(finding.severity, 'information');
    assert.strictEqual(
      finding.message,
      'Plan `adcvd-fy2017-annual` (“AD/CVD annual plan”) names no owner, and none of its goals does. Name the official accountable for the plan’s goals (the goal leader).',
    );
    assert.strictEqual(findingsOf(text, { 'plan-without-owner': 'warning' })[0].severity, 'warning');
  });

  it('inserts `owner:` after the agency when there is no office, and reports the empty owner without a fix', () => {
    const text = plan('title: AD/CVD annual plan\nagency: CBP\n');
    const [finding] = findingsOf(text);
    const fixed = applyFix(text, finding.fixes![0]);
    assert.strictEqual(fixed, text.replace('agency: CBP\n', "agency: CBP\nowner: \"\"  # the official accountable for the plan's goals (31 U.S.C. 1115(b)(5)(E))\n"));
    const [empty] = findingsOf(fixed);
    assert.strictEqual(fixed.slice(empty.span[0], empty.span[1]), 'owner');
    assert.strictEqual(empty.fixes, undefined);
    assert.deepStrictEqual(findingsOf(fixed.replace('owner: ""  #', 'owner: Director, AD/CVD Division  #')), []);
  });

  it('leaves an owner of the wrong type (a map) to the schema', () => {
    assert.deepStrictEqual(findingsOf(plan('title: AD/CVD annual plan\nowner:\n  name: J. Doe\n  title: Director\n')), []);
  });
});
