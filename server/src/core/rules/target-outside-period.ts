/**
 * target-outside-period: a target whose `fiscal_year` lies outside the plan's `period`. Such a target
 * belongs to another plan (or carries a typo), and a reader comparing the plan's years finds it nowhere.
 */
import type { Plan } from '../model';
import { allMeasures, describeEntry } from '../model';
import type { Rule } from '../rule';
import { formatPeriod, planPeriod } from '../period';
import { getPair, spanOf } from '../tree';

export const targetOutsidePeriod: Rule<Plan> = {
  id: 'target-outside-period',
  title: 'Target year outside the plan period',
  defaultSeverity: 'warning',
  criterion:
    'Consistency with the plan period: a target belongs to the plan that covers its fiscal year. GPRA Modernization Act, 31 U.S.C. 1115(b)(1): performance goals define the level of performance to be achieved in the fiscal years a plan addresses.',
  kinds: ['plan'],
  check(document, _context, report) {
    const plan = document.model;
    const period = planPeriod(plan);
    if (!period) {
      return;
    }
    for (const measure of allMeasures(plan)) {
      for (const target of measure.targets) {
        const year = target.fiscalYear;
        if (year === undefined || (year >= period.start && year <= period.end)) {
          continue;
        }
        const yearNode = getPair(target.node, 'fiscal_year')?.value;
        if (!yearNode) {
          continue;
        }
        report({
          span: spanOf(yearNode),
          message: `Measure ${describeEntry(measure.id, measure.name)} has a target for FY${year}, outside the plan period ${formatPeriod(period)}. Correct the year, or move the target to the plan that covers FY${year}.`,
        });
      }
    }
  },
};
