import * as assert from 'assert';
import { describeRuleFixtures } from './ruleFixtures';
import { auditFiles, ofRule, planText, portfolioText } from './workspaceHelpers';

describe('plan-outdated', () => {
  describeRuleFixtures('plan-outdated');

  it('underlines the period key and names the draft successor, which does not count', () => {
    const ipr = planText('ipr-fy2010-2014-strategic', 'ipr', { start: 2010, end: 2014 });
    const findings = ofRule(
      auditFiles({
        'p.portfolio.yaml': portfolioText('p', { ipr: 'Intellectual Property Rights' }),
        'ipr-old.plan.yaml': ipr,
        'ipr-new.plan.yaml': planText('ipr-fy2017-2019-strategic', 'ipr', { status: 'draft', start: 2017, end: 2019 }),
      }),
      'plan-outdated',
    );
    assert.strictEqual(findings.length, 1);
    const [finding] = findings;
    assert.strictEqual(finding.file, 'ipr-old.plan.yaml');
    assert.strictEqual(ipr.slice(finding.span[0], finding.span[1]), 'period');
    assert.strictEqual(finding.severity, 'warning');
    assert.strictEqual(
      finding.message,
      'Plan `ipr-fy2010-2014-strategic` (strategic, FY2010–FY2014) ended in FY2014, before the review fiscal year FY2017 (review date 2017-02-28), and no final plan of Intellectual Property Rights (`ipr`) covers FY2017. A draft successor exists, `ipr-fy2017-2019-strategic` (strategic, FY2017–FY2019), but drafts do not count until they are final. Update the plan or finalize its successor, or record why the area needs no current plan.',
    );
    assert.deepStrictEqual(finding.related?.map((r) => r.uri), ['file:///ws/ipr-new.plan.yaml']);
  });

  it('is cleared once the successor is final', () => {
    const findings = auditFiles({
      'ipr-old.plan.yaml': planText('ipr-fy2010-2014-strategic', 'ipr', { start: 2010, end: 2014 }),
      'ipr-new.plan.yaml': planText('ipr-fy2017-2019-strategic', 'ipr', { start: 2017, end: 2019 }),
    });
    assert.deepStrictEqual(ofRule(findings, 'plan-outdated'), []);
  });

  it('uses the configured fiscal-year start month', () => {
    const files = { 'a.plan.yaml': planText('a-fy2017-annual', 'a') };
    // With a January fiscal year, 2017-02-28 is in FY2017 as well; 2018-01-01 is FY2018.
    const january = { fiscalYearStartMonth: 1, rules: {} };
    assert.deepStrictEqual(ofRule(auditFiles(files, '2017-12-31', january), 'plan-outdated'), []);
    assert.strictEqual(ofRule(auditFiles(files, '2018-01-01', january), 'plan-outdated').length, 1);
  });
});
