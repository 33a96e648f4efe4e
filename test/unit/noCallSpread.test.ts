/**
 * No spread into a call anywhere in server/src or client/src. `list.push(...items)` and
 * `Math.max(...values)` put every element on the stack as an argument and throw "Maximum call stack
 * size exceeded" past roughly 100,000 elements: a 130,000-measure plan made seven rules fail that way.
 * Use `appendAll`, `maxOf` and `minOf` (server/src/core/arrays.ts) or a loop. Array literals
 * (`[...a, ...b]`) are fine: they do not go through the stack.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { appendAll, maxOf, minOf } from '../../server/src/core/arrays';

const root = path.resolve(__dirname, '../..');

function sourceFiles(folder: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      appendAll(files, sourceFiles(full));
    } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      files.push(full);
    }
  }
  return files;
}

/** `file:line: call` for every spread argument of a call or `new` in `file`. */
function callSpreads(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isSpreadElement(node) && (ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent))) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      found.push(`${path.relative(root, file)}:${line}: ${node.parent.getText(source).slice(0, 80).replace(/\s+/g, ' ')}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('no spread into a call (stack overflow on large inputs)', () => {
  it('server/src and client/src pass no spread arguments', () => {
    const files = [...sourceFiles(path.join(root, 'server/src')), ...sourceFiles(path.join(root, 'client/src'))];
    assert.ok(files.length > 50, `only ${files.length} source files found`);
    assert.deepStrictEqual(files.flatMap(callSpreads), []);
  });

  it('appendAll, maxOf and minOf take 1,000,000 elements', () => {
    const many = Array.from({ length: 1_000_000 }, (_, index) => index);
    assert.strictEqual(appendAll([-1], many).length, 1_000_001);
    assert.strictEqual(maxOf(many, 0), 999_999);
    assert.strictEqual(minOf(many, 5), 0);
    assert.strictEqual(maxOf([], 7), 7);
    assert.strictEqual(minOf([], 7), 7);
  });
});
