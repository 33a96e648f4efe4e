/**
 * The shape of the portfolio summary (summary.ts): plain, JSON-serialisable data the webview, the
 * exports and `plan-audit summary` read; and the labels shown with every status.
 */
import type { Finding, Severity, Span } from './findings';
import type { CoverageStatus, PlanStanding } from './coverage';
import type { PlanKind } from './model';
import type { AuditContext } from './rule';
import type { OptimalRangeIssue } from './staffingAnalysis';

/** A 0-based line and UTF-16 character, as in LSP. */
export interface SummaryPosition {
  readonly line: number;
  readonly character: number;
}

/** Where a row comes from. `range` is filled at the edge (server, CLI) from `span`. */
export interface SourceLocation {
  readonly uri: string;
  readonly span: Span;
  readonly range?: { readonly start: SummaryPosition; readonly end: SummaryPosition };
}

/** One plan-audit file the summary was built from. */
export interface SummaryFile {
  readonly uri: string;
  readonly kind: PlanKind;
  /** Unsuppressed findings by severity, and the number suppressed by exceptions, when findings were given. */
  readonly findings?: Readonly<Record<Severity, number>> & { readonly suppressed: number };
}

/** Labels shown with every status, so no status is told by colour alone. */
export const coverageStatusLabels: Readonly<Record<CoverageStatus, string>> = { current: 'Current', outdated: 'Outdated', missing: 'Missing' };
export const planStandingLabels: Readonly<Record<PlanStanding, string>> = { current: 'Current', outdated: 'Outdated', undated: 'Final, no period', draft: 'Draft (does not count)' };
/**
 * `targets`: at least one target with a numeric value; `toFillIn`: target entries but none with a
 * numeric value yet (an empty `value:` the quick fix inserted, or `TBD`); `justified`: a stated reason
 * instead of targets; `lacking`: no target at all.
 */
export type TargetState = 'targets' | 'toFillIn' | 'justified' | 'lacking';
export const targetStateLabels: Readonly<Record<TargetState, string>> = { targets: 'Has targets', toFillIn: 'Targets to fill in', justified: 'Justified exception', lacking: 'No target' };

/** A plan as listed under its area (Table 11). */
export interface SummaryPlan {
  readonly id?: string;
  readonly title?: string;
  readonly type?: string;
  readonly status?: string;
  readonly period?: { readonly start?: number; readonly end?: number };
  /** "FY2011" or "FY2013–FY2018". */
  readonly periodLabel?: string;
  readonly standing: PlanStanding;
  readonly standingLabel: string;
  readonly location: SourceLocation;
}

/** One issue area of the portfolio: GAO-17-618 Table 11. */
export interface CoverageRow {
  readonly areaId: string;
  readonly title?: string;
  readonly status: CoverageStatus;
  readonly statusLabel: string;
  /** A Table-11 style sentence: which plans govern the area, and which drafts do not count. */
  readonly description: string;
  /** Every plan naming the area, latest first (drafts included). */
  readonly plans: readonly SummaryPlan[];
  readonly location: SourceLocation;
}

export interface CoverageSummary {
  readonly hasPortfolio: boolean;
  readonly counts: Readonly<Record<CoverageStatus, number>>;
  readonly rows: readonly CoverageRow[];
  /** Plans whose `issue_area` is not an area of the portfolio. */
  readonly unknownAreaPlans: readonly (SummaryPlan & { readonly issueArea?: string })[];
}

/** One measure of a plan, judged for targets. */
export interface MeasureTargets {
  readonly id?: string;
  readonly name?: string;
  readonly state: TargetState;
  readonly stateLabel: string;
  /** The recorded reason of a justified exception (`target_not_applicable`, or an exception comment). */
  readonly reason?: string;
  /** Fiscal years that have a target with a numeric value. */
  readonly targetYears: readonly number[];
  /** Fiscal years whose target has no numeric value yet. */
  readonly toFillInYears: readonly number[];
  readonly location: SourceLocation;
}

/** Targets of one plan: how many measures, with targets, with targets to fill in, justified exceptions, lacking. */
export interface TargetsRow {
  readonly planId?: string;
  readonly planTitle?: string;
  readonly issueArea?: string;
  readonly type?: string;
  readonly periodLabel?: string;
  readonly standing: PlanStanding;
  readonly standingLabel: string;
  readonly measures: number;
  /** Measures with at least one target whose value is a number: the only ones that have targets. */
  readonly withTargets: number;
  /** Measures whose targets all lack a numeric value (placeholders): not counted as with targets. */
  readonly toFillIn: number;
  readonly justified: number;
  readonly lacking: number;
  readonly measureRows: readonly MeasureTargets[];
  readonly location: SourceLocation;
}

export interface TargetsSummary {
  readonly totals: {
    readonly plans: number;
    readonly measures: number;
    readonly withTargets: number;
    readonly toFillIn: number;
    readonly justified: number;
    readonly lacking: number;
  };
  readonly rows: readonly TargetsRow[];
}

/** One reported fiscal year of a position (a cell of Table 5 or 6). */
export interface StaffingCell {
  readonly fiscalYear: number;
  readonly value: number;
  /** The `as_of` date that decided the fiscal year, when there is one (Table 6: 2014-10-04 counts as FY2015). */
  readonly asOf?: string;
  readonly belowMinimum: boolean;
  readonly coveredByOptimal: boolean;
  readonly belowOptimal: boolean;
  readonly aboveOptimal: boolean;
  readonly location: SourceLocation;
}

/** One position: a row of Table 5 (mandated) or Table 6 (not mandated). */
export interface StaffingRow {
  readonly positionId?: string;
  readonly title?: string;
  readonly office?: string;
  readonly mandatedMinimum?: number;
  readonly mandate?: string;
  readonly optimal?: { readonly min?: number; readonly max?: number; readonly startYear?: number; readonly endYear?: number; readonly label: string };
  /** The reported years in ascending order. */
  readonly actuals: readonly StaffingCell[];
  readonly yearsReported: number;
  readonly yearsBelowMinimum: number;
  readonly generallyBelowMinimum: boolean;
  readonly yearsCovered: number;
  readonly yearsBelowOptimal: number;
  readonly generallyBelowOptimal: boolean;
  readonly declining: boolean;
  /** Generally below the minimum or the optimum (what a hiring plan should close; GAO-17-618 rec. 2). */
  readonly gap: boolean;
  readonly hasHiringPlan: boolean;
  readonly optimalIssues: readonly OptimalRangeIssue[];
  /** Short labels for the flags ("Generally below minimum", "Declining", …); empty when none. */
  readonly flagLabels: readonly string[];
  readonly location: SourceLocation;
}

/** Table 5 (`mandated`: positions with a mandated minimum) or Table 6 (`nonmandated`). */
export interface StaffingTable {
  readonly kind: 'mandated' | 'nonmandated';
  readonly title: string;
  /** Every fiscal year reported by a row of this table, ascending: the table's year columns. */
  readonly fiscalYears: readonly number[];
  readonly rows: readonly StaffingRow[];
}

export interface StaffingSummary {
  readonly counts: {
    readonly positions: number;
    readonly generallyBelowMinimum: number;
    readonly generallyBelowOptimal: number;
    readonly declining: number;
    readonly gapsWithoutHiringPlan: number;
  };
  readonly tables: readonly StaffingTable[];
}

/** One recommendation. */
export interface RecommendationRow {
  readonly id?: string;
  readonly report?: string;
  readonly source?: string;
  readonly issued?: string;
  readonly topic?: string;
  readonly status?: string;
  readonly agencyResponse?: string;
  /** Whole years from `issued` to the review date. */
  readonly ageYears?: number;
  /** The threshold that applies to its source (4 for GAO); absent when the source is not judged by age (DHS OIG). */
  readonly thresholdYears?: number;
  /** The date after which it counts as open too long (`issued` + threshold). */
  readonly thresholdDate?: string;
  readonly openTooLong: boolean;
  readonly location: SourceLocation;
}

export interface RecommendationsSummary {
  readonly total: number;
  readonly open: number;
  readonly openTooLong: number;
  /** Open items by whole years since issue, ascending by age. */
  readonly openByAge: readonly { readonly ageYears: number; readonly count: number }[];
  /** Open items, oldest first. */
  readonly rows: readonly RecommendationRow[];
}

/** The summary of one portfolio scope (a portfolio and the files in its folder and below). */
export interface PlanAuditSummary {
  /** Stable id of the scope: the portfolio's uri, or `''` for files under no portfolio. */
  readonly scopeId: string;
  /** The portfolio's title, else "Files without a portfolio". */
  readonly scopeLabel: string;
  readonly reviewDate: string;
  readonly reviewFiscalYear: number;
  readonly fiscalYearStartMonth: number;
  readonly portfolio?: { readonly id?: string; readonly title?: string; readonly location: SourceLocation };
  readonly files: readonly SummaryFile[];
  readonly coverage: CoverageSummary;
  readonly targets: TargetsSummary;
  readonly staffing: StaffingSummary;
  readonly recommendations: RecommendationsSummary;
}

/** Every scope of a workspace. */
export interface PlanAuditSummaryReport {
  readonly scopes: readonly PlanAuditSummary[];
}

/** The part of the audit context the summary depends on. */
export type SummaryContext = Pick<AuditContext, 'reviewDate' | 'reviewFiscalYear' | 'fiscalYearStartMonth'>;

export interface SummaryOptions {
  /** Findings per uri (from `auditDocument`), to count them per file. */
  readonly findingsByUri?: ReadonlyMap<string, readonly Finding[]>;
}

/** A location of the summary: a copy of the span, so the summary holds no tree node. */
export function locationOf(uri: string, span: Span): SourceLocation {
  return { uri, span: [span[0], span[1]] };
}
