/**
 * measure-without-baseline: a measure with targets but no baseline, so nobody can tell whether a target
 * asks for improvement or for less than is already achieved.
 *
 * A missing `baseline` key gets a quick fix that inserts `baseline:` with `fiscal_year: <period start −
 * 1>` and an empty `value:`. A baseline that is present but has no value (what the fix leaves behind) is
 * still reported, on its key and without a fix, until the figure is written.
 */
import type { Measure, Plan } from '../model';
import { allMeasures, describeEntry, entryAnchor } from '../model';
import { insertAfterKey } from '../fixes';
import type { Rule } from '../rule';
import { getPair, spanOf } from '../tree';
import { planPeriod } from '../period';
import { minOf } from '../arrays';
import { hasNumericValue } from '../targetValues';

export const measureWithoutBaseline: Rule<Plan> = {
  id: 'measure-without-baseline',
  title: 'Measure with targets but no baseline',
  defaultSeverity: 'information',
  criterion:
    'GAO/GGD/AIMD-99-69 (Agency Performance Plans: Examples of Practices That Can Improve Usefulness to Decisionmakers): "showing baseline and trend data for past performance"; GPRA Modernization Act, 31 U.S.C. 1115(b)(7): a basis for comparing actual results with the goals.',
  kinds: ['plan'],
  check(document, _context, report) {
    const plan = document.model;
    for (const measure of allMeasures(plan)) {
      // Targets still to fill in (no numeric value) have nothing to judge against a baseline yet.
      if (!measure.targets.some(hasNumericValue) || hasBaselineValue(measure)) {
        continue;
      }
      const label = describeEntry(measure.id, measure.name);
      const pair = getPair(measure.node, 'baseline');
      if (!pair) {
        const year = baselineYear(plan, measure);
        const unitNote = measure.unit ? ` (${measure.unit})` : '';
        const edit =
          year === undefined
            ? undefined
            : insertAfterKey(document, measure.node, ['data_source', 'unit', 'name', 'id'], {
                key: 'baseline',
                map: [
                  { key: 'fiscal_year', value: String(year) },
                  { key: 'value', value: '', comment: `FY${year} actual${unitNote}, the level the targets are compared with` },
                ],
              });
        report({
          span: spanOf(entryAnchor(measure.node)),
          message: `Measure ${label} has targets but no baseline. Record the latest actual before the plan period, so the targets can be judged against it.`,
          fixes: edit ? [{ title: `Add a baseline for FY${year}`, isPreferred: true, edits: [edit] }] : undefined,
        });
        continue;
      }
      const baseline = pair.value;
      if (baseline.kind === 'scalar' && baseline.value === null) {
        report({ span: spanOf(pair.key), message: `Measure ${label} has an empty \`baseline\`. Give its fiscal year and value.` });
        continue;
      }
      if (baseline.kind !== 'map' || !measure.baseline) {
        continue; // text or a list: the schema reports the shape
      }
      const valuePair = getPair(baseline, 'value');
      const value = measure.baseline.value;
      if (!valuePair || value === null || (typeof value === 'string' && value.trim() === '')) {
        const year = measure.baseline.fiscalYear !== undefined ? ` for FY${measure.baseline.fiscalYear}` : '';
        report({
          span: spanOf((valuePair ?? pair).key),
          message: `The baseline${year} of measure ${label} has no value. Write the actual the targets are compared with.`,
        });
      }
    }
  },
};

/** The year before the plan period (else before the earliest target); undefined when neither is known. */
/**
 * The usual case, read from the model: a `baseline` map (the first `baseline` key, as `getPair` finds it)
 * with a `value` that is not null or blank. Nothing below reports on such a measure.
 */
function hasBaselineValue(measure: Measure): boolean {
  const value = measure.baseline?.value;
  return measure.baseline?.valueNode !== undefined && value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

function baselineYear(plan: Plan, measure: Measure): number | undefined {
  const start = planPeriod(plan)?.start;
  if (start !== undefined) {
    return start - 1;
  }
  const years = measure.targets.map((target) => target.fiscalYear).filter((year): year is number => year !== undefined);
  return years.length > 0 ? minOf(years, 0) - 1 : undefined;
}
