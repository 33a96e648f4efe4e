import * as assert from 'assert';
import { analyzeText, auditDocument, createAuditContext, defaultAuditSettings } from '../../../server/src/core/analyze';
import { describeRuleFixtures } from './ruleFixtures';
import { createAnalysisCache } from '../../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

const ruleId = 'staffing-without-actuals';

function findingsOf(text: string) {
  const document = analyzeText('file:///s.staffing.yaml', text, { cache });
  const settings = { ...defaultAuditSettings, reviewDate: '2017-02-28' };
  return auditDocument(document, createAuditContext([document], settings), settings);
}

const staffing = (positions: string) => `kind: staffing\nversion: 1\nid: s\nagency: A\nas_of: 2016-09-30\npositions:\n${positions}`;

describe(ruleId, () => {
  describeRuleFixtures(ruleId);

  it('a staffing file with no actuals gets a clear finding on the position, without a fix', () => {
    const text = staffing('  - id: import-specialist\n    title: Import specialist\n    mandated_minimum: 984\n');
    const findings = findingsOf(text).filter((f) => f.ruleId === ruleId);
    assert.strictEqual(findings.length, 1);
    assert.strictEqual(text.slice(findings[0].span[0], findings[0].span[1]), 'title');
    assert.strictEqual(
      findings[0].message,
      'Position `import-specialist` (“Import specialist”) has a mandated minimum but no actual staffing figures, so it cannot be compared with them. Add `actuals` with the staff on board at the end of each fiscal year (at least FY2016), or the date each figure was taken (`as_of`).',
    );
    assert.strictEqual(findings[0].fixes, undefined);
  });

  it('actuals whose entries give no usable figure are reported on the `actuals` key', () => {
    const text = staffing('  - id: p\n    title: P\n    optimal: {min: 1, max: 2, fiscal_years: {start: 2015, end: 2022}}\n    actuals:\n      - {fiscal_year: 2016, value: many}\n');
    const findings = findingsOf(text).filter((f) => f.ruleId === ruleId);
    assert.strictEqual(findings.length, 1);
    assert.strictEqual(text.slice(findings[0].span[0], findings[0].span[1]), 'actuals');
    assert.match(findings[0].message, /has an optimal range, but its `actuals` give no figure/);
  });

  it('runs no other staffing rule on a position without figures', () => {
    const text = staffing('  - id: p\n    title: P\n    mandated_minimum: 10\n    optimal: {min: 12, max: 20, fiscal_years: {start: 2015, end: 2022}}\n    actuals: []\n');
    const ids = findingsOf(text).map((f) => f.ruleId).filter((id) => id.startsWith('staffing-'));
    assert.deepStrictEqual(ids, [ruleId]);
  });
});
