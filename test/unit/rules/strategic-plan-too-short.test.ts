import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText, auditDocument, createAuditContext, defaultAuditSettings } from '../../../server/src/core/analyze';
import { checkWorkspace, describeRuleFixtures } from './ruleFixtures';
import { createAnalysisCache } from '../../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

describe('strategic-plan-too-short', () => {
  describeRuleFixtures('strategic-plan-too-short');

  function findingsOf(text: string) {
    const document = analyzeText('file:///p.plan.yaml', text, { cache });
    const settings = { ...defaultAuditSettings, reviewDate: '2017-02-28' };
    return auditDocument(document, createAuditContext([document], settings), settings).filter((f) => f.ruleId === 'strategic-plan-too-short');
  }

  it('underlines the period key and gives the years', () => {
    const text = 'kind: plan\nversion: 1\nid: rev\ntitle: Revenue strategic plan\nagency: A\nowner: O\nissue_area: revenue\ntype: strategic\nstatus: final\nperiod: {start: 2017, end: 2019}\ngoals:\n  - {id: g1, title: G}\n';
    const [finding] = findingsOf(text);
    assert.strictEqual(text.slice(finding.span[0], finding.span[1]), 'period');
    assert.strictEqual(finding.severity, 'information');
    assert.strictEqual(
      finding.message,
      'Strategic plan `rev` (“Revenue strategic plan”) covers FY2017–FY2019, 3 fiscal years. A strategic plan should cover at least 4: extend the period, or record why this plan is shorter.',
    );
  });

  it('adds nothing to GAO-17-618 on its samples (the 3-year IPR plan is a draft)', () => {
    const folder = path.resolve(__dirname, '../../../samples/gao-17-618');
    const files = new Map(fs.readdirSync(folder).filter((name) => name.endsWith('.yaml')).map((name) => [path.join(folder, name), fs.readFileSync(path.join(folder, name), 'utf8')]));
    const results = checkWorkspace(files, { ...defaultAuditSettings, reviewDate: '2017-02-28' });
    const findings = [...results.values()].flatMap((result) => result.findings).filter((f) => f.ruleId === 'strategic-plan-too-short');
    assert.deepStrictEqual(findings, []);
  });
});
