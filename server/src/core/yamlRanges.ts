/**
 * How `yaml` ranges nodes, for the line reader (`parseLines`): spans of scalars and block collections,
 * the comments a collection keeps or passes up, empty values; and the text checks that decide whether
 * the line reader may run at all (`isPlainText`, `documentBody`).
 *
 * Contract: any method may throw `Unsure`, which means "this text is for `parseWithYaml`".
 */
import type { ParseLimits } from './parse';
import type { Pair, ScalarNode, TreeNode } from './tree';

/** Thrown while building when a fast path cannot be sure; any exception means "use `parseWithYaml`". */
export class Unsure extends Error {}

/**
 * Rejects texts whose characters the two parsers may treat differently: tabs, a byte-order mark other
 * than one at the start, a carriage return not followed by a line feed, non-printable characters.
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
    if (c === 0xfeff && index === 0) {
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
  return true;
}

const notAsciiTextPattern = /[^\n\x20-\x7e]/;

/**
 * Where the one document of `text` has its content: after a byte-order mark, a `%YAML 1.2` directive
 * and the `---` that must then follow (alone on its line or with a comment), and before a `...` line
 * after which only blank and comment lines may follow. Every other directive (`%YAML 1.1` resolves
 * scalars otherwise, `%TAG` names tags), a second document, a marker with content on its line, or a
 * directive or marker anywhere else throws `Unsure`: `yaml` decides those.
 */
export function documentBody(text: string): { readonly start: number; readonly end: number } {
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let directive = false;
  for (let lineStart = start; lineStart < text.length; ) {
    const stop = lineEnd(text, lineStart);
    const line = text.slice(lineStart, stop);
    if (text.charCodeAt(lineStart) === 0x25 /* % */) {
      if (directive || !/^%YAML 1\.2(?: +#.*)? *\r?$/.test(line)) {
        throw new Unsure();
      }
      directive = true;
    } else if (isDocumentMarker(text, lineStart, 0x2d /* - */)) {
      if (!/^--- *(?:#.*)?\r?$/.test(line) || line.startsWith('---#')) {
        throw new Unsure();
      }
      start = stop + 1;
      break;
    } else if (!/^ *(?:#.*)?\r?$/.test(line)) {
      // Content: without a directive the document starts here, with one it needs `---` first.
      if (directive) {
        throw new Unsure();
      }
      break;
    }
    lineStart = stop + 1;
  }
  // A directive or a start marker after the document's start is for `yaml` (a second document, say).
  if (text.includes('\n%', start) || hasMarkerLine(text, '\n---', start)) {
    throw new Unsure();
  }
  let end = text.length;
  const endMarker = markerLine(text, '\n...', start);
  if (endMarker >= 0) {
    end = endMarker + 1;
    if (!/^\.\.\. *(?:#[^\n]*)?\r?(?:\n *(?:#[^\n]*)?\r?)*\n?$/.test(text.slice(end))) {
      throw new Unsure();
    }
  }
  return { start: Math.min(start, text.length), end };
}

/** True when a line after `from` starts with `marker` (a line feed and three characters) followed by a blank or the end. */
function hasMarkerLine(text: string, marker: string, from: number): boolean {
  return markerLine(text, marker, from) >= 0;
}

/** The position of the first `marker` (a line feed and three characters) after `from` that a blank or the end follows, or -1. */
function markerLine(text: string, marker: string, from: number): number {
  for (let index = text.indexOf(marker, from); index !== -1; index = text.indexOf(marker, index + 1)) {
    if (isBlankOrEnd(text.charCodeAt(index + marker.length))) {
      return index;
    }
  }
  return -1;
}

/** True when the line at `lineStart` starts with three `marker`s followed by a blank or the end. */
function isDocumentMarker(text: string, lineStart: number, marker: number): boolean {
  return text.charCodeAt(lineStart) === marker && text.charCodeAt(lineStart + 1) === marker && text.charCodeAt(lineStart + 2) === marker && isBlankOrEnd(text.charCodeAt(lineStart + 3));
}

/** Leaf kinds, for how comments after them attach (see `RangeBuilder.attachComments`). */
export const enum Leaf {
  /** A collection: its `end2` is final. */
  None,
  /** A plain or quoted scalar, an alias or a flow collection: `yaml` gives it end tokens that take comments. */
  Absorbs,
  /** A block scalar: no end tokens; comments after it belong to the collection that holds it. */
  Block,
}

/** The range facts of a node just read that its parent collection needs to end itself the way `yaml` does. */
export interface Built {
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
    if (!pending) {
      return { end: end1, leaf: Leaf.None, end2: end1 };
    }
    if (indent === 0 || allLessThan(pending.indents, indent)) {
      return { end: end1, leaf: Leaf.None, end2: end1, pending };
    }
    return { end: end1, leaf: Leaf.None, end2: pending.end };
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
      // Not empty after all: the caller should not have asked.
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
