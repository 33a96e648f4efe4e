/**
 * The values the line reader (`parseLines`) finds on the line of their key or `-`: plain scalars (over
 * several lines too), quoted scalars (escapes, continuation lines), block scalars (every chomping and
 * indentation indicator), aliases, and anchors and core tags before any of them. `LineBuilder`
 * (parseLines.ts) reads the block structure around them; flow collections are `FlowReader`'s
 * (lineFlow.ts), which this class extends.
 *
 * To allocate nothing but the tree, each reader returns the node and leaves what its caller needs in
 * registers: `next` (the first content after the node) and the range facts `RangeBuilder.finishBlock`
 * needs about a collection's last value (`leaf`, `end`, `end2`, `pending`).
 */
import { resolvePlain, resolveTagged } from './coreSchema';
import type { Anchor } from './lineAnchors';
import { FlowReader } from './lineFlow';
import { blockScalarValue, digitsValue, doubleQuotedValue, foldFlowLines, isAnchorCharacter, isPlainStart } from './lineScalars';
import type { ScalarNode, TreeNode } from './tree';
import { Leaf, lineEnd, Unsure } from './yamlRanges';

const enum Char {
  Space = 0x20,
  LineFeed = 0x0a,
  CarriageReturn = 0x0d,
  Hash = 0x23,
  Dash = 0x2d,
  Plus = 0x2b,
  Colon = 0x3a,
  DoubleQuote = 0x22,
  SingleQuote = 0x27,
  Pipe = 0x7c,
  GreaterThan = 0x3e,
  OpenBracket = 0x5b,
  OpenBrace = 0x7b,
  Ampersand = 0x26,
  Asterisk = 0x2a,
  Exclamation = 0x21,
}

/** The core tags the reader takes (`!!str` …); any other tag is for `yaml` (it warns about most). */
const coreTags = new Set(['str', 'int', 'float', 'null', 'bool', 'map', 'seq']);

export abstract class ValueReader extends FlowReader {
  /** The anchor name (`&name`) and core tag (`!!tag`) `readProperties` read last, or undefined. */
  protected anchorName: string | undefined;
  protected tagName: string | undefined;

  /**
   * A scalar, alias or flow collection that starts at `position` on the line of its key or `-`.
   * `parentColumn` is the column of the collection that holds it: a later line indented past it
   * continues a plain scalar, and is an error after anything else (left to `yaml`); a block scalar's
   * indentation indicator counts from it.
   */
  protected inlineValue(position: number, parentColumn: number): TreeNode {
    const text = this.text;
    const c = text.charCodeAt(position);
    if (c === Char.DoubleQuote || c === Char.SingleQuote) {
      return this.quoted(position, parentColumn);
    }
    if (c === Char.Pipe || c === Char.GreaterThan) {
      return this.blockScalar(position, parentColumn);
    }
    if (c === Char.OpenBracket || c === Char.OpenBrace) {
      const flow = this.flowCollection(position, parentColumn, 0);
      const lineStop = lineEnd(text, flow.end);
      this.expectLineEnd(flow.end, lineStop);
      this.setLeaf(flow.end, Leaf.Absorbs, this.afterLine(lineStop, parentColumn));
      return flow;
    }
    if (c === Char.Asterisk) {
      const nameEnd = this.anchorNameEnd(position + 1);
      const lineStop = lineEnd(text, nameEnd);
      this.expectLineEnd(nameEnd, lineStop);
      const node = this.anchors.resolve(text.slice(position + 1, nameEnd));
      // The alias's own range, not its anchor's, ends the collections around it.
      this.setLeaf(nameEnd, Leaf.Absorbs, this.afterLine(lineStop, parentColumn));
      return node;
    }
    if (!isPlainStart(c, text.charCodeAt(position + 1))) {
      throw new Unsure();
    }
    return this.plain(position, parentColumn);
  }

  /**
   * Reads an anchor and a tag (each at most once, in either order) at `position` into `anchorName` and
   * `tagName`; returns the position after them and their spaces.
   */
  protected readProperties(position: number): number {
    const text = this.text;
    this.anchorName = undefined;
    this.tagName = undefined;
    for (;;) {
      const c = text.charCodeAt(position);
      let stop: number;
      if (c === Char.Ampersand && this.anchorName === undefined) {
        stop = this.anchorNameEnd(position + 1);
        this.anchorName = text.slice(position + 1, stop);
      } else if (c === Char.Exclamation && this.tagName === undefined && text.charCodeAt(position + 1) === Char.Exclamation) {
        stop = position + 2;
        while (isAnchorCharacter(text.charCodeAt(stop))) {
          stop++;
        }
        this.tagName = text.slice(position + 2, stop);
        if (!coreTags.has(this.tagName) || !isBlankCode(text.charCodeAt(stop))) {
          throw new Unsure();
        }
      } else if (c === Char.Ampersand || c === Char.Exclamation) {
        throw new Unsure();
      } else {
        return position;
      }
      position = stop;
      while (text.charCodeAt(position) === Char.Space) {
        position++;
      }
    }
  }

  /**
   * Gives `node` the tag read before it (`tag`), and notes it as the node of `anchor` (from
   * `AnchorTable.open`): a core tag on a scalar resolves its text again (`!!str 12` is text), on a
   * collection it must name the collection's kind.
   */
  protected withProperties(node: TreeNode, anchor: Anchor | undefined, tag: string | undefined): TreeNode {
    if (tag !== undefined) {
      if (node.kind === 'scalar') {
        const source = node.quoted ? (node.value as string) : foldFlowLines(this.text.slice(node.start, node.end));
        node = { kind: 'scalar', value: resolveTagged(tag, source), start: node.start, end: node.end, quoted: node.quoted };
      } else if (tag !== node.kind) {
        throw new Unsure();
      }
    }
    if (anchor !== undefined) {
      this.anchors.close(anchor, node);
    }
    return node;
  }

  /** The end of an anchor or alias name that starts at `position`; a blank must follow it. */
  private anchorNameEnd(position: number): number {
    const text = this.text;
    let stop = position;
    while (isAnchorCharacter(text.charCodeAt(stop))) {
      stop++;
    }
    const after = text.charCodeAt(stop);
    if (stop === position || !(after === Char.Space || after === Char.LineFeed || after === Char.CarriageReturn || Number.isNaN(after))) {
      throw new Unsure();
    }
    return stop;
  }

  /**
   * A plain scalar: up to a comment (` #`) or the end of the line, then every following line indented
   * past `parentColumn` (blank lines between them allowed), folded. A `: ` on any of its lines is for
   * `yaml` (a mapping where none may start, or a multi-line key).
   */
  private plain(position: number, parentColumn: number): ScalarNode {
    const text = this.text;
    let lineStop = this.plainLine(position);
    let end = this.plainEnd;
    let multiline = false;
    let next = this.skipSpace(lineStop);
    while (next < text.length && this.columnOf(next) > parentColumn) {
      // A line indented past the parent continues the scalar, unless a comment came first (then it is
      // an error for `yaml` to report) or it starts with an indicator (`yaml` decides what it is).
      const code = text.charCodeAt(next);
      if (this.plainComment >= 0 || text.slice(lineStop, next).includes('#') || !isPlainStart(code, text.charCodeAt(next + 1)) || code === Char.Dash) {
        throw new Unsure();
      }
      lineStop = this.plainLine(next);
      end = this.plainEnd;
      multiline = true;
      next = this.skipSpace(lineStop);
    }
    const value = multiline ? resolvePlain(foldFlowLines(text.slice(position, end))) : (digitsValue(text, position, end) ?? resolvePlain(text.slice(position, end)));
    this.setLeaf(end, Leaf.Absorbs, next);
    return { kind: 'scalar', value, start: position, end, quoted: false };
  }

  /** Where `plainLine` found the content of its line to end, and its comment to start (or -1). */
  private plainEnd = 0;
  private plainComment = -1;

  /** Reads one line of a plain scalar from `position`; returns the line's end (`plainEnd`, `plainComment`). */
  private plainLine(position: number): number {
    const text = this.text;
    let contentStop = -1;
    let lineStop = position + 1;
    for (; ; lineStop++) {
      const code = text.charCodeAt(lineStop);
      if (code === Char.LineFeed || Number.isNaN(code)) {
        break;
      }
      if (code === Char.Colon && isBlankCode(text.charCodeAt(lineStop + 1))) {
        // `a: b: c` or a key-like value: an error or a mapping, either way for `yaml` to say.
        throw new Unsure();
      }
      if (code === Char.Hash && text.charCodeAt(lineStop - 1) === Char.Space) {
        contentStop = lineStop;
        lineStop = lineEnd(text, lineStop);
        break;
      }
    }
    this.plainComment = contentStop;
    this.plainEnd = this.trimBack(contentStop < 0 ? lineStop : contentStop, position);
    return lineStop;
  }

  /** The first non-space position after the line that ends at `lineStop`, past blank lines (not comments). */
  private skipBlankLines(lineStop: number): number {
    const text = this.text;
    let position = lineStop;
    for (;;) {
      const c = text.charCodeAt(position);
      if (c === Char.Space || c === Char.LineFeed || c === Char.CarriageReturn) {
        position++;
      } else {
        return position;
      }
    }
  }

  /**
   * A quoted scalar. Its continuation lines must be blank or indented past `parentColumn`; the closing
   * quote may be followed by spaces and a comment only.
   */
  private quoted(position: number, parentColumn: number): ScalarNode {
    const text = this.text;
    const single = text.charCodeAt(position) === Char.SingleQuote;
    const close = this.closingQuote(position, parentColumn);
    const end = close + 1;
    const lineStop = lineEnd(text, close);
    this.expectLineEnd(end, lineStop);
    let value: string;
    if (single) {
      const inner = text.slice(position + 1, close);
      value = this.multiline ? foldFlowLines(inner) : inner;
      if (this.hasEscape) {
        value = value.replace(/''/g, "'");
      }
    } else {
      value = this.hasEscape || this.multiline ? doubleQuotedValue(text, position, close) : text.slice(position + 1, close);
    }
    this.setLeaf(end, Leaf.Absorbs, this.afterLine(lineStop, parentColumn));
    return { kind: 'scalar', value, start: position, end, quoted: true };
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar, with any chomping (`-`, `+`) and indentation indicator.
   * Its range ends after the line break of its last line with content, or with keep chomping after its
   * last blank line. Left to `yaml`: content on the last line without a line break, whitespace-only lines
   * longer than the indentation, lines less indented than
   * the content but past `parentColumn`, and a keep-chomped scalar followed by a comment line.
   */
  private blockScalar(position: number, parentColumn: number): ScalarNode {
    const text = this.text;
    const literal = text.charCodeAt(position) === Char.Pipe;
    let index = position + 1;
    let chomping: '-' | '+' | '' = '';
    let indicator = 0;
    for (let header = 0; header < 2; header++) {
      const code = text.charCodeAt(index);
      if ((code === Char.Dash || code === Char.Plus) && chomping === '') {
        chomping = code === Char.Dash ? '-' : '+';
        index++;
      } else if (code >= 0x31 && code <= 0x39 && indicator === 0) {
        indicator = code - 0x30;
        index++;
      }
    }
    const headerEnd = lineEnd(text, index);
    while (text.charCodeAt(index) === Char.Space) {
      index++;
    }
    const code = text.charCodeAt(index);
    if (!(index >= headerEnd || code === Char.CarriageReturn || (code === Char.Hash && text.charCodeAt(index - 1) === Char.Space))) {
      throw new Unsure();
    }
    let contentIndent = indicator > 0 ? parentColumn + indicator : -1;
    const lines: string[] = [];
    let blankLines = 0;
    let end = -1;
    let lineStart = headerEnd + 1;
    while (lineStart < text.length) {
      const lineStop = lineEnd(text, lineStart);
      const contentStop = text.charCodeAt(lineStop - 1) === Char.CarriageReturn ? lineStop - 1 : lineStop;
      let first = lineStart;
      while (text.charCodeAt(first) === Char.Space) {
        first++;
      }
      const indent = first - lineStart;
      if (first >= contentStop) {
        if (contentIndent >= 0 ? indent > contentIndent : indent > parentColumn) {
          throw new Unsure();
        }
        blankLines++;
        lineStart = lineStop + 1;
        continue;
      }
      if (contentIndent < 0) {
        if (indent <= parentColumn) {
          // An empty block scalar.
          throw new Unsure();
        }
        contentIndent = indent;
      } else if (indent < contentIndent) {
        if (indent > parentColumn || end < 0) {
          throw new Unsure();
        }
        break;
      }
      for (; blankLines > 0; blankLines--) {
        lines.push('');
      }
      lines.push(text.slice(lineStart + contentIndent, contentStop));
      if (lineStop >= text.length) {
        // Content on the last line without a line break: chomping there is `yaml`'s to decide.
        throw new Unsure();
      }
      end = lineStop + 1;
      lineStart = lineStop + 1;
    }
    if (end < 0) {
      throw new Unsure();
    }
    if (chomping === '+' && blankLines > 0) {
      // The range takes the blank lines the value keeps; a comment after them is for `yaml` to place.
      if (lineStart > text.length || (lineStart < text.length && text.charCodeAt(this.skipBlankLines(lineStart)) === Char.Hash)) {
        throw new Unsure();
      }
      end = lineStart;
    }
    const value = blockScalarValue(lines, literal, chomping, blankLines);
    this.setLeaf(end, Leaf.Block, this.skipSpace(end));
    return { kind: 'scalar', value, start: position, end, quoted: true };
  }
}

function isBlankCode(code: number): boolean {
  return Number.isNaN(code) || code === Char.Space || code === Char.LineFeed || code === Char.CarriageReturn;
}
