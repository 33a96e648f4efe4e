/**
 * The per-scope workspace index (`workspaceIndex.ts`) and the per-area coverage look-ups built on it:
 * what they hold, that they are computed once per workspace view, and that auditing a whole workspace
 * reads each other document a bounded number of times (linear, not quadratic, in the number of files).
 */
import * as assert from 'assert';
import type { AnalyzedDocument } from '../../server/src/core/analyze';
import { analyzeText, auditDocument, auditWorkspace, createAuditContext, defaultAuditSettings, groupByPortfolioScope, scopeOf } from '../../server/src/core/analyze';
import { areaPlans, areasOfPortfolio, computeCoverage, plansOfArea } from '../../server/src/core/coverage';
import type { AuditedDocument, WorkspaceView } from '../../server/src/core/rule';
import { createWorkspaceView, workspaceIndex } from '../../server/src/core/workspaceIndex';
import { planText, portfolioText } from './rules/workspaceHelpers';
import { createAnalysisCache } from '../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

const settings = { ...defaultAuditSettings, reviewDate: '2017-02-28' };

function analyzeAll(files: Record<string, string>, folder = 'file:///ws/'): AnalyzedDocument[] {
  return Object.entries(files).map(([name, text]) => analyzeText(`${folder}${name}`, text, { cache }));
}

function viewOf(files: Record<string, string>): WorkspaceView {
  return createAuditContext(analyzeAll(files), settings, '2017-02-28').workspace;
}

describe('workspaceIndex', () => {
  it('holds plans and portfolios in uri order, the first plan of each id and the areas of every portfolio', () => {
    const view = viewOf({
      'c.plan.yaml': planText('dup', 'adcvd'),
      'b.portfolio.yaml': portfolioText('pf-b', { revenue: 'Revenue (b)', adcvd: 'AD/CVD (b)' }),
      'a.plan.yaml': planText('dup', 'revenue'),
      'a.portfolio.yaml': portfolioText('pf-a', { adcvd: 'AD/CVD', ipr: 'IPR' }),
      'b.plan.yaml': planText('solo', 'ipr'),
    });
    const index = workspaceIndex(view);
    assert.deepStrictEqual(index.plans.map((plan) => plan.uri), ['file:///ws/a.plan.yaml', 'file:///ws/b.plan.yaml', 'file:///ws/c.plan.yaml']);
    assert.deepStrictEqual(index.portfolios.map((portfolio) => portfolio.uri), ['file:///ws/a.portfolio.yaml', 'file:///ws/b.portfolio.yaml']);
    assert.deepStrictEqual([...index.firstPlanById].map(([id, plan]) => [id, plan.uri]), [
      ['dup', 'file:///ws/a.plan.yaml'],
      ['solo', 'file:///ws/b.plan.yaml'],
    ]);
    // First title wins; order of first occurrence (portfolios in uri order, then document order).
    assert.deepStrictEqual([...index.areaTitles], [
      ['adcvd', 'AD/CVD'],
      ['ipr', 'IPR'],
      ['revenue', 'Revenue (b)'],
    ]);
    assert.deepStrictEqual(
      index.areaOccurrences.get('adcvd')?.map((occurrence) => [occurrence.portfolio.uri, occurrence.area.title]),
      [
        ['file:///ws/a.portfolio.yaml', 'AD/CVD'],
        ['file:///ws/b.portfolio.yaml', 'AD/CVD (b)'],
      ],
    );
  });

  it('is computed once per workspace view, and afresh for a new view', () => {
    const files = { 'a.plan.yaml': planText('a', 'adcvd') };
    const view = viewOf(files);
    assert.strictEqual(workspaceIndex(view), workspaceIndex(view));
    assert.notStrictEqual(workspaceIndex(viewOf(files)), workspaceIndex(view));
  });

  it('splits the plans of an area by standing, in the order of plansOfArea', () => {
    const view = viewOf({
      'portfolio.yaml': portfolioText('pf', { adcvd: 'AD/CVD', ipr: 'IPR' }),
      'old.plan.yaml': planText('old', 'adcvd', { start: 2010, end: 2014 }),
      'older.plan.yaml': planText('older', 'adcvd', { start: 2011, end: 2011 }),
      'current.plan.yaml': planText('current', 'adcvd', { start: 2017, end: 2019 }),
      'draft-next.plan.yaml': planText('draft-next', 'adcvd', { status: 'draft', start: 2017, end: 2019 }),
      'draft-past.plan.yaml': planText('draft-past', 'adcvd', { status: 'draft', start: 2012, end: 2012 }),
    });
    const context = { reviewDate: '2017-02-28', reviewFiscalYear: 2017 };
    const plans = areaPlans(view, context, 'adcvd');
    const ids = (list: readonly { id?: string }[]) => list.map((plan) => plan.id);
    assert.deepStrictEqual(ids(plans.plans), ids(plansOfArea(view, context, 'adcvd')));
    assert.deepStrictEqual(ids(plans.plans), ['current', 'draft-next', 'old', 'draft-past', 'older']);
    assert.deepStrictEqual(ids(plans.current), ['current']);
    assert.deepStrictEqual(ids(plans.outdated), ['old', 'older']);
    assert.deepStrictEqual(ids(plans.drafts), ['draft-next', 'draft-past']);
    assert.deepStrictEqual(ids(plans.draftsReachingReviewYear), ['draft-next']);
    assert.deepStrictEqual(areaPlans(view, context, 'nobody').plans, []);
    assert.deepStrictEqual(
      areasOfPortfolio(view, context, 'file:///ws/portfolio.yaml'),
      computeCoverage(view, context).areas.filter((area) => area.portfolioUri === 'file:///ws/portfolio.yaml'),
    );
    assert.deepStrictEqual(areasOfPortfolio(view, context, 'file:///ws/old.plan.yaml'), []);
  });

  it('audits a workspace reading each other document a bounded number of times, not once per document checked', () => {
    const count = 200;
    const files: Record<string, string> = { 'portfolio.yaml': portfolioText('pf', { a0: 'A0', a1: 'A1', a2: 'A2' }) };
    for (let index = 0; index < count; index++) {
      // Shared ids, unknown areas, drafts and outdated plans, so every cross-file rule has work to do.
      files[`p${String(index).padStart(3, '0')}.plan.yaml`] = planText(index % 40 === 0 ? 'shared' : `plan-${index}`, index % 7 === 0 ? 'unknown' : `a${index % 3}`, {
        status: index % 5 === 0 ? 'draft' : 'final',
        start: 2010 + (index % 9),
      });
    }
    const documents = analyzeAll(files);
    const context = createAuditContext(documents, settings, '2017-02-28');
    let reads = 0;
    const counted: AuditedDocument[] = context.workspace.documents.map((document) => ({
      uri: document.uri,
      text: document.text,
      kind: document.kind,
      layout: document.layout,
      get model() {
        reads++;
        return document.model;
      },
    }));
    const countingContext = { ...context, workspace: createWorkspaceView(counted) };
    const findings = documents.flatMap((document) => auditDocument(document, countingContext, settings));
    assert.deepStrictEqual(findings, documents.flatMap((document) => auditDocument(document, context, settings)));
    assert.ok(findings.some((finding) => finding.ruleId === 'duplicate-id') && findings.some((finding) => finding.ruleId === 'plan-unknown-area'));
    // Building the index and the coverage reads each document a few times; a rule scanning the
    // workspace per document would read it about count² / 2 = 20,000 times.
    assert.ok(reads <= 10 * (count + 1), `${reads} reads of other documents' models for ${count + 1} documents`);
  });
});

describe('groupByPortfolioScope', () => {
  it('puts each file under the nearest portfolio above it, and files under none in one scope', () => {
    const documents = [
      analyzeText('file:///ws/a/p.plan.yaml', planText('p1', 'x'), { cache }),
      analyzeText('file:///ws/portfolio.yaml', portfolioText('root', { x: 'X' }), { cache }),
      analyzeText('file:///ws/a/b/portfolio.yaml', portfolioText('ab', { x: 'X' }), { cache }),
      analyzeText('file:///ws/a/b/c/p.plan.yaml', planText('p2', 'x'), { cache }),
      analyzeText('file:///ws/a/bc/p.plan.yaml', planText('p3', 'x'), { cache }),
      analyzeText('file:///other/p.plan.yaml', planText('p4', 'x'), { cache }),
      analyzeText('p.plan.yaml', planText('p5', 'x'), { cache }),
    ];
    const groups = groupByPortfolioScope(documents).map((group) => group.map((document) => document.uri));
    assert.deepStrictEqual(groups, [
      ['file:///ws/a/p.plan.yaml', 'file:///ws/portfolio.yaml', 'file:///ws/a/bc/p.plan.yaml'],
      ['file:///ws/a/b/portfolio.yaml', 'file:///ws/a/b/c/p.plan.yaml'],
      ['file:///other/p.plan.yaml', 'p.plan.yaml'],
    ]);
    assert.deepStrictEqual(
      scopeOf('file:///ws/a/b/c/p.plan.yaml', documents).map((document) => document.uri),
      ['file:///ws/a/b/portfolio.yaml', 'file:///ws/a/b/c/p.plan.yaml'],
    );
    assert.deepStrictEqual([...auditWorkspace(documents, settings, '2017-02-28').keys()], groups.flat());
  });
});
