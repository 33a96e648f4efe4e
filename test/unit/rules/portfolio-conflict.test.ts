import * as assert from 'assert';
import { describeRuleFixtures } from './ruleFixtures';
import { auditFiles, ofRule, planText, portfolioText } from './workspaceHelpers';

describe('portfolio-conflict', () => {
  describeRuleFixtures('portfolio-conflict');

  it('reports each of two portfolios on its id key, naming the other file and the review dates', () => {
    const a = portfolioText('cbp-trade', { adcvd: 'AD/CVD' });
    const findings = ofRule(
      auditFiles({ 'a.portfolio.yaml': a, 'b.portfolio.yaml': portfolioText('cbp-trade-2018', { revenue: 'Revenue' }, '2018-02-28'), 'p.plan.yaml': planText('p', 'adcvd') }, '2017-02-28'),
      'portfolio-conflict',
    );
    assert.deepStrictEqual(findings.map((f) => f.file), ['a.portfolio.yaml', 'b.portfolio.yaml']);
    assert.strictEqual(a.slice(findings[0].span[0], findings[0].span[1]), 'id');
    assert.strictEqual(
      findings[0].message,
      'This folder has 2 portfolios: `cbp-trade` and `cbp-trade-2018` in b.portfolio.yaml. They govern the same plans, which are then checked against the areas of all of them, under one review date. Their review dates differ (2017-02-28, 2018-02-28); the audit uses 2017-02-28. Keep one portfolio per folder (a portfolio governs its folder and the folders below it), or merge them.',
    );
    assert.deepStrictEqual(findings[0].related?.map((r) => r.uri), ['file:///ws/b.portfolio.yaml']);
  });

  it('reports an area that has the portfolio’s own id, on that id', () => {
    const text = portfolioText('cbp-trade', { adcvd: 'AD/CVD', 'cbp-trade': 'Everything' });
    const [finding, ...rest] = ofRule(auditFiles({ 'a.portfolio.yaml': text }), 'portfolio-conflict');
    assert.deepStrictEqual(rest, []);
    assert.strictEqual(text.slice(finding.span[0], finding.span[1]), 'cbp-trade');
    assert.ok(finding.span[0] > text.indexOf('areas:'));
    assert.match(finding.message, /^Area `cbp-trade` has the id of the portfolio itself/);
  });
});
