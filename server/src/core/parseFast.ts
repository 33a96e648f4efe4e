/**
 * The fast parse path: text → located tree with `js-yaml`, about ten times faster than `yaml`. It builds
 * exactly the tree `parseWithYaml` builds (same spans, `quoted` flags and YAML 1.2 core-schema values;
 * the equivalence test proves it on every fixture and sample, on generated plans and on fuzzed documents),
 * or returns `undefined` so the caller falls back to `parseWithYaml`, which keeps `yaml`'s error recovery
 * and messages.
 *
 * How: `js-yaml` loads the text with its failsafe schema (every scalar a string, no type guessing) and its
 * `listener` option, which reports where each node opens and closes. Each node is built when js-yaml
 * closes it, with its span computed from the text the way `yaml` ranges it (a collection ends where its
 * last value's trailing comments end, see `FastBuilder.finishBlock`), and plain scalars resolved with
 * `yaml`'s core schema (`resolvePlain`), so `yes`, `1_000` and `0x1F` with a sign stay text.
 *
 * It falls back (returns `undefined`) whenever it cannot be sure to match `yaml`:
 * - anything `js-yaml` rejects: syntax errors, duplicate keys, several documents;
 * - anchors, aliases, tags, directives, explicit (`?`) or empty keys, non-scalar or multi-line keys, keys
 *   over 1,000 characters, document markers after the start;
 * - tabs, a byte-order mark, lone carriage returns, non-printable characters;
 * - flow collections that span lines, hold comments, or hold `key: value` pairs in a sequence;
 * - block scalars with "keep" chomping (`|+`), an explicit indentation indicator, or whitespace-only lines;
 * - sequence items with nothing on the `-` line (empty, or content on the next line);
 * - a comment glued to a quoted scalar or a flow collection (`"x"#c`), or among a plain scalar's
 *   continuation lines;
 * - nesting deeper than `limits.maxDepth`, or a document over `limits.maxLength` (the limit finding is
 *   `parseWithYaml`'s to give); an empty document.
 */
import * as jsyaml from 'js-yaml';
import type { ParseLimits, ParsedDocument } from './parse';
import { defaultParseLimits } from './parse';
import type { MapNode, Pair, SeqNode, TreeNode } from './tree';
import type { Built } from './yamlRanges';
import { hasLineBreak, isBlankOrEnd, isPlainText, Leaf, RangeBuilder, resolvePlain, Unsure } from './yamlRanges';

export { resolvePlain } from './yamlRanges';

/** Parses `text` into the same located tree as `parseWithYaml`, or returns undefined to ask for it. */
export function parseFast(uri: string, text: string, limits: ParseLimits = defaultParseLimits): ParsedDocument | undefined {
  if (text.length > limits.maxLength || !isPlainText(text)) {
    return undefined;
  }
  const builder = new FastBuilder(text, limits);
  try {
    jsyaml.load(text, { schema: jsyaml.FAILSAFE_SCHEMA, listener: builder.listener } as jsyaml.LoadOptions);
    return { uri, text, root: builder.root(), findings: [], hasSyntaxErrors: false };
  } catch {
    // A syntax error, a duplicate key, several documents (js-yaml), or `Unsure` (this builder).
    return undefined;
  }
}

/**
 * Builds nodes as js-yaml closes them: the listener keeps one open position and one list of finished
 * children per nesting level (reused), so nothing but the tree itself outlives its parent.
 */
class FastBuilder extends RangeBuilder {
  private depth = 0;
  private readonly opens: number[] = [];
  private readonly children: Built[][] = [];
  private result: Built | undefined;

  constructor(text: string, limits: ParseLimits) {
    super(text, limits);
  }

  readonly listener = (event: 'open' | 'close', state: { position: number; kind: string | null; result: unknown }): void => {
    // js-yaml appends a line break to a text without one; positions past the end are clamped back.
    const position = Math.min(state.position, this.text.length);
    if (event === 'open') {
      const level = this.depth++;
      if (level > this.limits.maxDepth + 2) {
        throw new Unsure();
      }
      this.opens[level] = position;
      const list = this.children[level];
      if (list) {
        list.length = 0;
      } else {
        this.children[level] = [];
      }
      return;
    }
    const level = --this.depth;
    const built = this.close(this.opens[level], position, state.kind, state.result, this.children[level], level);
    if (level > 0) {
      this.children[level - 1].push(built);
    } else if (this.result === undefined) {
      this.result = built;
    } else {
      throw new Unsure();
    }
  };

  root(): TreeNode | undefined {
    const built = this.result;
    if (!built || this.depth !== 0) {
      throw new Unsure();
    }
    if (this.skipSpace(built.start) >= this.text.length) {
      return undefined;
    }
    if (built.node === undefined) {
      throw new Unsure();
    }
    return built.node;
  }

  /** Builds the node js-yaml just closed from its own positions and its children. */
  private close(open: number, close: number, kind: string | null, result: unknown, children: Built[], level: number): Built {
    if (kind === null) {
      if (children.length > 0) {
        throw new Unsure();
      }
      return { node: undefined, kind, start: open, end: open, leaf: Leaf.None, end2: open };
    }
    const text = this.text;
    const start = this.skipSpace(open);
    const c = text.charCodeAt(start);
    if (c === 0x26 /* & */ || c === 0x2a /* * */ || c === 0x21 /* ! */ || c === 0x3f /* ? */ || c === 0x25 /* % */) {
      throw new Unsure();
    }
    if (kind === 'sequence' && c === 0x2d /* - */ && isBlankOrEnd(text.charCodeAt(start + 1))) {
      return this.blockSeq(start, result, children, level);
    }
    if (kind === 'mapping' && c !== 0x7b /* { */) {
      return this.blockMap(start, children, level);
    }
    // Scalars and flow collections come wrapped in js-yaml's attempt to read them as a mapping key.
    if (children.length === 1 && children[0].kind === kind && children[0].start === start) {
      return children[0];
    }
    if (level > this.limits.maxDepth) {
      throw new Unsure();
    }
    if (kind === 'sequence' || kind === 'mapping') {
      return this.flow(start, close, kind === 'mapping', result, children);
    }
    if (kind === 'scalar' && children.length === 0) {
      return this.scalar(start, close, result);
    }
    throw new Unsure();
  }

  private blockSeq(start: number, result: unknown, children: readonly Built[], level: number): Built {
    if (level > this.limits.maxDepth) {
      throw new Unsure();
    }
    // js-yaml reads `-` followed by a comment or a line break as null without a node of its own.
    if (!Array.isArray(result) || result.length !== children.length || children.length === 0) {
      throw new Unsure();
    }
    const indent = this.columnOf(start);
    const items: TreeNode[] = [];
    for (const child of children) {
      const dash = this.skipSpaceBack(child.start) - 1;
      if (this.text.charCodeAt(dash) !== 0x2d /* - */) {
        throw new Unsure();
      }
      items.push(child.node ?? this.emptyNode(dash + 1));
    }
    const last = children[children.length - 1];
    const lastEmptyAt = last.node === undefined ? this.skipSpaceBack(last.start) : -1;
    return this.finishBlock({ kind: 'seq', items, start: start, end: 0, flow: false }, start, indent, last, items[items.length - 1], lastEmptyAt);
  }

  private blockMap(start: number, children: readonly Built[], level: number): Built {
    if (level > this.limits.maxDepth) {
      throw new Unsure();
    }
    // Every implicit key of a block mapping gets a value node from js-yaml (explicit `?` keys are refused).
    if (children.length === 0 || children.length % 2 !== 0) {
      throw new Unsure();
    }
    const indent = this.columnOf(start);
    const pairs: Pair[] = [];
    let colon = -1;
    for (let index = 0; index < children.length; index += 2) {
      const key = this.key(children[index]);
      colon = this.colonAfter(key.end);
      const value = children[index + 1];
      pairs.push({ key, value: value.node ?? this.emptyNode(colon + 1) });
    }
    const last = children[children.length - 1];
    return this.finishBlock({ kind: 'map', pairs, start: start, end: 0, flow: false }, start, indent, last, pairs[pairs.length - 1].value, last.node === undefined ? colon + 1 : -1);
  }

  private scalar(start: number, close: number, raw: unknown): Built {
    const text = this.text;
    if (typeof raw !== 'string') {
      throw new Unsure();
    }
    const c = text.charCodeAt(start);
    if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
      if (text.charCodeAt(close - 1) !== c || close - 1 <= start || text.charCodeAt(close) === 0x23 /* # */) {
        // `"x"#c` is an error for `yaml`: a comment needs a space before it.
        throw new Unsure();
      }
      return { node: { kind: 'scalar', value: raw, start: start, end: close, quoted: true }, kind: 'scalar', start, end: close, leaf: Leaf.Absorbs, end2: close };
    }
    if (c === 0x7c /* | */ || c === 0x3e /* > */) {
      const end = this.blockScalarEnd(start, close);
      return { node: { kind: 'scalar', value: raw, start: start, end: end, quoted: true }, kind: 'scalar', start, end, leaf: Leaf.Block, end2: end };
    }
    const end = this.trimBack(close, start);
    if (end <= start || (hasLineBreak(text, start, end) && (raw.includes('#') || /(^|[ \r\n])#/.test(text.slice(start, end))))) {
      // Continuation lines: a comment among them ends the scalar in YAML; leave such text to `yaml`.
      throw new Unsure();
    }
    return { node: { kind: 'scalar', value: resolvePlain(raw), start: start, end: end, quoted: false }, kind: 'scalar', start, end, leaf: Leaf.Absorbs, end2: end };
  }

  private flow(start: number, close: number, isMap: boolean, result: unknown, children: readonly Built[]): Built {
    const text = this.text;
    const open = text.charCodeAt(start);
    if ((isMap && open !== 0x7b) || (!isMap && open !== 0x5b /* [ */) || text.charCodeAt(close - 1) !== (isMap ? 0x7d /* } */ : 0x5d /* ] */)) {
      throw new Unsure();
    }
    if (text.charCodeAt(close) === 0x23 /* # */) {
      throw new Unsure();
    }
    for (let index = start; index < close; index++) {
      const c = text.charCodeAt(index);
      if (c === 0x0a || c === 0x0d || c === 0x23) {
        // Over several lines, or with comments inside: `yaml`'s indentation rules and ranges differ.
        throw new Unsure();
      }
    }
    let node: TreeNode;
    if (isMap) {
      // Every entry needs its `: value` (js-yaml gives `{a}` no value node).
      if (children.length !== 2 * keyCount(result)) {
        throw new Unsure();
      }
      const pairs: Pair[] = [];
      for (let index = 0; index < children.length; index += 2) {
        const key = this.key(children[index]);
        const value = this.flowEntry(children[index + 1]);
        pairs.push({ key, value });
      }
      node = { kind: 'map', pairs, start: start, end: close, flow: true } satisfies MapNode;
    } else {
      // A `key: value` pair in a flow sequence gives js-yaml two nodes for one item.
      if (!Array.isArray(result) || result.length !== children.length) {
        throw new Unsure();
      }
      node = { kind: 'seq', items: children.map((child) => this.flowEntry(child)), start: start, end: close, flow: true } satisfies SeqNode;
    }
    return { node, kind: isMap ? 'mapping' : 'sequence', start, end: close, leaf: Leaf.Absorbs, end2: close };
  }

  /** A value inside a flow collection: a scalar or another flow collection. */
  private flowEntry(built: Built): TreeNode {
    const node = built.node;
    if (!node || built.leaf !== Leaf.Absorbs) {
      throw new Unsure();
    }
    return node;
  }
}

/** How many keys js-yaml stored for a mapping (duplicates are rejected before this point). */
function keyCount(result: unknown): number {
  return result !== null && typeof result === 'object' && !Array.isArray(result) ? Object.keys(result).length : -1;
}
