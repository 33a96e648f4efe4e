/**
 * Issue 13, defect 5 ("overstated summary"): only a target with a numeric value counts. A measure whose
 * targets have no numeric value yet (the empty `value:` the "Add targets" quick fix inserts, or `TBD`)
 * is counted apart, as "targets to fill in", in the summary and in every export, and keeps its
 * measure-without-target finding.
 */
import * as assert from 'assert';
import type { AnalyzedDocument } from '../../server/src/core/analyze';
import { analyzeText, auditDocument, createAuditContext, defaultAuditSettings } from '../../server/src/core/analyze';
import { applyFix } from '../../server/src/core/fixes';
import type { PlanAuditSummary } from '../../server/src/core/summary';
import { formatSummary } from '../../server/src/summaryFormats';
import { summarize } from './summaryFixtures';
import { createAnalysisCache } from '../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

const header = `kind: plan
version: 1
id: ipr-fy2017
title: IPR annual plan
agency: U.S. Customs and Border Protection
owner: IPR PTI lead
issue_area: ipr
type: annual
status: final
period: {start: 2017, end: 2017}
goals:
  - id: g1
    title: Protect rights holders
    measures:
`;

const measures = `      - id: numeric
        name: Seizures
        unit: seizures
        data_source: SEACATS
        baseline: {fiscal_year: 2016, value: 31560}
        targets:
          - {fiscal_year: 2017, value: 32000}
      - id: empty
        name: Shipments examined
        unit: shipments
        data_source: ATS
        targets:
          - fiscal_year: 2017
            value:  # FY2017 target (shipments)
      - id: tbd
        name: Rights holders trained
        unit: rights holders
        data_source: Training log
        targets:
          - {fiscal_year: 2017, value: TBD}
      - id: justified
        name: Referrals answered
        unit: referrals
        data_source: Referral log
        target_not_applicable: Referrals respond to demand; their number is not a goal.
      - id: commented
        unit: cases
        data_source: Case log
        targets:
          - {fiscal_year: 2017, value: }
        # plan-audit-disable-next-line measure-without-target -- the program office sets this target in March
        name: Cases opened
      - id: lacking
        name: Audits
        unit: audits
        data_source: Audit log
`;

function summaryOf(documents: AnalyzedDocument[]): PlanAuditSummary {
  return summarize(documents, { ...defaultAuditSettings, reviewDate: '2017-02-28' }).scopes[0];
}

describe('targets to fill in (issue 13, defect 5)', () => {
  const document = analyzeText('file:///ws/ipr.plan.yaml', header + measures, { cache });
  const summary = summaryOf([document]);

  it('counts only numeric targets as targets, and placeholders apart', () => {
    const [row] = summary.targets.rows;
    assert.deepStrictEqual(
      row.measureRows.map((measure) => [measure.id, measure.state, measure.stateLabel, measure.targetYears, measure.toFillInYears]),
      [
        ['numeric', 'targets', 'Has targets', [2017], []],
        ['empty', 'toFillIn', 'Targets to fill in', [], [2017]],
        ['tbd', 'toFillIn', 'Targets to fill in', [], [2017]],
        ['justified', 'justified', 'Justified exception', [], []],
        ['commented', 'justified', 'Justified exception', [], [2017]],
        ['lacking', 'lacking', 'No target', [], []],
      ],
    );
    assert.deepStrictEqual([row.measures, row.withTargets, row.toFillIn, row.justified, row.lacking], [6, 1, 2, 2, 1]);
    assert.deepStrictEqual(summary.targets.totals, { plans: 1, measures: 6, withTargets: 1, toFillIn: 2, justified: 2, lacking: 1 });
  });

  it('applying the preferred "Add targets" fix moves a measure to "to fill in", not to "with targets"', () => {
    const text = `${header}      - id: m1\n        name: Audits\n        unit: audits\n        data_source: Audit log\n`;
    const before = analyzeText('file:///ws/p.plan.yaml', text, { cache });
    const settings = { ...defaultAuditSettings, reviewDate: '2017-02-28' };
    const [finding] = auditDocument(before, createAuditContext([before], settings), settings).filter((f) => f.ruleId === 'measure-without-target');
    const fix = finding.fixes?.find((candidate) => candidate.isPreferred);
    assert.ok(fix);
    const after = analyzeText('file:///ws/p.plan.yaml', applyFix(text, fix), { cache });
    assert.deepStrictEqual(summaryOf([before]).targets.totals, { plans: 1, measures: 1, withTargets: 0, toFillIn: 0, justified: 0, lacking: 1 });
    assert.deepStrictEqual(summaryOf([after]).targets.totals, { plans: 1, measures: 1, withTargets: 0, toFillIn: 1, justified: 0, lacking: 0 });
    const filled = analyzeText('file:///ws/p.plan.yaml', applyFix(text, fix).replace('value: ', 'value: 120'), { cache });
    assert.deepStrictEqual(summaryOf([filled]).targets.totals, { plans: 1, measures: 1, withTargets: 1, toFillIn: 0, justified: 0, lacking: 0 });
  });

  it('every export shows the count of targets to fill in', () => {
    const report = summarize([document], { ...defaultAuditSettings, reviewDate: '2017-02-28' });
    const text = formatSummary(report, 'text');
    assert.match(text, /Targets: 6 measures in 1 plan: 1 with targets, 2 with targets to fill in, 2 justified exceptions, 1 without a target/);
    assert.match(text, /ipr-fy2017 \(annual, FY2017, Current\): 6 measures, 1 with targets, 2 to fill in, 2 justified, 1 without a target/);
    const markdown = formatSummary(report, 'markdown');
    assert.match(markdown, /\| Plan \| Type \| Period \| Standing \| Measures \| With targets \| Targets to fill in \| Justified exceptions \| Without a target \| Source \|/);
    assert.match(markdown, /\| ipr-fy2017 \| annual \| FY2017 \| Current \| 6 \| 1 \| 2 \| 2 \| 1 \|/);
    const html = formatSummary(report, 'html');
    assert.match(html, /<th scope="col" class="num">With targets<\/th><th scope="col" class="num">Targets to fill in<\/th>/);
    assert.match(html, /<td class="num">6<\/td><td class="num">1<\/td><td class="num">2<\/td><td class="num">2<\/td><td class="num status-bad below">1<\/td>/);
    const [csvHeader, csvRow] = formatSummary(report, 'csv').split('\r\n');
    const columns = csvHeader.split(',');
    const cells = csvRow.split(',');
    const cell = (name: string) => cells[columns.indexOf(name)];
    assert.deepStrictEqual([cell('measures'), cell('with_targets'), cell('targets_to_fill_in'), cell('justified_exceptions'), cell('without_target')], ['6', '1', '2', '2', '1']);
    const json = JSON.parse(formatSummary(report, 'json')) as { scopes: PlanAuditSummary[] };
    assert.strictEqual(json.scopes[0].targets.totals.toFillIn, 2);
    assert.strictEqual(json.scopes[0].targets.rows[0].toFillIn, 2);
  });
});
