/**
 * measure-without-target: a performance measure with no target level and no `target_not_applicable`.
 * GAO-17-618 found exactly this in CBP's Priority Trade Issue plans (recommendation 1). Only a target
 * with a numeric value counts (targetValues.ts): a measure whose targets are all still to fill in (the
 * empty `value:` the quick fix inserts, or `TBD`) keeps its finding, worded for what is left to do.
 */
import type { Fix, TextEdit } from '../findings';
import type { FixTarget, NewLine } from '../fixes';
import { columnOf, insertIntoMap, lineEndOf, renderBlock, renderFlow } from '../fixes';
import type { Measure, Plan } from '../model';
import { allMeasures, describeEntry, entryAnchor } from '../model';
import { planYears } from '../period';
import { targetStanding } from '../targetValues';
import type { AuditedDocument, Rule } from '../rule';
import { spanOf } from '../tree';

/** The most fiscal years a generated `targets:` block lists; longer periods get their first years. */
const maxGeneratedYears = 10;

export const measureWithoutTarget: Rule<Plan> = {
  id: 'measure-without-target',
  title: 'Measure without a target',
  defaultSeverity: 'warning',
  criterion:
    'GAO-17-618 recommendation 1 (include performance targets, when applicable, in addition to measures); GPRA Modernization Act, 31 U.S.C. 1115(b)(1)–(2): goals in an objective, quantifiable and measurable form.',
  kinds: ['plan'],
  check(document, _context, report) {
    const plan = document.model;
    for (const measure of allMeasures(plan)) {
      const standing = targetStanding(measure);
      if (standing === 'numeric' || measure.targetNotApplicablePair) {
        continue;
      }
      if (standing === 'toFillIn') {
        const years = measure.targets.map((target) => target.fiscalYear).filter((year): year is number => year !== undefined);
        const which = years.length === 0 ? '' : ` (${years.map((year) => `FY${year}`).join(', ')})`;
        report({
          span: spanOf(entryAnchor(measure.node)),
          message: `Measure ${describeEntry(measure.id, measure.name)} has targets to fill in: no target${which} has a numeric value yet. Write each target level as a number, or state why a target is not applicable.`,
        });
        continue;
      }
      const years = planYears(plan, maxGeneratedYears);
      const yearsText = years.length === 0 ? 'each fiscal year of the plan' : formatYears(years);
      report({
        span: spanOf(entryAnchor(measure.node)),
        message: `Measure ${describeEntry(measure.id, measure.name)} has no target. Set a target for ${yearsText}, or state why a target is not applicable.`,
        fixes: () => buildFixes(document, measure, years),
      });
    }
  },
};

function formatYears(years: readonly number[]): string {
  return years.length === 1 ? `FY${years[0]}` : `each of FY${years[0]}–FY${years[years.length - 1]}`;
}

function buildFixes(document: AuditedDocument<Plan>, measure: Measure, years: readonly number[]): Fix[] {
  const fixes: Fix[] = [];
  const targetYears = years.length > 0 ? years : [];
  const unitNote = measure.unit ? ` (${measure.unit})` : '';
  const items = targetYears.map((year): NewLine[] => [
    { key: 'fiscal_year', value: String(year) },
    { key: 'value', value: '', comment: `FY${year} target${unitNote}` },
  ]);
  const addTargets = items.length > 0 ? targetsEdit(document, measure, items) : undefined;
  if (addTargets) {
    fixes.push({ title: `Add targets for ${targetYears.length === 1 ? `FY${targetYears[0]}` : `FY${targetYears[0]}–FY${targetYears[targetYears.length - 1]}`}`, isPreferred: true, edits: addTargets });
  }
  if (!measure.targetsPair) {
    const notApplicable = insertIntoMap(document, measure.node, {
      key: 'target_not_applicable',
      value: '""',
      comment: 'state why a target cannot be set (31 U.S.C. 1115(c)(2))',
    });
    if (notApplicable) {
      fixes.push({ title: 'Mark the target not applicable (state the reason)', isPreferred: addTargets === undefined, edits: [notApplicable] });
    }
  }
  return fixes;
}

/**
 * Adds the `targets:` block: as a new key when there is none; as the items of an existing `targets:`
 * whose value is null (`targets:`, `~`, `null`, `!!null ""`), replacing only that null token; or as
 * items written into an empty flow `[]`. Anything else (an anchor on the null, a value on the next line)
 * gets no "Add targets" fix: appending items under a value would break the file.
 */
function targetsEdit(target: FixTarget, measure: Measure, items: NewLine[][]): TextEdit[] | undefined {
  const { text, layout } = target;
  const pair = measure.targetsPair;
  if (!pair) {
    const edit = insertIntoMap(target, measure.node, { key: 'targets', items });
    return edit && [edit];
  }
  const value = pair.value;
  if (value.kind === 'seq' && value.flow && value.items.length === 0 && text[value.start] === '[' && text[value.end - 1] === ']') {
    // Insert-only, between the brackets; the measure keeps its flow `[]` style.
    const flowItems = renderFlow({ key: 'targets', items }).slice('targets: ['.length, -1);
    return [{ offset: value.start + 1, deleteCount: 0, insertText: flowItems }];
  }
  if (value.kind !== 'scalar' || value.value !== null) {
    return undefined;
  }
  const lineEnd = lineEndOf(text, pair.key.end);
  const colon = text.indexOf(':', pair.key.end);
  // The null must sit on the key's line, after the colon, with at most a `!!null` tag before it (no
  // anchor: an alias may use it): then deleting from the colon to its end removes exactly the null token.
  if (colon < 0 || value.end > lineEnd || !/^[ \t]*(!!null(?=[ \t,}]|$)[ \t]*)?$/.test(text.slice(colon + 1, value.start))) {
    return undefined;
  }
  const nullToken = value.end - (colon + 1);
  if (measure.node.flow) {
    return [{ offset: colon + 1, deleteCount: nullToken, insertText: ` ${renderFlow({ key: 'targets', items }).slice('targets: '.length)}` }];
  }
  // In block style, only a comment may follow the null on its line; the items go after it.
  if (!/^[ \t]*(#.*)?$/.test(text.slice(value.end, lineEnd))) {
    return undefined;
  }
  const keyColumn = columnOf(text, pair.key.start);
  const block = renderBlock({ key: 'targets', items }, keyColumn, layout);
  // Keep only the item lines: the key itself is already in the file.
  const firstBreak = block.indexOf(layout.newline, layout.newline.length);
  const addItems: TextEdit = { offset: lineEnd, deleteCount: 0, insertText: block.slice(firstBreak) };
  return nullToken > 0 ? [{ offset: colon + 1, deleteCount: nullToken, insertText: '' }, addItems] : [addItems];
}
