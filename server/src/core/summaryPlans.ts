/**
 * The plan sections of the summary: coverage per issue area (GAO-17-618 Table 11), from `coverage.ts`
 * as the coverage rules read it, and targets per plan.
 */
import type { Finding, Span } from './findings';
import { knownRuleIds } from './analyze';
import type { AreaCoverage, CoveredPlan } from './coverage';
import { computeCoverage, planDocuments, planStanding } from './coverage';
import type { Measure, Plan } from './model';
import { allMeasures, entryAnchor } from './model';
import { formatWrittenPeriod } from './period';
import type { AuditedDocument, WorkspaceView } from './rule';
import { applySuppressions } from './suppressions';
import { hasNumericValue, targetStanding } from './targetValues';
import { getPair, spanOf } from './tree';
import type { CoverageSummary, MeasureTargets, SummaryContext, SummaryPlan, TargetsRow, TargetsSummary, TargetState } from './summaryTypes';
import { coverageStatusLabels, locationOf, planStandingLabels, targetStateLabels } from './summaryTypes';

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
    location: locationOf(plan.uri, plan.span),
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

export function summarizeCoverage(workspace: WorkspaceView, context: SummaryContext): CoverageSummary {
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
      location: locationOf(area.portfolioUri, area.span),
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
    const base = { id: measure.id, name: measure.name, targetYears: yearsOf(true), toFillInYears: yearsOf(false), location: locationOf(document.uri, anchor) };
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

export function summarizeTargets(workspace: WorkspaceView, context: SummaryContext): TargetsSummary {
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
      location: locationOf(document.uri, spanOf(idPair?.key ?? entryAnchor(plan.node, ['title']))),
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
