/**
 * What both fast parse paths share: the rules by which `yaml` ranges nodes (spans of scalars and block
 * collections, the comments a collection keeps or passes up, empty values), the text checks that decide
 * whether a fast path may run at all, and `yaml`'s core-schema resolution of plain scalars. A fast path
 * finds a document's structure its own way (`parseLines` by reading lines, `parseFast` from js-yaml's
 * events) and builds each node with `RangeBuilder`, so the spans are computed once, the same way.
 *
 * Contract: any method may throw `Unsure`, which means "this text is for `parseWithYaml`".
 */
import type { ParseLimits } from './parse';
import type { Pair, Scalar, ScalarNode, TreeNode } from './tree';

/** Thrown while building when a fast path cannot be sure; any exception means "use `parseWithYaml`". */
export class Unsure extends Error {}

/**
 * Rejects texts whose characters the two parsers may treat differently: tabs, a byte-order mark, a
 * carriage return not followed by a line feed, non-printable characters, and document or directive
 * markers after the first line.
 */
export function isPlainText(text: string): boolean {
  const length = text.length;
  // Most plans are printable ASCII and line feeds: the regular expression finds the first other character
  // far faster than a loop; the loop then judges from there.
  const first = text.search(notAsciiTextPattern);
  for (let index = first < 0 ? length : first; index < length; index++) {
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

const notAsciiTextPattern = /[^\n\x20-\x7e]/;

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
export const enum Leaf {
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
export interface Built {
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
export interface CommentBlock {
  /** Indent (column of `#`) of each comment line. */
  readonly indents: readonly number[];
  /** End of the last comment (trailing spaces excluded). */
  readonly end: number;
}

/** Builds located nodes from content positions with `yaml`'s range rules (see the module comment). */
export abstract class RangeBuilder {
  constructor(
    protected readonly text: string,
    protected readonly limits: ParseLimits,
  ) {}

  /**
   * Ends a block collection the way `yaml` does: its value range ends where its last value's range[2]
   * ends. Comment lines after that are first given to the innermost collection; they stay there (in its
   * range[2]) unless every one of them is less indented than it, in which case they move to the parent.
   * `emptyAfter` is the position after the indicator when the last value is empty (else -1).
   */
  protected finishBlock(
    node: { kind: 'seq'; items: TreeNode[]; start: number; end: number; flow: false } | { kind: 'map'; pairs: Pair[]; start: number; end: number; flow: false },
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
      end1 = text.slice(emptyAfter, next).includes('#') ? this.trimBack(next, emptyAfter) : lastNode.end;
    } else if (last.leaf === Leaf.None) {
      end1 = last.end2;
      pending = last.pending;
    } else {
      end1 = last.leaf === Leaf.Absorbs ? this.attachComments(last.end, indent) : last.end;
      pending = this.commentBlockAfter(end1);
    }
    node.end = this.trimBack(end1, start);
    const tree = node as TreeNode;
    if (!pending) {
      return { node: tree, kind: null, start, end: end1, leaf: Leaf.None, end2: end1 };
    }
    if (indent === 0 || allLessThan(pending.indents, indent)) {
      return { node: tree, kind: null, start, end: end1, leaf: Leaf.None, end2: end1, pending };
    }
    return { node: tree, kind: null, start, end: end1, leaf: Leaf.None, end2: pending.end };
  }

  /** A mapping key: a single-line plain or quoted scalar of at most 1,000 characters. */
  protected key(built: Built): ScalarNode {
    const node = built.node;
    if (node?.kind !== 'scalar' || built.leaf !== Leaf.Absorbs || node.end - node.start > 1000 || hasLineBreak(this.text, node.start, node.end)) {
      throw new Unsure();
    }
    return node;
  }

  /**
   * The end of a block scalar as `yaml` ranges it: after the line break of its last line with content
   * (trailing blank lines excluded). Keep chomping, indentation indicators and whitespace-only lines
   * are left to `yaml`.
   */
  protected blockScalarEnd(start: number, close: number): number {
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
  protected emptyNode(afterIndicator: number): ScalarNode {
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
    return { kind: 'scalar', value: null, start: position, end: position, quoted: false };
  }

  /**
   * `range[2]` of a plain or quoted scalar or flow collection: a comment on its line, then following
   * comment lines more indented than the collection holding it (blank lines between them allowed), are
   * attached to it; the first comment line that is not stops the attaching.
   */
  protected attachComments(end: number, parentIndent: number): number {
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
    for (let first = this.nextLineContent(lineEnd(text, position) + 1); first >= 0; ) {
      if (text.charCodeAt(first) !== 0x23 || this.indentOf(first) <= parentIndent) {
        break;
      }
      const next = lineEnd(text, first);
      end2 = this.trimBack(next, first);
      first = this.nextLineContent(next + 1);
    }
    return end2;
  }

  /** The comment lines after `position` (from the next line on), up to the next content line. */
  protected commentBlockAfter(position: number): CommentBlock | undefined {
    const text = this.text;
    let lineStart = position;
    if (position > 0 && text.charCodeAt(position - 1) !== 0x0a) {
      // A comment left on the same line is not expected here (the callers attached it already).
      const stop = lineEnd(text, position);
      if (hasComment(text, position, stop)) {
        throw new Unsure();
      }
      lineStart = stop + 1;
    }
    let indents: number[] | undefined;
    let end = -1;
    for (let first = this.nextLineContent(lineStart); first >= 0 && text.charCodeAt(first) === 0x23; ) {
      (indents ??= []).push(this.indentOf(first));
      const next = lineEnd(text, first);
      end = this.trimBack(next, first);
      first = this.nextLineContent(next + 1);
    }
    return indents ? { indents, end } : undefined;
  }

  /**
   * The first non-space character of the first line from `lineStart` on that is not blank (spaces, an
   * optional carriage return), or -1 at the end of the text.
   */
  private nextLineContent(lineStart: number): number {
    const text = this.text;
    while (lineStart < text.length) {
      const next = lineEnd(text, lineStart);
      let first = lineStart;
      while (text.charCodeAt(first) === 0x20) {
        first++;
      }
      if (first < next && text.charCodeAt(first) !== 0x0d) {
        return first;
      }
      lineStart = next + 1;
    }
    return -1;
  }

  /** The indentation of a line's first non-space character at `first` (the spaces before it). */
  private indentOf(first: number): number {
    let lineStart = first;
    while (lineStart > 0 && this.text.charCodeAt(lineStart - 1) === 0x20) {
      lineStart--;
    }
    return first - lineStart;
  }

  /** The position of the `:` after a block mapping key that ends at `keyEnd`. */
  protected colonAfter(keyEnd: number): number {
    let position = keyEnd;
    while (this.text.charCodeAt(position) === 0x20) {
      position++;
    }
    if (this.text.charCodeAt(position) !== 0x3a /* : */) {
      throw new Unsure();
    }
    return position;
  }

  /**
   * The position `skipSpace` last returned after crossing a line break, and its column: a reader asks
   * for the column of the content it just skipped to (a line's first key or `-`), and scanning back over
   * the indentation again for it was the costliest step of reading a deeply indented plan.
   */
  private columnKnownAt = -1;
  private knownColumn = 0;

  /** Skips spaces, line breaks and comments from `position`; returns the first content position. */
  protected skipSpace(position: number): number {
    const text = this.text;
    let afterSpace = position === 0 || isWhitespace(text.charCodeAt(position - 1));
    let lineStart = -1;
    while (position < text.length) {
      const c = text.charCodeAt(position);
      if (c === 0x20 || c === 0x0d) {
        afterSpace = true;
        position++;
      } else if (c === 0x0a) {
        afterSpace = true;
        lineStart = ++position;
      } else if (c === 0x23 && afterSpace) {
        position = lineEnd(text, position);
      } else {
        break;
      }
    }
    if (lineStart >= 0) {
      this.columnKnownAt = position;
      this.knownColumn = position - lineStart;
    }
    return position;
  }

  /** Moves back over spaces from `position` (exclusive) and returns the position after the last non-space. */
  protected skipSpaceBack(position: number): number {
    while (position > 0 && this.text.charCodeAt(position - 1) === 0x20) {
      position--;
    }
    return position;
  }

  /** Moves back over whitespace from `end` but not before `start`. */
  protected trimBack(end: number, start: number): number {
    const text = this.text;
    while (end > start && isWhitespace(text.charCodeAt(end - 1))) {
      end--;
    }
    return end;
  }

  /** Column of `position` (characters since the start of its line). */
  protected columnOf(position: number): number {
    if (position === this.columnKnownAt) {
      return this.knownColumn;
    }
    // A loop: `lastIndexOf` is a runtime call, slower for the few characters back to a line's start.
    const text = this.text;
    let index = position;
    while (index > 0 && text.charCodeAt(index - 1) !== 0x0a) {
      index--;
    }
    return position - index;
  }
}

/** True when `text[start, stop)` holds a `#` at its start or after a space (`/(^|[ ])#/`). */
function hasComment(text: string, start: number, stop: number): boolean {
  for (let index = start; index < stop; index++) {
    if (text.charCodeAt(index) === 0x23 && (index === start || text.charCodeAt(index - 1) === 0x20)) {
      return true;
    }
  }
  return false;
}

function allLessThan(values: readonly number[], limit: number): boolean {
  for (const value of values) {
    if (value >= limit) {
      return false;
    }
  }
  return true;
}

export function hasLineBreak(text: string, start: number, end: number): boolean {
  const index = text.indexOf('\n', start);
  return index !== -1 && index < end;
}

export function lineEnd(text: string, position: number): number {
  const index = text.indexOf('\n', position);
  return index < 0 ? text.length : index;
}

export function isLineBreak(code: number): boolean {
  return code === 0x0a || code === 0x0d;
}

export function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

export function isBlankOrEnd(code: number): boolean {
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
  if (first > 0x39 && first !== 0x7e && source.length > 5) {
    // `name`, `targets`, `fiscal_year`: longer than `false`, the longest word the core schema resolves.
    return source;
  }
  if (first >= 0x30 && first <= 0x39 && isDigits(source)) {
    // The usual number in a plan (a year, a count): what `intPattern` would match, without a regex.
    return parseInt(source, 10);
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
function isDigits(source: string): boolean {
  for (let index = 0; index < source.length; index++) {
    const code = source.charCodeAt(index);
    if (code < 0x30 || code > 0x39) {
      return false;
    }
  }
  return true;
}
