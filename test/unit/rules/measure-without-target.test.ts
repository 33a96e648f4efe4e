import * as assert from 'assert';
import { analyzeText, auditDocument, createAuditContext, defaultAuditSettings } from '../../../server/src/core/analyze';
import { applyFix } from '../../../server/src/core/fixes';
import { describeRuleFixtures } from './ruleFixtures';
import { createAnalysisCache } from '../../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

describe('measure-without-target', () => {
  describeRuleFixtures('measure-without-target');

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
${measure}`;

  function findingsOf(text: string) {
    const document = analyzeText('file:///p.plan.yaml', text, { cache });
    const settings = { ...defaultAuditSettings, reviewDate: '2017-02-28' };
    return auditDocument(document, createAuditContext([document], settings), settings).filter((f) => f.ruleId === 'measure-without-target');
  }

  it('underlines the name key and names the measure and the years in the message', () => {
    const text = plan('      - id: m1\n        name: Audits\n        unit: audits\n');
    const [finding] = findingsOf(text);
    assert.strictEqual(text.slice(finding.span[0], finding.span[1]), 'name');
    assert.strictEqual(finding.severity, 'warning');
    assert.strictEqual(finding.message, 'Measure `m1` (“Audits”) has no target. Set a target for FY2017, or state why a target is not applicable.');
  });

  it('builds its fixes when they are first read, and they read as an ordinary property', () => {
    const text = plan('      - id: m1\n        name: Audits\n');
    const [finding] = findingsOf(text);
    assert.ok(Object.keys(finding).includes('fixes'), 'an own enumerable property');
    const fixes = finding.fixes;
    assert.deepStrictEqual(fixes?.map((fix) => fix.title), ['Add targets for FY2017', 'Mark the target not applicable (state the reason)']);
    assert.strictEqual(finding.fixes, fixes, 'built once');
    assert.deepStrictEqual({ ...finding }.fixes, fixes, 'copies carry them');
    assert.deepStrictEqual((JSON.parse(JSON.stringify(finding)) as { fixes?: unknown }).fixes, JSON.parse(JSON.stringify(fixes)), 'and JSON');
  });

  it('offers the targets block as the preferred fix and target_not_applicable as the second', () => {
    const text = plan('      - id: m1\n        name: Audits\n');
    const [finding] = findingsOf(text);
    assert.deepStrictEqual(
      finding.fixes?.map((fix) => [fix.title, fix.isPreferred]),
      [
        ['Add targets for FY2017', true],
        ['Mark the target not applicable (state the reason)', false],
      ],
    );
    const justified = applyFix(text, finding.fixes[1]);
    assert.strictEqual(justified, text.replace('name: Audits\n', 'name: Audits\n        target_not_applicable: ""  # state why a target cannot be set (31 U.S.C. 1115(c)(2))\n'));
    assert.deepStrictEqual(findingsOf(justified), [], 'target_not_applicable satisfies the rule');
  });

  it('keeps CRLF line endings in the inserted text', () => {
    const text = plan('      - id: m1\n        name: Audits\n').replace(/\n/g, '\r\n');
    const [finding] = findingsOf(text);
    const fixed = applyFix(text, finding.fixes![0]);
    assert.ok(!/[^\r]\n/.test(fixed), 'every line break is CRLF');
    assert.deepStrictEqual(findingsOf(fixed.replace('value: ', 'value: 120')), []);
  });

  it('keeps the finding while the targets the fix inserted have no value: they are still to fill in (issue 13)', () => {
    const text = plan('      - id: m1\n        name: Audits\n        unit: audits\n');
    const [finding] = findingsOf(text);
    const fixed = applyFix(text, finding.fixes![0]);
    assert.match(fixed, /value: {2}# FY2017 target \(audits\)/);
    const after = findingsOf(fixed);
    assert.deepStrictEqual(
      after.map((f) => [fixed.slice(f.span[0], f.span[1]), f.message, f.fixes]),
      [['name', 'Measure `m1` (“Audits”) has targets to fill in: no target (FY2017) has a numeric value yet. Write each target level as a number, or state why a target is not applicable.', undefined]],
    );
    for (const placeholder of ['value: TBD', 'value: ""', 'value: "120"', 'value: .nan']) {
      assert.strictEqual(findingsOf(fixed.replace(/value: [^\n]*/, placeholder)).length, 1, placeholder);
    }
    assert.deepStrictEqual(findingsOf(fixed.replace(/value: [^\n]*/, 'value: 0')), [], 'zero is a target level');
  });

  it('counts a measure with one numeric target among empty ones as having targets (target-not-numeric reports the empty ones)', () => {
    const text = plan('      - id: m1\n        name: Audits\n        targets:\n          - {fiscal_year: 2017, value: 12}\n          - {fiscal_year: 2018, value: }\n');
    assert.deepStrictEqual(findingsOf(text), []);
  });

  it('is not reported for an empty targets list when a reason is given instead', () => {
    const text = plan('      - id: m1\n        name: Audits\n        target_not_applicable: Counts respond to demand.\n');
    assert.deepStrictEqual(findingsOf(text), []);
  });
});
