/**
 * target-outside-period: a target whose `fiscal_year` lies outside the plan's `period`. Such a target
 * belongs to another plan (or carries a typo), and a reader comparing the plan's years finds it nowhere.
 */
import type { Plan } from '../model';
import { allMeasures, describeEntry } from '../model';
import type { Rule } from '../rule';
import { getPair, spanOf } from '../tree';

/** A plan period whose bounds are both known and in order (`period-invalid` reports the others). */
export interface FiscalPeriod {
  readonly start: number;
  readonly end: number;
}

/** The plan's period when `start` and `end` are both integers and `start <= end`; else undefined. */
export function planPeriod(plan: Plan): FiscalPeriod | undefined {
  const start = plan.period?.start;
  const end = plan.period?.end;
  if (start === undefined || end === undefined || end < start) {
    return undefined;
  }
  return { start, end };
}

/** "FY2017" for a one-year period, "FY2017–FY2019" otherwise. */
export function formatPeriod(period: FiscalPeriod): string {
  return period.start === period.end ? `FY${period.start}` : `FY${period.start}–FY${period.end}`;
}

/**
 * Lists fiscal years for a message: "FY2018", "FY2018 and FY2019", "FY2017, FY2019 and FY2021";
 * runs of three or more become ranges ("FY2018–FY2021").
 */
export function formatFiscalYears(years: readonly number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let index = 0; index < sorted.length; ) {
    let last = index;
    while (last + 1 < sorted.length && sorted[last + 1] === sorted[last] + 1) {
      last++;
    }
    if (last - index >= 2) {
      parts.push(`FY${sorted[index]}–FY${sorted[last]}`);
    } else {
      for (let year = index; year <= last; year++) {
        parts.push(`FY${sorted[year]}`);
      }
    }
    index = last + 1;
  }
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

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
