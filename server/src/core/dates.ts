/**
 * Calendar dates and fiscal years. Dates are `YYYY-MM-DD` strings throughout the core, compared as
 * calendar days in UTC, so no rule depends on the machine's time zone or the wall clock.
 */

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (2017-02-30 is not one). */
export function isIsoDate(text: string): boolean {
  const match = isoDatePattern.exec(text);
  if (!match) {
    return false;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) {
    return false;
  }
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Splits a valid ISO date into numbers. The caller checks validity with `isIsoDate` first. */
export function dateParts(text: string): { year: number; month: number; day: number } {
  const match = isoDatePattern.exec(text);
  if (!match) {
    throw new RangeError(`not a YYYY-MM-DD date: ${text}`);
  }
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/**
 * The fiscal year a date falls in. A fiscal year is named by the calendar year it ends in: with the
 * default start month 10 (October), 2016-10-01 … 2017-09-30 is FY2017 (31 U.S.C. 1102).
 */
export function fiscalYearOfDate(text: string, startMonth: number): number {
  const { year, month } = dateParts(text);
  return startMonth === 1 || month < startMonth ? year : year + 1;
}

/**
 * Adds whole calendar years to a date; 29 February becomes 28 February in a common year.
 * Used by the "open more than N years" rule: open too long means `review > addYears(issued, N)`.
 */
export function addYears(text: string, years: number): string {
  const { year, month, day } = dateParts(text);
  const target = year + years;
  const clampedDay = Math.min(day, daysInMonth(target, month));
  return `${String(target).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(clampedDay).padStart(2, '0')}`;
}

/** Today's date in UTC as `YYYY-MM-DD`. Only the edges (CLI, server settings) call this; rules never do. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Whole years between two dates (floor), for messages such as "open 5 years". */
export function wholeYearsBetween(from: string, to: string): number {
  const a = dateParts(from);
  const b = dateParts(to);
  let years = b.year - a.year;
  if (b.month < a.month || (b.month === a.month && b.day < a.day)) {
    years--;
  }
  return years;
}
