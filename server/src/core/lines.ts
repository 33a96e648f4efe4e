/**
 * Offsets ↔ lines. The one place in the core that knows about lines; the LSP layer uses
 * `TextDocument.positionAt` and the CLI uses `LineIndex.position` for 1-based output.
 */
export class LineIndex {
  /** Offsets at which each line starts; `lineStarts[0] === 0`. */
  readonly lineStarts: readonly number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) {
      starts.push(index + 1);
    }
    this.lineStarts = starts;
  }

  /** 0-based line holding `offset` (binary search). */
  lineOf(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= offset) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }

  /** 0-based line and UTF-16 character of `offset`. */
  position(offset: number): { line: number; character: number } {
    const line = this.lineOf(offset);
    return { line, character: offset - this.lineStarts[line] };
  }

  /** The text of a 0-based line without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line];
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$/, '');
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }
}
