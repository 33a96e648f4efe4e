/**
 * Where an edit's unit lies (incremental.ts): the units on the way down to the edit, innermost first,
 * and each unit's region, the lines that hold it and nothing of its neighbours.
 */
import type { MapNode, SeqNode, TreeNode } from './tree';

export interface Step {
  readonly node: MapNode | SeqNode;
  /** Index of the child on the path (a pair of a map, an item of a sequence). */
  readonly index: number;
}

export interface Candidate {
  readonly kind: 'item' | 'pair';
  /** The unit's first character: the item's, or the key's. */
  readonly start: number;
  /** The unit's end in the previous text: the item's, or the later of its key's and value's. */
  readonly end: number;
  /** From the root down to the unit's collection; the unit is child `index` of the last step's node. */
  readonly steps: readonly Step[];
}

/**
 * The units on the way down to `offset`, innermost first: map items of block sequences and pairs of
 * block maps. At each level the child is the last one starting at or before `offset`; `regionOf` and
 * the caller check that the change really lies on the unit's lines.
 */
export function candidatesAt(root: TreeNode, offset: number): Candidate[] {
  const candidates: Candidate[] = [];
  const steps: Step[] = [];
  let node: TreeNode = root;
  while (node.kind !== 'scalar' && steps.length <= 1000) {
    if (node.kind === 'seq') {
      const index = lastStartingAtOrBefore(node.items, offset);
      if (index < 0) {
        break;
      }
      const child = node.items[index];
      steps.push({ node, index });
      if (!node.flow && child.kind === 'map') {
        candidates.push({ kind: 'item', start: child.start, end: child.end, steps: steps.slice() });
      }
      node = child;
    } else {
      let index = -1;
      for (let i = node.pairs.length - 1; i >= 0; i--) {
        if (node.pairs[i].key.start <= offset) {
          index = i;
          break;
        }
      }
      if (index < 0) {
        break;
      }
      const { key, value } = node.pairs[index];
      steps.push({ node, index });
      if (!node.flow) {
        candidates.push({ kind: 'pair', start: key.start, end: Math.max(key.end, value.end), steps: steps.slice() });
      }
      if (value.start > offset) {
        break;
      }
      node = value;
    }
  }
  return candidates.reverse();
}

function lastStartingAtOrBefore(items: readonly TreeNode[], offset: number): number {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (items[mid].start <= offset) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------
// Lines.

export interface Region {
  /** Start of the line holding the item's `- ` or the pair's key. */
  readonly lineStart: number;
  /** Column of the `-` or of the key. */
  readonly column: number;
  /** Start of the first non-blank line after the unit indented at most `column` (or the text's end). */
  readonly end: number;
}

/** Number of leading spaces of the line starting at `pos`. */
export function indentAt(text: string, pos: number): number {
  let i = pos;
  while (text.charCodeAt(i) === 0x20) {
    i++;
  }
  return i - pos;
}

/** True when the line from `pos` (to its `\n` or the end) holds only spaces, tabs and CRs. */
export function isBlankLine(text: string, pos: number): boolean {
  for (let i = pos; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      return true;
    }
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) {
      return false;
    }
  }
  return true;
}

export function nextLine(text: string, pos: number): number {
  const newline = text.indexOf('\n', pos);
  return newline < 0 ? text.length : newline + 1;
}

/**
 * The unit's lines in the previous text, or undefined when its first line is not `<spaces>- <item>` (or
 * `<spaces><key>`), or when what follows the region might not close the unit.
 */
export function regionOf(text: string, unit: Candidate): Region | undefined {
  const { start, end: unitEnd } = unit;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const column = indentAt(text, lineStart);
  if (unit.kind === 'item') {
    if (text.charCodeAt(lineStart + column) !== 0x2d /* - */ || lineStart + column + 1 >= start) {
      return undefined;
    }
    for (let i = lineStart + column + 1; i < start; i++) {
      if (text.charCodeAt(i) !== 0x20) {
        return undefined;
      }
    }
  } else {
    // The key starts its line, at the column of its map's first key (not, say, under a `?` line).
    const map = unit.steps[unit.steps.length - 1].node;
    if (lineStart + column !== start || map.start - (text.lastIndexOf('\n', map.start - 1) + 1) !== column) {
      return undefined;
    }
  }
  // Past the unit's last line: blank lines and lines deeper than `column` (comments) stay in the region.
  let end = unitEnd >= text.length ? text.length : nextLine(text, Math.max(start, unitEnd - 1));
  while (end < text.length && (isBlankLine(text, end) || indentAt(text, end) > column)) {
    end = nextLine(text, end);
  }
  // The closing line and, after any comment lines, the next content line must be indented at most
  // `column`. After a pair, that line must not be able to continue it: a `- ` of a flush sequence, or
  // an explicit key's `?` or value's `:` at the same column.
  for (let pos = end; pos < text.length; pos = nextLine(text, pos)) {
    const indent = indentAt(text, pos);
    const c = text.charCodeAt(pos + indent);
    if (c === 0x09) {
      return undefined;
    }
    if (isBlankLine(text, pos) || c === 0x23 /* # */) {
      continue;
    }
    if (indent > column || (unit.kind === 'pair' && indent === column && (c === 0x2d || c === 0x3f || c === 0x3a))) {
      return undefined;
    }
    break;
  }
  return { lineStart, column, end };
}

/** After the first line, every line of `[lineStart, end)` is blank or indented deeper than `column`. */
export function linesStayInside(text: string, lineStart: number, end: number, column: number): boolean {
  const region = text.slice(lineStart, end);
  if (/\r(?!\n)/.test(region)) {
    return false;
  }
  for (let pos = nextLine(text, lineStart); pos < end; pos = nextLine(text, pos)) {
    const indent = indentAt(text, pos);
    if (indent <= column && !isBlankLine(text, pos)) {
      return false;
    }
    if (indent <= column && text.charCodeAt(pos + indent) === 0x09) {
      // A blank line with a tab where indentation is counted: fine for `yaml`, but keep it simple.
      return false;
    }
  }
  return true;
}

/** Cheap check that the text after the region did not change (the caller's change is trusted otherwise). */
export function sameTail(oldText: string, oldEnd: number, newText: string, newEnd: number): boolean {
  if (oldText.length - oldEnd !== newText.length - newEnd) {
    return false;
  }
  const length = Math.min(256, oldText.length - oldEnd);
  return oldText.slice(oldEnd, oldEnd + length) === newText.slice(newEnd, newEnd + length);
}
