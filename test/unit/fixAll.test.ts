/**
 * The one fix-all policy (server/src/core/fixAll.ts), and that the editor's `source.fixAll.planAudit`
 * action applies exactly its edits.
 */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Fix } from '../../server/src/core/findings';
import { fixAll, fixAllEdits, preferredFixes } from '../../server/src/core/fixAll';
import { applyEdits } from '../../server/src/core/fixes';
import { fixAllKind, toCodeActions } from '../../server/src/lsp/toCodeActions';

const insert = (offset: number, text: string, title = text): Fix => ({ title, isPreferred: true, complete: true, edits: [{ offset, deleteCount: 0, insertText: text }] });
const finding = (fixes: Fix[], extra: Partial<Finding> = {}): Finding => ({ ruleId: 'r', severity: 'warning', message: 'm', uri: 'file:///a.plan.yaml', span: [0, 1], fixes, ...extra });

describe('fix-all policy (core/fixAll.ts)', () => {
  it('takes the preferred fix of each unsuppressed finding, in finding order; placeholders only when asked', () => {
    const a = insert(1, 'a');
    const b = { ...insert(2, 'b'), isPreferred: false };
    const c = insert(3, 'c');
    const d = insert(4, 'd');
    assert.deepStrictEqual(preferredFixes([finding([b, a]), finding([c]), finding([d], { suppressed: { reason: 'test', span: [0, 0] } })]), [a, c]);
    assert.deepStrictEqual(preferredFixes([finding([a]), finding([c], { ruleId: 'other' })], { include: (f) => f.ruleId === 'r' }), [a]);
    const placeholder: Fix = { ...insert(6, 'P'), complete: undefined };
    assert.deepStrictEqual(preferredFixes([finding([placeholder]), finding([a])]), [a]);
    assert.deepStrictEqual(preferredFixes([finding([placeholder]), finding([a])], { insertPlaceholders: true }), [placeholder, a]);
  });

  it('of two inserts at one offset, takes the first in finding order, whatever order the fixes come in', () => {
    const first = insert(5, 'X');
    const second = insert(5, 'Y');
    assert.deepStrictEqual(fixAllEdits([first, second]), first.edits);
    assert.deepStrictEqual(fixAllEdits([second, first]), second.edits);
    assert.strictEqual(applyEdits('0123456789', fixAll([finding([first]), finding([second])]).edits), '01234X56789');
  });

  it('takes a fix whole or not at all: one that overlaps an earlier fix is left for the next round', () => {
    const replace: Fix = { title: 'replace', isPreferred: true, complete: true, edits: [{ offset: 2, deleteCount: 3, insertText: 'R' }] };
    const twoEdits: Fix = { title: 'two', isPreferred: true, complete: true, edits: [{ offset: 4, deleteCount: 0, insertText: 'A' }, { offset: 8, deleteCount: 0, insertText: 'B' }] };
    const later = insert(9, 'Z');
    const { edits, candidates } = fixAll([finding([replace]), finding([twoEdits]), finding([later])]);
    assert.strictEqual(candidates, 3);
    assert.strictEqual(applyEdits('0123456789', edits), '01R5678Z9');
  });

  it('applies edits as an editor does and refuses overlapping ones', () => {
    assert.strictEqual(applyEdits('abc', [{ offset: 1, deleteCount: 0, insertText: 'X' }, { offset: 1, deleteCount: 0, insertText: 'Y' }]), 'aXYbc');
    assert.throws(() => applyEdits('abcdef', [{ offset: 1, deleteCount: 3, insertText: '' }, { offset: 2, deleteCount: 0, insertText: 'Y' }]), /overlapping/);
  });

  it('is what the source.fixAll.planAudit code action applies', () => {
    const text = '0123456789\n';
    const document = TextDocument.create('file:///a.plan.yaml', 'yaml', 1, text);
    const findings = [finding([insert(5, 'X')]), finding([insert(5, 'Y')]), finding([insert(9, 'Z')])];
    const [action] = toCodeActions(document, findings, [], [fixAllKind]);
    const lspEdits = action.edit?.changes?.[document.uri] ?? [];
    assert.strictEqual(TextDocument.applyEdits(document, lspEdits), applyEdits(text, fixAll(findings).edits));
    assert.strictEqual(TextDocument.applyEdits(document, lspEdits), '01234X5678Z9\n');
  });
});
