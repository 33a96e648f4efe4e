/**
 * The staffing and recommendation sections of the summary: positions as GAO-17-618 Tables 5 and 6,
 * judged by `staffingAnalysis.ts` as the staffing rules judge them, and open recommendations by age
 * with the threshold the `recommendation-open-too-long` rule applies (`recommendationAge.ts`).
 */
import { compareUris } from './coverage';
import { addYears, isIsoDate, wholeYearsBetween } from './dates';
import type { Position, Recommendations, Staffing } from './model';
import { entryAnchor } from './model';
import type { AuditedDocument, WorkspaceView } from './rule';
import type { PositionAnalysis } from './staffingAnalysis';
import { analyzePosition, formatOptimalRange } from './staffingAnalysis';
import { openTooLongYears } from './recommendationAge';
import { getNode, spanOf } from './tree';
import { locationOf } from './summaryTypes';
import type { RecommendationRow, RecommendationsSummary, StaffingRow, StaffingSummary, StaffingTable } from './summaryTypes';

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
      location: locationOf(uri, spanOf(getNode(year.actual.node, 'value') ?? year.actual.node)),
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
    location: locationOf(uri, spanOf(entryAnchor(position.node, ['title', 'id']))),
  };
}

export function summarizeStaffing(workspace: WorkspaceView): StaffingSummary {
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

export function summarizeRecommendations(workspace: WorkspaceView, reviewDate: string): RecommendationsSummary {
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
        location: locationOf(document.uri, spanOf(entryAnchor(item.node, ['id', 'report']))),
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
