/**
 * The line parse path: text → located tree by reading the block-style YAML that plans are written in,
 * line by line, without a general YAML parser. It is the first path `analyzeText` tries because it is
 * faster than even a bare `js-yaml` load (it builds nothing but the tree, and reads each character
 * about once). It builds exactly the tree `parseWithYaml` builds (the same `RangeBuilder` range rules
 * as `parseFast`; test/unit/parseFast.test.ts proves it on every fixture and sample, on generated plans
 * and on fuzzed documents), or returns `undefined` so the caller tries `parseFast`, then `yaml`.
 *
 * What it reads:
 * - block mappings whose keys are single-line plain words (`[A-Za-z0-9_][A-Za-z0-9_ ./()-]*`) or
 *   single-line quoted strings, and block sequences, nested by indentation; a sequence may sit at the
 *   indentation of the key that holds it; `- key: value` starts a mapping inside a sequence item;
 * - single-line plain scalars (resolved with `yaml`'s core schema), single-line quoted scalars without
 *   backslash escapes, and literal or folded block scalars with clip or strip chomping;
 * - flow collections that open and close on one line, of such scalars and flow collections, every
 *   mapping entry with `: ` and a value, no comment inside (`{fiscal_year: 2017, value: 12}`);
 * - comments on their own lines and after values.
 *
 * It gives up (returns `undefined`) on everything else, including: other flow collections, anchors, aliases,
 * tags, directives and document markers, multi-line plain or quoted scalars, escapes, sequence items with
 * nothing on the `-` line or a `-` right after another, block scalars with keep chomping, indentation
 * indicators, leading or whitespace-only lines or more-indented folded lines, text `isPlainText` rejects,
 * a root that is not a collection, an empty document, nesting deeper than half of `limits.maxDepth`,
 * and any indentation it does not expect. `parseFast` and `parseWithYaml` decide those.
 */
import type { ParseLimits, ParsedDocument } from './parse';
import { defaultParseLimits, plainDocumentTraits } from './parse';
import type { MapNode, Pair, Scalar, ScalarNode, SeqNode, TreeNode } from './tree';
import { duplicatePairs, markWithoutDuplicateKeys } from './tree';
import type { Built, CommentBlock } from './yamlRanges';
import { isBlankOrEnd, isPlainText, Leaf, lineEnd, RangeBuilder, resolvePlain, Unsure } from './yamlRanges';

/** Parses `text` into the same located tree as `parseWithYaml`, or returns undefined to ask another path. */
export function parseLines(uri: string, text: string, limits: ParseLimits = defaultParseLimits): ParsedDocument | undefined {
  if (text.length > limits.maxLength || !isPlainText(text)) {
    return undefined;
  }
  try {
    // `isPlainText` rejects lone CRs and the reader declines directives, anchors, aliases and empty keys.
    const builder = new LineBuilder(text, limits);
    const root = builder.document();
    if (!builder.hasDuplicateKeys) {
      markWithoutDuplicateKeys(root);
    }
    return { uri, text, root, findings: [], hasSyntaxErrors: false, traits: plainDocumentTraits };
  } catch {
    // `Unsure`: something this reader does not handle (see the module comment).
    return undefined;
  }
}

const enum Char {
  Space = 0x20,
  LineFeed = 0x0a,
  CarriageReturn = 0x0d,
  Hash = 0x23,
  Dash = 0x2d,
  Colon = 0x3a,
  DoubleQuote = 0x22,
  SingleQuote = 0x27,
  Backslash = 0x5c,
  Pipe = 0x7c,
  GreaterThan = 0x3e,
  Comma = 0x2c,
  OpenBracket = 0x5b,
  CloseBracket = 0x5d,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
}

/**
 * Reads the document top-down. To allocate nothing but the tree (a 10,000-measure plan has about a
 * million nodes and spans), each reader returns the node and leaves what its caller needs in registers:
 * `next` (the first content after the node), the range facts `RangeBuilder.finishBlock` needs about a
 * collection's last value (`leaf`, `end`, `end2`, `pending`), and `colon` after a key.
 */
class LineBuilder extends RangeBuilder {
  /** The first content position after the node last read (the text's length at the end). */
  private next = 0;
  /** Range facts of the node last read (see `Built`). */
  private leaf = Leaf.None;
  private end = 0;
  private end2 = 0;
  private pending: CommentBlock | undefined;
  /** The position of the `:` after the key last read. */
  private colon = 0;
  /**
   * Arrays that gather a collection's entries, one per nesting level (a collection's entries are all
   * read before its parent reads on); the node keeps an exact-size copy (`exactCopy`).
   */
  private readonly pairsByLevel: Pair[][] = [];
  private readonly itemsByLevel: TreeNode[][] = [];
  /** True once a mapping repeats a key; until then every mapping read has distinct keys. */
  hasDuplicateKeys = false;

  constructor(text: string, limits: ParseLimits) {
    super(text, limits);
  }

  /** The root collection. */
  document(): TreeNode {
    const text = this.text;
    const start = this.skipSpace(0);
    if (start >= text.length || text.startsWith('---', start) || text.startsWith('...', start)) {
      throw new Unsure();
    }
    const root = this.blockCollection(start, 0);
    if (this.next < text.length) {
      // Content this reader did not take (a line less indented than the root, say).
      throw new Unsure();
    }
    return root;
  }

  /** A block sequence or mapping starting at `position`, the first content of its line. */
  private blockCollection(position: number, level: number): TreeNode {
    if (level > this.limits.maxDepth >> 1) {
      throw new Unsure();
    }
    const column = this.columnOf(position);
    if (this.text.charCodeAt(position) === Char.Dash && isBlankOrEnd(this.text.charCodeAt(position + 1))) {
      return this.blockSequence(position, column, level);
    }
    const key = this.readKey(position);
    if (key === undefined) {
      throw new Unsure();
    }
    return this.blockMapping(position, column, level, key);
  }

  /** A block mapping at `column` whose first key, `firstKey`, starts at `start` (its `:` in `colon`). */
  private blockMapping(start: number, column: number, level: number, firstKey: ScalarNode): MapNode {
    const pairs = scratchAt(this.pairsByLevel, level);
    let count = 0;
    let key: ScalarNode | undefined = firstKey;
    let emptyAfter: number;
    for (;;) {
      const afterColon = this.colon + 1;
      const value = this.value(afterColon, column, level);
      emptyAfter = value === undefined ? afterColon : -1;
      pairs[count++] = { key, value: value ?? this.emptyNode(afterColon) };
      const next = this.nextAtColumn(column);
      if (next < 0) {
        break;
      }
      key = this.readKey(next);
      if (key === undefined) {
        throw new Unsure();
      }
    }
    const copy = exactCopy(pairs, count);
    this.checkKeys(copy);
    const node = { kind: 'map' as const, pairs: copy, start, end: 0, flow: false as const };
    return this.finish(this.finishBlock(node, start, column, this.lastRead(), copy[count - 1].value, emptyAfter), node);
  }

  private blockSequence(start: number, column: number, level: number): SeqNode {
    const text = this.text;
    const items = scratchAt(this.itemsByLevel, level);
    let count = 0;
    let position = start;
    for (;;) {
      let content = position + 1;
      while (text.charCodeAt(content) === Char.Space) {
        content++;
      }
      const c = text.charCodeAt(content);
      if (Number.isNaN(c) || c === Char.LineFeed || c === Char.CarriageReturn || c === Char.Hash || (c === Char.Dash && isBlankOrEnd(text.charCodeAt(content + 1)))) {
        // Nothing on the `-` line, or a sequence in a sequence: js-yaml and `yaml` range these differently.
        throw new Unsure();
      }
      const key = this.readKey(content);
      // The content is on the `-` line: its column follows from the dash's.
      items[count++] = key !== undefined ? this.blockMapping(content, column + (content - position), level + 1, key) : this.inlineValue(content, column);
      const next = this.nextAtColumn(column);
      if (next < 0 || text.charCodeAt(next) !== Char.Dash || !isBlankOrEnd(text.charCodeAt(next + 1))) {
        // The end, a line less indented, or a key at the sequence's own indentation (the mapping that
        // holds the sequence goes on).
        break;
      }
      position = next;
    }
    const copy = exactCopy(items, count);
    const node = { kind: 'seq' as const, items: copy, start, end: 0, flow: false as const };
    return this.finish(this.finishBlock(node, start, column, this.lastRead(), copy[count - 1], -1), node);
  }

  /**
   * Where the next entry of a collection at `column` starts (`next`), or -1 at the end of the text or
   * of the collection (a less indented line); a more indented line is not for this reader.
   */
  private nextAtColumn(column: number): number {
    const next = this.next;
    if (next >= this.text.length) {
      return -1;
    }
    const nextColumn = this.columnOf(next);
    if (nextColumn > column) {
      throw new Unsure();
    }
    return nextColumn < column ? -1 : next;
  }

  /**
   * The range facts of the node last read, for `finishBlock`. Reading a key changes none of them, so
   * after a collection's loop they are still those of its last value.
   */
  private lastRead(): Built {
    return { node: undefined, kind: null, start: 0, end: this.end, leaf: this.leaf, end2: this.end2, pending: this.pending };
  }

  /** Notes a repeated key while the mapping's keys are at hand (`checkDuplicates` then need not walk the tree). */
  private checkKeys(pairs: readonly Pair[]): void {
    if (!this.hasDuplicateKeys && pairs.length > 1 && duplicatePairs(pairs) !== undefined) {
      this.hasDuplicateKeys = true;
    }
  }

  /** Keeps a finished collection's range facts (from `finishBlock`) in the registers and returns it. */
  private finish<T extends TreeNode>(built: Built, node: T): T {
    this.leaf = built.leaf;
    this.end = built.end;
    this.end2 = built.end2;
    this.pending = built.pending;
    return node;
  }

  /** Sets the registers for a scalar, a flow collection or an empty value (`end` where it ends). */
  private setLeaf(end: number, leaf: Leaf, next: number): void {
    this.leaf = leaf;
    this.end = end;
    this.end2 = end;
    this.pending = undefined;
    this.next = next;
  }

  /**
   * The value after a mapping's `:` (`afterIndicator` is the position after it): on the same line, on the
   * lines below (a collection more indented than the mapping, or a sequence at its indentation), or
   * empty (undefined).
   */
  private value(afterIndicator: number, parentColumn: number, level: number): TreeNode | undefined {
    const text = this.text;
    let position = afterIndicator;
    while (text.charCodeAt(position) === Char.Space) {
      position++;
    }
    const c = text.charCodeAt(position);
    if (!(Number.isNaN(c) || c === Char.LineFeed || c === Char.CarriageReturn || c === Char.Hash)) {
      return this.inlineValue(position, parentColumn);
    }
    const next = this.skipSpace(position);
    if (next < text.length) {
      const nextColumn = this.columnOf(next);
      if (nextColumn > parentColumn) {
        return this.blockCollection(next, level + 1);
      }
      if (nextColumn === parentColumn && text.charCodeAt(next) === Char.Dash && isBlankOrEnd(text.charCodeAt(next + 1))) {
        return this.blockSequence(next, nextColumn, level + 1);
      }
    }
    this.setLeaf(position, Leaf.None, next);
    return undefined;
  }

  /**
   * A scalar or flow collection that starts at `position` on the line of its key or `-`. `parentColumn`
   * is the column of the collection that holds it: a later line indented past it would continue the
   * scalar (left to `yaml`).
   */
  private inlineValue(position: number, parentColumn: number): TreeNode {
    const text = this.text;
    const c = text.charCodeAt(position);
    if (c === Char.DoubleQuote || c === Char.SingleQuote) {
      return this.quoted(position, parentColumn);
    }
    if (c === Char.Pipe || c === Char.GreaterThan) {
      return this.blockScalar(position, parentColumn);
    }
    if (c === Char.OpenBracket || c === Char.OpenBrace) {
      const lineStop = lineEnd(text, position);
      const flow = this.flowCollection(position, lineStop, 0);
      const end = flow.end;
      this.expectLineEnd(end, lineStop);
      this.setLeaf(end, Leaf.Absorbs, this.afterLine(lineStop, parentColumn));
      return flow;
    }
    if (!isPlainStart(c, text.charCodeAt(position + 1))) {
      throw new Unsure();
    }
    // Up to a comment (` #`) or the end of the line; `: ` in between is not for this reader.
    let contentStop = -1;
    let lineStop = position + 1;
    for (; ; lineStop++) {
      const code = text.charCodeAt(lineStop);
      if (code === Char.LineFeed || Number.isNaN(code)) {
        break;
      }
      if (code === Char.Colon && isBlankOrEnd(text.charCodeAt(lineStop + 1))) {
        // `a: b: c` or a key-like value: an error or a mapping, either way for `yaml` to say.
        throw new Unsure();
      }
      if (code === Char.Hash && text.charCodeAt(lineStop - 1) === Char.Space) {
        contentStop = lineStop;
        lineStop = lineEnd(text, lineStop);
        break;
      }
    }
    const end = this.trimBack(contentStop < 0 ? lineStop : contentStop, position);
    const node: ScalarNode = { kind: 'scalar', value: digitsValue(text, position, end) ?? resolvePlain(text.slice(position, end)), start: position, end: end, quoted: false };
    this.setLeaf(end, Leaf.Absorbs, this.afterLine(lineStop, parentColumn));
    return node;
  }

  /** A single-line quoted scalar without escapes (`''` in single quotes is read). */
  private quoted(position: number, parentColumn: number): ScalarNode {
    const text = this.text;
    const lineStop = lineEnd(text, position);
    const close = this.closingQuote(position, lineStop);
    const end = close + 1;
    this.expectLineEnd(end, lineStop);
    const raw = text.slice(position + 1, close);
    const value = text.charCodeAt(position) === Char.SingleQuote ? raw.replace(/''/g, "'") : raw;
    this.setLeaf(end, Leaf.Absorbs, this.afterLine(lineStop, parentColumn));
    return { kind: 'scalar', value, start: position, end: end, quoted: true };
  }

  /** After a quoted scalar or flow collection that ends at `end`: spaces, then a comment or the line's end. */
  private expectLineEnd(end: number, lineStop: number): void {
    const text = this.text;
    let after = end;
    while (text.charCodeAt(after) === Char.Space) {
      after++;
    }
    const code = text.charCodeAt(after);
    // `"x"#c` is an error for `yaml`: a comment needs a space before it.
    if (!(after >= lineStop || code === Char.CarriageReturn || (code === Char.Hash && after > end))) {
      throw new Unsure();
    }
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar with clip or strip (`-`) chomping. Its range ends after
   * the line break of its last line with content, as `yaml` ranges it.
   */
  private blockScalar(position: number, parentColumn: number): ScalarNode {
    const text = this.text;
    const literal = text.charCodeAt(position) === Char.Pipe;
    const headerEnd = lineEnd(text, position);
    let index = position + 1;
    const strip = text.charCodeAt(index) === Char.Dash;
    if (strip) {
      index++;
    }
    while (text.charCodeAt(index) === Char.Space) {
      index++;
    }
    const code = text.charCodeAt(index);
    if (!(index >= headerEnd || code === Char.CarriageReturn || (code === Char.Hash && text.charCodeAt(index - 1) === Char.Space))) {
      throw new Unsure();
    }
    const lines: string[] = [];
    let contentIndent = -1;
    let end = -1;
    let lineStart = headerEnd + 1;
    while (lineStart < text.length) {
      const lineStop = lineEnd(text, lineStart);
      const contentStop = text.charCodeAt(lineStop - 1) === Char.CarriageReturn ? lineStop - 1 : lineStop;
      let first = lineStart;
      while (text.charCodeAt(first) === Char.Space) {
        first++;
      }
      if (first >= contentStop) {
        if (first > lineStart || contentIndent < 0) {
          // Whitespace-only or leading blank lines: `yaml`'s indentation detection decides those.
          throw new Unsure();
        }
        lines.push('');
        lineStart = lineStop + 1;
        continue;
      }
      const indent = first - lineStart;
      if (contentIndent < 0) {
        if (indent <= parentColumn) {
          throw new Unsure();
        }
        contentIndent = indent;
      } else if (indent < contentIndent) {
        break;
      } else if (indent > contentIndent && !literal) {
        throw new Unsure();
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
    while (lines[lines.length - 1] === '') {
      lines.pop();
    }
    const value = (literal ? lines.join('\n') : fold(lines)) + (strip ? '' : '\n');
    const node: ScalarNode = { kind: 'scalar', value, start: position, end: end, quoted: true };
    this.setLeaf(end, Leaf.Block, this.skipSpace(end));
    return node;
  }

  /**
   * A flow collection that opens at `position` and closes on the same line (before `lineStop`), holding
   * plain or quoted scalars and flow collections; every mapping entry has `: ` and a value. Commas at the
   * end, empty entries, `key: value` in a sequence and comments inside are left to the other paths.
   */
  private flowCollection(position: number, lineStop: number, depth: number): MapNode | SeqNode {
    if (depth > this.limits.maxDepth >> 1) {
      throw new Unsure();
    }
    const text = this.text;
    const isMap = text.charCodeAt(position) === Char.OpenBrace;
    const closing = isMap ? Char.CloseBrace : Char.CloseBracket;
    const pairs: Pair[] = [];
    const items: TreeNode[] = [];
    let index = this.skipFlowSpace(position + 1, lineStop);
    if (text.charCodeAt(index) !== closing) {
      for (;;) {
        if (isMap) {
          const key = this.flowEntry(index, lineStop, depth);
          if (key.kind !== 'scalar' || key.end - key.start > 1000) {
            throw new Unsure();
          }
          index = this.skipFlowSpace(key.end, lineStop);
          if (text.charCodeAt(index) !== Char.Colon || text.charCodeAt(index + 1) !== Char.Space) {
            throw new Unsure();
          }
          const value = this.flowEntry(this.skipFlowSpace(index + 1, lineStop), lineStop, depth);
          pairs.push({ key, value });
          index = this.skipFlowSpace(value.end, lineStop);
        } else {
          const item = this.flowEntry(index, lineStop, depth);
          items.push(item);
          index = this.skipFlowSpace(item.end, lineStop);
        }
        const code = text.charCodeAt(index);
        if (code === closing) {
          break;
        }
        if (code !== Char.Comma) {
          throw new Unsure();
        }
        index = this.skipFlowSpace(index + 1, lineStop);
        if (text.charCodeAt(index) === closing || text.charCodeAt(index) === Char.Comma) {
          throw new Unsure();
        }
      }
    }
    this.checkKeys(pairs);
    const end = index + 1;
    return isMap ? { kind: 'map', pairs, start: position, end, flow: true } : { kind: 'seq', items, start: position, end, flow: true };
  }

  /** A value inside a flow collection: a nested collection, a quoted scalar or a plain scalar. */
  private flowEntry(position: number, lineStop: number, depth: number): TreeNode {
    const text = this.text;
    const c = text.charCodeAt(position);
    if (c === Char.OpenBracket || c === Char.OpenBrace) {
      return this.flowCollection(position, lineStop, depth + 1);
    }
    if (c === Char.DoubleQuote || c === Char.SingleQuote) {
      const close = this.closingQuote(position, lineStop);
      const raw = text.slice(position + 1, close);
      return { kind: 'scalar', value: c === Char.SingleQuote ? raw.replace(/''/g, "'") : raw, start: position, end: close + 1, quoted: true };
    }
    const next = text.charCodeAt(position + 1);
    // In a flow collection `-`, `?` and `:` start a plain scalar only before a character that could
    // continue it: `[-]` is a block sequence inside a flow one for `yaml`, an error.
    if (!isPlainStart(c, next) || ((c === Char.Dash || c === 0x3f || c === Char.Colon) && isFlowBreak(next))) {
      throw new Unsure();
    }
    let end = position + 1;
    for (; end < lineStop; end++) {
      const code = text.charCodeAt(end);
      if (code === Char.Comma || code === Char.OpenBracket || code === Char.CloseBracket || code === Char.OpenBrace || code === Char.CloseBrace) {
        break;
      }
      if (code === Char.Colon && isFlowBreak(text.charCodeAt(end + 1))) {
        break;
      }
      if (code === Char.Hash) {
        throw new Unsure();
      }
    }
    end = this.trimBack(end, position);
    return { kind: 'scalar', value: resolvePlain(text.slice(position, end)), start: position, end: end, quoted: false };
  }

  /** Skips spaces inside a flow collection; reaching the end of the line means it spans lines. */
  private skipFlowSpace(position: number, lineStop: number): number {
    while (this.text.charCodeAt(position) === Char.Space) {
      position++;
    }
    if (position >= lineStop || this.text.charCodeAt(position) === Char.CarriageReturn) {
      throw new Unsure();
    }
    return position;
  }

  /** The position of the quote that closes the quoted scalar opening at `position` on its line. */
  private closingQuote(position: number, lineStop: number): number {
    const text = this.text;
    const quote = text.charCodeAt(position);
    let close = position + 1;
    for (;;) {
      if (close >= lineStop) {
        throw new Unsure();
      }
      const code = text.charCodeAt(close);
      if (code === Char.Backslash && quote === Char.DoubleQuote) {
        throw new Unsure();
      }
      if (code === quote) {
        if (quote === Char.SingleQuote && text.charCodeAt(close + 1) === Char.SingleQuote) {
          close += 2;
          continue;
        }
        return close;
      }
      close++;
    }
  }

  /**
   * The first content after the line that ends at `lineStop`. A content line indented past
   * `parentColumn` would continue the scalar on this line: that is left to `yaml`.
   */
  private afterLine(lineStop: number, parentColumn: number): number {
    const next = this.skipSpace(lineStop);
    if (next < this.text.length && this.columnOf(next) > parentColumn) {
      throw new Unsure();
    }
    return next;
  }

  /**
   * A mapping key at `position`: a quoted string or a plain word followed by `:` and a space or the end
   * of the line (its position goes to `colon`). Undefined when the line holds no key there (a scalar);
   * `Unsure` when it holds something key-like this reader does not take.
   */
  private readKey(position: number): ScalarNode | undefined {
    const text = this.text;
    const c = text.charCodeAt(position);
    let keyEnd: number;
    let colon: number;
    let node: ScalarNode;
    if (c === Char.DoubleQuote || c === Char.SingleQuote) {
      const lineStop = lineEnd(text, position);
      let close = position + 1;
      while (close < lineStop && text.charCodeAt(close) !== c) {
        close++;
      }
      if (close >= lineStop) {
        return undefined;
      }
      keyEnd = close + 1;
      colon = keyEnd;
      while (text.charCodeAt(colon) === Char.Space) {
        colon++;
      }
      if (text.charCodeAt(colon) !== Char.Colon || !isBlankOrEnd(text.charCodeAt(colon + 1))) {
        return undefined;
      }
      const raw = text.slice(position + 1, close);
      if (raw.includes('\\')) {
        throw new Unsure();
      }
      node = { kind: 'scalar', value: raw, start: position, end: keyEnd, quoted: true };
    } else {
      if (!isKeyStart(c)) {
        return undefined;
      }
      // Plan keys are words: read the word, then expect the colon; anything else on the way decides. The
      // hash of the word finds its shared string (`internKey`).
      let hash = c;
      let index = position + 1;
      for (let code = text.charCodeAt(index); isKeyCharacter(code); code = text.charCodeAt(++index)) {
        hash = (Math.imul(hash, 31) + code) | 0;
      }
      const stop = text.charCodeAt(index);
      if (stop === Char.Colon && isBlankOrEnd(text.charCodeAt(index + 1))) {
        colon = index;
      } else if (this.colonOnLine(index) < 0) {
        // No `: ` before the end of the line or a comment: a scalar.
        return undefined;
      } else {
        // Key-like, with characters plan keys do not have.
        throw new Unsure();
      }
      keyEnd = this.trimBack(colon, position);
      // Words (keys that start with a letter or `_`, no space before the colon) share one string per
      // distinct key.
      const first = c | 0x20;
      const value = keyEnd === colon && ((first >= 0x61 && first <= 0x7a) || first === 0x7f) ? internKey(text, position, keyEnd, hash) : resolvePlain(text.slice(position, keyEnd));
      node = { kind: 'scalar', value, start: position, end: keyEnd, quoted: false };
    }
    if (keyEnd - position > 1000) {
      throw new Unsure();
    }
    this.colon = colon;
    return node;
  }

  /** The first `:` followed by a blank from `position` to the end of its line, before any comment; or -1. */
  private colonOnLine(position: number): number {
    const text = this.text;
    for (let index = position; ; index++) {
      const code = text.charCodeAt(index);
      if (code === Char.LineFeed || Number.isNaN(code) || (code === Char.Hash && text.charCodeAt(index - 1) === Char.Space)) {
        return -1;
      }
      if (code === Char.Colon && isBlankOrEnd(text.charCodeAt(index + 1))) {
        return index;
      }
    }
  }
}

/** The scratch array of a nesting level; what it holds past the count its reader keeps is stale. */
function scratchAt<T>(byLevel: T[][], level: number): T[] {
  return (byLevel[level] ??= []);
}

/**
 * The first `count` entries of `scratch` in an array of that size. Trees are kept, and a pushed-to array
 * would keep room for up to 17 entries. `new Array` rather than `slice`: V8 learns that the arrays made
 * here live long and allocates them in the old generation, as it does the nodes, so collections during a
 * parse do not copy them.
 */
function exactCopy<T>(scratch: readonly T[], count: number): T[] {
  const copy = new Array<T>(count);
  for (let index = 0; index < count; index++) {
    copy[index] = scratch[index];
  }
  return copy;
}

/**
 * Plan keys by hash, each one string for every document: a 10,000-measure plan repeats some twenty keys
 * 200,000 times. Sharing them saves a string per pair, and the shared strings are internalized, so
 * `getPair(map, 'unit')` compares them with its literal by identity. Each entry also keeps the key's
 * resolved value (`null:` is a null key), resolved once. The table stays small: hostile input with
 * thousands of distinct keys, or a key whose hash another key took, just gets its own strings.
 */
const internedKeys = new Map<number, { readonly text: string; readonly value: Scalar }>();
const maxInternedKeys = 1024;
const maxInternedKeyLength = 64;

/** The resolved key `text[start, end)`, whose hash (as `readKey` computes it) is `hash`. */
function internKey(text: string, start: number, end: number, hash: number): Scalar {
  const length = end - start;
  const entry = internedKeys.get(hash);
  if (entry && entry.text.length === length && sameText(entry.text, text, start)) {
    return entry.value;
  }
  const key = text.slice(start, end);
  if (entry || length > maxInternedKeyLength || internedKeys.size >= maxInternedKeys) {
    return resolvePlain(key);
  }
  // A property name is internalized: the key of a one-property object is the table's copy.
  const internalized = Object.keys({ [key]: true })[0];
  const value = resolvePlain(internalized);
  internedKeys.set(hash, { text: internalized, value });
  return value;
}

/** True when `text` holds `key` at `start` (a loop: quicker than `startsWith` for a short key). */
function sameText(key: string, text: string, start: number): boolean {
  for (let index = 0; index < key.length; index++) {
    if (key.charCodeAt(index) !== text.charCodeAt(start + index)) {
      return false;
    }
  }
  return true;
}

/**
 * The number a plain scalar of 1 to 15 digits stands for (a year, a count: most values in a plan), read
 * without making its text; undefined for anything else. `resolvePlain` gives the same number.
 */
function digitsValue(text: string, start: number, end: number): number | undefined {
  if (end <= start || end - start > 15) {
    return undefined;
  }
  let value = 0;
  for (let index = start; index < end; index++) {
    const digit = text.charCodeAt(index) - 0x30;
    if (digit < 0 || digit > 9) {
      return undefined;
    }
    value = value * 10 + digit;
  }
  return value;
}

/** Folds the lines of a `>` block scalar (none more indented): a single break is a space, blank lines are breaks. */
function fold(lines: readonly string[]): string {
  let value = '';
  let blankLines = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (line === '') {
      blankLines++;
      continue;
    }
    if (index > 0) {
      value += blankLines > 0 ? '\n'.repeat(blankLines) : ' ';
    }
    value += line;
    blankLines = 0;
  }
  return value;
}

/** True when a `:` followed by `code` ends a plain scalar in a flow collection. */
function isFlowBreak(code: number): boolean {
  return isBlankOrEnd(code) || code === Char.Comma || code === Char.OpenBracket || code === Char.CloseBracket || code === Char.OpenBrace || code === Char.CloseBrace;
}

/** Character classes of plan keys, by code (ASCII only): 1 starts a key, 2 continues one. */
const keyCharacterClass = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const word = (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f;
  keyCharacterClass[code] = word ? 1 : code === Char.Space || code === Char.Dash || code === 0x2e || code === 0x2f || code === 0x28 || code === 0x29 ? 2 : 0;
}

/** Letters, digits and `_`. */
function isKeyStart(code: number): boolean {
  return code < 128 && keyCharacterClass[code] === 1;
}

/** Word characters, space, `.`, `/`, `(`, `)` and `-`: what plan keys are made of. */
function isKeyCharacter(code: number): boolean {
  return code < 128 && keyCharacterClass[code] !== 0;
}

/**
 * True when a plain scalar may start with `code` (followed by `nextCode`): not a YAML indicator, except
 * `-`, `?` and `:` followed by a non-space. Quotes and block indicators are read before this is asked.
 */
function isPlainStart(code: number, nextCode: number): boolean {
  switch (code) {
    case 0x2d: // -
    case 0x3f: // ?
    case 0x3a: // :
      return !isBlankOrEnd(nextCode);
    case 0x2c: // ,
    case 0x5b: // [
    case 0x5d: // ]
    case 0x7b: // {
    case 0x7d: // }
    case 0x23: // #
    case 0x26: // &
    case 0x2a: // *
    case 0x21: // !
    case 0x25: // %
    case 0x40: // @
    case 0x60: // `
    case 0x22: // "
    case 0x27: // '
    case 0x7c: // |
    case 0x3e: // >
      return false;
    default:
      return !Number.isNaN(code) && code !== Char.LineFeed && code !== Char.CarriageReturn;
  }
}
