/**
 * target-missing-for-year: a measure that has targets, but not for every fiscal year of the plan
 * period. Reported once per measure, on its `targets` key, with the missing years listed. (A measure
 * with no target at all is `measure-without-target`'s finding.)
 *
 * The quick fix inserts an entry for each missing year into the existing `targets` sequence, in year
 * order when the existing entries are in year order (else at the end), copying the entries' own layout:
 * block or flow sequence, dash column and indentation, block or flow items, line endings.
 */
import type { Fix, TextEdit } from '../findings';
import type { FixTarget } from '../fixes';
import { columnOf, lineEndOf } from '../fixes';
import type { Measure, Plan } from '../model';
import { allMeasures, describeEntry } from '../model';
import type { Rule } from '../rule';
import type { TreeNode } from '../tree';
import { formatFiscalYears, formatPeriod, planPeriod } from '../period';
import { spanOf } from '../tree';

/** Longer periods are left alone (a typo such as `end: 20177`); the schema bounds fiscal years anyway. */
const maxPeriodYears = 100;
/** The fix adds at most this many entries; beyond it the auditor should write the targets deliberately. */
const maxGeneratedEntries = 20;

export const targetMissingForYear: Rule<Plan> = {
  id: 'target-missing-for-year',
  title: 'Year of the plan period without a target',
  defaultSeverity: 'information',
  criterion:
    'GAO/GGD/AIMD-99-69 (Agency Performance Plans: Examples of Practices): "identifying projected target levels of performance for multiyear goals"; GPRA Modernization Act, 31 U.S.C. 1115(b)(1): performance goals define the level of performance to be achieved in each fiscal year the plan addresses (the year it is submitted and the next).',
  kinds: ['plan'],
  check(document, _context, report) {
    const plan = document.model;
    const period = planPeriod(plan);
    if (!period || period.end - period.start >= maxPeriodYears) {
      return;
    }
    for (const measure of allMeasures(plan)) {
      if (measure.targets.length === 0 || !measure.targetsPair) {
        continue;
      }
      // A plan period is a few years and a measure has a target for each: a scan beats a Set here.
      let missing: number[] | undefined;
      for (let year = period.start; year <= period.end; year++) {
        if (!hasTargetFor(measure, year)) {
          (missing ??= []).push(year);
        }
      }
      if (!missing) {
        continue;
      }
      const edits = missingYearEdits(document, measure, missing);
      const fix: Fix | undefined = edits ? { title: `Add targets for ${formatFiscalYears(missing)}`, isPreferred: true, edits } : undefined;
      report({
        span: spanOf(measure.targetsPair.key),
        message: `Measure ${describeEntry(measure.id, measure.name)} has no target for ${formatFiscalYears(missing)} of the plan period ${formatPeriod(period)}. Set a target for each year the plan covers.`,
        fixes: fix ? [fix] : undefined,
      });
    }
  },
};

function hasTargetFor(measure: Measure, year: number): boolean {
  for (const target of measure.targets) {
    if (target.fiscalYear === year) {
      return true;
    }
  }
  return false;
}

/**
 * The edits that add `{fiscal_year, value}` entries for `missing` years to the measure's `targets`
 * sequence; undefined when the sequence's layout cannot be copied safely.
 */
function missingYearEdits(target: FixTarget, measure: Measure, missing: readonly number[]): TextEdit[] | undefined {
  const sequence = measure.targetsPair?.value;
  if (sequence?.kind !== 'seq' || missing.length > maxGeneratedEntries) {
    return undefined;
  }
  const items = sequence.items;
  if (items.length === 0 || items.length !== measure.targets.length || !items.every((item) => item.kind === 'map')) {
    return undefined;
  }
  const years = measure.targets.map((target) => target.fiscalYear);
  const inOrder = years.every((year, index) => year !== undefined && (index === 0 || year >= (years[index - 1] as number)));
  // Group the missing years by the index of the entry they go before (items.length: at the end).
  const groups = new Map<number, number[]>();
  for (const year of missing) {
    const before = inOrder ? years.findIndex((existing) => (existing as number) > year) : -1;
    const index = before < 0 ? items.length : before;
    groups.set(index, [...(groups.get(index) ?? []), year]);
  }
  const unitNote = measure.unit ? ` (${measure.unit})` : '';
  const edits: TextEdit[] = [];
  for (const [index, groupYears] of groups) {
    const edit = sequence.flow ? flowEdit(items, index, groupYears) : blockEdit(target, items, index, groupYears, unitNote);
    if (!edit) {
      return undefined;
    }
    edits.push(edit);
  }
  return edits.sort((a, b) => a.offset - b.offset);
}

/** `[{…}, {…}]`: new items go before entry `index` or after the last one. */
function flowEdit(items: readonly TreeNode[], index: number, years: readonly number[]): TextEdit {
  const entries = years.map((year) => `{fiscal_year: ${year}, value: null}`);
  if (index < items.length) {
    return { offset: items[index].start, deleteCount: 0, insertText: entries.map((entry) => `${entry}, `).join('') };
  }
  return { offset: items[items.length - 1].end, deleteCount: 0, insertText: entries.map((entry) => `, ${entry}`).join('') };
}

/**
 * A block sequence: new items go on the lines after entry `index − 1` (so comments above the next entry
 * stay with it), or before the first entry when `index` is 0. Each copies the neighbouring entry's dash
 * column, the gap after the dash, and its block or flow style.
 */
function blockEdit(target: FixTarget, items: readonly TreeNode[], index: number, years: readonly number[], unitNote: string): TextEdit | undefined {
  const { text, layout } = target;
  const template = items[index === 0 ? 0 : index - 1];
  const dash = dashOffset(text, template.start);
  if (dash === undefined || template.kind !== 'map') {
    return undefined;
  }
  const { newline } = layout;
  const dashColumn = columnOf(text, dash);
  const contentColumn = columnOf(text, template.start);
  const head = ' '.repeat(dashColumn) + '-' + ' '.repeat(Math.max(1, contentColumn - dashColumn - 1));
  const lines = years.map((year) => {
    const comment = `  # FY${year} target${unitNote}`;
    return template.flow
      ? `${head}{fiscal_year: ${year}, value: null}${comment}`
      : `${head}fiscal_year: ${year}${newline}${' '.repeat(contentColumn)}value:${comment}`;
  });
  if (index === 0) {
    return { offset: dash - dashColumn, deleteCount: 0, insertText: lines.map((line) => line + newline).join('') };
  }
  const end = lineEndOf(text, Math.max(template.end - 1, template.start));
  return { offset: end, deleteCount: 0, insertText: lines.map((line) => newline + line).join('') };
}

/** The offset of the `-` that introduces the item starting at `itemStart`, when it opens its line. */
function dashOffset(text: string, itemStart: number): number | undefined {
  let offset = itemStart - 1;
  while (offset >= 0 && text[offset] === ' ') {
    offset--;
  }
  if (offset < 0 || text[offset] !== '-') {
    return undefined;
  }
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^ *$/.test(text.slice(lineStart, offset)) ? offset : undefined;
}
