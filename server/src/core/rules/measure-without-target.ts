/**
 * measure-without-target: a performance measure with no `targets` and no `target_not_applicable`.
 * GAO-17-618 found exactly this in CBP's Priority Trade Issue plans (recommendation 1).
 */
import type { Fix, TextEdit } from '../findings';
import { columnOf, detectLayout, insertIntoMap, lineEndOf, renderBlock } from '../fixes';
import type { Measure, Plan } from '../model';
import { allMeasures, describeEntry, entryAnchor } from '../model';
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
      if (hasTargets(measure) || measure.targetNotApplicablePair) {
        continue;
      }
      const years = planYears(plan);
      const yearsText = years.length === 0 ? 'each fiscal year of the plan' : formatYears(years);
      report({
        span: spanOf(entryAnchor(measure.node)),
        message: `Measure ${describeEntry(measure.id, measure.name)} has no target. Set a target for ${yearsText}, or state why a target is not applicable.`,
        fixes: () => buildFixes(document, measure, years),
      });
    }
  },
};

function hasTargets(measure: Measure): boolean {
  return measure.targets.length > 0;
}

/** The fiscal years of the plan period, in order; empty when the period is missing or malformed. */
export function planYears(plan: Plan): number[] {
  const start = plan.period?.start;
  const end = plan.period?.end ?? start;
  if (start === undefined || end === undefined || end < start) {
    return [];
  }
  const years: number[] = [];
  for (let year = start; year <= end && years.length < maxGeneratedYears; year++) {
    years.push(year);
  }
  return years;
}

function formatYears(years: readonly number[]): string {
  return years.length === 1 ? `FY${years[0]}` : `each of FY${years[0]}–FY${years[years.length - 1]}`;
}

function buildFixes(document: AuditedDocument<Plan>, measure: Measure, years: readonly number[]): Fix[] {
  const fixes: Fix[] = [];
  const targetYears = years.length > 0 ? years : [];
  const unitNote = measure.unit ? ` (${measure.unit})` : '';
  const items = targetYears.map((year) => [
    { key: 'fiscal_year', value: String(year) },
    { key: 'value', value: '', comment: `FY${year} target${unitNote}` },
  ]);
  const addTargets = items.length > 0 ? targetsEdit(document.text, measure, items) : undefined;
  if (addTargets) {
    fixes.push({ title: `Add targets for ${targetYears.length === 1 ? `FY${targetYears[0]}` : `FY${targetYears[0]}–FY${targetYears[targetYears.length - 1]}`}`, isPreferred: true, edits: [addTargets] });
  }
  if (!measure.targetsPair) {
    const notApplicable = insertIntoMap(document.text, measure.node, {
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
 * Adds the `targets:` block: as a new key when there is none, or as the items of an existing empty
 * `targets:` key (block style only; an empty flow `[]` is left to the auditor).
 */
function targetsEdit(text: string, measure: Measure, items: { key: string; value: string; comment?: string }[][]): TextEdit | undefined {
  const pair = measure.targetsPair;
  if (!pair) {
    return insertIntoMap(text, measure.node, { key: 'targets', items });
  }
  const value = pair.value;
  if (value.kind !== 'scalar' || value.value !== null || measure.node.flow) {
    return undefined;
  }
  const layout = detectLayout(text);
  const keyColumn = columnOf(text, pair.key.start);
  const block = renderBlock({ key: 'targets', items }, keyColumn, layout);
  // Keep only the item lines: the key itself is already in the file.
  const firstBreak = block.indexOf(layout.newline, layout.newline.length);
  return { offset: lineEndOf(text, pair.key.end), deleteCount: 0, insertText: block.slice(firstBreak) };
}
