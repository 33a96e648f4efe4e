/**
 * Flow collections for the line reader (`parseLines`), over one line or several, with comments between
 * entries; and the registers and line checks every reader of values shares (`ValueReader` in
 * lineValues.ts extends this class, `LineBuilder` in parseLines.ts extends that one).
 */
import type { ParseLimits } from './parse';
import { AnchorTable } from './lineAnchors';
import { doubleQuotedValue, isAnchorCharacter, isFlowBreak, isPlainStart } from './lineScalars';
import { resolvePlain } from './coreSchema';
import type { MapNode, Pair, ScalarNode, SeqNode, TreeNode } from './tree';
import { duplicatePairs } from './tree';
import type { CommentBlock } from './yamlRanges';
import { Leaf, lineEnd, RangeBuilder, Unsure } from './yamlRanges';

const enum Char {
  Space = 0x20,
  LineFeed = 0x0a,
  CarriageReturn = 0x0d,
  Hash = 0x23,
  Colon = 0x3a,
  Comma = 0x2c,
  DoubleQuote = 0x22,
  SingleQuote = 0x27,
  Backslash = 0x5c,
  OpenBracket = 0x5b,
  CloseBracket = 0x5d,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
  Asterisk = 0x2a,
}

export abstract class FlowReader extends RangeBuilder {
  /** The first content position after the node last read (the text's length at the end). */
  protected next = 0;
  /** Range facts of the node last read (see `Built`). */
  protected leaf = Leaf.None;
  protected end = 0;
  protected end2 = 0;
  protected pending: CommentBlock | undefined;
  /** Set by `closingQuote`: the quoted scalar spans lines; it holds an escape (`\` or `''`). */
  protected multiline = false;
  protected hasEscape = false;
  /** True once a mapping repeats a key; until then every mapping read has distinct keys. */
  hasDuplicateKeys = false;
  readonly anchors: AnchorTable;

  constructor(text: string, limits: ParseLimits, aliasBudget: number) {
    super(text, limits);
    this.anchors = new AnchorTable(aliasBudget);
  }

  /** Sets the registers for a scalar, a flow collection or an empty value (`end` where it ends). */
  protected setLeaf(end: number, leaf: Leaf, next: number): void {
    this.leaf = leaf;
    this.end = end;
    this.end2 = end;
    this.pending = undefined;
    this.next = next;
  }

  /** Notes a repeated key while the mapping's keys are at hand (`checkDuplicates` then need not walk the tree). */
  protected checkKeys(pairs: readonly Pair[]): void {
    if (!this.hasDuplicateKeys && pairs.length > 1 && duplicatePairs(pairs) !== undefined) {
      this.hasDuplicateKeys = true;
    }
  }

  /** After a quoted scalar, an alias or a flow collection that ends at `end`: spaces, then a comment or the line's end. */
  protected expectLineEnd(end: number, lineStop: number): void {
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
   * The first content after the line that ends at `lineStop`. A content line indented past
   * `parentColumn` would continue the value on this line: that is left to `yaml`.
   */
  protected afterLine(lineStop: number, parentColumn: number): number {
    const next = this.skipSpace(lineStop);
    if (next < this.text.length && this.columnOf(next) > parentColumn) {
      throw new Unsure();
    }
    return next;
  }

  /**
   * The position of the quote that closes the quoted scalar opening at `position`; sets `multiline` and
   * `hasEscape`. With `parentColumn` < 0 it must close on its line; else each line it continues on must
   * be blank or indented past `parentColumn` (`yaml` reports a line that is not).
   */
  protected closingQuote(position: number, parentColumn: number): number {
    const text = this.text;
    const quote = text.charCodeAt(position);
    let close = position + 1;
    this.multiline = false;
    this.hasEscape = false;
    for (;; close++) {
      const code = text.charCodeAt(close);
      if (code === quote) {
        if (quote === Char.SingleQuote && text.charCodeAt(close + 1) === Char.SingleQuote) {
          this.hasEscape = true;
          close++;
          continue;
        }
        return close;
      }
      if (code === Char.Backslash && quote === Char.DoubleQuote) {
        this.hasEscape = true;
        // An escaped line break is still a line break: the next line's indentation is checked.
        if (text.charCodeAt(close + 1) !== Char.LineFeed && text.charCodeAt(close + 1) !== Char.CarriageReturn) {
          close++;
        }
      } else if (code === Char.LineFeed) {
        if (parentColumn < 0) {
          throw new Unsure();
        }
        this.multiline = true;
        let first = close + 1;
        while (text.charCodeAt(first) === Char.Space) {
          first++;
        }
        const c = text.charCodeAt(first);
        if (!(c === Char.LineFeed || c === Char.CarriageReturn) && first - (close + 1) <= parentColumn) {
          throw new Unsure();
        }
      } else if (Number.isNaN(code)) {
        throw new Unsure();
      }
    }
  }

  /**
   * A flow collection that opens at `position`, of plain or quoted scalars, aliases and flow collections;
   * every mapping entry has `: ` and a value. Its lines after the first must be indented past
   * `parentColumn`; comments may stand between entries. Commas at the end, empty entries, `key: value` in
   * a sequence, anchors, tags and scalars over several lines are left to `yaml`.
   */
  protected flowCollection(position: number, parentColumn: number, depth: number): MapNode | SeqNode {
    if (depth > this.limits.maxDepth >> 1) {
      throw new Unsure();
    }
    const text = this.text;
    const isMap = text.charCodeAt(position) === Char.OpenBrace;
    const closing = isMap ? Char.CloseBrace : Char.CloseBracket;
    const pairs: Pair[] = [];
    const items: TreeNode[] = [];
    let index = this.skipFlowSpace(position + 1, parentColumn);
    if (text.charCodeAt(index) !== closing) {
      for (;;) {
        if (isMap) {
          const key = this.flowEntry(index, parentColumn, depth);
          if (key.kind !== 'scalar' || key.end - key.start > 1000 || key.start !== index) {
            throw new Unsure();
          }
          // The `: ` on the key's line.
          index = key.end;
          while (text.charCodeAt(index) === Char.Space) {
            index++;
          }
          if (text.charCodeAt(index) !== Char.Colon || text.charCodeAt(index + 1) !== Char.Space) {
            throw new Unsure();
          }
          const value = this.flowEntry(this.skipFlowSpace(index + 1, parentColumn), parentColumn, depth);
          pairs.push({ key, value });
        } else {
          items.push(this.flowEntry(index, parentColumn, depth));
        }
        index = this.skipFlowSpace(this.entryEnd, parentColumn);
        const code = text.charCodeAt(index);
        if (code === closing) {
          break;
        }
        if (code !== Char.Comma) {
          throw new Unsure();
        }
        index = this.skipFlowSpace(index + 1, parentColumn);
        if (text.charCodeAt(index) === closing || text.charCodeAt(index) === Char.Comma) {
          throw new Unsure();
        }
      }
    }
    this.checkKeys(pairs);
    const end = index + 1;
    return isMap ? { kind: 'map', pairs, start: position, end, flow: true } : { kind: 'seq', items, start: position, end, flow: true };
  }

  /** Where the flow entry `flowEntry` read last ends in the text (an alias's node lies elsewhere). */
  private entryEnd = 0;

  /** A value inside a flow collection: a nested collection, a quoted scalar, an alias or a plain scalar. */
  private flowEntry(position: number, parentColumn: number, depth: number): TreeNode {
    const text = this.text;
    const c = text.charCodeAt(position);
    let node: TreeNode;
    if (c === Char.OpenBracket || c === Char.OpenBrace) {
      node = this.flowCollection(position, parentColumn, depth + 1);
      this.entryEnd = node.end;
      return node;
    }
    if (c === Char.DoubleQuote || c === Char.SingleQuote) {
      const close = this.closingQuote(position, -1);
      const raw = text.slice(position + 1, close);
      const value = !this.hasEscape ? raw : c === Char.SingleQuote ? raw.replace(/''/g, "'") : doubleQuotedValue(text, position, close);
      this.entryEnd = close + 1;
      return { kind: 'scalar', value, start: position, end: close + 1, quoted: true };
    }
    if (c === Char.Asterisk) {
      let stop = position + 1;
      while (isAnchorCharacter(text.charCodeAt(stop))) {
        stop++;
      }
      const after = text.charCodeAt(stop);
      if (stop === position + 1 || !(after === Char.Space || after === Char.Comma || after === Char.CloseBracket || after === Char.CloseBrace || after === Char.LineFeed || after === Char.CarriageReturn)) {
        throw new Unsure();
      }
      this.entryEnd = stop;
      return this.anchors.resolve(text.slice(position + 1, stop));
    }
    // `-`, `?` and `:` start a plain scalar only before a character that is neither blank nor a flow indicator.
    if (!isPlainStart(c, text.charCodeAt(position + 1)) || ((c === 0x2d || c === 0x3f || c === Char.Colon) && isFlowBreak(text.charCodeAt(position + 1)))) {
      throw new Unsure();
    }
    let end = position + 1;
    for (;; end++) {
      const code = text.charCodeAt(end);
      if (code === Char.Comma || code === Char.OpenBracket || code === Char.CloseBracket || code === Char.OpenBrace || code === Char.CloseBrace) {
        break;
      }
      if (code === Char.LineFeed || Number.isNaN(code)) {
        break;
      }
      if (code === Char.Colon && isFlowBreak(text.charCodeAt(end + 1))) {
        break;
      }
      if (code === Char.Hash) {
        // A comment after a space ends the scalar; `a#b` is for `yaml`.
        if (text.charCodeAt(end - 1) !== Char.Space) {
          throw new Unsure();
        }
        break;
      }
    }
    end = this.trimBack(end, position);
    this.entryEnd = end;
    const scalar: ScalarNode = { kind: 'scalar', value: resolvePlain(text.slice(position, end)), start: position, end, quoted: false };
    return scalar;
  }

  /**
   * Skips spaces, line breaks and comments inside a flow collection. A line it moves to must go on
   * past `parentColumn`, and the end of the text there is an unclosed collection: both for `yaml`.
   */
  private skipFlowSpace(position: number, parentColumn: number): number {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(position);
      if (c === Char.Space || c === Char.CarriageReturn) {
        position++;
      } else if (c === Char.LineFeed) {
        let first = position + 1;
        while (text.charCodeAt(first) === Char.Space) {
          first++;
        }
        const code = text.charCodeAt(first);
        if (!(code === Char.LineFeed || code === Char.CarriageReturn) && first - (position + 1) <= parentColumn) {
          throw new Unsure();
        }
        position = first;
      } else if (c === Char.Hash && text.charCodeAt(position - 1) <= Char.Space) {
        position = lineEnd(text, position);
      } else if (Number.isNaN(c)) {
        throw new Unsure();
      } else {
        return position;
      }
    }
  }
}
