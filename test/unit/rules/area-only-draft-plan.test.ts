import * as assert from 'assert';
import { describeRuleFixtures } from './ruleFixtures';
import { auditFiles, ofRule, planText, portfolioText } from './workspaceHelpers';

describe('area-only-draft-plan', () => {
  describeRuleFixtures('area-only-draft-plan');

  it('underlines the draft status value when no portfolio could report the gap', () => {
    const draft = planText('import-safety-fy2017-annual', 'import-safety', { status: 'draft' });
    const [finding, ...rest] = ofRule(auditFiles({ 'draft.plan.yaml': draft }), 'area-only-draft-plan');
    assert.deepStrictEqual(rest, []);
    assert.strictEqual(draft.slice(finding.span[0], finding.span[1]), 'draft');
    assert.strictEqual(finding.severity, 'information');
    assert.strictEqual(
      finding.message,
      'No final plan covers issue area `import-safety` at the review date 2017-02-28 (FY2017): this draft, `import-safety-fy2017-annual` (annual, FY2017), does not count until it is final. Set `status: final` once the plan is approved.',
    );
  });

  it('says nothing where area-without-plan already names the draft (one finding per gap)', () => {
    const findings = auditFiles({
      'p.portfolio.yaml': portfolioText('p', { 'import-safety': 'Import Safety' }),
      'draft.plan.yaml': planText('import-safety-fy2017-annual', 'import-safety', { status: 'draft' }),
    });
    assert.deepStrictEqual(ofRule(findings, 'area-only-draft-plan'), []);
    assert.match(ofRule(findings, 'area-without-plan')[0].message, /A draft exists, `import-safety-fy2017-annual`/);
  });
});
