import * as assert from 'assert';
import { analyzeText, auditDocument, createAuditContext, defaultAuditSettings } from '../../../server/src/core/analyze';
import { applyFix } from '../../../server/src/core/fixes';
import { describeRuleFixtures } from './ruleFixtures';
import { createAnalysisCache } from '../../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

describe('target-not-numeric', () => {
  describeRuleFixtures('target-not-numeric');

  function findingsOf(text: string) {
    const document = analyzeText('file:///p.plan.yaml', text, { cache });
    const settings = { ...defaultAuditSettings, reviewDate: '2017-02-28' };
    return auditDocument(document, createAuditContext([document], settings), settings).filter((f) => f.ruleId === 'target-not-numeric');
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

  const messageFor = (value: string) => {
    const text = plan(`        unit: audits\n        data_source: RA\n        targets:\n          - fiscal_year: 2017\n            value: ${value}\n`);
    const [finding] = findingsOf(text);
    return { text: text.slice(finding.span[0], finding.span[1]), message: finding.message, fixes: finding.fixes };
  };

  it('underlines a text value and says what to write instead', () => {
    assert.deepStrictEqual(messageFor('increase'), {
      text: 'increase',
      message: 'The FY2017 target of measure `m1` (“Audits”) is the text “increase”, not a number. Write the target level as a number (in audits); the intended direction belongs in `direction`.',
      fixes: undefined,
    });
    assert.strictEqual(
      messageFor('25%').message,
      "The FY2017 target of measure `m1` (“Audits”) is the text “25%”, not a number. Write the number (25) and put `percent` in the measure's `unit`.",
    );
    assert.strictEqual(messageFor('"1,200"').message, 'The FY2017 target of measure `m1` (“Audits”) is the text “1,200”, not a number. Write 1200 without quotes or thousands separators.');
    assert.strictEqual(
      messageFor('TBD').message,
      'The FY2017 target of measure `m1` (“Audits”) is the text “TBD”, not a number. Write the target level as a number (in audits), or state why a target is not applicable (`target_not_applicable`).',
    );
  });

  it('underlines the value key when the value is empty', () => {
    const result = messageFor('');
    assert.strictEqual(result.text, 'value');
    assert.strictEqual(result.message, 'The FY2017 target of measure `m1` (“Audits”) has no value. Write the target level as a number (in audits).');
  });

  it('adds `unit:` with a comment once, then reports the empty unit without a fix', () => {
    const text = plan('        data_source: RA\n        targets:\n          - {fiscal_year: 2017, value: 4}\n');
    const [missing] = findingsOf(text);
    assert.strictEqual(text.slice(missing.span[0], missing.span[1]), 'name');
    assert.strictEqual(missing.message, 'Measure `m1` (“Audits”) has targets but no unit. Say what the numbers count (audits, percent, days…).');
    const fixed = applyFix(text, missing.fixes![0]);
    assert.ok(fixed.includes('        name: Audits\n        unit: ""  # what the values count, e.g. audits, percent, days (GAO-03-143: clarity)\n        data_source: RA\n'));
    const [empty] = findingsOf(fixed);
    assert.strictEqual(fixed.slice(empty.span[0], empty.span[1]), 'unit');
    assert.strictEqual(empty.fixes, undefined);
    assert.strictEqual(empty.message, 'Measure `m1` (“Audits”) has an empty `unit`. Write what its numbers count (audits, percent, days…).');
    assert.deepStrictEqual(findingsOf(fixed.replace('unit: ""  #', 'unit: audits  #')), []);
  });

  it('leaves ill-typed values to the schema', () => {
    const text = plan('        unit: [audits]\n        data_source: RA\n        targets:\n          - {fiscal_year: 2017, value: [4]}\n          - {fiscal_year: 2017, value: {a: 1}}\n          - {fiscal_year: 2017}\n          - 12\n');
    assert.deepStrictEqual(findingsOf(text), []);
  });
});
