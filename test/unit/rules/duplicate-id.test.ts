import * as assert from 'assert';
import { describeRuleFixtures } from './ruleFixtures';
import { auditFiles, ofRule, planText, portfolioText } from './workspaceHelpers';

describe('duplicate-id (across files)', () => {
  describeRuleFixtures('duplicate-id');

  it('reports the second plan file with an id, as an error on the id value, pointing at the first', () => {
    const copy = planText('adcvd-fy2017-annual', 'adcvd');
    const findings = ofRule(auditFiles({ 'a.plan.yaml': planText('adcvd-fy2017-annual', 'adcvd'), 'b.plan.yaml': copy }), 'duplicate-id');
    assert.deepStrictEqual(findings.map((f) => f.file), ['b.plan.yaml']);
    const [finding] = findings;
    assert.strictEqual(finding.severity, 'error');
    assert.strictEqual(copy.slice(finding.span[0], finding.span[1]), 'adcvd-fy2017-annual');
    assert.strictEqual(finding.message, 'Plan id `adcvd-fy2017-annual` is also the id of the plan in a.plan.yaml. Give each plan its own id, or remove the copy.');
    assert.deepStrictEqual(finding.related?.map((r) => [r.uri, r.message]), [['file:///ws/a.plan.yaml', 'first plan with id `adcvd-fy2017-annual`']]);
  });

  it('reports an area id shared by two portfolios once, in the second portfolio', () => {
    const findings = ofRule(
      auditFiles({ 'a.portfolio.yaml': portfolioText('a', { revenue: 'Revenue' }), 'b.portfolio.yaml': portfolioText('b', { revenue: 'Revenue', ipr: 'IPR' }) }),
      'duplicate-id',
    );
    assert.deepStrictEqual(findings.map((f) => [f.file, f.message]), [
      ['b.portfolio.yaml', 'Area id `revenue` is also an area of the portfolio in a.portfolio.yaml (`a`). An area belongs to one portfolio: remove it from one of them, or rename it.'],
    ]);
  });

  it('leaves duplicates inside one file to the in-file check (one finding, not two)', () => {
    const text = portfolioText('a', { revenue: 'Revenue' }) + '  - id: revenue\n    title: Revenue again\n';
    const findings = ofRule(auditFiles({ 'a.portfolio.yaml': text }), 'duplicate-id');
    assert.ok(findings.length <= 1, findings.map((f) => f.message).join('\n'));
  });
});
