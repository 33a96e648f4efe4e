/**
 * The plan period: the one definition of the fiscal years a plan covers, shared by the rules, the
 * coverage of portfolio areas and the summary.
 *
 * A period is `start` to `end`, both included, both required (the schema's `fiscalYearRange`). A period
 * with a bound missing or not an integer, or with `end` before `start`, is reported by the schema or
 * `period-invalid`; the rules that compare years with the period stay silent on it rather than guess.
 * Coverage alone reads a one-bound period as that one year (`planLastYear`): GAO-17-618 counts a final
 * one-year plan whichever way its year is written.
 */
import type { Plan } from './model';

/** The bounds of a period as written: either may be missing. */
export interface WrittenPeriod {
  readonly start?: number;
  readonly end?: number;
}

/** A plan period whose bounds are known and in order. */
export interface FiscalPeriod {
  readonly start: number;
  readonly end: number;
}

/** The plan's period when both bounds are integers and `start <= end`; else undefined. */
export function planPeriod(plan: Pick<Plan, 'period'>): FiscalPeriod | undefined {
  const start = plan.period?.start;
  const end = plan.period?.end;
  if (start === undefined || end === undefined || end < start) {
    return undefined;
  }
  return { start, end };
}

/**
 * The plan's last fiscal year, for coverage: `period.end`, or `period.start` for a one-year period
 * written with `start` only; undefined when neither is known or `end` is before `start`.
 */
export function planLastYear(plan: Pick<Plan, 'period'>): number | undefined {
  const start = plan.period?.start;
  const end = plan.period?.end ?? start;
  if (end === undefined || (start !== undefined && end < start)) {
    return undefined;
  }
  return end;
}

/** The number of fiscal years in a period. */
export function periodLength(period: FiscalPeriod): number {
  return period.end - period.start + 1;
}

/** The fiscal years of the plan period, in order, at most `limit` of them; empty when it covers none. */
export function planYears(plan: Pick<Plan, 'period'>, limit = Infinity): number[] {
  const period = planPeriod(plan);
  const years: number[] = [];
  for (let year = period?.start ?? 0; period && year <= period.end && years.length < limit; year++) {
    years.push(year);
  }
  return years;
}

/** "FY2017" for a one-year period, "FY2017–FY2019" otherwise. */
export function formatPeriod(period: FiscalPeriod): string {
  return period.start === period.end ? `FY${period.start}` : `FY${period.start}–FY${period.end}`;
}

/**
 * The period as written, for labels ("FY2011", "FY2010–FY2014"): a missing bound stands for the other,
 * bounds out of order are shown as written; undefined when neither bound is known.
 */
export function formatWrittenPeriod(period: WrittenPeriod | undefined): string | undefined {
  const start = period?.start ?? period?.end;
  const end = period?.end ?? period?.start;
  return start === undefined || end === undefined ? undefined : formatPeriod({ start, end });
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
