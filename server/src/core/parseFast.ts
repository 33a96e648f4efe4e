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
import type { Span } from './findings';
import type { ParseLimits, ParsedDocument } from './parse';
import { defaultParseLimits } from './parse';
import type { MapNode, Pair, Scalar, ScalarNode, SeqNode, TreeNode } from './tree';

/** Thrown while building when the fast path cannot be sure; any exception means "use `parseWithYaml`". */
class Unsure extends Error {}

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
 * Rejects texts whose characters the two parsers may treat differently: tabs, a byte-order mark, a
 * carriage return not followed by a line feed, non-printable characters, and document or directive
 * markers after the first line.
 */
function isPlainText(text: string): boolean {
  const length = text.length;
  for (let index = 0; index < length; index++) {
    const c = text.charCodeAt(index);
    if (c >= 0x20 && c < 0x7f) {
      continue;
    }
    if (c === 0x0a) {
      continue;
    }
    if (c === 0x0d) {
      if (text.charCodeAt(index + 1) !== 0x0a) {
        return false;
      }
      continue;
    }
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f && c !== 0x85) || c === 0xfeff || c === 0xfffe || c === 0xffff) {
      return false;
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) {
        return false;
      }
      index++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return !(text.startsWith('%') || text.includes('\n%') || hasDocumentMarker(text, '\n---') || hasDocumentMarker(text, '\n...'));
}

/** True when a line after the first starts with `marker` followed by a space, a line break or the end. */
function hasDocumentMarker(text: string, marker: string): boolean {
  for (let index = text.indexOf(marker); index !== -1; index = text.indexOf(marker, index + 1)) {
    const after = text.charCodeAt(index + marker.length);
    if (Number.isNaN(after) || after === 0x20 || after === 0x0a || after === 0x0d) {
      return true;
    }
  }
  return false;
}

/** Leaf kinds, for how comments after them attach (see `FastBuilder.attachComments`). */
const enum Leaf {
  /** A collection: its `end2` is final. */
  None,
  /** A plain or quoted scalar, or a flow collection: `yaml` gives it end tokens that take comments. */
  Absorbs,
  /** A block scalar: no end tokens; comments after it belong to the collection that holds it. */
  Block,
}

/**
 * A node built when js-yaml closed it, with what its parent needs: where its content starts and ends,
 * and, for a collection, `yaml`'s range[2] and the comment lines it passes up.
 */
interface Built {
  /** Undefined for an empty value (`key:` with nothing after it), built by the parent. */
  readonly node: TreeNode | undefined;
  /** js-yaml's node kind (`scalar`, `sequence`, `mapping`, or null for an empty value). */
  readonly kind: string | null;
  /** First character of the content (for an empty value: where js-yaml started looking for it). */
  readonly start: number;
  /** End of the content (`yaml`'s range[1], untrimmed for collections). */
  readonly end: number;
  readonly leaf: Leaf;
  /** For a collection: `yaml`'s range[2], where it ends with the comments it keeps. */
  readonly end2: number;
  /** Comment lines after the collection that every one is less indented than it: passed to the parent. */
  readonly pending?: CommentBlock;
}

/** Consecutive comment lines (blank lines between them allowed) after a node's content. */
interface CommentBlock {
  /** Indent (column of `#`) of each comment line. */
  readonly indents: readonly number[];
  /** End of the last comment (trailing spaces excluded). */
  readonly end: number;
}

/**
 * Builds nodes as js-yaml closes them: the listener keeps one open position and one list of finished
 * children per nesting level (reused), so nothing but the tree itself outlives its parent.
 */
class FastBuilder {
  private depth = 0;
  private readonly opens: number[] = [];
  private readonly children: Built[][] = [];
  private result: Built | undefined;

  constructor(
    private readonly text: string,
    private readonly limits: ParseLimits,
  ) {}

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
    return this.finishBlock({ kind: 'seq', items, span: [start, 0], flow: false }, start, indent, last, items[items.length - 1], lastEmptyAt);
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
      colon = this.colonAfter(key.span[1]);
      const value = children[index + 1];
      pairs.push({ key, value: value.node ?? this.emptyNode(colon + 1) });
    }
    const last = children[children.length - 1];
    return this.finishBlock({ kind: 'map', pairs, span: [start, 0], flow: false }, start, indent, last, pairs[pairs.length - 1].value, last.node === undefined ? colon + 1 : -1);
  }

  /**
   * Ends a block collection the way `yaml` does: its value range ends where its last value's range[2]
   * ends. Comment lines after that are first given to the innermost collection; they stay there (in its
   * range[2]) unless every one of them is less indented than it, in which case they move to the parent.
   * `emptyAfter` is the position after the indicator when the last value is empty (else -1).
   */
  private finishBlock(
    node: { kind: 'seq'; items: TreeNode[]; span: Span; flow: false } | { kind: 'map'; pairs: Pair[]; span: Span; flow: false },
    start: number,
    indent: number,
    last: Built,
    lastNode: TreeNode,
    emptyAfter: number,
  ): Built {
    const text = this.text;
    let end1: number;
    let pending: CommentBlock | undefined;
    if (emptyAfter >= 0) {
      // An empty last value: `yaml` extends its range[2] over every comment line up to the next content.
      const next = this.skipSpace(emptyAfter);
      end1 = text.slice(emptyAfter, next).includes('#') ? this.trimBack(next, emptyAfter) : lastNode.span[1];
    } else if (last.leaf === Leaf.None) {
      end1 = last.end2;
      pending = last.pending;
    } else {
      end1 = last.leaf === Leaf.Absorbs ? this.attachComments(last.end, indent) : last.end;
      pending = this.commentBlockAfter(end1);
    }
    node.span = [start, this.trimBack(end1, start)];
    const tree = node as TreeNode;
    if (!pending) {
      return { node: tree, kind: null, start, end: end1, leaf: Leaf.None, end2: end1 };
    }
    if (indent === 0 || pending.indents.every((commentIndent) => commentIndent < indent)) {
      return { node: tree, kind: null, start, end: end1, leaf: Leaf.None, end2: end1, pending };
    }
    return { node: tree, kind: null, start, end: end1, leaf: Leaf.None, end2: pending.end };
  }

  /** A mapping key: a single-line plain or quoted scalar of at most 1,000 characters. */
  private key(built: Built): ScalarNode {
    const node = built.node;
    if (node?.kind !== 'scalar' || built.leaf !== Leaf.Absorbs || node.span[1] - node.span[0] > 1000 || hasLineBreak(this.text, node.span[0], node.span[1])) {
      throw new Unsure();
    }
    return node;
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
      return { node: { kind: 'scalar', value: raw, span: [start, close], quoted: true }, kind: 'scalar', start, end: close, leaf: Leaf.Absorbs, end2: close };
    }
    if (c === 0x7c /* | */ || c === 0x3e /* > */) {
      const end = this.blockScalarEnd(start, close);
      return { node: { kind: 'scalar', value: raw, span: [start, end], quoted: true }, kind: 'scalar', start, end, leaf: Leaf.Block, end2: end };
    }
    const end = this.trimBack(close, start);
    if (end <= start || (hasLineBreak(text, start, end) && (raw.includes('#') || /(^|[ \r\n])#/.test(text.slice(start, end))))) {
      // Continuation lines: a comment among them ends the scalar in YAML; leave such text to `yaml`.
      throw new Unsure();
    }
    return { node: { kind: 'scalar', value: resolvePlain(raw), span: [start, end], quoted: false }, kind: 'scalar', start, end, leaf: Leaf.Absorbs, end2: end };
  }

  /**
   * The end of a block scalar as `yaml` ranges it: after the line break of its last line with content
   * (trailing blank lines excluded). Keep chomping, indentation indicators and whitespace-only lines
   * are left to `yaml`.
   */
  private blockScalarEnd(start: number, close: number): number {
    const text = this.text;
    const headerEnd = lineEnd(text, start);
    if (!/^[|>]-?[ ]*(?:#.*)?\r?$/.test(text.slice(start, headerEnd))) {
      throw new Unsure();
    }
    let end = -1;
    let contentIndent = -1;
    let lineStart = headerEnd + 1;
    while (lineStart < close && lineStart <= text.length) {
      const next = lineEnd(text, lineStart);
      if (next > close) {
        // js-yaml stops after the next line's indentation: that line is not the scalar's.
        break;
      }
      const line = text.slice(lineStart, next).replace(/\r$/, '');
      if (line.trim() !== '') {
        const indent = line.length - line.trimStart().length;
        if (contentIndent < 0) {
          contentIndent = indent;
        } else if (indent < contentIndent) {
          // A less indented line (a comment, say) that js-yaml read as part of the scalar.
          throw new Unsure();
        }
        end = next < text.length ? next + 1 : next;
      } else if (line !== '') {
        throw new Unsure();
      }
      lineStart = next + 1;
    }
    if (end < 0) {
      throw new Unsure();
    }
    return end;
  }

  /** An empty value (`key:` or `-` with nothing after): a null scalar right after the indicator and spaces. */
  private emptyNode(afterIndicator: number): ScalarNode {
    const text = this.text;
    let position = afterIndicator;
    while (text.charCodeAt(position) === 0x20) {
      position++;
    }
    const c = text.charCodeAt(position);
    if (!(Number.isNaN(c) || isLineBreak(c) || c === 0x23)) {
      // Something js-yaml read as no value (a tag or an anchor alone, say).
      throw new Unsure();
    }
    return { kind: 'scalar', value: null, span: [position, position], quoted: false };
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
      node = { kind: 'map', pairs, span: [start, close], flow: true } satisfies MapNode;
    } else {
      // A `key: value` pair in a flow sequence gives js-yaml two nodes for one item.
      if (!Array.isArray(result) || result.length !== children.length) {
        throw new Unsure();
      }
      node = { kind: 'seq', items: children.map((child) => this.flowEntry(child)), span: [start, close], flow: true } satisfies SeqNode;
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

  /**
   * `range[2]` of a plain or quoted scalar or flow collection: a comment on its line, then following
   * comment lines more indented than the collection holding it (blank lines between them allowed), are
   * attached to it; the first comment line that is not stops the attaching.
   */
  private attachComments(end: number, parentIndent: number): number {
    const text = this.text;
    let position = end;
    while (text.charCodeAt(position) === 0x20) {
      position++;
    }
    let end2 = end;
    if (text.charCodeAt(position) === 0x23 /* # */) {
      end2 = this.trimBack(lineEnd(text, position), position);
    } else if (position < text.length && !isLineBreak(text.charCodeAt(position))) {
      throw new Unsure();
    }
    let lineStart = lineEnd(text, position) + 1;
    while (lineStart < text.length) {
      const next = lineEnd(text, lineStart);
      let first = lineStart;
      while (text.charCodeAt(first) === 0x20) {
        first++;
      }
      if (first >= next || text.charCodeAt(first) === 0x0d) {
        lineStart = next + 1;
        continue;
      }
      if (text.charCodeAt(first) !== 0x23 || first - lineStart <= parentIndent) {
        break;
      }
      end2 = this.trimBack(next, first);
      lineStart = next + 1;
    }
    return end2;
  }

  /** The comment lines after `position` (from the next line on), up to the next content line. */
  private commentBlockAfter(position: number): CommentBlock | undefined {
    const text = this.text;
    let lineStart = position;
    if (position > 0 && text.charCodeAt(position - 1) !== 0x0a) {
      // A comment left on the same line is not expected here (the callers attached it already).
      if (/(^|[ ])#/.test(text.slice(position, lineEnd(text, position)))) {
        throw new Unsure();
      }
      lineStart = lineEnd(text, position) + 1;
    }
    let indents: number[] | undefined;
    let end = -1;
    while (lineStart < text.length) {
      const next = lineEnd(text, lineStart);
      let first = lineStart;
      while (text.charCodeAt(first) === 0x20) {
        first++;
      }
      if (first >= next || text.charCodeAt(first) === 0x0d) {
        lineStart = next + 1;
        continue;
      }
      if (text.charCodeAt(first) !== 0x23) {
        break;
      }
      (indents ??= []).push(first - lineStart);
      end = this.trimBack(next, first);
      lineStart = next + 1;
    }
    return indents ? { indents, end } : undefined;
  }

  /** The position of the `:` after a block mapping key that ends at `keyEnd`. */
  private colonAfter(keyEnd: number): number {
    let position = keyEnd;
    while (this.text.charCodeAt(position) === 0x20) {
      position++;
    }
    if (this.text.charCodeAt(position) !== 0x3a /* : */) {
      throw new Unsure();
    }
    return position;
  }

  /** Skips spaces, line breaks and comments from `position`; returns the first content position. */
  private skipSpace(position: number): number {
    const text = this.text;
    let afterSpace = position === 0 || isWhitespace(text.charCodeAt(position - 1));
    while (position < text.length) {
      const c = text.charCodeAt(position);
      if (c === 0x20 || c === 0x0a || c === 0x0d) {
        afterSpace = true;
        position++;
      } else if (c === 0x23 && afterSpace) {
        position = lineEnd(text, position);
      } else {
        break;
      }
    }
    return position;
  }

  /** Moves back over spaces from `position` (exclusive) and returns the position after the last non-space. */
  private skipSpaceBack(position: number): number {
    while (position > 0 && this.text.charCodeAt(position - 1) === 0x20) {
      position--;
    }
    return position;
  }

  /** Moves back over whitespace from `end` but not before `start`. */
  private trimBack(end: number, start: number): number {
    const text = this.text;
    while (end > start && isWhitespace(text.charCodeAt(end - 1))) {
      end--;
    }
    return end;
  }

  /** Column of `position` (characters since the start of its line). */
  private columnOf(position: number): number {
    return position - (this.text.lastIndexOf('\n', position - 1) + 1);
  }
}

/** How many keys js-yaml stored for a mapping (duplicates are rejected before this point). */
function keyCount(result: unknown): number {
  return result !== null && typeof result === 'object' && !Array.isArray(result) ? Object.keys(result).length : -1;
}

function hasLineBreak(text: string, start: number, end: number): boolean {
  const index = text.indexOf('\n', start);
  return index !== -1 && index < end;
}

function lineEnd(text: string, position: number): number {
  const index = text.indexOf('\n', position);
  return index < 0 ? text.length : index;
}

function isLineBreak(code: number): boolean {
  return code === 0x0a || code === 0x0d;
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

function isBlankOrEnd(code: number): boolean {
  return Number.isNaN(code) || code === 0x20 || code === 0x0a || code === 0x0d;
}

const nullPattern = /^(?:~|[Nn]ull|NULL)?$/;
const boolPattern = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const octPattern = /^0o[0-7]+$/;
const intPattern = /^[-+]?[0-9]+$/;
const hexPattern = /^0x[0-9a-fA-F]+$/;
const nanInfPattern = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const expPattern = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const floatPattern = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/**
 * Resolves a plain scalar with the YAML 1.2 core schema exactly as `yaml` 2 does (same tests in the same
 * order: null, bool, octal, decimal and hexadecimal integers, `.inf`/`.nan`, exponent and plain floats),
 * so `yes`, `0x1F` signed, `1_000` and dates stay text as they do there.
 */
export function resolvePlain(source: string): Scalar {
  const first = source.charCodeAt(0);
  // Fast exit: most plain scalars in a plan are words, which no core tag matches.
  if (!(first <= 0x39 /* 9 */ || first === 0x7e /* ~ */ || first === 0x6e || first === 0x4e || first === 0x74 || first === 0x54 || first === 0x66 || first === 0x46)) {
    return source;
  }
  if (nullPattern.test(source)) {
    return null;
  }
  if (boolPattern.test(source)) {
    return first === 0x74 || first === 0x54;
  }
  if (octPattern.test(source)) {
    return parseInt(source.substring(2), 8);
  }
  if (intPattern.test(source)) {
    return parseInt(source, 10);
  }
  if (hexPattern.test(source)) {
    return parseInt(source.substring(2), 16);
  }
  if (nanInfPattern.test(source)) {
    return source.slice(-3).toLowerCase() === 'nan' ? NaN : source[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (expPattern.test(source) || floatPattern.test(source)) {
    return parseFloat(source);
  }
  return source;
}
