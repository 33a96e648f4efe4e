import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText, auditDocument, createAuditContext, defaultAuditSettings } from '../../../server/src/core/analyze';
import { describeRuleFixtures } from './ruleFixtures';
import { createAnalysisCache } from '../../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

const ruleId = 'staffing-declining';
const samplePath = path.resolve(__dirname, '../../../samples/gao-17-618/trade-positions.staffing.yaml');

function findingsOf(text: string) {
  const document = analyzeText('file:///s.staffing.yaml', text, { cache });
  const settings = { ...defaultAuditSettings, reviewDate: '2017-02-28' };
  return auditDocument(document, createAuditContext([document], settings), settings).filter((f) => f.ruleId === ruleId);
}

describe(ruleId, () => {
  describeRuleFixtures(ruleId);

  it('on the GAO-17-618 sample: import specialist, customs auditor and national import specialist only', () => {
    const text = fs.readFileSync(samplePath, 'utf8');
    const findings = findingsOf(text);
    assert.deepStrictEqual(
      findings.map((f) => /`([^`]+)`/.exec(f.message)![1]),
      ['import-specialist', 'customs-auditor', 'national-import-specialist'],
    );
    assert.ok(findings.every((f) => f.severity === 'information' && text.slice(f.span[0], f.span[1]) === 'actuals'));
    assert.strictEqual(
      findings[0].message,
      'Position `import-specialist` (“Import specialist”) fell in each of its last three reported years: FY2013 987 → FY2014 954 → FY2015 936 → FY2016 917 (down 70 since FY2013). Find out why, and plan the hiring that reverses it.',
    );
  });
});
