import * as assert from 'assert';
import { applyFix } from '../../../server/src/core/fixes';
import { editDistance, rankCandidates } from '../../../server/src/core/rules/plan-unknown-area';
import { describeRuleFixtures } from './ruleFixtures';
import { auditFiles, ofRule, planText, portfolioText } from './workspaceHelpers';

describe('plan-unknown-area', () => {
  describeRuleFixtures('plan-unknown-area');

  const areas = {
    agriculture: 'Agriculture Programs',
    adcvd: 'AD/CVD',
    'import-safety': 'Import Safety',
    ipr: 'IPR',
    textiles: 'Textiles and Wearing Apparel',
    'trade-agreements': 'Trade Agreements and Preference Programs',
    revenue: 'Revenue',
  };
  const portfolio = portfolioText('cbp-trade', areas);

  function check(issueArea: string) {
    const plan = planText('p-fy2017-annual', 'adcvd').replace('issue_area: adcvd', `issue_area: ${issueArea}`);
    return { plan, findings: ofRule(auditFiles({ 'cbp-trade.portfolio.yaml': portfolio, 'p.plan.yaml': plan }), 'plan-unknown-area') };
  }

  it('underlines the value and offers the closest area as the preferred replacing fix', () => {
    const { plan, findings } = check('adcdv');
    assert.strictEqual(findings.length, 1);
    const [finding] = findings;
    assert.strictEqual(plan.slice(finding.span[0], finding.span[1]), 'adcdv');
    assert.strictEqual(finding.message, '`adcdv` is not an area of `cbp-trade` (cbp-trade.portfolio.yaml), so no area counts this plan. Did you mean AD/CVD (`adcvd`)? Use an area id from the portfolio, or add the area to it.');
    const [preferred, ...others] = finding.fixes ?? [];
    assert.strictEqual(preferred.title, 'Change to `adcvd` (AD/CVD)');
    assert.strictEqual(preferred.isPreferred, true);
    assert.deepStrictEqual(preferred.edits, [{ offset: finding.span[0], deleteCount: 5, insertText: 'adcvd' }]);
    assert.ok(others.every((fix) => !fix.isPreferred) && others.length <= 2);
    assert.strictEqual(applyFix(plan, preferred), plan.replace('issue_area: adcdv', 'issue_area: adcvd'));
  });

  it('prefers nothing when nothing is close, and lists the areas', () => {
    const { findings } = check('firearms');
    assert.strictEqual(findings.length, 1);
    assert.ok((findings[0].fixes ?? []).every((fix) => !fix.isPreferred));
    assert.match(findings[0].message, /The areas are `agriculture`, `adcvd`, `import-safety`, `ipr`, `textiles`, `trade-agreements`, `revenue`\./);
  });

  it('says so when the plan names the portfolio itself', () => {
    const { findings } = check('cbp-trade');
    assert.match(findings[0].message, /^`cbp-trade` is the id of the portfolio itself \(cbp-trade\.portfolio\.yaml\), not one of its areas/);
  });

  it('replaces a quoted value whole, quotes included', () => {
    const { plan, findings } = check('"Revenue "');
    const fix = findings[0].fixes!.find((candidate) => candidate.isPreferred)!;
    assert.strictEqual(applyFix(plan, fix), plan.replace('issue_area: "Revenue "', 'issue_area: revenue'));
  });

  it('is silent without a portfolio', () => {
    assert.deepStrictEqual(ofRule(auditFiles({ 'p.plan.yaml': planText('p', 'anything') }), 'plan-unknown-area'), []);
  });

  it('ranks equal-ignoring-punctuation, then prefixes, then near typos', () => {
    const map = new Map(Object.entries(areas));
    assert.strictEqual(rankCandidates('AD/CVD', map)[0].id, 'adcvd');
    assert.strictEqual(rankCandidates('import', map)[0].id, 'import-safety');
    assert.strictEqual(rankCandidates('revnue', map)[0].id, 'revenue');
    assert.strictEqual(editDistance('kitten', 'sitting'), 3);
  });
});
