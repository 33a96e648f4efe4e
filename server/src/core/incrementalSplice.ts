/**
 * Splicing a unit re-parsed on its own into the previous tree (incremental.ts): the path from the root
 * to the unit is rebuilt, siblings before it are shared, siblings after it are moved by the length delta.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { appendAll } from './arrays';
import type { Span } from './findings';
import type { DocumentTraits, ParseLimits } from './parse';
import { TreeBuilder } from './treeBuilder';
import type { MapNode, Pair, ScalarNode, SeqNode, TreeNode } from './tree';
import { duplicatePairs, hasRepeatedKeys, isKnownWithoutDuplicateKeys, isSharedUnit, markWithoutDuplicateKeys } from './tree';
import type { Candidate, Region } from './incrementalUnits';
import { indentAt, isBlankLine, nextLine } from './incrementalUnits';

/** Thrown (and caught by `reparseIncrementally`) wherever equivalence with a full parse is not certain. */
export class Unsafe extends Error {}

export function unsafe(): never {
  throw new Unsafe('not safe for an incremental re-parse');
}

/** Returned where this unit cannot be re-parsed apart but the next unit out may be. */
export const outer = Symbol('outer');

/** parse.ts's options for `parseDocument` (its `lineCounter` does not change the result). */
const yamlOptions = { uniqueKeys: false, prettyErrors: false, strict: true, keepSourceTokens: false } as const;

// Re-parsing the unit and splicing it in.

/**
 * Parses the new region alone, checks it is still one unit at the same column, and returns the new
 * root: the path from the root to the unit rebuilt, siblings before it shared, siblings after it moved.
 */
export function splice(
  candidate: Candidate,
  oldText: string,
  newText: string,
  region: Region,
  oldRegionEnd: number,
  delta: number,
  limits: ParseLimits,
  traits: DocumentTraits,
  moved?: Map<TreeNode, TreeNode>,
): { root: TreeNode; traits: DocumentTraits } | typeof outer | undefined {
  const { lineStart, column, end: newRegionEnd } = region;
  const source = newText.slice(lineStart, newRegionEnd);
  // Under the document's YAML version: `%YAML 1.1` resolves `yes`, `0o17`, `1:30` otherwise.
  const doc = parseDocument(source, { ...yamlOptions, version: traits.yamlVersion });
  if (doc.errors.length > 0 || doc.warnings.length > 0) {
    return undefined;
  }
  // Errors would stay in any larger unit: give up. A different shape (no longer one map item, or one
  // pair, at `column`) may still be a valid edit of the next unit out.
  const contents = doc.contents;
  if (!contents || (!isSeq(contents) && !isMap(contents)) || contents.flow || contents.items.length !== 1 || contents.range?.[0] !== column) {
    return outer;
  }
  // The one tree builder, in region mode: offsets moved to the document's, and anything the region
  // alone cannot decide (aliases, tags, empty keys, the depth limit) thrown as `RegionUnsure`. Anchored
  // values are built and listed, for the aliases elsewhere that stand for them.
  const builder = new TreeBuilder(contents, source, limits, { aliasLimit: 0, base: lineStart, region: true, anchors: true });
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
    unit = builder.buildPair(pairNode, depth - 1);
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
  const aliases = reresolve(traits, oldText, lineStart, oldRegionEnd, delta, builder.anchored);
  if (!aliases) {
    return undefined;
  }
  const shifter = new Shifter(delta, oldRegionEnd, lineStart, aliases.copies, moved);

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
        items[i] = shifter.item(node.items[i]);
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
  return { root: newRoot, traits: aliases.traits };
}

/** A node aliases stood for, in the old text, and the node they stand for now. */
interface Reresolved {
  readonly oldEnd: number;
  readonly node: TreeNode;
}

/**
 * What the aliases of the document stand for after an edit of the region `[regionStart, oldRegionEnd)`
 * (length change `delta`) whose new text holds the anchored nodes `anchored`: by old start, the copies
 * to replace, and the document's traits after the edit. Undefined when only a full parse can tell: the
 * region's anchors changed names, an aliased node reaches into the region without lying in it, or one
 * in it is not a scalar before and after (a scalar's copy costs one node and cannot nest too deep, so
 * the alias budget and the depth limit judge it as before).
 */
function reresolve(
  traits: DocumentTraits,
  oldText: string,
  regionStart: number,
  oldRegionEnd: number,
  delta: number,
  anchored: readonly { readonly name: string; readonly node: TreeNode }[],
): { copies: ReadonlyMap<number, Reresolved>; traits: DocumentTraits } | undefined {
  const copies = new Map<number, Reresolved>();
  if (!traits.hasAliases) {
    return { copies, traits };
  }
  // Aliases after the region resolve to the last anchor of their name before them: they stand for the
  // same anchors as long as the region defines the same names, each once.
  const oldNames = [...oldText.slice(regionStart, oldRegionEnd).matchAll(/(?:^|[\s[{,])&([^\s,[\]{}]+)/g)].map((match) => match[1]).sort();
  const newNames = anchored.map((entry) => entry.name).sort();
  if (oldNames.join('\n') !== newNames.join('\n') || new Set(newNames).size !== newNames.length) {
    return undefined;
  }
  const spans: Span[] = [];
  for (const span of traits.aliasedSpans) {
    if (span[1] <= regionStart) {
      spans.push(span);
    } else if (span[0] >= oldRegionEnd) {
      spans.push([span[0] + delta, span[1] + delta]);
    } else if (span[0] >= regionStart && span[1] <= oldRegionEnd) {
      const name = /&([^\s,[\]{}]+)\s+$/.exec(oldText.slice(regionStart, span[0]))?.[1];
      const node = anchored.find((entry) => entry.name === name)?.node;
      if (!node || node.kind !== 'scalar') {
        return undefined;
      }
      copies.set(span[0], { oldEnd: span[1], node });
      spans.push([node.start, node.end]);
    } else {
      return undefined;
    }
  }
  return { copies, traits: delta === 0 && copies.size === 0 ? traits : { ...traits, aliasedSpans: spans } };
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
export function commentFollows(text: string, pos: number): boolean {
  while (pos < text.length && isBlankLine(text, pos)) {
    pos = nextLine(text, pos);
  }
  return pos < text.length && text.charCodeAt(pos + indentAt(text, pos)) === 0x23;
}

/** Copies nodes that follow the region, moving their offsets by `delta` (shares them when it is 0). */
export class Shifter {
  /** Nothing after the region moves and no copy changes: every node after it is shared as is. */
  private readonly shareAll: boolean;

  constructor(
    private readonly delta: number,
    /** Every node after the region starts here or later, but alias copies of what lies before it. */
    private readonly min: number,
    /** Where the region starts: a copy of an anchored node that ends by then did not change and stays. */
    private readonly regionStart = 0,
    /** Copies of scalars anchored in the region, by their old start: replaced by the new scalar. */
    private readonly copies: ReadonlyMap<number, Reresolved> = new Map(),
    /**
     * Filled, when given, with each moved sequence item that is a unit (new node → old node). Without
     * alias copies to replace, a moved node holds the same keys and values as the old one, only at other
     * offsets, so results that depend on nothing else (a unit's schema problems, its clean keys) carry over.
     */
    private readonly moved?: Map<TreeNode, TreeNode>,
  ) {
    // Same length (a digit replaced by a digit) and no copy to replace: nothing after the region changes.
    this.shareAll = delta === 0 && copies.size === 0;
  }

  /** The moved start of `node`; unsafe when it lies before the region's end. */
  private start(node: TreeNode): number {
    if (node.start < this.min) {
      return unsafe();
    }
    return node.start + this.delta;
  }

  pair(pair: Pair): Pair {
    if (this.shareAll) {
      return pair;
    }
    const key = this.node(pair.key) as ScalarNode;
    const value = this.node(pair.value);
    return key === pair.key && value === pair.value ? pair : { key, value };
  }

  /**
   * `node` for a sequence item, recorded in `moved` when it moved and is a unit (`isSharedUnit`: the
   * items whose results are kept; a target's two scalars are not worth a record).
   */
  item(item: TreeNode): TreeNode {
    const moved = this.node(item);
    if (this.moved && moved !== item && this.copies.size === 0 && isSharedUnit(item)) {
      this.moved.set(moved, item);
    }
    return moved;
  }

  node(node: TreeNode): TreeNode {
    if (this.shareAll) {
      return node;
    }
    if (node.start < this.min) {
      if (node.end <= this.regionStart) {
        // An alias copy of a node before the region: shared, its offsets are its anchor's.
        return node;
      }
      // An alias copy of a scalar anchored in the region stands for the new scalar; any other copy of
      // a node reaching into the region would need a full parse.
      const copy = this.copies.get(node.start);
      return copy && copy.oldEnd === node.end && node.kind === 'scalar' ? { ...copy.node } : unsafe();
    }
    switch (node.kind) {
      case 'scalar':
        return this.delta === 0 ? node : ({ kind: 'scalar', value: node.value, start: this.start(node), end: node.end + this.delta, quoted: node.quoted } satisfies ScalarNode);
      case 'map': {
        const start = this.start(node);
        const pairs = new Array<Pair>(node.pairs.length);
        let changed = this.delta !== 0;
        for (let i = 0; i < node.pairs.length; i++) {
          pairs[i] = this.pair(node.pairs[i]);
          changed ||= pairs[i] !== node.pairs[i];
        }
        return changed ? ({ kind: 'map', pairs, start, end: node.end + this.delta, flow: node.flow } satisfies MapNode) : node;
      }
      case 'seq': {
        const start = this.start(node);
        const items = new Array<TreeNode>(node.items.length);
        let changed = this.delta !== 0;
        for (let i = 0; i < node.items.length; i++) {
          items[i] = this.item(node.items[i]);
          changed ||= items[i] !== node.items[i];
        }
        return changed ? ({ kind: 'seq', items, start, end: node.end + this.delta, flow: node.flow } satisfies SeqNode) : node;
      }
    }
  }
}
