import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText, auditDocument, createAuditContext, defaultAuditSettings } from '../../../server/src/core/analyze';
import { describeRuleFixtures } from './ruleFixtures';
import { createAnalysisCache } from '../../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

const ruleId = 'staffing-below-optimal-range';
const samplePath = path.resolve(__dirname, '../../../samples/gao-17-618/trade-positions.staffing.yaml');

function findingsOf(text: string, fiscalYearStartMonth = 10) {
  const document = analyzeText('file:///s.staffing.yaml', text, { fiscalYearStartMonth, cache });
  const settings = { ...defaultAuditSettings, fiscalYearStartMonth, reviewDate: '2017-02-28' };
  return auditDocument(document, createAuditContext([document], settings), settings).filter((f) => f.ruleId === ruleId);
}

const titleOf = (text: string, offset: number) => /title: (.+)/.exec(text.slice(text.lastIndexOf('- id:', offset)))![1];

describe(ruleId, () => {
  describeRuleFixtures(ruleId);

  it('on the GAO-17-618 sample: Table 5 bold positions plus financial systems specialist, and Table 6 bold positions', () => {
    const text = fs.readFileSync(samplePath, 'utf8');
    const findings = findingsOf(text);
    assert.deepStrictEqual(
      findings.filter((f) => f.severity === 'warning').map((f) => titleOf(text, f.span[0])),
      [
        'Import specialist',
        'Customs auditor',
        'National import specialist',
        'Drawback specialist',
        'Financial systems specialist',
        'Agriculture specialist',
        'CBP officer',
        'Chemist',
        'National account manager',
        'Seized property specialist',
      ],
    );
  });

  it('entry specialist (FY2016 431 < 433, 1 of 2 covered years) is information only', () => {
    const text = fs.readFileSync(samplePath, 'utf8');
    const information = findingsOf(text).filter((f) => f.severity !== 'warning');
    assert.deepStrictEqual(information.map((f) => [titleOf(text, f.span[0]), f.severity]), [['Entry specialist', 'information']]);
    assert.ok(!/generally below/i.test(information[0].message), information[0].message);
  });

  it('underlines `optimal`; names the range, its years and the as_of date that decided the fiscal year', () => {
    const text = fs.readFileSync(samplePath, 'utf8');
    const finding = findingsOf(text).find((f) => f.message.includes('cbp-officer'))!;
    assert.strictEqual(text.slice(finding.span[0], finding.span[1]), 'optimal');
    assert.strictEqual(
      finding.message,
      'Position `cbp-officer` (“CBP officer”) is generally below its optimal range 8,658–9,682 (FY2015–FY2022): below the minimum of 8,658 in the only reported year the range covers (FY2015 6,889 as of 2014-10-04). Plan the hiring that brings it into the range.',
    );
  });

  it('with a calendar fiscal year (start month 1), 2014-10-04 is FY2014, outside the range: Table 6 is not flagged', () => {
    const text = fs.readFileSync(samplePath, 'utf8');
    const titles = findingsOf(text, 1).map((f) => titleOf(text, f.span[0]));
    assert.ok(!titles.includes('CBP officer'), titles.join(', '));
  });
});
