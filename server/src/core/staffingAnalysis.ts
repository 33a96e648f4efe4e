/**
 * Staffing analysis: for each position of a `kind: staffing` file, which reported years fall below the
 * mandated minimum and the optimal range, whether the position is *generally* below them, whether its
 * staffing is declining, and whether it has a staffing gap. Computed once per position (cached on the
 * model object) and shared by the staffing rules, the summary panel and the exports, so that every view
 * says the same thing about a position.
 *
 * The definitions reproduce GAO-17-618 (Tables 5 and 6, pp. 36–38) exactly, no more and no less:
 *
 * - **Below** is strict: an actual equal to the threshold is not below it. Table 5 does not count drawback
 *   specialist FY2013 (37 against a minimum of 37) or financial systems specialist FY2012, FY2013 and
 *   FY2015 (5 against 5).
 * - **Generally below** means below in *more than half* of the years counted: import specialist 4 of 5,
 *   customs auditor 4 of 5, national import specialist 5 of 5, drawback specialist 3 of 5 (the four
 *   positions GAO bolds in Table 5); financial systems specialist, 2 of 5, is not ("below the mandated
 *   levels for 2 out of the 5 fiscal years", not bolded).
 * - **Optimal coverage**: an optimal range counts only in the fiscal years its `fiscal_years` cover
 *   (CBP's Resource Optimization Model: FY2015–2022), and "generally" is counted over the covered
 *   reported years. Entry specialist is below in FY2016 only (431 against 433; 1 of 2), which GAO does not
 *   call out; financial systems specialist is below in both (2 of 2), which GAO does.
 * - **Dated actuals**: the model derives an actual's fiscal year from its `as_of` date when present. Table 6
 *   reports the nonmandated positions "as of October 4, 2014" (note c), which falls in FY2015 with an
 *   October fiscal-year start, the first year of the optimal range: the comparison GAO made (App. II).
 * - **Declining** means three consecutive year-over-year strict falls over the four most recent reported
 *   years, which must be consecutive fiscal years: import specialist 987 → 954 → 936 → 917, customs
 *   auditor 357 → 341 → 330 → 321, national import specialist 87 → 86 → 83 → 77. GAO: staffing levels for
 *   these positions "generally declined"; import specialists were "consistently declining in the last 3
 *   years". Entry specialist (451 → 453 → 441 → 431) and drawback specialist (37 → 35 → 33 → 36) are not.
 * - **Gap**: generally below the mandated minimum or generally below the optimal range: what GAO
 *   recommendation 2 asks a long-term hiring plan to close.
 *
 * Pure: reads the typed model only.
 */
import type { OptimalRange, Position, StaffActual, Staffing } from './model';
import { describeEntry } from './model';

/** One reported fiscal year of a position, judged against its thresholds. */
export interface StaffingYear {
  readonly fiscalYear: number;
  /** The staff on board (or FTE, per the actual's `basis`) counted for this fiscal year. */
  readonly value: number;
  /** The actual entry the figure comes from (its `as_of`, when present, decided the fiscal year). */
  readonly actual: StaffActual;
  /** `value < mandated_minimum` (strictly); false when the position has no mandated minimum. */
  readonly belowMinimum: boolean;
  /** True when the position's optimal range covers this fiscal year (see `optimalCovers`). */
  readonly coveredByOptimal: boolean;
  /** `value < optimal.min` (strictly) in a covered year; false in years the range does not cover. */
  readonly belowOptimal: boolean;
  /** `value > optimal.max` (strictly) in a covered year. Informative only; no rule flags it. */
  readonly aboveOptimal: boolean;
}

/** Why an optimal range contradicts itself or the mandate (`optimal-range-inconsistent`). */
export type OptimalRangeIssue =
  /** `optimal.min > optimal.max`. */
  | 'min-above-max'
  /** `optimal.max < mandated_minimum`: staffing at the optimum would break the mandate (Table 5, Fines, Penalties and Forfeitures: 101–201 against 203). */
  | 'max-below-minimum';

/** Everything the staffing rules and the summary need to know about one position. */
export interface PositionAnalysis {
  readonly position: Position;
  /**
   * The reported years in ascending fiscal-year order: one per fiscal year that has an actual with both
   * a fiscal year (from `as_of` or `fiscal_year`) and a numeric value. When several actuals count for one
   * fiscal year, the last one in the file wins.
   */
  readonly years: readonly StaffingYear[];
  /** The reported years below the mandated minimum (empty without a minimum). */
  readonly yearsBelowMinimum: readonly StaffingYear[];
  /** Below the mandated minimum in more than half of the reported years. */
  readonly generallyBelowMinimum: boolean;
  /** The reported years the optimal range covers (empty without an optimal range with a `min`). */
  readonly coveredYears: readonly StaffingYear[];
  /** The covered years below `optimal.min`. */
  readonly yearsBelowOptimal: readonly StaffingYear[];
  /** Below `optimal.min` in more than half of the covered reported years. */
  readonly generallyBelowOptimal: boolean;
  /** Three consecutive year-over-year strict falls over the four most recent reported years (consecutive fiscal years). */
  readonly declining: boolean;
  /** The four most recent years when `declining`, oldest first; empty otherwise. */
  readonly decliningYears: readonly StaffingYear[];
  /** `generallyBelowMinimum || generallyBelowOptimal`: the gap a hiring plan should close (GAO-17-618 rec 2). */
  readonly gap: boolean;
  /** The most recent reported year, if any. */
  readonly latest?: StaffingYear;
  /** Contradictions in the optimal range itself or against the mandated minimum. */
  readonly optimalIssues: readonly OptimalRangeIssue[];
  /** True when the position has a `hiring_plan` key (whatever its content). */
  readonly hasHiringPlan: boolean;
}

/** How many data points "declining" looks at: three falls need four points. */
export const decliningPoints = 4;

/** "Generally": more than half. 3 of 5 and 1 of 1 are; 2 of 5 and 1 of 2 are not; 0 of 0 is not. */
export function isGenerally(count: number, total: number): boolean {
  return total > 0 && count * 2 > total;
}

/**
 * True when the optimal range applies in `fiscalYear`: inside `fiscal_years.start … end` (inclusive).
 * A missing bound leaves that side open; a range with no `fiscal_years` at all applies in every year.
 */
export function optimalCovers(optimal: OptimalRange | undefined, fiscalYear: number): boolean {
  if (!optimal) {
    return false;
  }
  return (optimal.startYear === undefined || fiscalYear >= optimal.startYear) && (optimal.endYear === undefined || fiscalYear <= optimal.endYear);
}

/**
 * Where a position's analysis is kept: on the position model itself (data of the model, computed on
 * first use and collected with it; never in this module). Not enumerable, so models compare and
 * serialise as before.
 */
const analysisProperty = 'analysis';

/** Analyses one position, once: the staffing rules and the summary all ask for it. */
export function analyzePosition(position: Position): PositionAnalysis {
  const kept = (position as { readonly [analysisProperty]?: PositionAnalysis })[analysisProperty];
  if (kept) {
    return kept;
  }
  const analysis = computePosition(position);
  Object.defineProperty(position, analysisProperty, { value: analysis, enumerable: false, configurable: true });
  return analysis;
}

/** Analyses every position of a staffing file, in file order. */
export function analyzeStaffing(staffing: Staffing): readonly PositionAnalysis[] {
  return staffing.positions.map(analyzePosition);
}

function computePosition(position: Position): PositionAnalysis {
  const minimum = position.mandatedMinimum;
  const optimal = position.optimal;
  const optimalMin = optimal?.min;

  // One figure per fiscal year; the model already sorted actuals by year (stable, so file order within a year).
  const byYear = new Map<number, StaffActual>();
  for (const actual of position.actuals) {
    if (actual.fiscalYear !== undefined && actual.value !== undefined) {
      byYear.set(actual.fiscalYear, actual);
    }
  }
  const years: StaffingYear[] = [...byYear.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([fiscalYear, actual]) => {
      const value = actual.value as number;
      const coveredByOptimal = optimalMin !== undefined && optimalCovers(optimal, fiscalYear);
      return {
        fiscalYear,
        value,
        actual,
        belowMinimum: minimum !== undefined && value < minimum,
        coveredByOptimal,
        belowOptimal: coveredByOptimal && value < optimalMin,
        aboveOptimal: coveredByOptimal && optimal?.max !== undefined && value > optimal.max,
      };
    });

  const yearsBelowMinimum = years.filter((year) => year.belowMinimum);
  const generallyBelowMinimum = minimum !== undefined && isGenerally(yearsBelowMinimum.length, years.length);
  const coveredYears = years.filter((year) => year.coveredByOptimal);
  const yearsBelowOptimal = coveredYears.filter((year) => year.belowOptimal);
  const generallyBelowOptimal = isGenerally(yearsBelowOptimal.length, coveredYears.length);

  const recent = years.slice(-decliningPoints);
  const declining =
    recent.length === decliningPoints &&
    recent.every((year, index) => index === 0 || (year.fiscalYear === recent[index - 1].fiscalYear + 1 && year.value < recent[index - 1].value));

  const optimalIssues: OptimalRangeIssue[] = [];
  if (optimal?.min !== undefined && optimal.max !== undefined && optimal.min > optimal.max) {
    optimalIssues.push('min-above-max');
  }
  if (optimal?.max !== undefined && minimum !== undefined && optimal.max < minimum) {
    optimalIssues.push('max-below-minimum');
  }

  return {
    position,
    years,
    yearsBelowMinimum,
    generallyBelowMinimum,
    coveredYears,
    yearsBelowOptimal,
    generallyBelowOptimal,
    declining,
    decliningYears: declining ? recent : [],
    gap: generallyBelowMinimum || generallyBelowOptimal,
    latest: years[years.length - 1],
    optimalIssues,
    hasHiringPlan: position.hiringPlanPair !== undefined,
  };
}

/** A head count as GAO prints it: 1748 → "1,748". */
export function formatCount(value: number): string {
  const sign = value < 0 ? '-' : '';
  const [whole, fraction] = String(Math.abs(value)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + grouped + (fraction !== undefined ? `.${fraction}` : '');
}

/** "FY2014 954" — a year and its figure, with the `as_of` date when it decided the fiscal year ("FY2015 862 as of 2014-10-04"). */
export function formatYearFigure(year: StaffingYear): string {
  return `FY${year.fiscalYear} ${formatCount(year.value)}${year.actual.asOf ? ` as of ${year.actual.asOf}` : ''}`;
}

/**
 * "4 of 5 reported years", "all 5 reported years", "both reported years", "the only reported year";
 * `qualifier` follows the noun ("the range covers").
 */
export function countYears(count: number, total: number, qualifier = ''): string {
  const tail = qualifier ? ` ${qualifier}` : '';
  if (total === 1) {
    return `the only reported year${tail}`;
  }
  if (count === total) {
    return total === 2 ? `both reported years${tail}` : `all ${total} reported years${tail}`;
  }
  return `${count} of ${total} reported years${tail}`;
}

/** "984–1,748 (FY2015–FY2022)" — an optimal range with the years it covers, as far as known. */
export function formatOptimalRange(optimal: OptimalRange): string {
  const bounds =
    optimal.min !== undefined && optimal.max !== undefined
      ? `${formatCount(optimal.min)}–${formatCount(optimal.max)}`
      : optimal.min !== undefined
        ? `from ${formatCount(optimal.min)}`
        : optimal.max !== undefined
          ? `up to ${formatCount(optimal.max)}`
          : '(no bounds)';
  const { startYear, endYear } = optimal;
  const years =
    startYear !== undefined && endYear !== undefined
      ? startYear === endYear
        ? ` (FY${startYear})`
        : ` (FY${startYear}–FY${endYear})`
      : startYear !== undefined
        ? ` (from FY${startYear})`
        : endYear !== undefined
          ? ` (through FY${endYear})`
          : '';
  return bounds + years;
}

/** How messages name a position: "Position `import-specialist` (“Import specialist”)". */
export function describePosition(position: Position): string {
  return `Position ${describeEntry(position.id, position.title)}`;
}

/** "FY2012 983, FY2014 954 and FY2016 917". */
export function listYearFigures(years: readonly StaffingYear[]): string {
  const parts = years.map(formatYearFigure);
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
