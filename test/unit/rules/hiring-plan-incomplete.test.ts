import * as assert from 'assert';
import { analyzeText, auditDocument, createAuditContext, defaultAuditSettings } from '../../../server/src/core/analyze';
import { describeRuleFixtures } from './ruleFixtures';
import { createAnalysisCache } from '../../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

const ruleId = 'hiring-plan-incomplete';

function findingsOf(text: string) {
  const document = analyzeText('file:///s.staffing.yaml', text, { cache });
  const settings = { ...defaultAuditSettings, reviewDate: '2017-02-28' };
  return auditDocument(document, createAuditContext([document], settings), settings).filter((f) => f.ruleId === ruleId);
}

const position = (hiringPlan: string) =>
  `kind: staffing\nversion: 1\nid: s\nagency: A\nas_of: 2016-09-30\npositions:\n  - id: customs-auditor\n    title: Customs auditor\n    mandated_minimum: 364\n    optimal: {min: 397, max: 699, fiscal_years: {start: 2015, end: 2022}}\n    actuals:\n      - {fiscal_year: 2016, value: 321}\n${hiringPlan}`;

describe(ruleId, () => {
  describeRuleFixtures(ruleId);

  it('lists what the plan lacks, on the `hiring_plan` key, without a fix', () => {
    const text = position('    hiring_plan:\n      owner: Director\n      strategy:\n');
    const [finding] = findingsOf(text);
    assert.strictEqual(text.slice(finding.span[0], finding.span[1]), 'hiring_plan');
    assert.strictEqual(finding.severity, 'information');
    assert.match(finding.message, /is incomplete: no `strategy`; no `targets` with a value\./);
    assert.strictEqual(finding.fixes, undefined);
  });

  it('compares the last target with the mandated minimum, then with the optimal minimum', () => {
    const plan = (last: number) => position(`    hiring_plan:\n      owner: Director\n      strategy: Recruit.\n      targets:\n        - {fiscal_year: 2019, value: ${last}}\n        - {fiscal_year: 2018, value: 999}\n`);
    assert.match(findingsOf(plan(350))[0].message, /its last target \(FY2019: 350\) stays below the mandated minimum of 364/);
    assert.match(findingsOf(plan(380))[0].message, /its last target \(FY2019: 380\) stays below the optimal range minimum of 397/);
    assert.deepStrictEqual(findingsOf(plan(397)), []);
  });

  it('is silent for a position without a hiring plan', () => {
    assert.deepStrictEqual(findingsOf(position('')), []);
  });
});
