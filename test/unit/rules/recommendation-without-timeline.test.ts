import * as assert from 'assert';
import { applyFix } from '../../../server/src/core/fixes';
import { gaoIgActEnactment } from '../../../server/src/core/rules/recommendation-without-timeline';
import { describeRuleFixtures } from './ruleFixtures';
import { auditFiles, ofRule } from './workspaceHelpers';

describe('recommendation-without-timeline', () => {
  describeRuleFixtures('recommendation-without-timeline');

  const text = `kind: recommendations
version: 1
id: recs
title: Recommendations
agency: CBP
items:
  - id: r1
    source: gao
    report: GAO-17-618
    issued: 2017-06-12
    topic: Performance targets
    text: Include performance targets, when applicable.
    agency_response: concur
    status: open
    status_as_of: 2018-10-31
`;

  it('applies only from the GAO-IG Act’s enactment (Pub. L. 115-414, 2019-01-03)', () => {
    assert.strictEqual(gaoIgActEnactment, '2019-01-03');
    const count = (reviewDate: string) => ofRule(auditFiles({ 'r.recommendations.yaml': text }, reviewDate), 'recommendation-without-timeline').length;
    assert.strictEqual(count('2019-01-02'), 0);
    assert.strictEqual(count('2019-01-03'), 1);
  });

  it('needs the recommendation open for at least one year', () => {
    const recent = text.replace('issued: 2017-06-12', 'issued: 2018-06-12');
    const count = (reviewDate: string) => ofRule(auditFiles({ 'r.recommendations.yaml': recent }, reviewDate), 'recommendation-without-timeline').length;
    assert.strictEqual(count('2019-06-11'), 0);
    assert.strictEqual(count('2019-06-12'), 1);
  });

  it('inserts `estimated_completion:` after `status_as_of`, with the criterion as a comment', () => {
    const [finding] = ofRule(auditFiles({ 'r.recommendations.yaml': text }, '2019-06-30'), 'recommendation-without-timeline');
    assert.strictEqual(finding.severity, 'information');
    assert.strictEqual(text.slice(finding.span[0], finding.span[1]), 'id');
    assert.strictEqual(finding.message, "Recommendation `r1` (GAO-17-618) has been open since 2017-06-12 and the agency concurred, but no implementation timeline is recorded. Add the agency's estimated completion date.");
    const fixed = applyFix(text, finding.fixes![0]);
    assert.strictEqual(
      fixed,
      text.replace('status_as_of: 2018-10-31\n', "status_as_of: 2018-10-31\n    estimated_completion:  # YYYY-MM-DD: the agency's timeline for full implementation (GAO-IG Act, Pub. L. 115-414 § 2(b)(3))\n"),
    );
    const again = ofRule(auditFiles({ 'r.recommendations.yaml': fixed }, '2019-06-30'), 'recommendation-without-timeline');
    assert.strictEqual(again.length, 1, 'the empty key is still reported');
    assert.deepStrictEqual(again[0].fixes ?? [], [], 'without offering the fix twice');
  });
});
