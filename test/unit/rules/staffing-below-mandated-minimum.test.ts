import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText, auditDocument, createAuditContext, defaultAuditSettings } from '../../../server/src/core/analyze';
import { describeRuleFixtures } from './ruleFixtures';
import { createAnalysisCache } from '../../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

const ruleId = 'staffing-below-mandated-minimum';
const samplePath = path.resolve(__dirname, '../../../samples/gao-17-618/trade-positions.staffing.yaml');

function findingsOf(text: string) {
  const document = analyzeText('file:///s.staffing.yaml', text, { cache });
  const settings = { ...defaultAuditSettings, reviewDate: '2017-02-28' };
  return auditDocument(document, createAuditContext([document], settings), settings).filter((f) => f.ruleId === ruleId);
}

const titleOf = (text: string, offset: number) => /title: (.+)/.exec(text.slice(text.lastIndexOf('- id:', offset)))![1];

describe(ruleId, () => {
  describeRuleFixtures(ruleId);

  it('on the GAO-17-618 sample: warnings for exactly the four positions of Table 5 in bold', () => {
    const text = fs.readFileSync(samplePath, 'utf8');
    const findings = findingsOf(text);
    assert.deepStrictEqual(
      findings.filter((f) => f.severity === 'warning').map((f) => titleOf(text, f.span[0])),
      ['Import specialist', 'Customs auditor', 'National import specialist', 'Drawback specialist'],
    );
    assert.ok(findings.filter((f) => f.severity === 'warning').every((f) => f.message.includes('is generally below its mandated minimum')));
  });

  it('financial systems specialist (2 of 5 years) is information and is never called "generally below"', () => {
    const text = fs.readFileSync(samplePath, 'utf8');
    const information = findingsOf(text).filter((f) => f.severity === 'information');
    assert.deepStrictEqual(information.map((f) => titleOf(text, f.span[0])), ['Financial systems specialist']);
    assert.ok(!/generally below/i.test(information[0].message), information[0].message);
    assert.strictEqual(
      information[0].message,
      'Position `financial-systems-specialist` (“Financial systems specialist”) was below its mandated minimum of 5 in 2 of 5 reported years (FY2014 2 and FY2016 4); it met the minimum in FY2012 5, FY2013 5 and FY2015 5. That is not most of the reported years; watch the next figures.',
    );
  });

  it('underlines `mandated_minimum` and lists the years and figures', () => {
    const text = fs.readFileSync(samplePath, 'utf8');
    const finding = findingsOf(text)[0];
    assert.strictEqual(text.slice(finding.span[0], finding.span[1]), 'mandated_minimum');
    assert.strictEqual(
      finding.message,
      'Position `import-specialist` (“Import specialist”) is generally below its mandated minimum of 984: below in 4 of 5 reported years (FY2012 983, FY2014 954, FY2015 936 and FY2016 917); it met the minimum in FY2013 987. Restore the mandated staffing level, and plan the hiring that gets there.',
    );
    assert.strictEqual(finding.fixes, undefined, 'no fix: staffing-gap-without-hiring-plan offers the hiring plan');
  });

  it('reports once per position, however many years are below', () => {
    const text = fs.readFileSync(samplePath, 'utf8');
    const findings = findingsOf(text);
    assert.strictEqual(findings.length, 5);
  });
});
