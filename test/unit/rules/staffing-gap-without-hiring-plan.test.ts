import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText, auditDocument, createAuditContext, defaultAuditSettings } from '../../../server/src/core/analyze';
import { applyFix } from '../../../server/src/core/fixes';
import { describeRuleFixtures } from './ruleFixtures';
import { createAnalysisCache } from '../../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

const ruleId = 'staffing-gap-without-hiring-plan';
const samplePath = path.resolve(__dirname, '../../../samples/gao-17-618/trade-positions.staffing.yaml');

function auditOf(text: string, reviewDate = '2017-02-28') {
  const document = analyzeText('file:///s.staffing.yaml', text, { cache });
  const settings = { ...defaultAuditSettings, reviewDate };
  return auditDocument(document, createAuditContext([document], settings), settings);
}
const findingsOf = (text: string, reviewDate?: string) => auditOf(text, reviewDate).filter((f) => f.ruleId === ruleId);

const position = `kind: staffing
version: 1
id: s
agency: A
as_of: 2016-09-30
positions:
  - id: drawback-specialist
    title: Drawback specialist
    mandated_minimum: 37
    optimal:
      min: 38
      max: 48
      fiscal_years: {start: 2015, end: 2022}
    actuals:
      - {fiscal_year: 2015, value: 33}
      - {fiscal_year: 2016, value: 36}
`;

describe(ruleId, () => {
  describeRuleFixtures(ruleId);

  it('on the GAO-17-618 sample: every position generally below its minimum or optimum (GAO recommendation 2)', () => {
    const text = fs.readFileSync(samplePath, 'utf8');
    const findings = findingsOf(text);
    assert.deepStrictEqual(
      findings.map((f) => /`([^`]+)`/.exec(f.message)![1]),
      [
        'import-specialist',
        'customs-auditor',
        'national-import-specialist',
        'drawback-specialist',
        'financial-systems-specialist',
        'agriculture-specialist',
        'cbp-officer',
        'chemist',
        'national-account-manager',
        'seized-property-specialist',
      ],
    );
    assert.ok(findings.every((f) => text.slice(f.span[0], f.span[1]) === 'title'));
  });

  it('says which gap and what the targets must reach', () => {
    const [finding] = findingsOf(position);
    assert.strictEqual(finding.severity, 'warning');
    assert.strictEqual(
      finding.message,
      'Position `drawback-specialist` (“Drawback specialist”) is generally below its mandated minimum (2 of 2 reported years) and generally below its optimal range (2 of 2 covered years), and has no hiring plan. Add a `hiring_plan` naming an owner, a strategy and yearly targets that reach the mandated minimum of 37 and the optimal range 38–48 (FY2015–FY2022).',
    );
  });

  it('the skeleton targets the years after the review year, through the end of the optimal range', () => {
    const [finding] = findingsOf(position, '2020-11-15');
    assert.deepStrictEqual(finding.fixes?.map((fix) => [fix.title, fix.isPreferred]), [['Add a hiring_plan skeleton (targets for FY2022)', true]]);
    const fixed = applyFix(position, finding.fixes[0]);
    assert.ok(fixed.startsWith(position.trimEnd()), 'insert-only, at the end of the position');
    assert.match(fixed, /targets: {2}# .*\n {8}- fiscal_year: 2022\n {10}value: {2}# FY2022 target\n$/);
    const [later] = findingsOf(position, '2023-01-01');
    assert.match(later.fixes![0].title, /FY2024–FY2026/, 'past the end of the range: the next 3 years');
  });

  it('after the fix, this rule is satisfied and hiring-plan-incomplete asks for the content', () => {
    const [finding] = findingsOf(position);
    const fixed = applyFix(position, finding.fixes![0]);
    const after = auditOf(fixed);
    assert.deepStrictEqual(after.filter((f) => f.ruleId === ruleId), []);
    assert.deepStrictEqual(after.filter((f) => f.ruleId === 'hiring-plan-incomplete').length, 1);
  });

  it('keeps CRLF line endings in the inserted text', () => {
    const text = position.replace(/\n/g, '\r\n');
    const [finding] = findingsOf(text);
    const fixed = applyFix(text, finding.fixes![0]);
    assert.ok(!/[^\r]\n/.test(fixed), 'every line break is CRLF');
    assert.deepStrictEqual(findingsOf(fixed), []);
  });

  it('is not reported when the position has a hiring_plan, or no gap (entry specialist: 1 of 2 years below optimal)', () => {
    assert.deepStrictEqual(findingsOf(`${position}    hiring_plan:\n      owner: Director\n`), []);
    const text = fs.readFileSync(samplePath, 'utf8');
    assert.ok(!findingsOf(text).some((f) => f.message.includes('entry-specialist')));
  });
});
