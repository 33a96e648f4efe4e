/**
 * measure-without-data-source: a measure that does not say where its figures come from. The GPRA
 * Modernization Act asks each performance plan to identify "the sources for the data" and how measured
 * values are verified and validated (31 U.S.C. 1115(b)(8)).
 *
 * A missing `data_source` key gets a quick fix that inserts `data_source: ""` with a comment (an empty
 * string, so the schema accepts the file). A key that is present but empty (what the fix leaves behind)
 * is still reported, without a fix: the finding stays until the source is written, and the fix is never
 * offered twice.
 */
import type { TextEdit } from '../findings';
import type { NewEntry } from '../fixes';
import { columnOf, detectLayout, insertIntoMap, lineEndOf, renderBlock, renderFlow } from '../fixes';
import type { Plan } from '../model';
import { allMeasures, describeEntry, entryAnchor } from '../model';
import type { Rule } from '../rule';
import type { MapNode, Pair } from '../tree';
import { getPair, spanOf } from '../tree';

/**
 * How a key stands in a map: `absent`; `empty` (no value, or blank text); `ill-typed` (a map or a
 * sequence where text is expected: the schema reports it, rules stay silent); `present`.
 */
export type KeyState = 'absent' | 'empty' | 'ill-typed' | 'present';

/** The state of a key whose value should be text (or a number). */
/**
 * True for a model field read with `getString` that `textKeyState` would call `present`: any scalar but
 * null and blank text. (`getString` gives undefined for null, maps and sequences.)
 */
export function hasText(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '';
}

export function textKeyState(map: MapNode, key: string): KeyState {
  const pair = getPair(map, key);
  if (!pair) {
    return 'absent';
  }
  const value = pair.value;
  if (value.kind !== 'scalar') {
    return 'ill-typed';
  }
  return value.value === null || (typeof value.value === 'string' && value.value.trim() === '') ? 'empty' : 'present';
}

/**
 * Returns the edit that adds `entry` to `map` on the line after the first of `afterKeys` whose value
 * is a one-line scalar, so a new key lands next to the keys it belongs with (`data_source` after
 * `unit`, `owner` after `office`). Falls back to the end of the map (`insertIntoMap`). Insert-only; the
 * indentation, flow or block style and line endings are the file's own.
 */
export function insertAfterKey(text: string, map: MapNode, afterKeys: readonly string[], entry: NewEntry): TextEdit | undefined {
  const anchor = afterKeys.map((key) => getPair(map, key)).find((pair): pair is Pair => pair !== undefined && isOneLineScalar(text, pair));
  if (!anchor) {
    return insertIntoMap(text, map, entry);
  }
  const valueEnd = Math.max(anchor.value.end, anchor.key.end);
  if (map.flow) {
    return { offset: valueEnd, deleteCount: 0, insertText: `, ${renderFlow(entry)}` };
  }
  const layout = detectLayout(text);
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

/** The comment the fix writes after `data_source:`. */
export const dataSourceComment = 'where the figures come from and how they are verified (31 U.S.C. 1115(b)(8))';

export const measureWithoutDataSource: Rule<Plan> = {
  id: 'measure-without-data-source',
  title: 'Measure without a data source',
  defaultSeverity: 'warning',
  criterion:
    'GPRA Modernization Act, 31 U.S.C. 1115(b)(8)(A)–(B): the plan identifies the sources for the data and the means used to verify and validate measured values; GAO/GGD-10.1.20 (Evaluator’s Guide), core question 3: credible performance information.',
  kinds: ['plan'],
  check(document, _context, report) {
    for (const measure of allMeasures(document.model)) {
      if (hasText(measure.dataSource)) {
        continue; // the usual case, read from the model without another look at the map
      }
      const state = textKeyState(measure.node, 'data_source');
      const label = describeEntry(measure.id, measure.name);
      if (state === 'absent') {
        const edit = insertAfterKey(document.text, measure.node, ['unit', 'name', 'id'], {
          key: 'data_source',
          value: '""',
          comment: dataSourceComment,
        });
        report({
          span: spanOf(entryAnchor(measure.node)),
          message: `Measure ${label} names no data source. Say where its figures come from and how they are verified.`,
          fixes: edit ? [{ title: 'Add `data_source:` (then describe the source)', isPreferred: true, edits: [edit] }] : undefined,
        });
      } else if (state === 'empty') {
        report({
          span: spanOf(getPair(measure.node, 'data_source')!.key),
          message: `Measure ${label} has an empty \`data_source\`. Write where its figures come from and how they are verified.`,
        });
      }
    }
  },
};
