/**
 * The server's text documents: `TextDocument` from vscode-languageserver-textdocument, same behaviour
 * (positions in UTF-16 code units; `\n`, `\r\n` and `\r` end lines; out-of-range positions clamped;
 * incremental updates), with one difference that matters for large plans: the line table is built
 * with `indexOf` over a text without carriage returns, which is several times faster than the
 * library's character loop (a 10,000-measure plan: ~10 ms instead of ~40–90 ms at every open).
 * test/unit/planDocument.test.ts holds it to the library's results on random edits, and its line table
 * to a fresh one of the same text after every edit: where an edit joins or splits a `\r\n` pair, the
 * library's incremental table shifts later lines (a `\r` typed before a `\n` counts as a line of its
 * own); ours is rebuilt.
 */
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

export class PlanDocument implements TextDocument {
  private content: string;
  /** Offsets at which each line starts; built on first use. */
  private lineOffsets: number[] | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    content: string,
  ) {
    this.content = content;
  }

  /** Passed unbound as the `create` hook of `TextDocuments`, hence `this: void`. */
  static create(this: void, uri: string, languageId: string, version: number, content: string): PlanDocument {
    return new PlanDocument(uri, languageId, version, content);
  }

  get version(): number {
    return this.currentVersion;
  }

  get lineCount(): number {
    return this.getLineOffsets().length;
  }

  getText(range?: Range): string {
    if (range) {
      return this.content.substring(this.offsetAt(range.start), this.offsetAt(range.end));
    }
    return this.content;
  }

  /** Applies changes in order: a range replaces that range, no range the whole text. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change && change.range !== undefined) {
        const range = wellFormed(change.range);
        const startOffset = this.offsetAt(range.start);
        const endOffset = this.offsetAt(range.end);
        const before = this.content;
        this.content = before.substring(0, startOffset) + change.text + before.substring(endOffset);
        if (this.lineOffsets !== undefined && (joinsLineBreak(before, startOffset, endOffset) || joinsLineBreak(this.content, startOffset, startOffset + change.text.length))) {
          // A `\r\n` pair across an edge of the change (a `\r` typed before a `\n`, a `\n` after a
          // `\r`, or the characters between them deleted) is one line break where the splice below
          // would count the two halves apart, shifting every later line. Such edits are rare: rebuild.
          this.lineOffsets = undefined;
          continue;
        }
        // The line table: replace the lines the range covered by those of the new text, then move
        // the later ones by the change in length.
        const lineOffsets = this.getLineOffsets();
        const startLine = Math.max(range.start.line, 0);
        const endLine = Math.max(range.end.line, 0);
        const added = computeLineOffsets(change.text, false, startOffset);
        if (endLine - startLine === added.length) {
          for (let index = 0; index < added.length; index++) {
            lineOffsets[index + startLine + 1] = added[index];
          }
        } else {
          this.lineOffsets = [...lineOffsets.slice(0, startLine + 1), ...added, ...lineOffsets.slice(endLine + 1)];
        }
        const delta = change.text.length - (endOffset - startOffset);
        if (delta !== 0) {
          const offsets = this.lineOffsets!;
          for (let index = startLine + 1 + added.length; index < offsets.length; index++) {
            offsets[index] += delta;
          }
        }
      } else {
        this.content = change.text;
        this.lineOffsets = undefined;
      }
    }
    this.currentVersion = version;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(Math.min(offset, this.content.length), 0);
    const lineOffsets = this.getLineOffsets();
    let low = 0;
    let high = lineOffsets.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (lineOffsets[mid] > clamped) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    // `low` is the first line starting after the offset.
    const line = low - 1;
    return { line, character: this.beforeLineBreak(clamped, lineOffsets[line]) - lineOffsets[line] };
  }

  offsetAt(position: Position): number {
    const lineOffsets = this.getLineOffsets();
    if (position.line >= lineOffsets.length) {
      return this.content.length;
    }
    if (position.line < 0) {
      return 0;
    }
    const lineOffset = lineOffsets[position.line];
    if (position.character <= 0) {
      return lineOffset;
    }
    const nextLineOffset = position.line + 1 < lineOffsets.length ? lineOffsets[position.line + 1] : this.content.length;
    return this.beforeLineBreak(Math.min(lineOffset + position.character, nextLineOffset), lineOffset);
  }

  /** A position inside a line break means the end of the line. */
  private beforeLineBreak(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isLineBreak(this.content.charCodeAt(offset - 1))) {
      offset--;
    }
    return offset;
  }

  private getLineOffsets(): number[] {
    this.lineOffsets ??= computeLineOffsets(this.content, true, 0);
    return this.lineOffsets;
  }
}

/** Where each line after a line break starts in `text` (plus `textOffset`), with 0 first when `atLineStart`. */
function computeLineOffsets(text: string, atLineStart: boolean, textOffset: number): number[] {
  const result = atLineStart ? [textOffset] : [];
  if (!text.includes('\r')) {
    for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) {
      result.push(textOffset + index + 1);
    }
    return result;
  }
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (isLineBreak(code)) {
      if (code === 0x0d && index + 1 < text.length && text.charCodeAt(index + 1) === 0x0a) {
        index++;
      }
      result.push(textOffset + index + 1);
    }
  }
  return result;
}

/** True when a `\r\n` pair straddles offset `start` or `end` of `text` (a `\r` just before, a `\n` just after). */
function joinsLineBreak(text: string, start: number, end: number): boolean {
  const straddles = (at: number) => at > 0 && text.charCodeAt(at - 1) === 0x0d && text.charCodeAt(at) === 0x0a;
  return straddles(start) || straddles(end);
}

function isLineBreak(code: number): boolean {
  return code === 0x0d || code === 0x0a;
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}
