/**
 * Under a `%YAML 1.1` directive, `yaml` resolves a plain timestamp to a Date and `!!binary` to a
 * Uint8Array. The located tree keeps the text written, as YAML 1.2 reads it: a date stays `2017-01-01`,
 * not `String(date)` (a time-zone dependent "Sun Jan 01 2017 …"), in the full parse, the production
 * entry point and the incremental re-parse (which reads the edited unit under the document's version,
 * with the same tree builder).
 */
import * as assert from 'assert';
import { reparseIncrementally } from '../../server/src/core/incremental';
import type { ParsedDocument } from '../../server/src/core/parse';
import { parseWithYaml } from '../../server/src/core/parse';
import { parseText } from '../../server/src/core/parseText';
import type { TreeNode } from '../../server/src/core/tree';

const uri = 'file:///p.plan.yaml';
const text = ['%YAML 1.1', '---', 'kind: plan', 'published: 2017-01-01', 'note: !!binary aGVsbG8=', 'version: 1', ''].join('\n');

/** The scalar values of a top-level mapping, by key. */
function topLevelValues(document: ParsedDocument): Record<string, unknown> {
  const root: TreeNode | undefined = document.root;
  assert.ok(root && root.kind === 'map', 'a mapping');
  const values: Record<string, unknown> = {};
  for (const pair of root.pairs) {
    assert.ok(pair.value?.kind === 'scalar');
    values[String(pair.key.value)] = pair.value.value;
  }
  return values;
}

describe('YAML 1.1 scalars that `yaml` resolves to objects', () => {
  const expected = { kind: 'plan', published: '2017-01-01', note: 'aGVsbG8=', version: 1 };

  it('keep their text in the full parse and through parseText', () => {
    assert.deepStrictEqual(topLevelValues(parseWithYaml(uri, text)), expected);
    assert.deepStrictEqual(topLevelValues(parseText(uri, text)), expected);
  });

  it('keep their text after an edit, through an incremental re-parse equal to the full one', () => {
    const offset = text.indexOf('2017-01-01');
    const change = { offset, deleteCount: 10, insertText: '2018-06-30' };
    const newText = text.slice(0, offset) + change.insertText + text.slice(offset + change.deleteCount);
    const full = parseWithYaml(uri, newText);
    assert.deepStrictEqual(topLevelValues(full), { ...expected, published: '2018-06-30' });
    const incremental = reparseIncrementally(parseWithYaml(uri, text), newText, change);
    assert.ok(incremental, 'a document behind a directive is re-parsed incrementally');
    assert.deepStrictEqual(incremental, full);
  });
});
