/**
 * The line parse path: text → located tree by reading the YAML that plans are written in, line by line,
 * without a general YAML parser. `parseText` tries it first because it is faster than even a bare
 * `js-yaml` load (it builds nothing but the tree, and reads each character about once). It builds
 * exactly the tree `parseWithYaml` builds (the `RangeBuilder` range rules of yamlRanges.ts;
 * test/unit/parseLines.test.ts proves it on every fixture and sample, on generated plans in every style
 * and on fuzzed documents), or returns `undefined` so the caller asks `yaml`.
 *
 * What it reads:
 * - a byte-order mark, a `%YAML 1.2` directive, `---` (alone or with a comment) and `...` (`documentBody`);
 * - block mappings whose keys are single-line plain words (`[A-Za-z0-9_][A-Za-z0-9_ ./()-]*`), `<<` or
 *   single-line quoted strings, and block sequences, nested by indentation; a sequence may sit at the
 *   indentation of the key that holds it; `- key: value` starts a mapping inside a sequence item, `- - x`
 *   a sequence; an item may start on the line after its `-`, or be empty;
 * - plain scalars over one line or several (resolved with `yaml`'s core schema), quoted scalars with
 *   escapes and continuation lines, literal and folded block scalars with any chomping and indentation
 *   indicator (lineValues.ts, lineScalars.ts);
 * - flow collections over one line or several, with comments between entries (lineFlow.ts);
 * - anchors and aliases, resolved in one pass (lineAnchors.ts), and the core tags `!!str`, `!!int`,
 *   `!!float`, `!!null`, `!!bool`, `!!map`, `!!seq` (coreSchema.ts);
 * - comments on their own lines and after values; CRLF line breaks.
 *
 * It gives up (returns `undefined`) on anything it cannot be sure `yaml` reads without an error or a
 * warning and into this very tree, including: other directives and tags, a second document, explicit
 * keys (`?`), multi-line or complex keys, anchors and tags on keys, text `isPlainText` rejects (tabs, a
 * lone CR), a root that is not a block collection, an empty document, nesting deeper than half of
 * `limits.maxDepth`, an alias past the alias-expansion budget, and any indentation it does not expect.
 */
import type { ParseLimits, ParsedDocument } from './parse';
import { aliasExpansionBudget, defaultParseLimits, plainDocumentTraits } from './parse';
import { resolvePlain } from './coreSchema';
import { ValueReader } from './lineValues';
import { doubleQuotedValue, isKeyCharacter, isKeyStart, KeyTable } from './lineScalars';
import type { MapNode, Pair, ScalarNode, SeqNode, TreeNode } from './tree';
import { markWithoutDuplicateKeys } from './tree';
import type { Built } from './yamlRanges';
import { documentBody, isBlankOrEnd, isPlainText, Leaf, Unsure } from './yamlRanges';

/** Parses `text` into the same located tree as `parseWithYaml`, or returns undefined to ask `yaml`. */
export function parseLines(uri: string, text: string, limits: ParseLimits = defaultParseLimits): ParsedDocument | undefined {
  if (text.length > limits.maxLength || !isPlainText(text)) {
    return undefined;
  }
  try {
    const body = documentBody(text);
    // The reader stops at a `...` line as at the end of the text, and reads a byte-order mark as a line
    // break, so the line after it starts at column 0 (for `yaml` too); offsets stay the same.
    let read = body.end < text.length ? text.slice(0, body.end) : text;
    if (read.charCodeAt(0) === 0xfeff) {
      read = `\n${read.slice(1)}`;
    }
    const builder = new LineBuilder(read, limits, aliasExpansionBudget(text.length, limits));
    const root = builder.document(body.start);
    if (!builder.hasDuplicateKeys) {
      markWithoutDuplicateKeys(root);
    }
    // The traits `parseWithYaml` finds: YAML 1.2 (the reader declines other versions), and a tree in
    // document order apart from alias copies (the reader builds no empty keys, reads no lone CR).
    const anchors = builder.anchors;
    const traits = anchors.hasAliases ? { ...plainDocumentTraits, hasAliases: true, aliasExpansion: anchors.expanded, aliasedSpans: anchors.aliasedSpans() } : plainDocumentTraits;
    return { uri, text, root, findings: [], hasSyntaxErrors: false, traits };
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
  Ampersand = 0x26,
  Exclamation = 0x21,
  LessThan = 0x3c,
}

/** Reads the block structure of the document top-down (see `ValueReader` for the registers). */
class LineBuilder extends ValueReader {
  /** The position of the `:` after the key last read. */
  private colon = 0;
  /**
   * Arrays that gather a collection's entries, one per nesting level (a collection's entries are all
   * read before its parent reads on); the node keeps an exact-size copy (`exactCopy`).
   */
  private readonly pairsByLevel: Pair[][] = [];
  private readonly itemsByLevel: TreeNode[][] = [];
  /** The document's keys, each one shared string with its resolved value. */
  private readonly keys = new KeyTable();

  /** The root collection, whose content starts at or after `bodyStart`. */
  document(bodyStart: number): TreeNode {
    const text = this.text;
    const start = this.skipSpace(bodyStart);
    const c = text.charCodeAt(start);
    if (start >= text.length || c === Char.Ampersand || c === Char.Exclamation) {
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
      const value = this.value(afterColon, column, level, true);
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
    let emptyAfter: number;
    for (;;) {
      let content = position + 1;
      while (text.charCodeAt(content) === Char.Space) {
        content++;
      }
      const c = text.charCodeAt(content);
      let item: TreeNode | undefined;
      emptyAfter = -1;
      if (c === Char.Dash && isBlankOrEnd(text.charCodeAt(content + 1))) {
        // `- - x`: a sequence in the item, its column that of its first `-`.
        item = this.blockSequence(content, column + (content - position), level + 1);
      } else {
        const key = c === Char.Ampersand || c === Char.Exclamation ? undefined : this.readKey(content);
        // Content on the `-` line has its column from the dash's.
        item = key !== undefined ? this.blockMapping(content, column + (content - position), level + 1, key) : this.value(position + 1, column, level, false);
        if (item === undefined) {
          emptyAfter = position + 1;
          item = this.emptyNode(emptyAfter);
        }
      }
      items[count++] = item;
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
    return this.finish(this.finishBlock(node, start, column, this.lastRead(), copy[count - 1], emptyAfter), node);
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
    return { end: this.end, leaf: this.leaf, end2: this.end2, pending: this.pending };
  }

  /** Keeps a finished collection's range facts (from `finishBlock`) in the registers and returns it. */
  private finish<T extends TreeNode>(built: Built, node: T): T {
    this.leaf = built.leaf;
    this.end = built.end;
    this.end2 = built.end2;
    this.pending = built.pending;
    return node;
  }

  /**
   * The value after a mapping's `:` or a sequence's `-` (`afterIndicator` is the position after it),
   * with its anchor and tag: on the same line, on the lines below (a collection more indented than
   * `parentColumn`, or for a mapping a sequence at its indentation), or empty (undefined).
   */
  private value(afterIndicator: number, parentColumn: number, level: number, mappingValue: boolean): TreeNode | undefined {
    const text = this.text;
    let position = afterIndicator;
    while (text.charCodeAt(position) === Char.Space) {
      position++;
    }
    let c = text.charCodeAt(position);
    if (c === Char.Ampersand || c === Char.Exclamation) {
      position = this.readProperties(position);
      const anchor = this.anchorName === undefined ? undefined : this.anchors.open(this.anchorName);
      const tag = this.tagName;
      c = text.charCodeAt(position);
      let node: TreeNode;
      if (Number.isNaN(c) || c === Char.LineFeed || c === Char.CarriageReturn || c === Char.Hash) {
        const next = this.skipSpace(position);
        const nextColumn = next < text.length ? this.columnOf(next) : -1;
        if (nextColumn > parentColumn) {
          node = this.blockCollection(next, level + 1);
        } else if (mappingValue && nextColumn === parentColumn && text.charCodeAt(next) === Char.Dash && isBlankOrEnd(text.charCodeAt(next + 1))) {
          node = this.blockSequence(next, nextColumn, level + 1);
        } else {
          // Properties on an empty value.
          throw new Unsure();
        }
      } else {
        if (c === 0x2a /* * */ || this.readKey(position) !== undefined) {
          // `&a *b`: an alias takes no properties (an error); `- &a key: value`: they belong to the key.
          throw new Unsure();
        }
        node = this.inlineValue(position, parentColumn);
      }
      return this.withProperties(node, anchor, tag);
    }
    if (!(Number.isNaN(c) || c === Char.LineFeed || c === Char.CarriageReturn || c === Char.Hash)) {
      return this.inlineValue(position, parentColumn);
    }
    const next = this.skipSpace(position);
    if (next < text.length) {
      const nextColumn = this.columnOf(next);
      if (nextColumn > parentColumn) {
        return this.blockCollection(next, level + 1);
      }
      if (mappingValue && nextColumn === parentColumn && text.charCodeAt(next) === Char.Dash && isBlankOrEnd(text.charCodeAt(next + 1))) {
        return this.blockSequence(next, nextColumn, level + 1);
      }
    }
    this.setLeaf(position, Leaf.None, next);
    return undefined;
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
      const close = this.closingQuoteOnLine(position);
      if (close < 0) {
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
      const value = c === Char.SingleQuote ? raw.replace(/''/g, "'") : raw.includes('\\') ? doubleQuotedValue(text, position, close) : raw;
      node = { kind: 'scalar', value, start: position, end: keyEnd, quoted: true };
    } else if (c === Char.LessThan && text.charCodeAt(position + 1) === Char.LessThan) {
      // `<<`: with the YAML 1.2 core schema, an ordinary key (no merge).
      keyEnd = position + 2;
      colon = keyEnd;
      while (text.charCodeAt(colon) === Char.Space) {
        colon++;
      }
      if (text.charCodeAt(colon) !== Char.Colon || !isBlankOrEnd(text.charCodeAt(colon + 1))) {
        throw new Unsure();
      }
      node = { kind: 'scalar', value: '<<', start: position, end: keyEnd, quoted: false };
    } else {
      if (!isKeyStart(c)) {
        return undefined;
      }
      // Plan keys are words: read the word, then expect the colon; anything else on the way decides. The
      // hash of the word finds its shared string (`KeyTable`).
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
      const value = keyEnd === colon && ((first >= 0x61 && first <= 0x7a) || first === 0x7f) ? this.keys.resolve(text, position, keyEnd, hash) : resolvePlain(text.slice(position, keyEnd));
      node = { kind: 'scalar', value, start: position, end: keyEnd, quoted: false };
    }
    if (keyEnd - position > 1000) {
      throw new Unsure();
    }
    this.colon = colon;
    return node;
  }

  /** The closing quote of the quoted scalar at `position` on its line (escapes skipped), or -1. */
  private closingQuoteOnLine(position: number): number {
    const text = this.text;
    const quote = text.charCodeAt(position);
    for (let index = position + 1; ; index++) {
      const code = text.charCodeAt(index);
      if (code === quote) {
        if (quote === Char.SingleQuote && text.charCodeAt(index + 1) === Char.SingleQuote) {
          index++;
          continue;
        }
        return index;
      }
      if (code === Char.LineFeed || Number.isNaN(code)) {
        return -1;
      }
      if (code === 0x5c /* \ */ && quote === Char.DoubleQuote) {
        index++;
      }
    }
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
