/**
 * The portfolio summary behind the summary panel, its exports and `plan-audit summary`: review date and
 * source files; coverage per issue area (GAO-17-618 Table 11); targets per plan; staffing per position
 * (Tables 5 and 6); open recommendations by age.
 *
 * The judgements come from the modules the rules use, so the summary and the findings never disagree:
 * coverage from `coverage.ts`, staffing from `staffingAnalysis.ts`, the age threshold from
 * `recommendationAge.ts` (as the `recommendation-open-too-long` rule), the exception comments from
 * `suppressions.ts`.
 *
 * Pure and JSON-serialisable: the result holds plain data only (no tree nodes). Every row carries its
 * `location` (`{uri, span}`, offsets); the edges fill in `range` (0-based lines) with
 * `resolveSummaryLocations`, so the webview and the exports can name and open the exact YAML node.
 *
 * The shape of the result is in `summaryTypes.ts` (re-exported here); the sections are computed in
 * `summaryPlans.ts` (coverage, targets) and `summaryStaffing.ts` (staffing, recommendations).
 */
import type { Finding } from './findings';
import type { AnalyzedDocument, AuditSettings } from './analyze';
import { createAuditContext, groupByPortfolioScope } from './analyze';
import { compareUris, portfolioDocuments } from './coverage';
import { todayIso } from './dates';
import { entryAnchor } from './model';
import type { WorkspaceView } from './rule';
import { spanOf } from './tree';
import type { PlanAuditSummary, PlanAuditSummaryReport, SourceLocation, SummaryContext, SummaryFile, SummaryOptions, SummaryPosition } from './summaryTypes';
import { locationOf } from './summaryTypes';
import { summarizeCoverage, summarizeTargets } from './summaryPlans';
import { summarizeRecommendations, summarizeStaffing } from './summaryStaffing';

export * from './summaryTypes';
export { describeCoverage } from './summaryPlans';

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
      ? { id: portfolio.model.id, title: portfolio.model.title, location: locationOf(portfolio.uri, spanOf(entryAnchor(portfolio.model.node, ['title', 'id']))) }
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
