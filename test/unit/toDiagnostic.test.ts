/**
 * Deciding an "unchanged" diagnostic report without building diagnostics (server.ts): the comparison
 * must see every change `toDiagnostic` would show, and nothing else.
 */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../../server/src/core/findings';
import { diagnosticPositions, sameDiagnosticContent, samePositions, toDiagnostic } from '../../server/src/lsp/toDiagnostic';

const uri = 'file:///plan.plan.yaml';
const otherUri = 'file:///portfolio.yaml';

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'measure-without-target',
    severity: 'warning',
    message: `Measure \`m1\` has ${'no'} target.`,
    uri,
    span: [10, 14],
    related: [{ uri: otherUri, span: [3, 5], message: 'the area is here' }],
    ...overrides,
  };
}

const noDocs = () => undefined;
const positionInOther = (_uri: string, offset: number) => ({ line: 0, character: offset });

describe('toDiagnostic: unchanged reports', () => {
  it('finds equal content in findings built afresh (new objects, equal strings)', () => {
    assert.ok(sameDiagnosticContent([finding(), finding({ span: [20, 22], related: undefined })], [finding(), finding({ span: [20, 22], related: [] })]));
  });

  it('sees every field a diagnostic shows or carries', () => {
    const changes: Partial<Finding>[] = [
      { ruleId: 'target-not-numeric' },
      { severity: 'error' },
      { message: 'Measure `m1` has no targets.' },
      { span: [10, 15] },
      { span: [11, 14] },
      { related: [] },
      { related: [{ uri, span: [3, 5], message: 'the area is here' }] },
      { related: [{ uri: otherUri, span: [3, 6], message: 'the area is here' }] },
      { related: [{ uri: otherUri, span: [3, 5], message: 'the area is there' }] },
    ];
    for (const change of changes) {
      assert.ok(!sameDiagnosticContent([finding()], [finding(change)]), JSON.stringify(change));
      // The diagnostics themselves differ too: the comparison is not stricter than what the editor gets.
      const document = TextDocument.create(uri, 'yaml', 1, 'x'.repeat(40));
      assert.notDeepStrictEqual(toDiagnostic(finding(), document, noDocs, positionInOther), toDiagnostic(finding(change), document, noDocs, positionInOther));
    }
    assert.ok(!sameDiagnosticContent([finding()], [finding(), finding()]));
  });

  it('gives other positions when a same-length edit moves a line break, though no offset changes', () => {
    const before = TextDocument.create(uri, 'yaml', 1, 'key: one\nvalue: two\nother: 3\n');
    const after = TextDocument.create(uri, 'yaml', 2, 'key: one value\n: two\nother: 3\n');
    const findings = [finding({ span: [15, 18], related: undefined })];
    const positions = diagnosticPositions(findings, before, positionInOther);
    assert.deepStrictEqual(positions, [1, 6, 1, 9]);
    assert.ok(samePositions(positions, diagnosticPositions(findings, before, positionInOther)));
    assert.ok(!samePositions(positions, diagnosticPositions(findings, after, positionInOther)));
  });

  it('counts related locations that cannot be placed (a file no longer known) as positions too', () => {
    const document = TextDocument.create(uri, 'yaml', 1, 'x'.repeat(40));
    const unknown = () => undefined;
    assert.deepStrictEqual(diagnosticPositions([finding()], document, unknown), [0, 10, 0, 14, -1, -1, -1, -1]);
    assert.ok(!samePositions(diagnosticPositions([finding()], document, unknown), diagnosticPositions([finding()], document, positionInOther)));
  });
});
