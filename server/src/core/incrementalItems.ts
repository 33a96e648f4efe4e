/**
 * Deleting whole items of a block sequence (a goal, some measures) without a re-parse (incremental.ts).
 * The change must remove exactly the lines from the line of item `a`'s `- ` to the line of item `b`'s
 * `- ` (`0 < a < b < n`: items stay on both sides), or from comment lines before the one to comment
 * lines of the same shape before the other (`commentLines`), in a document without aliases. Then:
 *
 * - `yaml` reads left to right, so everything before item `a`'s line parses as before.
 * - After the deletion, item `a - 1` and the lines after it are followed by comment lines of the same
 *   shape and a `- ` at the same column, as they were before (item `a`'s): they end where they ended. Item `b` and all after
 *   it read the same text, at offsets moved by the deletion's length, and close the same collections.
 * - Nothing is parsed, so nothing can fail; no alias can have stood for a deleted node; no key is added,
 *   so a tree known to repeat no key still repeats none. The traits stay: no aliases, same version, and
 *   what made the tree spliceable (no empty keys, no lone CRs) holds for a part of it.
 *
 * The sequence and its ancestors are rebuilt: siblings before shared, after moved (`Shifter`).
 */
import type { DocumentTraits } from './parse';
import type { MapNode, Pair, SeqNode, TreeNode } from './tree';
import { isKnownWithoutDuplicateKeys, markWithoutDuplicateKeys } from './tree';
import { candidatesAt } from './incrementalUnits';
import type { Step } from './incrementalUnits';
import { Shifter, unsafe } from './incrementalSplice';

/**
 * The tree after deleting `[offset, offset + deleteCount)` from `oldText` when that deletes whole
 * items of one block sequence as described above; undefined otherwise (the caller goes on).
 */
export function deleteItems(
  root: TreeNode,
  oldText: string,
  offset: number,
  deleteCount: number,
  traits: DocumentTraits,
  moved: Map<TreeNode, TreeNode> | undefined,
): TreeNode | undefined {
  const end = offset + deleteCount;
  if (deleteCount === 0 || traits.hasAliases || !atLineStart(oldText, offset) || !atLineStart(oldText, end)) {
    return undefined;
  }
  for (const candidate of candidatesAt(root, offset)) {
    const step = candidate.steps[candidate.steps.length - 1];
    if (candidate.kind !== 'item' || step.node.kind !== 'seq' || step.node.flow) {
      continue;
    }
    const sequence = step.node;
    const first = step.index + 1; // item `a`: the first one starting after `offset`
    if (first >= sequence.items.length) {
      continue;
    }
    const before = commentLines(oldText, offset);
    const column = dashColumn(oldText, before.end, sequence.items[first].start);
    if (column === undefined || sequence.items[first].start >= end) {
      continue;
    }
    let next = first + 1; // item `b`: the one whose `- ` line is at `end`, after comment lines
    while (next < sequence.items.length && sequence.items[next].start < end) {
      next++;
    }
    const after = commentLines(oldText, end);
    if (next >= sequence.items.length || after.shape !== before.shape || dashColumn(oldText, after.end, sequence.items[next].start) !== column) {
      return undefined;
    }
    const delta = -deleteCount;
    const shifter = new Shifter(delta, end, offset, new Map(), moved);
    const items: TreeNode[] = [];
    for (let i = 0; i < first; i++) {
      items.push(shared(sequence.items[i], sequence));
    }
    for (let i = next; i < sequence.items.length; i++) {
      items.push(shifter.item(sequence.items[i]));
    }
    let replacement: TreeNode = { kind: 'seq', items, start: sequence.start, end: sequence.end + delta, flow: false } satisfies SeqNode;
    for (let level = candidate.steps.length - 2; level >= 0; level--) {
      replacement = rebuilt(candidate.steps[level], replacement, shifter, delta);
    }
    if (isKnownWithoutDuplicateKeys(root)) {
      markWithoutDuplicateKeys(replacement);
    }
    return replacement;
  }
  return undefined;
}

/** `node` rebuilt with `child` on the path, the children before shared and those after moved. */
function rebuilt(step: Step, child: TreeNode, shifter: Shifter, delta: number): TreeNode {
  const { node, index } = step;
  if (node.kind === 'seq') {
    const items = new Array<TreeNode>(node.items.length);
    for (let i = 0; i < index; i++) {
      items[i] = shared(node.items[i], node);
    }
    items[index] = child;
    for (let i = index + 1; i < node.items.length; i++) {
      items[i] = shifter.item(node.items[i]);
    }
    return { kind: 'seq', items, start: node.start, end: node.end + delta, flow: node.flow } satisfies SeqNode;
  }
  const pairs = new Array<Pair>(node.pairs.length);
  for (let i = 0; i < index; i++) {
    pairs[i] = node.pairs[i];
  }
  pairs[index] = { key: node.pairs[index].key, value: child };
  for (let i = index + 1; i < node.pairs.length; i++) {
    pairs[i] = shifter.pair(node.pairs[i]);
  }
  return { kind: 'map', pairs, start: node.start, end: node.end + delta, flow: node.flow } satisfies MapNode;
}

/** An item kept as it is; an empty item of `yaml`'s (a JS null) takes the whole sequence's span, which moves. */
function shared(item: TreeNode, sequence: SeqNode): TreeNode {
  return item.start === sequence.start && item.end === sequence.end ? unsafe() : item;
}

function atLineStart(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && text.charCodeAt(offset - 1) === 0x0a;
}

/**
 * The blank and comment lines from `lineStart` on: where they end, and their shape (each line's text up
 * to its `#`). Item `a - 1` is followed by the lines before item `b` after the deletion, by those before
 * item `a` before it: `yaml` may extend a collection over trailing comment lines depending on their
 * indentation, so the two must have the same shape (what the comments say does not matter).
 */
function commentLines(text: string, lineStart: number): { end: number; shape: string } {
  let shape = '';
  let pos = lineStart;
  for (;;) {
    let at = pos;
    while (text.charCodeAt(at) === 0x20) {
      at++;
    }
    const code = text.charCodeAt(at);
    const lineEnd = text.indexOf('\n', at);
    if (lineEnd < 0 || (code !== 0x23 /* # */ && code !== 0x0a && code !== 0x0d)) {
      return { end: pos, shape };
    }
    shape += code === 0x23 ? `${text.slice(pos, at)}#\n` : `${text.slice(pos, lineEnd)}\n`;
    pos = lineEnd + 1;
  }
}

/** The column of the `-` when the line at `lineStart` is spaces, `-`, spaces up to `itemStart`; else undefined. */
function dashColumn(text: string, lineStart: number, itemStart: number): number | undefined {
  let pos = lineStart;
  while (text.charCodeAt(pos) === 0x20) {
    pos++;
  }
  if (text.charCodeAt(pos) !== 0x2d /* - */ || text.charCodeAt(pos + 1) !== 0x20) {
    return undefined;
  }
  const column = pos - lineStart;
  pos++;
  while (pos < itemStart && text.charCodeAt(pos) === 0x20) {
    pos++;
  }
  return pos === itemStart ? column : undefined;
}
