import * as assert from 'assert';
import { openTooLongYears, openTooLongYearsBySource } from '../../../server/src/core/recommendationAge';
import { describeRuleFixtures } from './ruleFixtures';
import { auditFiles, ofRule } from './workspaceHelpers';

describe('recommendation-open-too-long', () => {
  describeRuleFixtures('recommendation-open-too-long');

  const file = (source: string, issued: string) => `kind: recommendations
version: 1
id: recs
title: Recommendations
agency: CBP
items:
  - id: r1
    source: ${source}
    report: GAO-13-268
    issued: ${issued}
    topic: Fees
    text: Align fee revenues with costs.
    agency_response: concur
    status: open
    status_as_of: 2016-10-31
`;

  it('uses review > issued + 4 years for GAO (GAO-13-268 boundary, domain take-away 3)', () => {
    const flagged = (reviewDate: string) => ofRule(auditFiles({ 'r.recommendations.yaml': file('gao', '2013-03-01') }, reviewDate), 'recommendation-open-too-long').length;
    assert.strictEqual(flagged('2017-02-28'), 0);
    assert.strictEqual(flagged('2017-03-01'), 0);
    assert.strictEqual(flagged('2017-03-02'), 1);
  });

  it('does not judge OIG recommendations by age (GAO-17-618 Table 10, App. I fn 10)', () => {
    assert.strictEqual(openTooLongYearsBySource.oig, undefined);
    assert.strictEqual(openTooLongYears('oig'), undefined);
    assert.strictEqual(openTooLongYears('gao'), 4);
    assert.strictEqual(openTooLongYears(undefined), 4);
    assert.deepStrictEqual(ofRule(auditFiles({ 'r.recommendations.yaml': file('oig', '2011-06-27') }, '2017-02-28'), 'recommendation-open-too-long'), []);
  });

  it('underlines the item id key and explains the threshold', () => {
    const text = file('gao', '2013-03-01');
    const [finding] = ofRule(auditFiles({ 'r.recommendations.yaml': text }, '2017-03-02'), 'recommendation-open-too-long');
    assert.strictEqual(text.slice(finding.span[0], finding.span[1]), 'id');
    assert.ok(finding.span[0] > text.indexOf('items:'));
    assert.strictEqual(
      finding.message,
      'Recommendation `r1` (GAO-13-268), issued 2013-03-01, is still open at the review date 2017-03-02: more than 4 years (4 years and 1 day). GAO’s follow-up guidance: a recommendation not implemented within 4 years is not likely to be implemented (GAO-17-618 App. I fn 5). Update its status, or record why it remains open.',
    );
  });
});
