/**
 * The summary over the GAO-17-618 samples reproduces the report's Table 11 (plan coverage), Table 5
 * (mandated positions) and Table 6 (nonmandated positions), the AD/CVD FY2017 measures without targets,
 * and the open recommendations at the review date; every row points at its YAML node.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import { fileURLToPath } from 'url';
import { analyzeText, defaultAuditSettings } from '../../server/src/core/analyze';
import type { PlanAuditSummary, SourceLocation, StaffingRow } from '../../server/src/core/summary';
import { computeSummary, scopeIndexOf } from '../../server/src/core/summary';
import { createAuditContext } from '../../server/src/core/analyze';
import { gaoSummary, loadFolder, samplesRoot, summarize, table11, table5, table6 } from './summaryFixtures';
import { createAnalysisCache } from '../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

function lineAt(location: SourceLocation): string {
  assert.ok(location.range, `location ${location.uri} has a range`);
  const text = fs.readFileSync(fileURLToPath(location.uri), 'utf8');
  return text.split('\n')[location.range.start.line];
}

describe('summary', () => {
  describe('on the GAO-17-618 samples at the review date 2017-02-28', () => {
    const summary = gaoSummary();

    it('names the review date and the 12 source files', () => {
      assert.strictEqual(summary.reviewDate, '2017-02-28');
      assert.strictEqual(summary.reviewFiscalYear, 2017);
      assert.strictEqual(summary.scopeLabel, 'CBP Priority Trade Issues');
      assert.strictEqual(summary.files.length, 12);
      assert.deepStrictEqual(
        summary.files.map((file) => file.kind).sort(),
        ['plan', 'plan', 'plan', 'plan', 'plan', 'plan', 'plan', 'plan', 'plan', 'portfolio', 'recommendations', 'staffing'],
      );
    });

    it('Table 11: 1 current, 4 outdated, 2 missing, area by area with their plans', () => {
      assert.deepStrictEqual(summary.coverage.counts, { current: 1, outdated: 4, missing: 2 });
      assert.deepStrictEqual(
        summary.coverage.rows.map((row) => ({
          areaId: row.areaId,
          title: row.title,
          status: row.status,
          plans: row.plans.map((plan) => `${plan.type} ${plan.periodLabel} ${plan.standing}`),
        })),
        table11,
      );
      for (const row of summary.coverage.rows) {
        assert.strictEqual(row.statusLabel, { current: 'Current', outdated: 'Outdated', missing: 'Missing' }[row.status], 'every status has a text label');
      }
    });

    it('Table 11: describes each area like the report does', () => {
      const byId = new Map(summary.coverage.rows.map((row) => [row.areaId, row.description]));
      assert.strictEqual(byId.get('adcvd'), 'Strategic plan FY2013–FY2018 and annual plan FY2017 in force in FY2017.');
      assert.strictEqual(byId.get('ipr'), 'Latest final plan, strategic plan FY2010–FY2014, ended before FY2017. In draft (does not count): strategic plan FY2017–FY2019.');
      assert.strictEqual(byId.get('import-safety'), 'No final strategic or annual plan. In draft (does not count): annual plan FY2017.');
    });

    it('targets: the AD/CVD FY2017 annual plan has 4 measures and none has a target', () => {
      const adcvd = summary.targets.rows.find((row) => row.planId === 'adcvd-fy2017-annual');
      assert.ok(adcvd);
      assert.deepStrictEqual([adcvd.measures, adcvd.withTargets, adcvd.justified, adcvd.lacking], [4, 0, 0, 4]);
      assert.deepStrictEqual(
        adcvd.measureRows.map((measure) => [measure.id, measure.state]),
        [
          ['adcvd-audits', 'lacking'],
          ['adcvd-nonaudit-services', 'lacking'],
          ['adcvd-surveys', 'lacking'],
          ['importers-removed-from-targeting-rule', 'lacking'],
        ],
      );
      assert.deepStrictEqual(summary.targets.totals, { plans: 9, measures: 4, withTargets: 0, toFillIn: 0, justified: 0, lacking: 4 });
    });

    const mandated = summary.staffing.tables.find((table) => table.kind === 'mandated');
    const nonmandated = summary.staffing.tables.find((table) => table.kind === 'nonmandated');

    it('Table 5 and Table 6 are separate tables with their year columns', () => {
      assert.ok(mandated && nonmandated);
      assert.deepStrictEqual(mandated.fiscalYears, [2012, 2013, 2014, 2015, 2016]);
      assert.deepStrictEqual(nonmandated.fiscalYears, [2015]);
      assert.deepStrictEqual(mandated.rows.map((row) => row.positionId), table5.map((row) => row.id));
      assert.deepStrictEqual(nonmandated.rows.map((row) => row.positionId), table6.map((row) => row.id));
    });

    for (const expected of table5) {
      it(`Table 5: ${expected.title}`, () => {
        const row = mandated?.rows.find((candidate) => candidate.positionId === expected.id) as StaffingRow;
        assert.ok(row);
        assert.strictEqual(row.title, expected.title);
        assert.strictEqual(row.mandatedMinimum, expected.min);
        assert.deepStrictEqual([row.optimal?.min, row.optimal?.max, row.optimal?.startYear, row.optimal?.endYear], [...expected.optimal, 2015, 2022]);
        assert.deepStrictEqual(row.actuals.map((cell) => [cell.fiscalYear, cell.value]), expected.actuals.map((value, index) => [2012 + index, value]));
        assert.deepStrictEqual(row.actuals.filter((cell) => cell.belowMinimum).map((cell) => cell.fiscalYear), expected.belowMin, 'cells below the minimum');
        assert.deepStrictEqual(row.actuals.filter((cell) => cell.belowOptimal).map((cell) => cell.fiscalYear), expected.belowOptimal, 'cells below the optimum');
        assert.strictEqual(row.generallyBelowMinimum, expected.generallyBelow, 'generally below (bold in Table 5)');
        assert.strictEqual(row.generallyBelowOptimal, expected.belowOptimal.length === 2, 'generally below the optimal range over FY2015–2016');
        assert.strictEqual(row.yearsReported, 5);
        assert.strictEqual(row.yearsBelowMinimum, expected.belowMin.length);
      });
    }

    for (const expected of table6) {
      it(`Table 6: ${expected.title}`, () => {
        const row = nonmandated?.rows.find((candidate) => candidate.positionId === expected.id) as StaffingRow;
        assert.ok(row);
        assert.strictEqual(row.mandatedMinimum, undefined);
        assert.deepStrictEqual([row.optimal?.min, row.optimal?.max], expected.optimal);
        assert.deepStrictEqual(row.actuals.map((cell) => [cell.fiscalYear, cell.value, cell.asOf, cell.belowOptimal]), [[2015, expected.actual, '2014-10-04', expected.below]]);
        assert.strictEqual(row.generallyBelowOptimal, expected.below, 'bold in Table 6');
      });
    }

    it('staffing counts: 4 generally below the minimum, 10 below the optimum, 3 declining', () => {
      assert.deepStrictEqual(summary.staffing.counts, { positions: 15, generallyBelowMinimum: 4, generallyBelowOptimal: 10, declining: 3, gapsWithoutHiringPlan: 10 });
      const flagged = (label: string) => [...(mandated?.rows ?? []), ...(nonmandated?.rows ?? [])].filter((row) => row.flagLabels.includes(label)).map((row) => row.positionId);
      assert.deepStrictEqual(flagged('Declining'), ['import-specialist', 'customs-auditor', 'national-import-specialist']);
      assert.deepStrictEqual(flagged('Inconsistent optimal range'), ['fines-penalties-forfeitures-specialist']);
    });

    it('recommendations: 27 open (9 GAO, 18 OIG), none open more than 4 years on 2017-02-28', () => {
      const recommendations = summary.recommendations;
      assert.strictEqual(recommendations.total, 27);
      assert.strictEqual(recommendations.open, 27);
      assert.strictEqual(recommendations.openTooLong, 0);
      assert.strictEqual(recommendations.rows.filter((row) => row.source === 'gao').length, 9);
      assert.strictEqual(recommendations.openByAge.reduce((total, bucket) => total + bucket.count, 0), 27);
      const gao13268 = recommendations.rows.filter((row) => row.report === 'GAO-13-268');
      assert.deepStrictEqual(gao13268.map((row) => [row.ageYears, row.thresholdYears, row.thresholdDate, row.openTooLong]), [
        [3, 4, '2017-03-01', false],
        [3, 4, '2017-03-01', false],
      ]);
      assert.ok(recommendations.rows.filter((row) => row.source === 'oig').every((row) => row.thresholdYears === undefined && !row.openTooLong), 'OIG items are not judged by age');
      assert.deepStrictEqual(recommendations.rows.slice(0, 3).map((row) => row.report), ['OIG-11-92', 'OIG-11-92', 'OIG-11-92'], 'oldest first');
    });

    it('recommendations: from 2017-03-02 the two GAO-13-268 items are open more than 4 years', () => {
      const later = gaoSummary({ ...defaultAuditSettings, reviewDate: '2017-03-02' });
      assert.deepStrictEqual(later.recommendations.rows.filter((row) => row.openTooLong).map((row) => row.id), ['gao-13-268-1', 'gao-13-268-2']);
    });

    it('every row points at its YAML node', () => {
      assert.match(lineAt(summary.coverage.rows[0].location), /- id: agriculture$/);
      assert.match(lineAt(summary.coverage.rows[1].plans[0].location), /^id: adcvd-fy2013-2018-strategic$/);
      assert.match(lineAt(summary.targets.rows[1].measureRows[0].location), /name: Number of AD\/CVD-related audits$/);
      const importSpecialist = mandated?.rows[0] as StaffingRow;
      assert.match(lineAt(importSpecialist.location), /title: Import specialist$/);
      assert.match(lineAt(importSpecialist.actuals[4].location), /value: 917$/);
      assert.match(lineAt(summary.recommendations.rows[0].location), /- id: oig-11-92-1$/);
    });

    it('is plain JSON data', () => {
      const walk = (value: unknown): void => {
        if (value === null || typeof value !== 'object') {
          assert.ok(['string', 'number', 'boolean', 'undefined'].includes(typeof value) || value === null);
          return;
        }
        assert.ok(Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype, 'only arrays and plain objects');
        Object.values(value).forEach(walk);
      };
      walk(summary);
    });
  });

  it('summarises samples/ as two scopes, each at its own review date, and finds the scope of a file', () => {
    const report = summarize(loadFolder(samplesRoot));
    assert.deepStrictEqual(report.scopes.map((scope) => [scope.scopeLabel, scope.reviewDate]), [
      ['Firearms-trafficking enforcement', '2024-09-30'],
      ['CBP Priority Trade Issues', '2017-02-28'],
    ]);
    const staffingUri = report.scopes[1].files.find((file) => file.kind === 'staffing')?.uri;
    assert.strictEqual(scopeIndexOf(report, staffingUri), 1);
    assert.strictEqual(scopeIndexOf(report, 'file:///elsewhere.plan.yaml'), 0);
    const firearms = report.scopes[0];
    assert.deepStrictEqual(firearms.targets.totals, { plans: 1, measures: 9, withTargets: 0, toFillIn: 0, justified: 0, lacking: 9 });
    assert.ok(firearms.files.every((file) => file.findings !== undefined), 'findings are counted per file when given');
  });

  it('counts justified target exceptions: a reason in target_not_applicable, or an exception comment that suppresses measure-without-target', () => {
    const text = `kind: plan
version: 1
id: p
title: Plan
issue_area: a
type: annual
status: final
period: {start: 2017, end: 2017}
goals:
  - id: g
    title: Goal
    measures:
      - id: with-target
        name: With target
        targets:
          - {fiscal_year: 2017, value: 3}
      - id: not-applicable
        name: Not applicable
        target_not_applicable: New measure; FY2017 collects the baseline.
      - id: empty-reason
        name: Empty reason
        target_not_applicable: ""
      - id: commented
        # plan-audit-disable-next-line measure-without-target -- Count reported for information only.
        name: Commented
      - id: lacking
        name: Lacking
`;
    const document = analyzeText('file:///ws/p.plan.yaml', text, { cache });
    const context = createAuditContext([document], { ...defaultAuditSettings, reviewDate: '2017-02-28' });
    const summary: PlanAuditSummary = computeSummary(context.workspace, context);
    const row = summary.targets.rows[0];
    assert.deepStrictEqual([row.measures, row.withTargets, row.justified, row.lacking], [5, 1, 2, 2]);
    assert.deepStrictEqual(
      row.measureRows.map((measure) => [measure.id, measure.state, measure.reason]),
      [
        ['with-target', 'targets', undefined],
        ['not-applicable', 'justified', 'New measure; FY2017 collects the baseline.'],
        ['empty-reason', 'lacking', undefined],
        ['commented', 'justified', 'Count reported for information only.'],
        ['lacking', 'lacking', undefined],
      ],
    );
    assert.deepStrictEqual(row.measureRows[0].targetYears, [2017]);
  });

  it('a workspace without a portfolio is one scope with no coverage rows', () => {
    const document = analyzeText('file:///ws/s.staffing.yaml', 'kind: staffing\nversion: 1\nid: s\npositions:\n  - id: x\n    title: X\n    mandated_minimum: 3\n    actuals:\n      - {fiscal_year: 2016, value: 2}\n', { cache });
    const report = summarize([document]);
    assert.strictEqual(report.scopes.length, 1);
    assert.strictEqual(report.scopes[0].scopeLabel, 'Files without a portfolio');
    assert.strictEqual(report.scopes[0].coverage.hasPortfolio, false);
    assert.deepStrictEqual(report.scopes[0].staffing.tables[0].rows[0].actuals.map((cell) => [cell.value, cell.belowMinimum]), [[2, true]]);
  });
});
