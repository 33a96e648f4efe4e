/**
 * Scalar values for the line reader (`parseLines`), computed as `yaml` 2 computes them: line folding of
 * plain and quoted scalars, double-quote escapes, block scalar folding and chomping; and the character
 * classes and shared key strings the reader uses. Pure functions and one per-parse table; anything
 * `yaml` would report (a bad escape, say) throws `Unsure`.
 */
import { resolvePlain } from './coreSchema';
import type { Scalar } from './tree';
import { isBlankOrEnd, Unsure } from './yamlRanges';

/**
 * Folds the lines of a plain scalar's source, or of a single-quoted scalar's inner text: spaces around
 * each line break go, a single break becomes a space, each blank line between two lines a line feed.
 * A text without a line break is returned as it is.
 */
export function foldFlowLines(source: string): string {
  let lineStop = source.indexOf('\n');
  if (lineStop < 0) {
    return source;
  }
  let value = source.slice(0, trimEnd(source, 0, lineStop));
  let separator = ' ';
  for (;;) {
    const lineStart = lineStop + 1;
    let first = lineStart;
    while (source.charCodeAt(first) === 0x20) {
      first++;
    }
    lineStop = source.indexOf('\n', lineStart);
    if (lineStop < 0) {
      // The last line keeps its trailing spaces (a plain scalar has none; a quoted one's are its own).
      return value + separator + source.slice(first);
    }
    const stop = trimEnd(source, first, lineStop);
    if (stop === first) {
      separator = separator === ' ' ? '\n' : separator + '\n';
    } else {
      value += separator + source.slice(first, stop);
      separator = ' ';
    }
  }
}

/** The end of `source[start, stop)` without trailing spaces and a carriage return. */
function trimEnd(source: string, start: number, stop: number): number {
  while (stop > start && (source.charCodeAt(stop - 1) === 0x20 || source.charCodeAt(stop - 1) === 0x0d)) {
    stop--;
  }
  return stop;
}

const escapes: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};

const hexDigits = /^[0-9a-fA-F]+$/;

/**
 * The value of the double-quoted scalar `text[open, close]` (both quotes included): escapes replaced,
 * lines folded as `foldFlowLines` folds them, except that an escaped line break joins two lines without
 * a space and escaped spaces stay.
 */
export function doubleQuotedValue(text: string, open: number, close: number): string {
  let value = '';
  let runStart = open + 1;
  for (let index = open + 1; index < close; index++) {
    const c = text.charCodeAt(index);
    if (c === 0x0d) {
      // Always before a line feed here (`isPlainText`): the line feed folds.
      value += text.slice(runStart, index);
      runStart = index + 1;
    } else if (c === 0x0a) {
      value += text.slice(runStart, index);
      let breaks = 0;
      for (;;) {
        const next = text.charCodeAt(index + 1);
        if (next === 0x20 || next === 0x0d) {
          index++;
        } else if (next === 0x0a) {
          breaks++;
          index++;
        } else {
          break;
        }
      }
      value += breaks === 0 ? ' ' : '\n'.repeat(breaks);
      runStart = index + 1;
    } else if (c === 0x20) {
      let last = index;
      while (text.charCodeAt(last + 1) === 0x20) {
        last++;
      }
      const next = text.charCodeAt(last + 1);
      if (next === 0x0a || next === 0x0d) {
        // Spaces before a line break go.
        value += text.slice(runStart, index);
        runStart = last + 1;
      }
      index = last;
    } else if (c === 0x5c /* \ */) {
      value += text.slice(runStart, index);
      const next = text[index + 1];
      const escaped = escapes[next];
      if (escaped !== undefined) {
        value += escaped;
        index++;
      } else if (next === '\n' || (next === '\r' && text.charCodeAt(index + 2) === 0x0a)) {
        // An escaped line break: the lines join without a space; the next line's indentation goes.
        index += next === '\n' ? 1 : 2;
        while (text.charCodeAt(index + 1) === 0x20) {
          index++;
        }
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const digits = text.slice(index + 2, index + 2 + length);
        const code = digits.length === length && hexDigits.test(digits) ? parseInt(digits, 16) : NaN;
        if (!(code <= 0x10ffff)) {
          // `yaml` reports a bad escape (or fails on a code point past Unicode).
          throw new Unsure();
        }
        value += String.fromCodePoint(code);
        index += 1 + length;
      } else {
        throw new Unsure();
      }
      runStart = index + 1;
    }
  }
  return value + text.slice(runStart, close);
}

/**
 * The value of a block scalar from its lines: `lines[i]` is the text of line `i` after the content
 * indentation (more-indented lines keep their extra spaces; blank lines are empty), from the first line
 * after the header to the last line with content; `trailingBlankLines` blank lines follow that one
 * (they count only with keep chomping, `+`).
 */
export function blockScalarValue(lines: readonly string[], literal: boolean, chomping: '-' | '+' | '', trailingBlankLines: number): string {
  let value = '';
  let index = 0;
  // Leading blank lines are line feeds in both styles.
  while (lines[index] === '') {
    value += '\n';
    index++;
  }
  let separator = '';
  let previousMoreIndented = false;
  for (; index < lines.length; index++) {
    const line = lines[index];
    if (literal) {
      value += separator + line;
      separator = '\n';
    } else if (line.charCodeAt(0) === 0x20) {
      // A more-indented line of a folded scalar: the line breaks around it stay.
      if (separator === ' ') {
        separator = '\n';
      } else if (!previousMoreIndented && separator === '\n') {
        separator = '\n\n';
      }
      value += separator + line;
      separator = '\n';
      previousMoreIndented = true;
    } else if (line === '') {
      if (separator === '\n') {
        value += '\n';
      } else {
        separator = '\n';
      }
    } else {
      value += separator + line;
      separator = ' ';
      previousMoreIndented = false;
    }
  }
  if (chomping === '+') {
    return value + '\n'.repeat(trailingBlankLines + 1);
  }
  return chomping === '-' ? value : value + '\n';
}

/**
 * The number a plain scalar of 1 to 15 digits stands for (a year, a count: most values in a plan), read
 * without making its text; undefined for anything else. `resolvePlain` gives the same number.
 */
export function digitsValue(text: string, start: number, end: number): number | undefined {
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

/**
 * Plan keys by hash, each one string for the document: a 10,000-measure plan repeats some twenty keys
 * 200,000 times. Sharing them saves a string per pair, and the shared strings are internalized, so
 * `getPair(map, 'unit')` compares them with its literal by identity. Each entry also keeps the key's
 * resolved value (`null:` is a null key), resolved once. The table stays small: hostile input with
 * thousands of distinct keys, or a key whose hash another key took, just gets its own strings. One
 * table per parse, so the core keeps no state between documents.
 */
export class KeyTable {
  private readonly entries = new Map<number, { readonly text: string; readonly value: Scalar }>();

  /** The resolved key `text[start, end)`, whose hash (as `LineBuilder.readKey` computes it) is `hash`. */
  resolve(text: string, start: number, end: number, hash: number): Scalar {
    const length = end - start;
    const entry = this.entries.get(hash);
    if (entry && entry.text.length === length && sameText(entry.text, text, start)) {
      return entry.value;
    }
    const key = text.slice(start, end);
    if (entry || length > maxKeyLength || this.entries.size >= maxKeys) {
      return resolvePlain(key);
    }
    // A property name is internalized: the key of a one-property object is the table's copy.
    const internalized = Object.keys({ [key]: true })[0];
    const value = resolvePlain(internalized);
    this.entries.set(hash, { text: internalized, value });
    return value;
  }
}

const maxKeys = 1024;
const maxKeyLength = 64;

/** True when `text` holds `key` at `start` (a loop: quicker than `startsWith` for a short key). */
function sameText(key: string, text: string, start: number): boolean {
  for (let index = 0; index < key.length; index++) {
    if (key.charCodeAt(index) !== text.charCodeAt(start + index)) {
      return false;
    }
  }
  return true;
}

/** Character classes of plan keys, by code (ASCII only): 1 starts a key, 2 continues one. */
const keyCharacterClass = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const word = (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f;
  keyCharacterClass[code] = word ? 1 : code === 0x20 || code === 0x2d || code === 0x2e || code === 0x2f || code === 0x28 || code === 0x29 ? 2 : 0;
}

/** Letters, digits and `_`. */
export function isKeyStart(code: number): boolean {
  return code < 128 && keyCharacterClass[code] === 1;
}

/** Word characters, space, `.`, `/`, `(`, `)` and `-`: what plan keys are made of. */
export function isKeyCharacter(code: number): boolean {
  return code < 128 && keyCharacterClass[code] !== 0;
}

/** Letters, digits, `_` and `-`: the anchor names the reader takes (`&source1`, `*base-year`). */
export function isAnchorCharacter(code: number): boolean {
  return (code < 128 && keyCharacterClass[code] === 1) || code === 0x2d;
}

/**
 * True when a plain scalar may start with `code` (followed by `nextCode`): not a YAML indicator, except
 * `-`, `?` and `:` followed by a non-space. Quotes and block indicators are read before this is asked.
 */
export function isPlainStart(code: number, nextCode: number): boolean {
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
      return !Number.isNaN(code) && code !== 0x0a && code !== 0x0d;
  }
}

/** True when a `:` followed by `code` ends a plain scalar in a flow collection. */
export function isFlowBreak(code: number): boolean {
  return isBlankOrEnd(code) || code === 0x2c || code === 0x5b || code === 0x5d || code === 0x7b || code === 0x7d;
}
