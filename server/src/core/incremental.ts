/**
 * Incremental re-parse: after a small edit, re-parse only the smallest *unit* that holds it and splice
 * the new subtree into the previous located tree. A unit is
 *
 * - a map item of a block sequence (a measure, a target, a staffing position…), or
 * - a pair of a block map whose key starts its line (`title: …`, `value: 120`, a top-level `owner:`).
 *
 * The result is exactly what `parseWithYaml(uri, newText)` gives (same tree, same findings), or
 * `undefined` when that cannot be guaranteed; the caller then does a full parse. The argument:
 *
 * - The unit's *region* is its lines: from the start of the line holding its `- ` (or its key) to the
 *   start of the next non-blank line indented at most as far as the `-` (or the key), column `c`.
 *   Every other line of the region is blank or indented deeper than `c`, before and after the edit.
 * - `yaml` reads left to right, so the text before the region parses as before. Inside the region,
 *   every line is deeper than `c`, so the unit is read the same way whether the enclosing collections
 *   are there or not: parsing the region alone (a one-item block sequence, or a one-pair block map, at
 *   column `c`) gives the unit's nodes, whose offsets only need moving by the region's start.
 * - The line after the region is indented at most `c` and, after any comments, so is the next content
 *   line; it closes the unit whatever the unit holds, so the rest of the file parses as before, every
 *   offset moved by the length delta (or shared as is when the length did not change). Collections
 *   that ended with the unit end where the one-unit collection parsed alone ends.
 *
 * Units are tried innermost first (a `value:` pair, then its target, then the measure, then its goal…);
 * a unit whose new text is not one item (or one pair) at the same column, or that ends in comments
 * whose place `yaml` decides from context outside the region, passes the change to the next unit out.
 * Everything else that could break the argument returns `undefined`: a previous document with findings
 * (syntax errors, limits); directives (`%YAML 1.1` changes how scalars resolve); aliases anywhere (a
 * copy keeps its anchor's offsets) or empty keys (`: v` is placed after the token before it); anchors,
 * aliases or tags in the new unit; tabs or lone CRs where indentation is counted; errors or warnings in
 * the unit's own parse; a region that is most of a large file (the full parse is then as cheap).
 *
 * Pure: no I/O. The node-building rules copy `TreeBuilder` in parse.ts (spans, `quoted`, null scalars);
 * the fuzzed equivalence test (test/unit/incremental.test.ts) holds them to the same output.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, Scalar as YamlScalar } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import type { Span } from './findings';
import type { ParseLimits, ParsedDocument } from './parse';
import { defaultParseLimits } from './parse';
import type { MapNode, Pair, ScalarNode, SeqNode, TreeNode } from './tree';
import { duplicatePairs, hasRepeatedKeys, isKnownWithoutDuplicateKeys, markWithoutDuplicateKeys } from './tree';
import { appendAll } from './arrays';

/** One edit, in the previous text's offsets: delete `deleteCount` characters at `offset`, then insert `insertText`. */
export interface TextChange {
  readonly offset: number;
  readonly deleteCount: number;
  readonly insertText: string;
}

/**
 * One change equivalent to `first` followed by `second` (whose offsets are in the text after `first`),
 * in the offsets of the text before `first`; `finalText` is the text after both. The editor may send
 * several changes between two analyses (fast typing): composed, they cost one re-parse. The composed
 * change covers both, so it may span several units (and then fall back).
 */
export function composeChanges(first: TextChange, second: TextChange, finalText: string): TextChange {
  const firstEnd = first.offset + first.insertText.length;
  const start = Math.min(first.offset, second.offset);
  const middleEnd = Math.max(firstEnd, second.offset + second.deleteCount);
  const originalEnd = middleEnd - (first.insertText.length - first.deleteCount);
  const finalEnd = middleEnd + (second.insertText.length - second.deleteCount);
  return { offset: start, deleteCount: originalEnd - start, insertText: finalText.slice(start, finalEnd) };
}

/** Regions larger than this and than half the document are not worth re-parsing apart. */
const largeRegion = 64 * 1024;

/**
 * Re-parses `newText` (= `previous.text` with `change` applied) by re-parsing only the unit that holds
 * the change. Returns the same `ParsedDocument` a full `parseWithYaml(previous.uri, newText, limits)`
 * would, or `undefined` when that cannot be guaranteed (the caller then parses in full). Untouched
 * subtrees before the unit are shared with `previous`; those after it are copies with moved offsets.
 * Never throws.
 */
export function reparseIncrementally(
  previous: ParsedDocument,
  newText: string,
  change: TextChange,
  limits: ParseLimits = defaultParseLimits,
): ParsedDocument | undefined {
  try {
    const result = reparse(previous, newText, change, limits);
    if (result) {
      // What made `previous` safe holds for `result`: the new unit was checked for the same things.
      safeDocuments.add(result);
    }
    return result;
  } catch {
    // `Unsafe`, or a bug here: either way the caller's full parse gives the right answer.
    return undefined;
  }
}

/** Thrown (and caught above) wherever equivalence with a full parse is not certain. */
class Unsafe extends Error {}

function unsafe(): never {
  throw new Unsafe('not safe for an incremental re-parse');
}

/** Returned where this unit cannot be re-parsed apart but the next unit out may be. */
const outer = Symbol('outer');

/** parse.ts's options for `parseDocument` (its `lineCounter` does not change the result). */
const yamlOptions = { uniqueKeys: false, prettyErrors: false, strict: true, keepSourceTokens: false } as const;

function reparse(previous: ParsedDocument, newText: string, change: TextChange, limits: ParseLimits): ParsedDocument | undefined {
  const oldText = previous.text;
  const { offset, deleteCount, insertText } = change;
  const root = previous.root;
  if (!root || previous.hasSyntaxErrors || previous.findings.length > 0 || newText.length > limits.maxLength) {
    return undefined;
  }
  if (
    !Number.isInteger(offset) ||
    !Number.isInteger(deleteCount) ||
    offset < 0 ||
    deleteCount < 0 ||
    offset + deleteCount > oldText.length ||
    newText.length !== oldText.length - deleteCount + insertText.length ||
    !newText.startsWith(insertText, offset)
  ) {
    return undefined;
  }
  if (!isSafeDocument(previous)) {
    return undefined;
  }
  const changeStart = offset;
  const changeEnd = offset + deleteCount;
  const delta = insertText.length - deleteCount;

  const leading = editLeadingComments(root, oldText, newText, changeEnd, delta);
  if (leading !== outer) {
    if (leading && isKnownWithoutDuplicateKeys(root)) {
      markWithoutDuplicateKeys(leading); // every node moved, no key changed
    }
    return leading && { uri: previous.uri, text: newText, root: leading, findings: [], hasSyntaxErrors: false };
  }

  for (const candidate of candidatesAt(root, changeStart)) {
    const region = regionOf(oldText, candidate);
    if (!region) {
      continue;
    }
    const { lineStart, column, end: oldRegionEnd } = region;
    // The change must leave the `- ` prefix (or the key's indentation) alone and stay on the region's
    // lines, short of its final line break.
    const lastEditable = oldRegionEnd === oldText.length ? oldText.length : oldRegionEnd - 1;
    if (changeStart < candidate.start || changeEnd > lastEditable) {
      continue;
    }
    const newRegionEnd = oldRegionEnd + delta;
    if (!sameTail(oldText, oldRegionEnd, newText, newRegionEnd)) {
      return undefined;
    }
    const regionLength = newRegionEnd - lineStart;
    if (regionLength > largeRegion && regionLength * 2 > newText.length) {
      // Re-parsing most of a large file apart costs as much as the full parse the caller will do.
      return undefined;
    }
    if (!linesStayInside(newText, lineStart, newRegionEnd, column)) {
      continue;
    }
    const newRoot = splice(candidate, oldText, newText, { lineStart, column, end: newRegionEnd }, oldRegionEnd, delta, limits);
    if (newRoot === outer) {
      continue;
    }
    if (!newRoot) {
      return undefined;
    }
    return { uri: previous.uri, text: newText, root: newRoot, findings: [], hasSyntaxErrors: false };
  }
  return undefined;
}

/**
 * An edit confined to the comment lines before the first content line (a plan's header) moves every
 * node and changes nothing else: nothing precedes those comments, so no node can take them in. Returns
 * `outer` when the change is not there, `undefined` when the lines are no longer only comments.
 */
function editLeadingComments(root: TreeNode, oldText: string, newText: string, changeEnd: number, delta: number): TreeNode | typeof outer | undefined {
  const oldEnd = oldText.lastIndexOf('\n', root.start - 1) + 1;
  if (oldEnd === 0 || changeEnd > oldEnd - 1) {
    return outer;
  }
  const onlyComments = (text: string, end: number) => {
    for (let pos = 0; pos < end; pos = nextLine(text, pos)) {
      if (!isBlankLine(text, pos) && text.charCodeAt(pos + indentAt(text, pos)) !== 0x23 /* # */) {
        return false;
      }
    }
    return true;
  };
  const newEnd = oldEnd + delta;
  if (!onlyComments(oldText, oldEnd) || !onlyComments(newText, newEnd) || /\r(?!\n)/.test(newText.slice(0, newEnd))) {
    return undefined;
  }
  return new Shifter(delta, oldEnd).node(root);
}

// ---------------------------------------------------------------------------------------------------
// Whole-document preconditions, computed once per document and inherited by incremental results.

/**
 * Documents known to have no directives, no lone CR line breaks, no alias copies and no empty keys in
 * their tree (`: value` gets a key placed after whatever token precedes it, which may be in the unit).
 */
const safeDocuments = new WeakSet<ParsedDocument>();
const unsafeDocuments = new WeakSet<ParsedDocument>();

/**
 * Records that `document` meets those preconditions without checking them, for a parse path that
 * declines every construct they exclude (`parseLines`: directives, lone CRs, aliases, empty keys). The
 * check walks the whole tree, a tenth of a second at 10,000 measures, on the first edit of a document.
 */
export function markSafeForIncrementalParse<T extends ParsedDocument>(document: T): T {
  safeDocuments.add(document);
  return document;
}

function isSafeDocument(document: ParsedDocument): boolean {
  if (safeDocuments.has(document)) {
    return true;
  }
  if (unsafeDocuments.has(document)) {
    return false;
  }
  const text = document.text;
  const safe = !hasDirectives(text) && !/\r(?!\n)/.test(text) && document.root !== undefined && isInDocumentOrder(document.root);
  (safe ? safeDocuments : unsafeDocuments).add(document);
  return safe;
}

/** True when a directive (`%YAML`, `%TAG`) stands before the first content line. */
function hasDirectives(text: string): boolean {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c === 0x25 /* % */) {
      return true;
    }
    const lineEnd = text.indexOf('\n', pos);
    const line = text.slice(pos, lineEnd < 0 ? text.length : lineEnd).trim();
    if (line !== '' && !line.startsWith('#')) {
      return false;
    }
    if (lineEnd < 0) {
      return false;
    }
    pos = lineEnd + 1;
  }
  return false;
}

/**
 * True when every node starts at or after the node visited before it (depth first, keys before values)
 * and no key is empty. An expanded alias keeps its anchor's offsets, which lie before it, so this fails
 * on any alias copy (and on keys `yaml` left out, whose span is `[0, 0]`).
 */
function isInDocumentOrder(root: TreeNode): boolean {
  let last = -1;
  const stack: TreeNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.start < last) {
      return false;
    }
    last = node.start;
    if (node.kind === 'map') {
      for (let i = node.pairs.length - 1; i >= 0; i--) {
        const key = node.pairs[i].key;
        if (key.start === key.end) {
          return false;
        }
        stack.push(node.pairs[i].value, key);
      }
    } else if (node.kind === 'seq') {
      for (let i = node.items.length - 1; i >= 0; i--) {
        stack.push(node.items[i]);
      }
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------
// Finding the unit.

interface Step {
  readonly node: MapNode | SeqNode;
  /** Index of the child on the path (a pair of a map, an item of a sequence). */
  readonly index: number;
}

interface Candidate {
  readonly kind: 'item' | 'pair';
  /** The unit's first character: the item's, or the key's. */
  readonly start: number;
  /** The unit's end in the previous text: the item's, or the later of its key's and value's. */
  readonly end: number;
  /** From the root down to the unit's collection; the unit is child `index` of the last step's node. */
  readonly steps: readonly Step[];
}

/**
 * The units on the way down to `offset`, innermost first: map items of block sequences and pairs of
 * block maps. At each level the child is the last one starting at or before `offset`; `regionOf` and
 * the caller check that the change really lies on the unit's lines.
 */
function candidatesAt(root: TreeNode, offset: number): Candidate[] {
  const candidates: Candidate[] = [];
  const steps: Step[] = [];
  let node: TreeNode = root;
  while (node.kind !== 'scalar' && steps.length <= 1000) {
    if (node.kind === 'seq') {
      const index = lastStartingAtOrBefore(node.items, offset);
      if (index < 0) {
        break;
      }
      const child = node.items[index];
      steps.push({ node, index });
      if (!node.flow && child.kind === 'map') {
        candidates.push({ kind: 'item', start: child.start, end: child.end, steps: steps.slice() });
      }
      node = child;
    } else {
      let index = -1;
      for (let i = node.pairs.length - 1; i >= 0; i--) {
        if (node.pairs[i].key.start <= offset) {
          index = i;
          break;
        }
      }
      if (index < 0) {
        break;
      }
      const { key, value } = node.pairs[index];
      steps.push({ node, index });
      if (!node.flow) {
        candidates.push({ kind: 'pair', start: key.start, end: Math.max(key.end, value.end), steps: steps.slice() });
      }
      if (value.start > offset) {
        break;
      }
      node = value;
    }
  }
  return candidates.reverse();
}

function lastStartingAtOrBefore(items: readonly TreeNode[], offset: number): number {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (items[mid].start <= offset) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------
// Lines.

interface Region {
  /** Start of the line holding the item's `- ` or the pair's key. */
  readonly lineStart: number;
  /** Column of the `-` or of the key. */
  readonly column: number;
  /** Start of the first non-blank line after the unit indented at most `column` (or the text's end). */
  readonly end: number;
}

/** Number of leading spaces of the line starting at `pos`. */
function indentAt(text: string, pos: number): number {
  let i = pos;
  while (text.charCodeAt(i) === 0x20) {
    i++;
  }
  return i - pos;
}

/** True when the line from `pos` (to its `\n` or the end) holds only spaces, tabs and CRs. */
function isBlankLine(text: string, pos: number): boolean {
  for (let i = pos; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      return true;
    }
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) {
      return false;
    }
  }
  return true;
}

function nextLine(text: string, pos: number): number {
  const newline = text.indexOf('\n', pos);
  return newline < 0 ? text.length : newline + 1;
}

/**
 * The unit's lines in the previous text, or undefined when its first line is not `<spaces>- <item>` (or
 * `<spaces><key>`), or when what follows the region might not close the unit.
 */
function regionOf(text: string, unit: Candidate): Region | undefined {
  const { start, end: unitEnd } = unit;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const column = indentAt(text, lineStart);
  if (unit.kind === 'item') {
    if (text.charCodeAt(lineStart + column) !== 0x2d /* - */ || lineStart + column + 1 >= start) {
      return undefined;
    }
    for (let i = lineStart + column + 1; i < start; i++) {
      if (text.charCodeAt(i) !== 0x20) {
        return undefined;
      }
    }
  } else {
    // The key starts its line, at the column of its map's first key (not, say, under a `?` line).
    const map = unit.steps[unit.steps.length - 1].node;
    if (lineStart + column !== start || map.start - (text.lastIndexOf('\n', map.start - 1) + 1) !== column) {
      return undefined;
    }
  }
  // Past the unit's last line: blank lines and lines deeper than `column` (comments) stay in the region.
  let end = unitEnd >= text.length ? text.length : nextLine(text, Math.max(start, unitEnd - 1));
  while (end < text.length && (isBlankLine(text, end) || indentAt(text, end) > column)) {
    end = nextLine(text, end);
  }
  // The closing line and, after any comment lines, the next content line must be indented at most
  // `column`. After a pair, that line must not be able to continue it: a `- ` of a flush sequence, or
  // an explicit key's `?` or value's `:` at the same column.
  for (let pos = end; pos < text.length; pos = nextLine(text, pos)) {
    const indent = indentAt(text, pos);
    const c = text.charCodeAt(pos + indent);
    if (c === 0x09) {
      return undefined;
    }
    if (isBlankLine(text, pos) || c === 0x23 /* # */) {
      continue;
    }
    if (indent > column || (unit.kind === 'pair' && indent === column && (c === 0x2d || c === 0x3f || c === 0x3a))) {
      return undefined;
    }
    break;
  }
  return { lineStart, column, end };
}

/** After the first line, every line of `[lineStart, end)` is blank or indented deeper than `column`. */
function linesStayInside(text: string, lineStart: number, end: number, column: number): boolean {
  const region = text.slice(lineStart, end);
  if (/\r(?!\n)/.test(region)) {
    return false;
  }
  for (let pos = nextLine(text, lineStart); pos < end; pos = nextLine(text, pos)) {
    const indent = indentAt(text, pos);
    if (indent <= column && !isBlankLine(text, pos)) {
      return false;
    }
    if (indent <= column && text.charCodeAt(pos + indent) === 0x09) {
      // A blank line with a tab where indentation is counted: fine for `yaml`, but keep it simple.
      return false;
    }
  }
  return true;
}

/** Cheap check that the text after the region did not change (the caller's change is trusted otherwise). */
function sameTail(oldText: string, oldEnd: number, newText: string, newEnd: number): boolean {
  if (oldText.length - oldEnd !== newText.length - newEnd) {
    return false;
  }
  const length = Math.min(256, oldText.length - oldEnd);
  return oldText.slice(oldEnd, oldEnd + length) === newText.slice(newEnd, newEnd + length);
}

// ---------------------------------------------------------------------------------------------------
// Re-parsing the unit and splicing it in.

/**
 * Parses the new region alone, checks it is still one unit at the same column, and returns the new
 * root: the path from the root to the unit rebuilt, siblings before it shared, siblings after it moved.
 */
function splice(
  candidate: Candidate,
  oldText: string,
  newText: string,
  region: Region,
  oldRegionEnd: number,
  delta: number,
  limits: ParseLimits,
): TreeNode | typeof outer | undefined {
  const { lineStart, column, end: newRegionEnd } = region;
  const source = newText.slice(lineStart, newRegionEnd);
  const doc = parseDocument(source, yamlOptions);
  if (doc.errors.length > 0 || doc.warnings.length > 0) {
    return undefined;
  }
  // Errors would stay in any larger unit: give up. A different shape (no longer one map item, or one
  // pair, at `column`) may still be a valid edit of the next unit out.
  const contents = doc.contents as YamlNode | null;
  if (!contents || (!isSeq(contents) && !isMap(contents)) || contents.flow || contents.items.length !== 1 || contents.range?.[0] !== column) {
    return outer;
  }
  const builder = new SubtreeBuilder(source, lineStart, limits.maxDepth);
  const depth = candidate.steps.length;
  let unit: TreeNode | Pair;
  if (candidate.kind === 'item') {
    const itemNode = isSeq(contents) ? (contents.items[0] as YamlNode | null) : null;
    if (!itemNode || !isMap(itemNode)) {
      return outer;
    }
    unit = builder.build(itemNode, depth);
  } else {
    const pairNode = isMap(contents) ? contents.items[0] : null;
    if (!pairNode || !isPair(pairNode) || !isScalar(pairNode.key) || source.charCodeAt(column) === 0x3f /* ? */) {
      return outer;
    }
    const key = builder.buildKey(pairNode.key);
    const valueNode = pairNode.value as YamlNode | null;
    const value = valueNode ? builder.build(valueNode, depth) : nullScalar([key.end, key.end]);
    unit = { key, value };
  }

  // Comments after the unit's last token. `yaml` extends the range of some enclosing collection over
  // trailing comment lines, and which one depends on their indentation relative to every open
  // collection, the ones outside the region included; it also groups them with the comment lines that
  // follow the region. An empty node (`key:`, `- `) at the end takes in the comment lines after it
  // whatever their indentation. Parsed alone, the unit cannot see any of that, so when comments follow
  // the region and the new unit (or the previous one, whose ranges may then have run past its region)
  // ends that way, the change goes to the next unit out, whose region holds more of the context.
  const tail = newText.slice(builder.contentEnd, newRegionEnd);
  if (commentFollows(newText, newRegionEnd)) {
    const { node: container, index } = candidate.steps[candidate.steps.length - 1];
    const previousUnit = container.kind === 'seq' ? container.items[index] : container.pairs[index];
    const previousLast = lastToken(previousUnit);
    if (
      endsWithEmptyNode(contents) ||
      /\n[ \t]*#/.test(tail) ||
      previousLast.empty ||
      /\n[ \t]*#/.test(oldText.slice(previousLast.end, oldRegionEnd))
    ) {
      return outer;
    }
  }

  // The unit's collection ends inside the region only when the unit is its last child; it then ends
  // where the one-unit collection parsed alone ends, and so does every ancestor that ended with it,
  // unless a comment follows the unit's last token (see above). At the end of the text, a collection
  // ending there may end with the unit too.
  const atEnd = newRegionEnd === newText.length;
  const container = candidate.steps[candidate.steps.length - 1].node;
  const oldContainerEnd = container.end;
  const endsInRegion = atEnd || oldContainerEnd < oldRegionEnd;
  if (endsInRegion && tail.includes('#')) {
    return outer;
  }
  const newContainerEnd = builder.span(contents)[1];
  const newEnd = (end: number): number => {
    if (endsInRegion && end === oldContainerEnd) {
      return newContainerEnd;
    }
    if (!atEnd && end >= oldRegionEnd) {
      return end + delta;
    }
    return unsafe();
  };
  const shifter = new Shifter(delta, oldRegionEnd);

  let replacement: TreeNode | Pair = unit;
  let unitContainerPairs: readonly Pair[] | undefined;
  for (let level = candidate.steps.length - 1; level >= 0; level--) {
    const { node, index } = candidate.steps[level];
    const end = newEnd(node.end);
    if (node.kind === 'seq') {
      const items = new Array<TreeNode>(node.items.length);
      for (let i = 0; i < index; i++) {
        const item = node.items[i];
        // An empty item of `yaml`'s (a JS null) takes the whole sequence's span, which moves.
        if (item.start === node.start && item.end === node.end) {
          return unsafe();
        }
        items[i] = item;
      }
      items[index] = replacement as TreeNode;
      for (let i = index + 1; i < node.items.length; i++) {
        items[i] = shifter.node(node.items[i]);
      }
      replacement = { kind: 'seq', items, start: node.start, end, flow: node.flow } satisfies SeqNode;
    } else {
      const pairs = new Array<Pair>(node.pairs.length);
      for (let i = 0; i < index; i++) {
        pairs[i] = node.pairs[i];
      }
      pairs[index] = level === candidate.steps.length - 1 && candidate.kind === 'pair' ? (replacement as Pair) : { key: node.pairs[index].key, value: replacement as TreeNode };
      for (let i = index + 1; i < node.pairs.length; i++) {
        pairs[i] = shifter.pair(node.pairs[i]);
      }
      replacement = { kind: 'map', pairs, start: node.start, end, flow: node.flow } satisfies MapNode;
      unitContainerPairs ??= pairs;
    }
  }
  // Every other map keeps its keys (shared, or copied with moved offsets), so when the previous tree
  // repeated no key, only the unit and, for a pair, the keys beside it can (`checkDuplicates` then
  // skips the walk over the whole tree).
  const newRoot = replacement as TreeNode;
  const unitValue = 'kind' in unit ? unit : unit.value;
  if (
    isKnownWithoutDuplicateKeys(candidate.steps[0].node) &&
    !hasRepeatedKeys(unitValue) &&
    (candidate.kind !== 'pair' || unitContainerPairs === undefined || duplicatePairs(unitContainerPairs) === undefined)
  ) {
    markWithoutDuplicateKeys(newRoot);
  }
  return newRoot;
}

/** True when the last node of `node` in document order is empty: a missing value or an empty item. */
function endsWithEmptyNode(node: YamlNode): boolean {
  let current: unknown = node;
  for (let guard = 0; guard < 10_000; guard++) {
    if (isMap(current) || isSeq(current)) {
      if (current.flow) {
        return false;
      }
      const last: unknown = current.items[current.items.length - 1];
      if (last === undefined || last === null) {
        return true;
      }
      current = isPair(last) ? last.value : last;
      if (current === null || current === undefined) {
        return true;
      }
    } else if (isScalar(current)) {
      return !current.range || current.range[0] === current.range[1];
    } else {
      return true;
    }
  }
  return true;
}

/**
 * In a unit of the located tree: the end of its last token (scalars, flow collections; comments come
 * after it) and whether its last node in document order is empty (`key:`, `- `).
 */
function lastToken(unit: TreeNode | Pair): { end: number; empty: boolean } {
  let end = 0;
  const stack: TreeNode[] = 'kind' in unit ? [unit] : [unit.key, unit.value];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === 'scalar' || node.flow) {
      end = Math.max(end, node.end);
    } else if (node.kind === 'map') {
      for (const pair of node.pairs) {
        stack.push(pair.key, pair.value);
      }
    } else {
      appendAll(stack, node.items);
    }
  }
  let last: TreeNode = 'kind' in unit ? unit : unit.value;
  for (;;) {
    if (last.kind === 'map' && !last.flow && last.pairs.length > 0) {
      last = last.pairs[last.pairs.length - 1].value;
    } else if (last.kind === 'seq' && !last.flow && last.items.length > 0) {
      last = last.items[last.items.length - 1];
    } else {
      break;
    }
  }
  return { end, empty: last.kind === 'scalar' && last.start === last.end };
}

/** True when the first non-blank line from `pos` is a comment. */
function commentFollows(text: string, pos: number): boolean {
  while (pos < text.length && isBlankLine(text, pos)) {
    pos = nextLine(text, pos);
  }
  return pos < text.length && text.charCodeAt(pos + indentAt(text, pos)) === 0x23;
}

/** Copies nodes that follow the region, moving their offsets by `delta` (shares them when it is 0). */
class Shifter {
  constructor(
    private readonly delta: number,
    /** Every node after the region starts here or later; anything else (an alias copy) is unsafe. */
    private readonly min: number,
  ) {}

  /** The moved start of `node`; unsafe when it lies before the region's end. */
  private start(node: TreeNode): number {
    if (node.start < this.min) {
      return unsafe();
    }
    return node.start + this.delta;
  }

  pair(pair: Pair): Pair {
    if (this.delta === 0) {
      return pair;
    }
    return { key: this.node(pair.key) as ScalarNode, value: this.node(pair.value) };
  }

  node(node: TreeNode): TreeNode {
    if (this.delta === 0) {
      // Same length (a digit replaced by a digit): nothing after the region moves, so it is shared.
      return node;
    }
    switch (node.kind) {
      case 'scalar':
        return { kind: 'scalar', value: node.value, start: this.start(node), end: node.end + this.delta, quoted: node.quoted } satisfies ScalarNode;
      case 'map': {
        const start = this.start(node);
        const pairs = new Array<Pair>(node.pairs.length);
        for (let i = 0; i < node.pairs.length; i++) {
          pairs[i] = this.pair(node.pairs[i]);
        }
        return { kind: 'map', pairs, start, end: node.end + this.delta, flow: node.flow } satisfies MapNode;
      }
      case 'seq': {
        const start = this.start(node);
        const items = new Array<TreeNode>(node.items.length);
        for (let i = 0; i < node.items.length; i++) {
          items[i] = this.node(node.items[i]);
        }
        return { kind: 'seq', items, start, end: node.end + this.delta, flow: node.flow } satisfies SeqNode;
      }
    }
  }
}

/**
 * `TreeBuilder` of parse.ts for one item parsed on its own: the same spans (collections trimmed of
 * trailing whitespace), `quoted` flags and null scalars, moved by `base`. Anchors, aliases, tags and
 * anything past the depth limit are unsafe here (a full parse reports or resolves them).
 */
class SubtreeBuilder {
  /** End of the last token built (scalars, flow collections), in absolute offsets: comments come after it. */
  contentEnd = 0;

  constructor(
    private readonly source: string,
    private readonly base: number,
    private readonly maxDepth: number,
  ) {}

  build(node: YamlNode, depth: number): TreeNode {
    if (depth > this.maxDepth || isAlias(node) || node.anchor || node.tag) {
      return unsafe();
    }
    if (isScalar(node)) {
      return this.buildScalar(node);
    }
    if (isMap(node)) {
      const pairs: Pair[] = [];
      for (const item of node.items) {
        if (!isPair(item)) {
          continue;
        }
        const key = this.buildKey(item.key as YamlNode | null, depth);
        const valueNode = item.value as YamlNode | null;
        const value = valueNode ? this.build(valueNode, depth + 1) : nullScalar([key.end, key.end]);
        pairs.push({ key, value });
      }
      const [start, end] = this.span(node);
      return this.noteFlowEnd({ kind: 'map', pairs, start, end, flow: Boolean(node.flow) } satisfies MapNode);
    }
    if (isSeq(node)) {
      const items = node.items.map((item) => (item ? this.build(item as YamlNode, depth + 1) : nullScalar(this.span(node))));
      const [start, end] = this.span(node);
      return this.noteFlowEnd({ kind: 'seq', items, start, end, flow: Boolean(node.flow) } satisfies SeqNode);
    }
    return unsafe();
  }

  private noteFlowEnd<T extends MapNode | SeqNode>(node: T): T {
    if (node.flow) {
      this.contentEnd = Math.max(this.contentEnd, node.end);
    }
    return node;
  }

  buildKey(node: YamlNode | null, depth = 0): ScalarNode {
    if (!node) {
      // parse.ts gives a missing key the span [0, 0], which no later edit could shift; keep it simple.
      return unsafe();
    }
    if (isAlias(node) || node.anchor || node.tag) {
      return unsafe();
    }
    if (isScalar(node)) {
      // An empty key (`: value`) is placed after whatever token came before it, possibly outside the unit.
      if (node.range && node.range[0] === node.range[1]) {
        return unsafe();
      }
      return this.buildScalar(node);
    }
    // A complex key: parse.ts keeps it as text; its content is never built, but must be safe to drop.
    this.build(node, depth);
    const [start, end] = this.span(node);
    this.contentEnd = Math.max(this.contentEnd, end);
    return { kind: 'scalar', value: `(complex key)`, start, end, quoted: false };
  }

  private buildScalar(node: YamlScalar): ScalarNode {
    const raw = node.value;
    let value: ScalarNode['value'];
    if (raw === null || raw === undefined) {
      value = null;
    } else if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') {
      value = raw;
    } else if (typeof raw === 'bigint') {
      value = Number(raw);
    } else {
      // Under `%YAML 1.1`, `yaml` resolves a timestamp to a Date and `!!binary` to a Uint8Array. The plan
      // format reads them as the text written, as YAML 1.2 does (String(date) would depend on the time zone).
      value = node.source ?? '';
    }
    const quoted = node.type !== undefined && node.type !== YamlScalar.PLAIN;
    const [start, end] = this.span(node);
    this.contentEnd = Math.max(this.contentEnd, end);
    return { kind: 'scalar', value, start, end, quoted };
  }

  span(node: YamlNode): Span {
    const range = node.range;
    if (!range) {
      return unsafe();
    }
    const length = this.source.length;
    const start = Math.max(0, Math.min(range[0], length));
    const end = Math.max(start, Math.min(range[1], length));
    if (!isMap(node) && !isSeq(node)) {
      return [start + this.base, end + this.base];
    }
    let trimmed = end;
    while (trimmed > start && isWhitespace(this.source.charCodeAt(trimmed - 1))) {
      trimmed--;
    }
    return [start + this.base, trimmed + this.base];
  }
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

function nullScalar(span: Span): ScalarNode {
  return { kind: 'scalar', value: null, start: span[0], end: span[1], quoted: false };
}
