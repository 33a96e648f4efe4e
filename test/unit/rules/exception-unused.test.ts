import * as assert from 'assert';
import { auditFixture, describeAllMarkers, fixtureText } from './exceptionFixtures';
import { describeRuleFixtures } from './ruleFixtures';

describe('exception-unused', () => {
  describeRuleFixtures('exception-unused');
  describeAllMarkers('exception-unused');

  const unused = (name: string) => auditFixture('exception-unused', name).filter((finding) => finding.ruleId === 'exception-unused');

  it('says where the exception looked: the next line, or the whole file', () => {
    const text = fixtureText('exception-unused', 'nothing-to-suppress.yaml');
    const [nextLine] = unused('nothing-to-suppress.yaml');
    assert.strictEqual(text.slice(nextLine.span[0], nextLine.span[1]), '# plan-audit-disable-next-line measure-without-target -- targets are set by the program office');
    assert.strictEqual(nextLine.severity, 'warning');
    assert.strictEqual(nextLine.message, 'This exception suppresses nothing: no `measure-without-target` finding on the next line. Remove it or move it.');
    const [wholeFile] = unused('whole-file.yaml');
    assert.strictEqual(wholeFile.message, 'This exception suppresses nothing: no `plan-without-owner` finding in this file. Remove it or move it.');
  });

  it('names a misspelt rule id, and the finding it was meant for stays visible', () => {
    const findings = auditFixture('exception-unused', 'unknown-rule.yaml');
    assert.deepStrictEqual(
      findings.filter((finding) => finding.ruleId === 'exception-unused').map((finding) => finding.message),
      ['This exception names `measure-without-targets`, which is not a Plan Audit rule.'],
    );
    assert.strictEqual(findings.find((finding) => finding.ruleId === 'measure-without-target')?.suppressed, undefined);
  });

  it('is not reported for an exception that suppresses a finding', () => {
    assert.deepStrictEqual(unused('used-clean.yaml'), []);
    assert.ok(auditFixture('exception-unused', 'used-clean.yaml').every((finding) => finding.suppressed !== undefined));
  });
});
