/**
 * The server's `PlanDocument` against vscode-languageserver-textdocument's `TextDocument`: the same
 * text, line count, positions and offsets after every one of thousands of random edits, with `\n`,
 * `\r\n` and lone `\r` line breaks, surrogate pairs, reversed and out-of-range ranges. Lines and
 * positions are compared with a `TextDocument` created afresh from the edited text.
 */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { createRandom } from '../../bench/generatePlan';
import { PlanDocument } from '../../server/src/lsp/planDocument';

const pieces = ['a', 'key: value', ' ', '\n', '\r\n', '\r', '  - id: m1\n', '😀', '—', '', '\n\n', 'x\r'];

function randomText(random: () => number, length: number): string {
  let text = '';
  while (text.length < length) {
    text += pieces[Math.floor(random() * pieces.length)];
  }
  return text;
}

function assertSame(library: TextDocument, ours: PlanDocument, random: () => number, label: string): void {
  assert.strictEqual(ours.getText(), library.getText(), label);
  assert.strictEqual(ours.lineCount, library.lineCount, label);
  assert.strictEqual(ours.version, library.version, label);
  const length = library.getText().length;
  for (let probe = 0; probe < 20; probe++) {
    const offset = Math.floor(random() * (length + 3)) - 1;
    assert.deepStrictEqual(ours.positionAt(offset), library.positionAt(offset), `${label}: positionAt(${offset})`);
    const position: Position = { line: Math.floor(random() * (library.lineCount + 2)) - 1, character: Math.floor(random() * 12) - 1 };
    assert.strictEqual(ours.offsetAt(position), library.offsetAt(position), `${label}: offsetAt(${JSON.stringify(position)})`);
  }
  const range = { start: library.positionAt(Math.floor(random() * length)), end: library.positionAt(Math.floor(random() * length)) };
  assert.strictEqual(ours.getText(range), library.getText(range), `${label}: getText(range)`);
}

describe('PlanDocument', () => {
  it('matches TextDocument on 3,000 random edits over 30 documents', () => {
    const random = createRandom(20171005);
    for (let round = 0; round < 30; round++) {
      const text = randomText(random, Math.floor(random() * 400));
      let library = TextDocument.create('file:///a.plan.yaml', 'yaml', 1, text);
      const ours = PlanDocument.create('file:///a.plan.yaml', 'yaml', 1, text);
      assertSame(library, ours, random, `round ${round} created`);
      for (let step = 0; step < 100; step++) {
        // The oracle is the library's document created afresh from the text before each edit: the
        // library's own incremental line table goes wrong where an edit joins or splits a `\r\n` pair
        // (and then reads the next edit's positions wrongly).
        library = TextDocument.create('file:///a.plan.yaml', 'yaml', step + 1, library.getText());
        const length = library.getText().length;
        const at = () => library.positionAt(Math.floor(random() * (length + 1)));
        const kind = random();
        const change: TextDocumentContentChangeEvent =
          kind < 0.05
            ? { text: randomText(random, Math.floor(random() * 200)) }
            : kind < 0.1
              ? { range: { start: { line: 1000, character: 3 }, end: { line: -1, character: -4 } }, text: randomText(random, 5) }
              : { range: { start: at(), end: at() }, text: randomText(random, Math.floor(random() * 30)) };
        const version = step + 2;
        TextDocument.update(library, [change], version);
        ours.update([change], version);
        assertSame(TextDocument.create('file:///a.plan.yaml', 'yaml', version, library.getText()), ours, random, `round ${round} step ${step}`);
      }
    }
  });

  it('keeps later lines in place when an edit joins or splits a \\r\\n pair', () => {
    const text = 'kind: plan\nversion: 1\nid: p\ntitle: T\n';
    const cases: { label: string; change: TextDocumentContentChangeEvent }[] = [
      { label: '\\r typed before \\n', change: { range: { start: { line: 1, character: 10 }, end: { line: 1, character: 10 } }, text: '\r' } },
      { label: 'x\\r typed before \\n', change: { range: { start: { line: 0, character: 10 }, end: { line: 0, character: 10 } }, text: 'x\r' } },
    ];
    for (const { label, change } of cases) {
      const ours = PlanDocument.create('file:///c.plan.yaml', 'yaml', 1, text);
      ours.positionAt(0); // builds the line table, which the edit then updates
      ours.update([change], 2);
      const fresh = TextDocument.create('file:///c.plan.yaml', 'yaml', 2, ours.getText());
      assert.strictEqual(ours.lineCount, 5, label);
      const title = ours.getText().indexOf('title');
      assert.deepStrictEqual(ours.positionAt(title), { line: 3, character: 0 }, label);
      assert.deepStrictEqual(ours.positionAt(title), fresh.positionAt(title), label);
      assert.strictEqual(ours.offsetAt({ line: 3, character: 0 }), title, label);
    }
    // Splitting a pair again: a character typed between \r and \n makes two line breaks.
    const crlf = PlanDocument.create('file:///d.plan.yaml', 'yaml', 1, 'a\r\nb\r\nc');
    crlf.positionAt(0);
    crlf.update([{ range: { start: { line: 0, character: 1 }, end: { line: 1, character: 0 } }, text: '\rx\n' }], 2);
    assert.strictEqual(crlf.getText(), 'a\rx\nb\r\nc');
    assert.strictEqual(crlf.lineCount, TextDocument.create('u', 'yaml', 2, crlf.getText()).lineCount);
    assert.deepStrictEqual(crlf.positionAt(crlf.getText().indexOf('c')), { line: 3, character: 0 });
  });

  it('builds the line table of a large plan without carriage returns by the fast path, and with them by the exact loop', () => {
    const lines = Array.from({ length: 20_000 }, (_, index) => `  - id: m${index}`);
    for (const newline of ['\n', '\r\n']) {
      const text = lines.join(newline);
      const library = TextDocument.create('file:///b.plan.yaml', 'yaml', 1, text);
      const ours = PlanDocument.create('file:///b.plan.yaml', 'yaml', 1, text);
      assert.strictEqual(ours.lineCount, 20_000);
      assertSame(library, ours, createRandom(7), JSON.stringify(newline));
    }
  });
});
