import * as assert from 'assert';
import { auditFixture, describeAllMarkers, fixtureText } from './exceptionFixtures';
import { describeRuleFixtures } from './ruleFixtures';

describe('exception-without-reason', () => {
  describeRuleFixtures('exception-without-reason');
  describeAllMarkers('exception-without-reason');

  it('suppresses nothing: an exception with no reason leaves the finding it names visible', () => {
    const findings = auditFixture('exception-without-reason', 'no-reason.yaml');
    const targets = findings.filter((finding) => finding.ruleId === 'measure-without-target');
    assert.strictEqual(targets.length, 3);
    assert.deepStrictEqual(
      targets.map((finding) => finding.suppressed),
      [undefined, undefined, undefined],
    );
    const whole = auditFixture('exception-without-reason', 'whole-file.yaml').filter((finding) => finding.ruleId === 'measure-without-data-source');
    assert.deepStrictEqual(
      whole.map((finding) => finding.suppressed),
      [undefined],
    );
  });

  it('with a reason, the same exceptions suppress, and the reason is kept', () => {
    const findings = auditFixture('exception-without-reason', 'reasoned-clean.yaml');
    assert.deepStrictEqual(
      findings.map((finding) => [finding.ruleId, finding.suppressed?.reason]),
      [
        ['measure-without-data-source', "GAO-17-618 does not assess this plan's data sources"],
        ['measure-without-target', 'surveys answer referrals; their number is not a goal'],
      ],
    );
  });

  it('is reported on the comment, telling how to write the reason or the rule', () => {
    const text = fixtureText('exception-without-reason', 'no-reason.yaml');
    const [first, , third] = auditFixture('exception-without-reason', 'no-reason.yaml').filter((finding) => finding.ruleId === 'exception-without-reason');
    assert.strictEqual(text.slice(first.span[0], first.span[1]), '# plan-audit-disable-next-line measure-without-target');
    assert.strictEqual(first.severity, 'warning');
    assert.strictEqual(first.message, 'This exception for `measure-without-target` gives no reason, so it suppresses nothing. Add ` -- <why the rule does not apply>`.');
    assert.match(third.message, /^This exception for `measure-without-target`, `target-not-numeric` gives no reason/);
    const [noRule] = auditFixture('exception-without-reason', 'no-rule.yaml').filter((finding) => finding.ruleId === 'exception-without-reason');
    assert.strictEqual(noRule.message, 'This exception names no rule. Write `# plan-audit-disable-next-line <rule-id> -- <reason>`.');
  });
});
