import * as assert from 'assert';
import { analyzeText, auditDocument, createAuditContext, defaultAuditSettings } from '../../../server/src/core/analyze';
import { applyFix } from '../../../server/src/core/fixes';
import { describeRuleFixtures } from './ruleFixtures';
import { createAnalysisCache } from '../../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

describe('measure-without-data-source', () => {
  describeRuleFixtures('measure-without-data-source');

  function findingsOf(text: string) {
    const document = analyzeText('file:///p.plan.yaml', text, { cache });
    const settings = { ...defaultAuditSettings, reviewDate: '2017-02-28' };
    return auditDocument(document, createAuditContext([document], settings), settings).filter((f) => f.ruleId === 'measure-without-data-source');
  }

  const plan = (measure: string) => `kind: plan
version: 1
id: p
title: P
agency: A
owner: O
issue_area: x
type: annual
status: final
period: {start: 2017, end: 2017}
goals:
  - id: g1
    title: G
    measures:
      - id: m1
        name: Audits
${measure}`;

  it('adds `data_source:` with the comment once, then reports the empty key without a fix', () => {
    const text = plan('        unit: audits\n        targets:\n          - {fiscal_year: 2017, value: 4}\n');
    const [finding] = findingsOf(text);
    assert.strictEqual(text.slice(finding.span[0], finding.span[1]), 'name');
    assert.strictEqual(finding.severity, 'warning');
    assert.strictEqual(finding.message, 'Measure `m1` (“Audits”) names no data source. Say where its figures come from and how they are verified.');
    assert.deepStrictEqual(finding.fixes?.map((fix) => [fix.title, fix.isPreferred]), [['Add `data_source:` (then describe the source)', true]]);
    const fixed = applyFix(text, finding.fixes[0]);
    assert.strictEqual(
      fixed,
      text.replace('unit: audits\n', 'unit: audits\n        data_source: ""  # where the figures come from and how they are verified (31 U.S.C. 1115(b)(8))\n'),
    );
    const [empty] = findingsOf(fixed);
    assert.strictEqual(fixed.slice(empty.span[0], empty.span[1]), 'data_source');
    assert.strictEqual(empty.fixes, undefined);
    assert.strictEqual(empty.message, 'Measure `m1` (“Audits”) has an empty `data_source`. Write where its figures come from and how they are verified.');
  });

  it('inserts after a one-line key only: a block scalar name sends the key to the end of the measure', () => {
    const text = `kind: plan\nversion: 1\nid: p\ntitle: P\nagency: A\nowner: O\nissue_area: x\ntype: annual\nstatus: final\nperiod: {start: 2017, end: 2017}\ngoals:\n  - id: g1\n    title: G\n    measures:\n      - name: >-\n          Audits of\n          importers\n        target_not_applicable: Audits follow referrals; their number is not a goal.\n`;
    const [finding] = findingsOf(text);
    const fixed = applyFix(text, finding.fixes![0]);
    assert.ok(fixed.endsWith('their number is not a goal.\n        data_source: ""  # where the figures come from and how they are verified (31 U.S.C. 1115(b)(8))\n'), fixed);
  });

  it('leaves a data source of the wrong type to the schema', () => {
    assert.deepStrictEqual(findingsOf(plan('        data_source: [ACE, ATS]\n        target_not_applicable: Audits follow referrals; their number is not a goal.\n')), []);
  });
});
