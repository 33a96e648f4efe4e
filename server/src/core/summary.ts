/**
 * The portfolio summary behind the summary panel, its exports and `plan-audit summary`: review date and
 * source files; coverage per issue area (GAO-17-618 Table 11); targets per plan; staffing per position
 * (Tables 5 and 6); open recommendations by age.
 *
 * The judgements come from the modules the rules use, so the summary and the findings never disagree:
 * coverage from `coverage.ts`, staffing from `staffingAnalysis.ts`, the age threshold from the
 * `recommendation-open-too-long` rule, the exception comments from `suppressions.ts`.
 *
 * Pure and JSON-serialisable: the result holds plain data only (no tree nodes). Every row carries its
 * `location` (`{uri, span}`, offsets); the edges fill in `range` (0-based lines) with
 * `resolveSummaryLocations`, so the webview and the exports can name and open the exact YAML node.
 */
import type { Finding, Severity, Span } from './findings';
import type { AnalyzedDocument, AuditSettings } from './analyze';
import { createAuditContext, groupByPortfolioScope, knownRuleIds } from './analyze';
import type { AreaCoverage, CoveredPlan, CoverageStatus, PlanStanding } from './coverage';
import { compareUris, computeCoverage, planDocuments, planStanding, portfolioDocuments } from './coverage';
import { addYears, isIsoDate, todayIso, wholeYearsBetween } from './dates';
import type { Measure, Plan, PlanKind, Position, Recommendations, Staffing } from './model';
import { allMeasures, entryAnchor } from './model';
import { formatWrittenPeriod } from './period';
import type { AuditContext, AuditedDocument, WorkspaceView } from './rule';
import type { OptimalRangeIssue, PositionAnalysis } from './staffingAnalysis';
import { analyzePosition, formatOptimalRange } from './staffingAnalysis';
import { openTooLongYears } from './rules/recommendation-open-too-long';
import { applySuppressions } from './suppressions';
import { hasNumericValue, targetStanding } from './targetValues';
import { getNode, getPair, spanOf } from './tree';

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

/** Computes the summary of one portfolio scope. */
export function computeSummary(workspace: WorkspaceView, context: SummaryContext, options: SummaryOptions = {}): PlanAuditSummary {
  const portfolio = portfolioDocuments(workspace)[0];
  return {
    scopeId: portfolio?.uri ?? '',
    scopeLabel: portfolio?.model.title ?? portfolio?.model.id ?? 'Files without a portfolio',
    reviewDate: context.reviewDate,
    reviewFiscalYear: context.reviewFiscalYear,
    fiscalYearStartMonth: context.fiscalYearStartMonth,
    portfolio: portfolio
      ? { id: portfolio.model.id, title: portfolio.model.title, location: at(portfolio.uri, spanOf(entryAnchor(portfolio.model.node, ['title', 'id']))) }
      : undefined,
    files: summarizeFiles(workspace, options.findingsByUri),
    coverage: summarizeCoverage(workspace, context),
    targets: summarizeTargets(workspace, context),
    staffing: summarizeStaffing(workspace),
    recommendations: summarizeRecommendations(workspace, context.reviewDate),
  };
}

/**
 * Summarises a whole workspace, one summary per portfolio scope (see `groupByPortfolioScope`), each at
 * its own review date. Scopes with a portfolio come first, in uri order.
 */
export function summarizeWorkspace(documents: readonly AnalyzedDocument[], settings: AuditSettings, today: string = todayIso(), options: SummaryOptions = {}): PlanAuditSummaryReport {
  const scopes = groupByPortfolioScope(documents)
    .map((group) => {
      const context = createAuditContext(group, settings, today);
      return computeSummary(context.workspace, context, options);
    })
    .filter((summary) => summary.files.length > 0)
    .sort((a, b) => (a.scopeId === '' ? 1 : 0) - (b.scopeId === '' ? 1 : 0) || compareUris(a.scopeId, b.scopeId));
  return { scopes };
}

/** The index of the scope that holds `uri` (0 when none does). */
export function scopeIndexOf(report: PlanAuditSummaryReport, uri: string | undefined): number {
  if (uri === undefined) {
    return 0;
  }
  const index = report.scopes.findIndex((scope) => scope.files.some((file) => file.uri === uri));
  return index < 0 ? 0 : index;
}

/**
 * Returns a copy of `value` in which every `location` has its `range`, computed with `positionAt`
 * (which returns undefined when the uri's text is unknown; the location then stays without a range).
 */
export function resolveSummaryLocations<T>(value: T, positionAt: (uri: string, offset: number) => SummaryPosition | undefined): T {
  const visit = (node: unknown, key: string | undefined): unknown => {
    if (Array.isArray(node)) {
      return node.map((item) => visit(item, undefined));
    }
    if (node === null || typeof node !== 'object') {
      return node;
    }
    if (key === 'location' && isLocation(node)) {
      const start = positionAt(node.uri, node.span[0]);
      const end = positionAt(node.uri, node.span[1]);
      return start && end ? { uri: node.uri, span: node.span, range: { start, end } } : { uri: node.uri, span: node.span };
    }
    const result: Record<string, unknown> = {};
    for (const [childKey, child] of Object.entries(node)) {
      result[childKey] = visit(child, childKey);
    }
    return result;
  };
  return visit(value, undefined) as T;
}

function isLocation(value: object): value is SourceLocation {
  const candidate = value as Partial<SourceLocation>;
  return typeof candidate.uri === 'string' && Array.isArray(candidate.span) && candidate.span.length === 2;
}

function at(uri: string, span: Span): SourceLocation {
  return { uri, span: [span[0], span[1]] };
}

function summarizeFiles(workspace: WorkspaceView, findingsByUri: ReadonlyMap<string, readonly Finding[]> | undefined): SummaryFile[] {
  return [...workspace.documents]
    .sort((a, b) => compareUris(a.uri, b.uri))
    .map((document) => {
      const findings = findingsByUri?.get(document.uri);
      if (!findings) {
        return { uri: document.uri, kind: document.kind };
      }
      const counts = { error: 0, warning: 0, information: 0, hint: 0, suppressed: 0 };
      for (const finding of findings) {
        if (finding.suppressed) {
          counts.suppressed++;
        } else {
          counts[finding.severity]++;
        }
      }
      return { uri: document.uri, kind: document.kind, findings: counts };
    });
}

// ---- Coverage (Table 11) ----

function summaryPlan(plan: CoveredPlan): SummaryPlan {
  return {
    id: plan.id,
    title: plan.title,
    type: plan.type,
    status: plan.status,
    period: plan.period ? { start: plan.period.start, end: plan.period.end } : undefined,
    periodLabel: formatWrittenPeriod(plan.period),
    standing: plan.standing,
    standingLabel: planStandingLabels[plan.standing],
    location: at(plan.uri, plan.span),
  };
}

/** "annual plan FY2017" / "strategic plan FY2013–FY2018" / "plan `x`". */
function planPhrase(plan: CoveredPlan): string {
  const kind = plan.type ? `${plan.type} plan` : 'plan';
  const period = formatWrittenPeriod(plan.period);
  return period ? `${kind} ${period}` : `${kind}${plan.id ? ` ${plan.id}` : ''} (no period)`;
}

/**
 * A Table-11 style sentence for one area (the status itself is in `statusLabel`): which plans govern it,
 * which are superseded, and which drafts do not count.
 */
export function describeCoverage(area: AreaCoverage, reviewFiscalYear: number): string {
  const finals = area.plans.filter((plan) => plan.standing === 'current' || plan.standing === 'outdated');
  const undated = area.plans.filter((plan) => plan.standing === 'undated');
  const parts: string[] = [];
  if (area.status === 'current') {
    parts.push(`${capitalize(area.governingPlans.map(planPhrase).join(' and '))} in force in FY${reviewFiscalYear}.`);
    const older = finals.filter((plan) => plan.standing === 'outdated');
    if (older.length > 0) {
      parts.push(`Superseded: ${older.map(planPhrase).join(', ')}.`);
    }
  } else if (area.status === 'outdated') {
    parts.push(`Latest final plan, ${area.governingPlans.map(planPhrase).join(' and ')}, ended before FY${reviewFiscalYear}.`);
  } else {
    parts.push('No final strategic or annual plan.');
  }
  if (undated.length > 0) {
    parts.push(`Final but without a period (does not count): ${undated.map(planPhrase).join(', ')}.`);
  }
  if (area.drafts.length > 0) {
    parts.push(`In draft (does not count): ${area.drafts.map(planPhrase).join(', ')}.`);
  }
  return parts.join(' ');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function summarizeCoverage(workspace: WorkspaceView, context: SummaryContext): CoverageSummary {
  const report = computeCoverage(workspace, context);
  return {
    hasPortfolio: report.hasPortfolio,
    counts: { ...report.counts },
    rows: report.areas.map((area) => ({
      areaId: area.areaId,
      title: area.title,
      status: area.status,
      statusLabel: coverageStatusLabels[area.status],
      description: describeCoverage(area, context.reviewFiscalYear),
      plans: area.plans.map(summaryPlan),
      location: at(area.portfolioUri, area.span),
    })),
    unknownAreaPlans: report.unknownAreaPlans.map((plan) => ({ ...summaryPlan(plan), issueArea: plan.issueArea })),
  };
}

// ---- Targets ----

/** The reason given in `target_not_applicable`, or undefined when it is empty or not text. */
function notApplicableReason(measure: Measure): string | undefined {
  const value = measure.targetNotApplicablePair?.value;
  if (value?.kind !== 'scalar' || value.value === null) {
    return undefined;
  }
  const text = String(value.value).trim();
  return text === '' ? undefined : text;
}

/**
 * Judges the measures of one plan. Only a target with a numeric value counts (targetValues.ts); a
 * measure whose targets all lack one has targets to fill in. A measure without targets is a justified
 * exception when it states why (`target_not_applicable: <reason>`) or when a reasoned exception comment
 * suppresses its `measure-without-target` finding (the same comment logic the engine applies).
 */
function judgeMeasures(document: AuditedDocument<Plan>): MeasureTargets[] {
  const measures = allMeasures(document.model);
  const rows: MeasureTargets[] = [];
  const undecided: { index: number; span: Span }[] = [];
  for (const measure of measures) {
    const anchor = spanOf(entryAnchor(measure.node));
    const yearsOf = (numeric: boolean) =>
      measure.targets.filter((target) => hasNumericValue(target) === numeric && target.fiscalYear !== undefined).map((target) => target.fiscalYear as number);
    const base = { id: measure.id, name: measure.name, targetYears: yearsOf(true), toFillInYears: yearsOf(false), location: at(document.uri, anchor) };
    const standing = targetStanding(measure);
    if (standing === 'numeric') {
      rows.push({ ...base, state: 'targets', stateLabel: targetStateLabels.targets });
      continue;
    }
    const reason = notApplicableReason(measure);
    if (reason !== undefined) {
      rows.push({ ...base, state: 'justified', stateLabel: targetStateLabels.justified, reason });
      continue;
    }
    const state: TargetState = standing === 'toFillIn' ? 'toFillIn' : 'lacking';
    rows.push({ ...base, state, stateLabel: targetStateLabels[state] });
    if (measure.targetNotApplicablePair === undefined) {
      undecided.push({ index: rows.length - 1, span: anchor });
    }
  }
  if (undecided.length > 0 && document.text.includes('plan-audit-disable')) {
    const probes: Finding[] = undecided.map(({ span }) => ({ ruleId: 'measure-without-target', severity: 'warning', message: '', uri: document.uri, span }));
    const judged = applySuppressions(document.uri, document.text, probes, knownRuleIds);
    undecided.forEach(({ index }, probe) => {
      const suppressed = judged[probe]?.suppressed;
      if (suppressed) {
        rows[index] = { ...rows[index], state: 'justified', stateLabel: targetStateLabels.justified, reason: suppressed.reason };
      }
    });
  }
  return rows;
}

function summarizeTargets(workspace: WorkspaceView, context: SummaryContext): TargetsSummary {
  const rows: TargetsRow[] = planDocuments(workspace).map((document) => {
    const plan = document.model;
    const measureRows = judgeMeasures(document);
    const count = (state: TargetState) => measureRows.filter((row) => row.state === state).length;
    const standing = planStanding(plan, context.reviewFiscalYear);
    const idPair = getPair(plan.node, 'id');
    return {
      planId: plan.id,
      planTitle: plan.title,
      issueArea: plan.issueArea,
      type: plan.type,
      periodLabel: formatWrittenPeriod(plan.period),
      standing,
      standingLabel: planStandingLabels[standing],
      measures: measureRows.length,
      withTargets: count('targets'),
      toFillIn: count('toFillIn'),
      justified: count('justified'),
      lacking: count('lacking'),
      measureRows,
      location: at(document.uri, spanOf(idPair?.key ?? entryAnchor(plan.node, ['title']))),
    };
  });
  const sum = (pick: (row: TargetsRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  return {
    totals: {
      plans: rows.length,
      measures: sum((row) => row.measures),
      withTargets: sum((row) => row.withTargets),
      toFillIn: sum((row) => row.toFillIn),
      justified: sum((row) => row.justified),
      lacking: sum((row) => row.lacking),
    },
    rows,
  };
}

// ---- Staffing (Tables 5 and 6) ----

function staffingRow(uri: string, position: Position, analysis: PositionAnalysis): StaffingRow {
  const flagLabels: string[] = [];
  if (analysis.generallyBelowMinimum) {
    flagLabels.push('Generally below mandated minimum');
  }
  if (analysis.generallyBelowOptimal) {
    flagLabels.push('Generally below optimal range');
  }
  if (analysis.declining) {
    flagLabels.push('Declining');
  }
  if (analysis.gap && !analysis.hasHiringPlan) {
    flagLabels.push('No hiring plan');
  }
  if (analysis.optimalIssues.length > 0) {
    flagLabels.push('Inconsistent optimal range');
  }
  const optimal = position.optimal;
  return {
    positionId: position.id,
    title: position.title,
    office: position.office,
    mandatedMinimum: position.mandatedMinimum,
    mandate: position.mandate,
    optimal: optimal ? { min: optimal.min, max: optimal.max, startYear: optimal.startYear, endYear: optimal.endYear, label: formatOptimalRange(optimal) } : undefined,
    actuals: analysis.years.map((year) => ({
      fiscalYear: year.fiscalYear,
      value: year.value,
      asOf: year.actual.asOf,
      belowMinimum: year.belowMinimum,
      coveredByOptimal: year.coveredByOptimal,
      belowOptimal: year.belowOptimal,
      aboveOptimal: year.aboveOptimal,
      location: at(uri, spanOf(getNode(year.actual.node, 'value') ?? year.actual.node)),
    })),
    yearsReported: analysis.years.length,
    yearsBelowMinimum: analysis.yearsBelowMinimum.length,
    generallyBelowMinimum: analysis.generallyBelowMinimum,
    yearsCovered: analysis.coveredYears.length,
    yearsBelowOptimal: analysis.yearsBelowOptimal.length,
    generallyBelowOptimal: analysis.generallyBelowOptimal,
    declining: analysis.declining,
    gap: analysis.gap,
    hasHiringPlan: analysis.hasHiringPlan,
    optimalIssues: [...analysis.optimalIssues],
    flagLabels,
    location: at(uri, spanOf(entryAnchor(position.node, ['title', 'id']))),
  };
}

function summarizeStaffing(workspace: WorkspaceView): StaffingSummary {
  const mandated: StaffingRow[] = [];
  const nonmandated: StaffingRow[] = [];
  const staffingDocuments = workspace.documents
    .filter((document): document is AuditedDocument<Staffing> => document.model.kind === 'staffing')
    .sort((a, b) => compareUris(a.uri, b.uri));
  const counts = { positions: 0, generallyBelowMinimum: 0, generallyBelowOptimal: 0, declining: 0, gapsWithoutHiringPlan: 0 };
  for (const document of staffingDocuments) {
    for (const position of document.model.positions) {
      const analysis = analyzePosition(position);
      const row = staffingRow(document.uri, position, analysis);
      (position.mandatedMinimum !== undefined ? mandated : nonmandated).push(row);
      counts.positions++;
      counts.generallyBelowMinimum += row.generallyBelowMinimum ? 1 : 0;
      counts.generallyBelowOptimal += row.generallyBelowOptimal ? 1 : 0;
      counts.declining += row.declining ? 1 : 0;
      counts.gapsWithoutHiringPlan += row.gap && !row.hasHiringPlan ? 1 : 0;
    }
  }
  const tables: StaffingTable[] = [];
  if (mandated.length > 0) {
    tables.push({ kind: 'mandated', title: 'Mandated positions: minimum, optimal range and actuals', fiscalYears: yearsOf(mandated), rows: mandated });
  }
  if (nonmandated.length > 0) {
    tables.push({ kind: 'nonmandated', title: 'Positions without a mandated minimum: optimal range and actuals', fiscalYears: yearsOf(nonmandated), rows: nonmandated });
  }
  return { counts, tables };
}

function yearsOf(rows: readonly StaffingRow[]): number[] {
  return [...new Set(rows.flatMap((row) => row.actuals.map((cell) => cell.fiscalYear)))].sort((a, b) => a - b);
}

// ---- Recommendations ----

function summarizeRecommendations(workspace: WorkspaceView, reviewDate: string): RecommendationsSummary {
  const documents = workspace.documents
    .filter((document): document is AuditedDocument<Recommendations> => document.model.kind === 'recommendations')
    .sort((a, b) => compareUris(a.uri, b.uri));
  let total = 0;
  const rows: RecommendationRow[] = [];
  for (const document of documents) {
    for (const item of document.model.items) {
      total++;
      if (item.status !== 'open') {
        continue;
      }
      const issued = item.issued !== undefined && isIsoDate(item.issued) ? item.issued : undefined;
      const thresholdYears = openTooLongYears(item.source);
      const thresholdDate = issued !== undefined && thresholdYears !== undefined ? addYears(issued, thresholdYears) : undefined;
      rows.push({
        id: item.id,
        report: item.report,
        source: item.source,
        issued: item.issued,
        topic: item.topic,
        status: item.status,
        agencyResponse: item.agencyResponse,
        ageYears: issued !== undefined && isIsoDate(reviewDate) ? Math.max(0, wholeYearsBetween(issued, reviewDate)) : undefined,
        thresholdYears,
        thresholdDate,
        openTooLong: thresholdDate !== undefined && reviewDate > thresholdDate,
        location: at(document.uri, spanOf(entryAnchor(item.node, ['id', 'report']))),
      });
    }
  }
  rows.sort((a, b) => (a.issued ?? '9999').localeCompare(b.issued ?? '9999') || (a.id ?? '').localeCompare(b.id ?? ''));
  const byAge = new Map<number, number>();
  for (const row of rows) {
    if (row.ageYears !== undefined) {
      byAge.set(row.ageYears, (byAge.get(row.ageYears) ?? 0) + 1);
    }
  }
  return {
    total,
    open: rows.length,
    openTooLong: rows.filter((row) => row.openTooLong).length,
    openByAge: [...byAge.entries()].sort((a, b) => a[0] - b[0]).map(([ageYears, count]) => ({ ageYears, count })),
    rows,
  };
}
