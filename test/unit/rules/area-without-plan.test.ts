import * as assert from 'assert';
import { describeRuleFixtures } from './ruleFixtures';
import { auditFiles, ofRule, planText, portfolioText } from './workspaceHelpers';

describe('area-without-plan', () => {
  describeRuleFixtures('area-without-plan');

  const portfolio = portfolioText('cbp-trade', { 'import-safety': 'Import Safety', adcvd: 'AD/CVD', agriculture: 'Agriculture Programs' });

  it('underlines the area entry’s id key, names the area, and mentions the draft that does not count', () => {
    const findings = ofRule(
      auditFiles({
        'cbp-trade.portfolio.yaml': portfolio,
        'adcvd.plan.yaml': planText('adcvd-fy2017-annual', 'adcvd'),
        'import-safety.plan.yaml': planText('import-safety-fy2017-annual', 'import-safety', { status: 'draft' }),
      }),
      'area-without-plan',
    );
    assert.deepStrictEqual(findings.map((f) => f.file), ['cbp-trade.portfolio.yaml', 'cbp-trade.portfolio.yaml']);
    const [importSafety, agriculture] = findings.sort((a, b) => a.span[0] - b.span[0]);
    assert.strictEqual(portfolio.slice(importSafety.span[0], importSafety.span[1]), 'id');
    assert.strictEqual(importSafety.severity, 'warning');
    assert.strictEqual(
      importSafety.message,
      'No final plan covers Import Safety (`import-safety`) at the review date 2017-02-28 (FY2017). A draft exists, `import-safety-fy2017-annual` (annual, FY2017), but drafts do not count until they are final. Finalize a plan for this area, or record why the area needs none.',
    );
    assert.deepStrictEqual(importSafety.related?.map((r) => [r.uri, r.message]), [
      ['file:///ws/import-safety.plan.yaml', '`import-safety-fy2017-annual` (annual, FY2017) in import-safety.plan.yaml: status `draft`: does not count'],
    ]);
    assert.match(agriculture.message, /^No final plan covers Agriculture Programs \(`agriculture`\) at the review date 2017-02-28 \(FY2017\)\. Add a final plan with `issue_area: agriculture`/);
    assert.strictEqual(agriculture.related?.length, 0);
  });

  it('does not report an area whose final plans have all ended (plan-outdated reports the plan)', () => {
    const findings = auditFiles({ 'p.portfolio.yaml': portfolioText('p', { ipr: 'IPR' }), 'ipr.plan.yaml': planText('ipr-fy2010-2014-strategic', 'ipr', { start: 2010, end: 2014 }) });
    assert.deepStrictEqual(ofRule(findings, 'area-without-plan'), []);
    assert.strictEqual(ofRule(findings, 'plan-outdated').length, 1);
  });

  it('appears when the only final plan is deleted and disappears when it comes back (no stale finding)', () => {
    const files: Record<string, string> = { 'p.portfolio.yaml': portfolioText('p', { adcvd: 'AD/CVD' }), 'adcvd.plan.yaml': planText('adcvd-fy2017-annual', 'adcvd') };
    assert.deepStrictEqual(ofRule(auditFiles(files), 'area-without-plan'), []);
    const { ['adcvd.plan.yaml']: _deleted, ...withoutPlan } = files;
    assert.strictEqual(ofRule(auditFiles(withoutPlan), 'area-without-plan').length, 1);
    assert.deepStrictEqual(ofRule(auditFiles(files), 'area-without-plan'), []);
  });
});
