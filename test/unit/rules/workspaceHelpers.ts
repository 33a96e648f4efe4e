/**
 * Small helpers for cross-file rule tests: audit a set of in-memory files as one workspace (one
 * portfolio scope) at a review date, and pick findings of one rule.
 */
import type { AuditSettings } from '../../../server/src/core/analyze';
import { analyzeText, auditDocument, createAuditContext, defaultAuditSettings } from '../../../server/src/core/analyze';
import type { Finding } from '../../../server/src/core/findings';
import { createAnalysisCache } from '../../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

/** Audits `files` (name → text) as one workspace; returns every finding, with `file` set to the name. */
export function auditFiles(files: Record<string, string>, reviewDate = '2017-02-28', base: AuditSettings = defaultAuditSettings): (Finding & { file: string })[] {
  const settings: AuditSettings = { ...base, reviewDate };
  const documents = Object.entries(files).map(([name, text]) => analyzeText(`file:///ws/${name}`, text, { fiscalYearStartMonth: settings.fiscalYearStartMonth, cache }));
  const context = createAuditContext(documents, settings, reviewDate);
  return documents.flatMap((document) => auditDocument(document, context, settings).map((finding) => ({ ...finding, file: document.uri.slice('file:///ws/'.length) })));
}

/** Findings of `ruleId` only. */
export function ofRule<T extends Finding>(findings: readonly T[], ruleId: string): T[] {
  return findings.filter((finding) => finding.ruleId === ruleId);
}

/** A complete, valid final plan (one measure with a target for each year); override lines with `replace`. */
export function planText(id: string, issueArea: string, options: { status?: string; start?: number; end?: number; type?: string } = {}): string {
  const { status = 'final', start = 2017, end = start, type = start === end ? 'annual' : 'strategic' } = options;
  const targets = Array.from({ length: Math.max(end - start + 1, 0) }, (_, index) => `          - {fiscal_year: ${start + index}, value: 12}\n`).join('');
  return `kind: plan
version: 1
id: ${id}
title: Plan ${id}
agency: U.S. Customs and Border Protection
owner: PTI lead
issue_area: ${issueArea}
type: ${type}
status: ${status}
period:
  start: ${start}
  end: ${end}
goals:
  - id: g1
    title: Enforce trade laws
    measures:
      - id: m1
        name: Audits conducted
        unit: audits
        data_source: Audit case system
        baseline: {fiscal_year: ${start - 1}, value: 10}
        targets:
${targets}`;
}

/** A portfolio with the given areas (id → title). */
export function portfolioText(id: string, areas: Record<string, string>, reviewDate = '2017-02-28'): string {
  return `kind: portfolio
version: 1
id: ${id}
title: Portfolio ${id}
agency: U.S. Customs and Border Protection
review_date: ${reviewDate}
areas:
${Object.entries(areas)
  .map(([areaId, title]) => `  - id: ${areaId}\n    title: ${title}\n`)
  .join('')}`;
}
