import * as assert from 'assert';
import { analyzeText, auditDocument, createAuditContext, defaultAuditSettings } from '../../../server/src/core/analyze';
import { describeRuleFixtures } from './ruleFixtures';
import { createAnalysisCache } from '../../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

describe('target-not-applicable-without-reason', () => {
  describeRuleFixtures('target-not-applicable-without-reason');

  function findingsOf(text: string) {
    const document = analyzeText('file:///p.plan.yaml', text, { cache });
    const settings = { ...defaultAuditSettings, reviewDate: '2017-02-28' };
    return auditDocument(document, createAuditContext([document], settings), settings).filter((f) => f.ruleId === 'target-not-applicable-without-reason');
  }

  const plan = (reason: string) => `kind: plan
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
        name: Surveys
        unit: surveys
        data_source: Survey log
        target_not_applicable:${reason}
`;

  it('underlines the placeholder and quotes it', () => {
    const text = plan(' N/A');
    const [finding] = findingsOf(text);
    assert.strictEqual(text.slice(finding.span[0], finding.span[1]), 'N/A');
    assert.strictEqual(finding.severity, 'warning');
    assert.strictEqual(
      finding.message,
      'Measure `m1` (“Surveys”) is marked `target_not_applicable`, but “N/A” is not a reason. State why a target cannot be set for it, in a sentence an auditor can judge.',
    );
    assert.strictEqual(finding.fixes, undefined);
  });

  it('underlines the key when there is no reason at all', () => {
    const text = plan('');
    const [finding] = findingsOf(text);
    assert.strictEqual(text.slice(finding.span[0], finding.span[1]), 'target_not_applicable');
    assert.strictEqual(finding.message, 'Measure `m1` (“Surveys”) is marked `target_not_applicable` with no reason. State why a target cannot be set for it, in a sentence an auditor can judge.');
  });

  it('accepts a reason of ten characters or more, and leaves ill-typed values to the schema', () => {
    assert.deepStrictEqual(findingsOf(plan(' On request')), []);
    assert.strictEqual(findingsOf(plan(' On demand')).length, 1, 'nine characters are too short');
    assert.deepStrictEqual(findingsOf(plan(' [a, b]')), []);
    assert.deepStrictEqual(findingsOf(plan(' true')), []);
  });
});
