import * as assert from 'assert';
import { analyzeText, auditDocument, createAuditContext, defaultAuditSettings } from '../../../server/src/core/analyze';
import { formatFiscalYears } from '../../../server/src/core/period';
import { describeRuleFixtures } from './ruleFixtures';
import { createAnalysisCache } from '../../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

describe('target-outside-period', () => {
  describeRuleFixtures('target-outside-period');

  function findingsOf(text: string) {
    const document = analyzeText('file:///p.plan.yaml', text, { cache });
    const settings = { ...defaultAuditSettings, reviewDate: '2017-02-28' };
    return auditDocument(document, createAuditContext([document], settings), settings).filter((f) => f.ruleId === 'target-outside-period');
  }

  const plan = (period: string, targets: string) => `kind: plan
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
        unit: audits
        data_source: RA
        targets: ${targets}
`;

  it('underlines the fiscal_year value and names the measure, the year and the period', () => {
    const text = plan('{start: 2017, end: 2018}', '[{fiscal_year: 2019, value: 3}]');
    const [finding] = findingsOf(text);
    assert.strictEqual(text.slice(finding.span[0], finding.span[1]), '2019');
    assert.strictEqual(finding.severity, 'warning');
    assert.strictEqual(
      finding.message,
      'Measure `m1` (“Audits”) has a target for FY2019, outside the plan period FY2017–FY2018. Correct the year, or move the target to the plan that covers FY2019.',
    );
    assert.strictEqual(finding.fixes, undefined);
  });

  it('stays silent when the period or the year is missing or ill-typed', () => {
    assert.deepStrictEqual(findingsOf(plan('{start: 2017}', '[{fiscal_year: 2019, value: 3}]')), []);
    assert.deepStrictEqual(findingsOf(plan('{start: "2017", end: 2017}', '[{fiscal_year: 2019, value: 3}]')), []);
    assert.deepStrictEqual(findingsOf(plan('2017', '[{fiscal_year: 2019, value: 3}]')), []);
    assert.deepStrictEqual(findingsOf(plan('{start: 2017, end: 2017}', '[{value: 3}, {fiscal_year: 2017.5, value: 3}, 7, [1]]')), []);
    assert.deepStrictEqual(findingsOf(plan('{start: 2017, end: 2017}', 'none')), []);
  });

  it('lists fiscal years compactly for messages', () => {
    assert.strictEqual(formatFiscalYears([2018]), 'FY2018');
    assert.strictEqual(formatFiscalYears([2019, 2018]), 'FY2018 and FY2019');
    assert.strictEqual(formatFiscalYears([2017, 2019, 2021]), 'FY2017, FY2019 and FY2021');
    assert.strictEqual(formatFiscalYears([2016, 2017, 2018, 2019, 2021]), 'FY2016–FY2019 and FY2021');
    assert.strictEqual(formatFiscalYears([]), '');
  });
});
