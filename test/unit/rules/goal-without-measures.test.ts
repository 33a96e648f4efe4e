import * as assert from 'assert';
import { analyzeText, auditDocument, createAuditContext, defaultAuditSettings } from '../../../server/src/core/analyze';
import { describeRuleFixtures } from './ruleFixtures';
import { createAnalysisCache } from '../../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

describe('goal-without-measures', () => {
  describeRuleFixtures('goal-without-measures');

  function findingsOf(text: string) {
    const document = analyzeText('file:///p.plan.yaml', text, { cache });
    const settings = { ...defaultAuditSettings, reviewDate: '2017-02-28' };
    return auditDocument(document, createAuditContext([document], settings), settings).filter((f) => f.ruleId === 'goal-without-measures');
  }

  const plan = (goals: string) => `kind: plan
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
${goals}`;

  it('reports a goal once, naming its objectives, on its title key', () => {
    const text = plan('  - id: g1\n    title: Verify claims\n    objectives:\n      - {id: o1, title: Verify origin}\n      - {id: o2, title: Recover duties}\n');
    const findings = findingsOf(text);
    assert.strictEqual(findings.length, 1);
    const [finding] = findings;
    assert.strictEqual(text.slice(finding.span[0], finding.span[1]), 'title');
    assert.strictEqual(finding.severity, 'warning');
    assert.strictEqual(
      finding.message,
      'Goal `g1` (“Verify claims”) has no performance measure, nor do its objectives `o1` (“Verify origin”), `o2` (“Recover duties”). Add the measures that show progress toward it.',
    );
  });

  it('reports an objective without measures when its goal has measures elsewhere', () => {
    const text = plan('  - id: g1\n    title: Verify claims\n    measures:\n      - {id: m1, name: Claims verified}\n    objectives:\n      - {id: o1, title: Verify origin}\n');
    const [finding] = findingsOf(text);
    assert.strictEqual(finding.message, 'Objective `o1` (“Verify origin”) of goal `g1` (“Verify claims”) has no performance measure. Add the measures that show progress toward it.');
  });

  it('does not throw on goals of the wrong shape', () => {
    assert.deepStrictEqual(findingsOf(plan('  - just text\n  - [1, 2]\n')), []);
    assert.deepStrictEqual(findingsOf(plan('  - id: g1\n    title: G\n    objectives: none yet\n')), []);
  });
});
