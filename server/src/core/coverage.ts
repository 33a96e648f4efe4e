/**
 * Plan coverage of a portfolio: for each issue area, which plans there are and whether the area has a
 * current plan at the review date. Shared by the cross-file rules (`area-without-plan`, `plan-outdated`,
 * `area-only-draft-plan`, `plan-unknown-area`) and the summary panel, so every view agrees.
 *
 * Semantics (domain report §4.2 and take-away 4, reproducing GAO-17-618 Table 11, App. IV):
 *
 * - Only `status: final` plans count. A draft (or a plan with no status) is listed but never makes an
 *   area current or outdated: GAO counts IPR as outdated although its FY2017–2019 strategic plan was
 *   "in the process of finalizing", and Import Safety and Agriculture Programs as having no plan
 *   although drafts were in progress.
 * - A final plan's last fiscal year is `period.end` (or `period.start` for a one-year period written
 *   with `start` only). It is **current** when that year is on or after the review fiscal year
 *   (2017-02-28 → FY2017, so an FY2017 annual plan is current), **outdated** when it is before.
 *   A final plan with no usable period is **undated** and counts for neither.
 * - An area is `current` when at least one final plan of the area is current; `outdated` when final
 *   plans exist but all ended before the review fiscal year; `missing` when no final plan with a period
 *   exists (drafts and undated plans do not count).
 *
 * Pure: reads the typed model only. Results are cached per workspace view and review fiscal year, so the
 * rules that run on every document of a large workspace compute the coverage once; the per-area and
 * per-portfolio look-ups below (`areaPlans`, `areasOfPortfolio`) keep each rule's work on one document
 * proportional to that document and what it reports, not to the workspace.
 */
import type { Span } from './findings';
import type { Area, Plan, Portfolio } from './model';
import { entryAnchor } from './model';
import { formatWrittenPeriod, planLastYear } from './period';
import type { AuditContext, AuditedDocument, WorkspaceView } from './rule';
import { getPair, spanOf } from './tree';
import { compareUris, workspaceIndex } from './workspaceIndex';
import { maxOf } from './arrays';

// Kept here too: rules and the summary order URIs with it; the ordering itself lives with the index.
export { compareUris } from './workspaceIndex';

export type CoverageStatus = 'current' | 'outdated' | 'missing';

/**
 * How one plan counts at the review fiscal year: `current` or `outdated` (final plans with a period),
 * `undated` (final, but no usable period), `draft` (any status other than `final`, including none).
 */
export type PlanStanding = 'current' | 'outdated' | 'undated' | 'draft';

/** One plan as coverage sees it. Plain data (no tree nodes), so it can be sent to the summary webview. */
export interface CoveredPlan {
  readonly uri: string;
  readonly id?: string;
  readonly title?: string;
  /** `annual` | `strategic` as written. */
  readonly type?: string;
  /** `draft` | `final` as written (undefined when absent). */
  readonly status?: string;
  readonly period?: { readonly start?: number; readonly end?: number };
  readonly issueArea?: string;
  readonly standing: PlanStanding;
  /** The plan's last fiscal year (`period.end`, else `period.start`), when known. */
  readonly lastYear?: number;
  /** Where to point at the plan: its `id` key (else its first key). */
  readonly span: Span;
}

/** One area of one portfolio and the plans that name it in `issue_area`. */
export interface AreaCoverage {
  readonly portfolioUri: string;
  readonly portfolioId?: string;
  readonly areaId: string;
  readonly title?: string;
  /** The area entry's `id` key (else its `title` key): where area findings go. */
  readonly span: Span;
  readonly status: CoverageStatus;
  /** Every plan of the area, drafts included, ordered by last fiscal year (latest first), then uri. */
  readonly plans: readonly CoveredPlan[];
  /** Final plans that are current (status `current`), or the latest outdated final plans (status `outdated`). */
  readonly governingPlans: readonly CoveredPlan[];
  /** Plans of the area that are not final (they never count). */
  readonly drafts: readonly CoveredPlan[];
  /** The latest last fiscal year among the area's final plans, when any has a period. */
  readonly latestFinalYear?: number;
}

export interface CoverageReport {
  readonly reviewDate: string;
  readonly reviewFiscalYear: number;
  /** True when the workspace has at least one portfolio (area checks apply only then). */
  readonly hasPortfolio: boolean;
  /** Every area of every portfolio, in portfolio (uri) order, then document order. */
  readonly areas: readonly AreaCoverage[];
  readonly counts: Readonly<Record<CoverageStatus, number>>;
  /** Plans whose `issue_area` is not an area of any portfolio (empty when there is no portfolio). */
  readonly unknownAreaPlans: readonly CoveredPlan[];
  /** Plans with no `issue_area` at all (the schema reports them). */
  readonly plansWithoutArea: readonly CoveredPlan[];
}

/** The review-date part of the context coverage depends on. */
export type CoverageContext = Pick<AuditContext, 'reviewDate' | 'reviewFiscalYear'>;

/**
 * The plans naming one `issue_area` (listed in a portfolio or not), split by standing at the review
 * fiscal year. Every list keeps the order of `plans`: latest last fiscal year first, then uri.
 */
export interface AreaPlans {
  readonly plans: readonly CoveredPlan[];
  readonly current: readonly CoveredPlan[];
  /** Latest first, so "is there a later outdated plan" stops at the first one that is not later. */
  readonly outdated: readonly CoveredPlan[];
  readonly drafts: readonly CoveredPlan[];
  /** The drafts whose last fiscal year is on or after the review fiscal year (candidate successors). */
  readonly draftsReachingReviewYear: readonly CoveredPlan[];
}

const noPlans: AreaPlans = { plans: [], current: [], outdated: [], drafts: [], draftsReachingReviewYear: [] };

/** The coverage of a view at one review date, with the look-ups rules need (`WorkspaceLookups.coverage`). */
export interface CoverageLookups {
  readonly report: CoverageReport;
  /** Every plan of the workspace by `issue_area`, whether or not a portfolio lists the area. */
  readonly byArea: ReadonlyMap<string, AreaPlans>;
  /** `report.areas` by portfolio uri, in the same order. */
  readonly areasByPortfolio: ReadonlyMap<string, readonly AreaCoverage[]>;
}

/** The coverage of `workspace` at the context's review date, built on first use and kept in the view. */
function cached(workspace: WorkspaceView, context: CoverageContext): CoverageLookups {
  const key = `${context.reviewDate}|${context.reviewFiscalYear}`;
  const byKey = workspace.lookups.coverage;
  let entry = byKey.get(key);
  if (!entry) {
    entry = buildCoverage(workspace, context);
    byKey.set(key, entry);
  }
  return entry;
}

/** Computes (or returns the cached) coverage of every portfolio area of the workspace. */
export function computeCoverage(workspace: WorkspaceView, context: CoverageContext): CoverageReport {
  return cached(workspace, context).report;
}

/**
 * Every plan of the workspace whose `issue_area` is `areaId` (listed in a portfolio or not), ordered
 * like `AreaCoverage.plans`: latest last fiscal year first, then uri.
 */
export function plansOfArea(workspace: WorkspaceView, context: CoverageContext, areaId: string): readonly CoveredPlan[] {
  return areaPlans(workspace, context, areaId).plans;
}

/** `plansOfArea` split by standing (see `AreaPlans`); empty lists for an area no plan names. */
export function areaPlans(workspace: WorkspaceView, context: CoverageContext, areaId: string): AreaPlans {
  return cached(workspace, context).byArea.get(areaId) ?? noPlans;
}

/** The areas of the portfolio(s) at `portfolioUri`, as in `CoverageReport.areas` and in its order. */
export function areasOfPortfolio(workspace: WorkspaceView, context: CoverageContext, portfolioUri: string): readonly AreaCoverage[] {
  return cached(workspace, context).areasByPortfolio.get(portfolioUri) ?? [];
}

/** The plans of a workspace, in uri order (cached per workspace view, see `workspaceIndex.ts`). */
export function planDocuments(workspace: WorkspaceView): readonly AuditedDocument<Plan>[] {
  return workspaceIndex(workspace).plans;
}

/** The portfolios of a workspace, in uri order (cached per workspace view, see `workspaceIndex.ts`). */
export function portfolioDocuments(workspace: WorkspaceView): readonly AuditedDocument<Portfolio>[] {
  return workspaceIndex(workspace).portfolios;
}

/** How one plan counts at `reviewFiscalYear`. */
export function planStanding(plan: Plan, reviewFiscalYear: number): PlanStanding {
  if (plan.status !== 'final') {
    return 'draft';
  }
  const lastYear = planLastYear(plan);
  if (lastYear === undefined) {
    return 'undated';
  }
  return lastYear >= reviewFiscalYear ? 'current' : 'outdated';
}

/** Describes a plan with its type and years: "`ipr-fy2010-2014-strategic` (strategic, FY2010–FY2014)". */
export function describePlan(plan: Pick<CoveredPlan, 'id' | 'type' | 'period'>): string {
  const details = [plan.type, formatWrittenPeriod(plan.period)].filter((part): part is string => Boolean(part));
  const name = plan.id ? `\`${plan.id}\`` : 'a plan with no id';
  return details.length > 0 ? `${name} (${details.join(', ')})` : name;
}

/** "Import Safety (`import-safety`)" or "`import-safety`". */
export function describeArea(areaId: string, title: string | undefined): string {
  return title ? `${title} (\`${areaId}\`)` : `\`${areaId}\``;
}

/** The title of area `areaId` in the workspace's portfolios (the first portfolio, in uri order, that has it). */
export function areaTitle(workspace: WorkspaceView, areaId: string): string | undefined {
  return workspaceIndex(workspace).areaTitles.get(areaId);
}

/** The coverage data of one plan. */
export function coveredPlan(document: AuditedDocument<Plan>, reviewFiscalYear: number): CoveredPlan {
  const plan = document.model;
  const idPair = getPair(plan.node, 'id');
  return {
    uri: document.uri,
    id: plan.id,
    title: plan.title,
    type: plan.type,
    status: plan.status,
    period: plan.period ? { start: plan.period.start, end: plan.period.end } : undefined,
    issueArea: plan.issueArea,
    standing: planStanding(plan, reviewFiscalYear),
    lastYear: planLastYear(plan),
    span: spanOf(idPair?.key ?? entryAnchor(plan.node, ['title'])),
  };
}

function buildCoverage(workspace: WorkspaceView, context: CoverageContext): CoverageLookups {
  const reviewFiscalYear = context.reviewFiscalYear;
  const plans = planDocuments(workspace).map((document) => coveredPlan(document, reviewFiscalYear));
  const byArea = new Map<string, CoveredPlan[]>();
  const latestFirst = (a: CoveredPlan, b: CoveredPlan) => (b.lastYear ?? -Infinity) - (a.lastYear ?? -Infinity) || compareUris(a.uri, b.uri);
  const plansWithoutArea: CoveredPlan[] = [];
  for (const plan of plans) {
    if (plan.issueArea === undefined) {
      plansWithoutArea.push(plan);
      continue;
    }
    const list = byArea.get(plan.issueArea);
    if (list) {
      list.push(plan);
    } else {
      byArea.set(plan.issueArea, [plan]);
    }
  }
  const byAreaSplit = new Map<string, AreaPlans>();
  for (const [areaId, list] of byArea) {
    list.sort(latestFirst);
    byAreaSplit.set(areaId, splitByStanding(list, reviewFiscalYear));
  }
  const portfolios = portfolioDocuments(workspace);
  const areas: AreaCoverage[] = [];
  const knownIds = new Set<string>();
  for (const portfolio of portfolios) {
    for (const area of portfolio.model.areas) {
      if (area.id === undefined) {
        continue;
      }
      knownIds.add(area.id);
      areas.push(areaCoverage(portfolio, area, area.id, byArea.get(area.id) ?? []));
    }
  }
  const areasByPortfolio = new Map<string, AreaCoverage[]>();
  for (const area of areas) {
    const list = areasByPortfolio.get(area.portfolioUri);
    if (list) {
      list.push(area);
    } else {
      areasByPortfolio.set(area.portfolioUri, [area]);
    }
  }
  const counts: Record<CoverageStatus, number> = { current: 0, outdated: 0, missing: 0 };
  for (const area of areas) {
    counts[area.status]++;
  }
  const unknownAreaPlans = portfolios.length === 0 ? [] : plans.filter((plan) => plan.issueArea !== undefined && !knownIds.has(plan.issueArea));
  const report: CoverageReport = {
    reviewDate: context.reviewDate,
    reviewFiscalYear,
    hasPortfolio: portfolios.length > 0,
    areas,
    counts,
    unknownAreaPlans,
    plansWithoutArea,
  };
  return { report, byArea: byAreaSplit, areasByPortfolio };
}

function splitByStanding(plans: readonly CoveredPlan[], reviewFiscalYear: number): AreaPlans {
  const drafts = plans.filter((plan) => plan.standing === 'draft');
  return {
    plans,
    current: plans.filter((plan) => plan.standing === 'current'),
    outdated: plans.filter((plan) => plan.standing === 'outdated'),
    drafts,
    draftsReachingReviewYear: drafts.filter((plan) => plan.lastYear !== undefined && plan.lastYear >= reviewFiscalYear),
  };
}

function areaCoverage(portfolio: AuditedDocument<Portfolio>, area: Area, areaId: string, plans: readonly CoveredPlan[]): AreaCoverage {
  const ordered = [...plans]; // already latest first
  const current = ordered.filter((plan) => plan.standing === 'current');
  const outdated = ordered.filter((plan) => plan.standing === 'outdated');
  const finalYears = ordered.filter((plan) => plan.standing === 'current' || plan.standing === 'outdated').map((plan) => plan.lastYear as number);
  const latestFinalYear = finalYears.length > 0 ? maxOf(finalYears, 0) : undefined;
  const status: CoverageStatus = current.length > 0 ? 'current' : outdated.length > 0 ? 'outdated' : 'missing';
  const governingPlans = status === 'current' ? current : status === 'outdated' ? outdated.filter((plan) => plan.lastYear === latestFinalYear) : [];
  return {
    portfolioUri: portfolio.uri,
    portfolioId: portfolio.model.id,
    areaId,
    title: area.title,
    span: spanOf(entryAnchor(area.node, ['id', 'title'])),
    status,
    plans: ordered,
    governingPlans,
    drafts: ordered.filter((plan) => plan.standing === 'draft'),
    latestFinalYear,
  };
}

/** The file name at the end of a URI, decoded (`file:///a/b%20c.plan.yaml` → `b c.plan.yaml`). */
export function uriFileName(uri: string): string {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
