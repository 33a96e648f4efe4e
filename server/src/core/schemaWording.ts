/**
 * The words of schema findings: what a value should be and what was found, in an auditor's terms
 * (`a fiscal year (a whole number such as 2017)`, `the text "FY17"`), and how paths, keys and lists
 * are written in messages (`goals[0].measures[2].unit`).
 */
import type { TreeNode } from './tree';
import { getPair } from './tree';

/** One step of a data path: a map key or a list index. */
export type Segment = string | number;

/** The `definitions` entry a local reference names: `#/definitions/fiscalYear` → `fiscalYear`. */
export function definitionOf(ref: string): string | undefined {
  const match = /^#\/definitions\/([^/]+)$/.exec(ref);
  return match ? match[1] : undefined;
}

/** What a value should be, in an auditor's words. */
export function expectedPhrase(definition: string | undefined, types: readonly string[], label: string | undefined): string {
  switch (definition) {
    case 'fiscalYear':
      return 'a fiscal year (a whole number such as 2017)';
    case 'date':
    case 'optionalDate':
      return 'a date written YYYY-MM-DD, such as 2017-02-28';
    case 'headCount':
    case 'plannedHeadCount':
      return 'a head count (a whole number, 0 or more)';
    case 'month':
      return 'a month number from 1 (January) to 12 (December)';
    case 'quarter':
      return 'a quarter of the fiscal year, 1 to 4';
    case 'id':
      return 'an identifier (short text such as `import-safety`)';
    case 'text':
    case 'optionalText':
      return 'text';
    case 'scalarValue':
      return 'a single value, normally a number';
    case 'owner':
      return 'text naming the official (name and title)';
  }
  const phrases = unique(
    types
      .filter((type) => type !== 'null' || types.length === 1)
      .map((type) => {
        switch (type) {
          case 'string':
            return 'text';
          case 'integer':
            return 'a whole number';
          case 'number':
            return 'a number';
          case 'boolean':
            return '`true` or `false`';
          case 'array':
            return 'a list (entries starting with `- `)';
          case 'object':
            return label ? `${withArticle(lowerFirst(label))} (\`key: value\` lines)` : 'a map of `key: value` lines';
          case 'null':
            return 'empty';
          default:
            return type;
        }
      }),
  );
  return orList(phrases);
}

/** What was found where something else was expected. */
export function describeFound(node: TreeNode): string {
  switch (node.kind) {
    case 'seq':
      return 'a list';
    case 'map':
      return 'a map of `key: value` lines';
    case 'scalar':
      if (typeof node.value === 'string') {
        return `the text ${quoteText(node.value)}`;
      }
      if (typeof node.value === 'number') {
        return `the number ${node.value}`;
      }
      return `\`${String(node.value)}\``;
  }
}

/** A found value inside "(found …)": text quoted, numbers and booleans bare. */
export function foundValue(node: TreeNode): string {
  if (node.kind !== 'scalar') {
    return node.kind === 'seq' ? 'a list' : 'a map';
  }
  if (node.value === null) {
    return 'nothing';
  }
  return typeof node.value === 'string' ? quoteText(node.value) : String(node.value);
}

/** A way out of the commonest type mistakes: a quoted number, or a fiscal year written `FY17`. */
export function typeHint(node: TreeNode, types: readonly string[]): string {
  if (node.kind !== 'scalar' || typeof node.value !== 'string' || !(types.includes('integer') || types.includes('number'))) {
    return '';
  }
  const text = node.value.trim();
  if (/^[-+]?\d+(\.\d+)?$/.test(text)) {
    return ' — remove the quotes';
  }
  const fiscal = /^FY\s?-?(\d{2}|\d{4})$/i.exec(text);
  if (fiscal) {
    return ` — write it as ${fiscal[1].length === 2 ? `20${fiscal[1]}` : fiscal[1]}`;
  }
  return '';
}

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Why a `YYYY-MM-DD` string is not a calendar date: "February 2017 has 28 days", "there is no month 13". */
export function whyNotADate(text: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) {
    return 'not written YYYY-MM-DD';
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) {
    return `there is no month ${month}`;
  }
  if (day < 1) {
    return 'there is no day 0';
  }
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${monthNames[month - 1]} ${year} has ${days} days`;
}

export function isEmptyValue(node: TreeNode): boolean {
  return node.kind === 'scalar' && node.value === null;
}

export function idOf(node: TreeNode | undefined): string | undefined {
  if (node?.kind !== 'map') {
    return undefined;
  }
  const value = getPair(node, 'id')?.value;
  return value?.kind === 'scalar' && value.value !== null && value.value !== '' ? String(value.value) : undefined;
}

/** `goals[0].measures[2].unit` */
export function formatPath(segments: readonly Segment[]): string {
  let path = '';
  for (const segment of segments) {
    path += typeof segment === 'number' ? `[${segment}]` : path === '' ? segment : `.${segment}`;
  }
  return path;
}

export function quotePath(segments: readonly Segment[]): string {
  return segments.length === 0 ? 'The file' : `\`${formatPath(segments)}\``;
}

/** A key in backticks; a very long one (a pasted paragraph, a hostile file) shortened so the message stays readable. */
export function quoteKey(key: string): string {
  return key.length > 80 ? `\`${key.slice(0, 60)}…\` (${key.length.toLocaleString('en-US')} characters)` : `\`${key}\``;
}

export function quoteText(text: string): string {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return `"${shown.replace(/\r?\n/g, ' ')}"`;
}

/** "a", "a or b", "a, b or c". */
export function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** Lower-cases the first letter of a title for use mid-sentence, leaving acronyms (`GAO`, `AD/CVD`) alone. */
export function lowerFirst(text: string): string {
  return /^[A-Z][^A-Z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}

export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

export function last<T>(items: readonly T[]): T {
  return items[items.length - 1];
}

/** The types of an ajv `type` error's `params.type` (an array or a comma-separated string). */
export function typeList(type: unknown): string[] {
  return Array.isArray(type) ? type.map(String) : String(type).split(',');
}

export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
