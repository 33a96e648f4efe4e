/**
 * Building minimal, insert-only fixes that match the file's own layout, and applying fixes as text.
 *
 * Contract for every fix built here: it inserts text and deletes nothing; the inserted text copies the
 * indentation, sequence style and line endings of the file; every byte outside the insertion (comments
 * included) is kept.
 */
import type { Fix, TextEdit } from './findings';
import type { MapNode, Pair } from './tree';
import { getPair } from './tree';

/** The layout conventions of one document, read from its text. */
export interface Layout {
  /** Spaces per nesting level (2 unless the file uses another width consistently). */
  readonly indentUnit: number;
  /** True when block sequences are indented under their key (`key:\n  - a`), false for `key:\n- a`. */
  readonly indentSequences: boolean;
  readonly newline: '\n' | '\r\n';
}

/**
 * A text that fixes are built for, with its layout read once (`detectLayout`). Rules pass their
 * `AuditedDocument`, which reads the layout on first use: many fixes are built for one text, and
 * reading the layout scans the text.
 */
export interface FixTarget {
  readonly text: string;
  readonly layout: Layout;
}

/**
 * Reads the layout from the text: the most common indentation step and the sequence style. Reads the
 * first 16,000 characters (a few hundred lines): they show a file's style, and reading a whole
 * 10,000-measure plan for it would cost as much as parsing it.
 */
export function detectLayout(text: string): Layout {
  const firstBreak = text.indexOf('\n');
  const newline = firstBreak > 0 && text.charCodeAt(firstBreak - 1) === 0x0d ? '\r\n' : '\n';
  const steps = new Map<number, number>();
  let indentedSequences = 0;
  let flushSequences = 0;
  let previousIndent = 0;
  let previousEndsWithColon = false;
  const limit = Math.min(text.length, 16_000);
  let lineStart = 0;
  while (lineStart < limit) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) {
      lineEnd = text.length;
    }
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    lineStart = lineEnd + 1;
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) {
      continue;
    }
    const indent = line.length - trimmed.length;
    if (previousEndsWithColon) {
      if (trimmed.startsWith('- ') || trimmed === '-') {
        if (indent > previousIndent) {
          indentedSequences++;
        } else if (indent === previousIndent) {
          flushSequences++;
        }
      }
      if (indent > previousIndent) {
        const step = indent - previousIndent;
        steps.set(step, (steps.get(step) ?? 0) + 1);
      }
    }
    previousIndent = indent;
    previousEndsWithColon = /:\s*(#.*)?$/.test(trimmed);
  }
  let indentUnit = 2;
  let best = 0;
  for (const [step, count] of steps) {
    if (step >= 1 && step <= 8 && count > best) {
      best = count;
      indentUnit = step;
    }
  }
  return { indentUnit, indentSequences: indentedSequences >= flushSequences, newline };
}

/** The column (0-based) at which `offset` sits on its line. */
export function columnOf(text: string, offset: number): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return offset - lineStart;
}

/** The offset just before the line break that ends the line holding `offset` (comments stay before it). */
export function lineEndOf(text: string, offset: number): number {
  let end = text.indexOf('\n', offset);
  if (end < 0) {
    end = text.length;
  }
  if (end > 0 && text[end - 1] === '\r') {
    end--;
  }
  return end;
}

/** One `key: value` line of a new entry; an empty `value` writes `key:` (null), `comment` goes after it. */
export interface NewLine {
  readonly key: string;
  readonly value: string;
  readonly comment?: string;
}

/**
 * A key to add to a map: a plain value, a nested map, or a sequence of maps. The same description
 * renders as block YAML or, inside a flow map, as flow YAML (comments are dropped there).
 */
export type NewEntry =
  | { readonly key: string; readonly value: string; readonly comment?: string }
  | { readonly key: string; readonly map: readonly NewLine[]; readonly comment?: string }
  | { readonly key: string; readonly items: readonly (readonly NewLine[])[]; readonly comment?: string };

/**
 * Returns the edit that adds `entry` as the last key of `map`, in the map's own style. Returns
 * undefined for an empty map (there is no sibling to copy indentation from).
 */
export function insertIntoMap(target: FixTarget, map: MapNode, entry: NewEntry): TextEdit | undefined {
  const { text, layout } = target;
  const last = map.pairs[map.pairs.length - 1];
  if (!last) {
    return undefined;
  }
  if (map.flow) {
    const offset = Math.max(last.value.end, last.key.end);
    return { offset, deleteCount: 0, insertText: `, ${renderFlow(entry)}` };
  }
  const baseColumn = columnOf(text, map.pairs[0].key.start);
  const offset = lineEndOf(text, Math.max(last.value.end - 1, last.key.end));
  return { offset, deleteCount: 0, insertText: renderBlock(entry, baseColumn, layout) };
}

/**
 * Returns the edit that adds `entry` to `map` on the line after the first of `afterKeys` whose value
 * is a one-line scalar, so a new key lands next to the keys it belongs with (`data_source` after
 * `unit`, `owner` after `office`). Falls back to the end of the map (`insertIntoMap`). Insert-only; the
 * indentation, flow or block style and line endings are the file's own.
 */
export function insertAfterKey(target: FixTarget, map: MapNode, afterKeys: readonly string[], entry: NewEntry): TextEdit | undefined {
  const { text, layout } = target;
  const anchor = afterKeys.map((key) => getPair(map, key)).find((pair): pair is Pair => pair !== undefined && isOneLineScalar(text, pair));
  if (!anchor) {
    return insertIntoMap(target, map, entry);
  }
  const valueEnd = Math.max(anchor.value.end, anchor.key.end);
  if (map.flow) {
    return { offset: valueEnd, deleteCount: 0, insertText: `, ${renderFlow(entry)}` };
  }
  return { offset: lineEndOf(text, valueEnd), deleteCount: 0, insertText: renderBlock(entry, columnOf(text, anchor.key.start), layout) };
}

/** True when the pair's key and scalar value sit on one line (no block scalar, no folded plain text). */
function isOneLineScalar(text: string, pair: Pair): boolean {
  if (pair.value.kind !== 'scalar') {
    return false;
  }
  const end = Math.max(pair.value.end, pair.key.end);
  return !/[\r\n]/.test(text.slice(pair.key.start, end));
}

/** Renders an entry as block YAML: a line break, then the lines indented from `baseColumn`. */
export function renderBlock(entry: NewEntry, baseColumn: number, layout: Layout): string {
  const nl = layout.newline;
  const pad = (column: number) => ' '.repeat(column);
  const line = (l: NewLine) => (l.value === '' ? `${l.key}:` : `${l.key}: ${l.value}`) + (l.comment ? `  # ${l.comment}` : '');
  const head = (text: string, comment?: string) => nl + pad(baseColumn) + text + (comment ? `  # ${comment}` : '');
  if ('value' in entry) {
    return head(entry.value === '' ? `${entry.key}:` : `${entry.key}: ${entry.value}`, entry.comment);
  }
  if ('map' in entry) {
    return head(`${entry.key}:`, entry.comment) + entry.map.map((l) => nl + pad(baseColumn + layout.indentUnit) + line(l)).join('');
  }
  const dashColumn = baseColumn + (layout.indentSequences ? layout.indentUnit : 0);
  let out = head(`${entry.key}:`, entry.comment);
  for (const item of entry.items) {
    item.forEach((l, index) => {
      out += nl + (index === 0 ? `${pad(dashColumn)}- ` : pad(dashColumn + 2)) + line(l);
    });
  }
  return out;
}

/** Renders an entry as flow YAML (`key: value`, `key: {a: 1}`, `key: [{a: 1}]`). */
export function renderFlow(entry: NewEntry): string {
  const flowValue = (value: string) => (value === '' ? 'null' : value);
  const flowMap = (lines: readonly NewLine[]) => `{${lines.map((l) => `${l.key}: ${flowValue(l.value)}`).join(', ')}}`;
  if ('value' in entry) {
    return `${entry.key}: ${flowValue(entry.value)}`;
  }
  if ('map' in entry) {
    return `${entry.key}: ${flowMap(entry.map)}`;
  }
  return `${entry.key}: [${entry.items.map(flowMap).join(', ')}]`;
}

/**
 * Applies edits to a text, as an editor applies a workspace edit: edits must not overlap (a fix-all's
 * edits never do: `fixAllEdits` in fixAll.ts decides which fixes go together); inserts at one offset
 * keep their order. Throws on overlapping edits, which would be a bug in whoever combined them.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((edit, index) => ({ edit, index })).sort((a, b) => a.edit.offset - b.edit.offset || a.index - b.index);
  let result = '';
  let position = 0;
  for (const { edit } of sorted) {
    if (edit.offset < position) {
      throw new Error(`overlapping edits at offset ${edit.offset}`);
    }
    result += text.slice(position, edit.offset) + edit.insertText;
    position = edit.offset + edit.deleteCount;
  }
  return result + text.slice(position);
}

/** Applies one fix to a text. */
export function applyFix(text: string, fix: Fix): string {
  return applyEdits(text, fix.edits);
}
