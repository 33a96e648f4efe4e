/**
 * The staffing analysis against GAO-17-618, position by position, on the sample file itself
 * (`samples/gao-17-618/trade-positions.staffing.yaml`). Expected figures: domain research §1 (the Table 5
 * arithmetic table) and Table 6; definitions: domain research §4.2.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../server/src/core/analyze';
import type { Staffing } from '../../server/src/core/model';
import type { PositionAnalysis } from '../../server/src/core/staffingAnalysis';
import { analyzePosition, analyzeStaffing, countYears, formatCount, isGenerally, optimalCovers } from '../../server/src/core/staffingAnalysis';
import { createAnalysisCache } from '../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

const samplePath = path.resolve(__dirname, '../../samples/gao-17-618/trade-positions.staffing.yaml');

function staffingOf(text: string, fiscalYearStartMonth = 10): Staffing {
  const document = analyzeText('file:///t.staffing.yaml', text, { fiscalYearStartMonth, cache });
  assert.strictEqual(document.model?.kind, 'staffing');
  return document.model;
}

interface Table5Row {
  id: string;
  min: number;
  actuals: number[]; // FY2012–FY2016
  yearsBelowMin: number[];
  generallyBelowMin: boolean;
  belowOptimal: [fy15: boolean, fy16: boolean];
  generallyBelowOptimal: boolean;
  declining: boolean;
}

// Domain research §1, "Reproduction arithmetic for Table 5"; declining per take-away 7.
const table5: Table5Row[] = [
  { id: 'import-specialist', min: 984, actuals: [983, 987, 954, 936, 917], yearsBelowMin: [2012, 2014, 2015, 2016], generallyBelowMin: true, belowOptimal: [true, true], generallyBelowOptimal: true, declining: true },
  { id: 'entry-specialist', min: 409, actuals: [455, 451, 453, 441, 431], yearsBelowMin: [], generallyBelowMin: false, belowOptimal: [false, true], generallyBelowOptimal: false, declining: false },
  { id: 'customs-auditor', min: 364, actuals: [376, 357, 341, 330, 321], yearsBelowMin: [2013, 2014, 2015, 2016], generallyBelowMin: true, belowOptimal: [true, true], generallyBelowOptimal: true, declining: true },
  { id: 'fines-penalties-forfeitures-specialist', min: 203, actuals: [296, 299, 299, 295, 286], yearsBelowMin: [], generallyBelowMin: false, belowOptimal: [false, false], generallyBelowOptimal: false, declining: false },
  { id: 'national-import-specialist', min: 97, actuals: [94, 87, 86, 83, 77], yearsBelowMin: [2012, 2013, 2014, 2015, 2016], generallyBelowMin: true, belowOptimal: [true, true], generallyBelowOptimal: true, declining: true },
  { id: 'regulations-rulings-attorney', min: 90, actuals: [112, 107, 106, 106, 105], yearsBelowMin: [], generallyBelowMin: false, belowOptimal: [false, false], generallyBelowOptimal: false, declining: false },
  { id: 'international-trade-specialist', min: 74, actuals: [144, 132, 126, 130, 135], yearsBelowMin: [], generallyBelowMin: false, belowOptimal: [false, false], generallyBelowOptimal: false, declining: false },
  { id: 'drawback-specialist', min: 37, actuals: [38, 37, 35, 33, 36], yearsBelowMin: [2014, 2015, 2016], generallyBelowMin: true, belowOptimal: [true, true], generallyBelowOptimal: true, declining: false },
  { id: 'financial-systems-specialist', min: 5, actuals: [5, 5, 2, 5, 4], yearsBelowMin: [2014, 2016], generallyBelowMin: false, belowOptimal: [true, true], generallyBelowOptimal: true, declining: false },
];

// GAO-17-618 Table 6 (as of October 4, 2014 → FY2015); bold (note d) = below.
const table6: { id: string; actual: number; optimalMin: number; below: boolean }[] = [
  { id: 'agriculture-specialist', actual: 862, optimalMin: 1167, below: true },
  { id: 'cbp-officer', actual: 6889, optimalMin: 8658, below: true },
  { id: 'chemist', actual: 148, optimalMin: 162, below: true },
  { id: 'national-account-manager', actual: 28, optimalMin: 30, below: true },
  { id: 'paralegal-specialist', actual: 12, optimalMin: 11, below: false },
  { id: 'seized-property-specialist', actual: 117, optimalMin: 121, below: true },
];

describe('staffing analysis', () => {
  describe('on the GAO-17-618 sample (samples/gao-17-618/trade-positions.staffing.yaml)', () => {
    const staffing = staffingOf(fs.readFileSync(samplePath, 'utf8'));
    const analyses = analyzeStaffing(staffing);
    const byId = new Map(analyses.map((analysis) => [analysis.position.id, analysis]));
    const get = (id: string): PositionAnalysis => {
      const analysis = byId.get(id);
      assert.ok(analysis, `the sample has position ${id}`);
      return analysis;
    };

    it('has the 15 positions of Tables 5 and 6, in file order', () => {
      assert.deepStrictEqual(
        analyses.map((analysis) => analysis.position.id),
        [...table5.map((row) => row.id), ...table6.map((row) => row.id)].sort((a, b) => idOrder(a) - idOrder(b)),
      );
      function idOrder(id: string): number {
        return staffing.positions.findIndex((position) => position.id === id);
      }
      assert.strictEqual(analyses.length, 15);
    });

    for (const row of table5) {
      it(`Table 5: ${row.id}`, () => {
        const analysis = get(row.id);
        assert.strictEqual(analysis.position.mandatedMinimum, row.min);
        assert.deepStrictEqual(
          analysis.years.map((year) => [year.fiscalYear, year.value]),
          row.actuals.map((value, index) => [2012 + index, value]),
          'actuals FY2012–FY2016',
        );
        assert.deepStrictEqual(analysis.yearsBelowMinimum.map((year) => year.fiscalYear), row.yearsBelowMin, 'years below the mandated minimum');
        assert.strictEqual(analysis.generallyBelowMinimum, row.generallyBelowMin, 'generally below the minimum');
        assert.deepStrictEqual(analysis.coveredYears.map((year) => year.fiscalYear), [2015, 2016], 'the optimal range covers FY2015–2016 of the reported years');
        assert.deepStrictEqual(
          analysis.coveredYears.map((year) => year.belowOptimal),
          row.belowOptimal,
          'below the optimal minimum in FY2015 / FY2016',
        );
        assert.ok(analysis.years.filter((year) => year.fiscalYear < 2015).every((year) => !year.coveredByOptimal && !year.belowOptimal), 'FY2012–2014 are outside the range');
        assert.strictEqual(analysis.generallyBelowOptimal, row.generallyBelowOptimal, 'generally below the optimal range');
        assert.strictEqual(analysis.declining, row.declining, 'declining');
        assert.strictEqual(analysis.gap, row.generallyBelowMin || row.generallyBelowOptimal, 'gap');
        assert.strictEqual(analysis.hasHiringPlan, false, 'GAO: no hiring plan');
      });
    }

    for (const row of table6) {
      it(`Table 6: ${row.id} (as of 2014-10-04 counts as FY2015)`, () => {
        const analysis = get(row.id);
        assert.strictEqual(analysis.position.mandatedMinimum, undefined);
        assert.deepStrictEqual(analysis.years.map((year) => [year.fiscalYear, year.value, year.actual.asOf]), [[2015, row.actual, '2014-10-04']]);
        assert.strictEqual(analysis.position.optimal?.min, row.optimalMin);
        assert.deepStrictEqual(analysis.coveredYears.map((year) => year.fiscalYear), [2015]);
        assert.strictEqual(analysis.coveredYears[0].belowOptimal, row.below);
        assert.strictEqual(analysis.generallyBelowOptimal, row.below);
        assert.strictEqual(analysis.generallyBelowMinimum, false);
        assert.deepStrictEqual(analysis.yearsBelowMinimum, []);
        assert.strictEqual(analysis.declining, false, 'one data point cannot decline');
        assert.strictEqual(analysis.gap, row.below);
      });
    }

    it('reproduces GAO\'s conclusions as sets', () => {
      const ids = (predicate: (analysis: PositionAnalysis) => boolean) => analyses.filter(predicate).map((analysis) => analysis.position.id);
      assert.deepStrictEqual(ids((a) => a.generallyBelowMinimum), ['import-specialist', 'customs-auditor', 'national-import-specialist', 'drawback-specialist']);
      assert.deepStrictEqual(ids((a) => a.position.mandatedMinimum === undefined && a.generallyBelowOptimal), [
        'agriculture-specialist',
        'cbp-officer',
        'chemist',
        'national-account-manager',
        'seized-property-specialist',
      ]);
      assert.deepStrictEqual(ids((a) => a.position.mandatedMinimum !== undefined && a.generallyBelowOptimal), [
        'import-specialist',
        'customs-auditor',
        'national-import-specialist',
        'drawback-specialist',
        'financial-systems-specialist',
      ]);
      assert.deepStrictEqual(ids((a) => a.declining), ['import-specialist', 'customs-auditor', 'national-import-specialist']);
      assert.deepStrictEqual(ids((a) => a.optimalIssues.length > 0), ['fines-penalties-forfeitures-specialist']);
    });

    it('boundary: drawback FY2013 (37 = 37) is not below the minimum', () => {
      const fy2013 = get('drawback-specialist').years.find((year) => year.fiscalYear === 2013)!;
      assert.strictEqual(fy2013.value, 37);
      assert.strictEqual(fy2013.belowMinimum, false);
    });

    it('boundary: financial systems specialist is below in 2 of 5 years (FY2012, 2013, 2015 equal 5): not generally', () => {
      const analysis = get('financial-systems-specialist');
      assert.deepStrictEqual(
        analysis.years.filter((year) => year.value === 5).map((year) => [year.fiscalYear, year.belowMinimum]),
        [
          [2012, false],
          [2013, false],
          [2015, false],
        ],
      );
      assert.strictEqual(analysis.yearsBelowMinimum.length, 2);
      assert.strictEqual(analysis.generallyBelowMinimum, false);
      assert.strictEqual(analysis.generallyBelowOptimal, true, 'but below optimal in both FY2015 and FY2016');
    });

    it('boundary: entry specialist is below optimal in 1 of 2 covered years (FY2016 431 < 433): not generally', () => {
      const analysis = get('entry-specialist');
      assert.deepStrictEqual(analysis.yearsBelowOptimal.map((year) => [year.fiscalYear, year.value]), [[2016, 431]]);
      assert.strictEqual(analysis.generallyBelowOptimal, false);
      assert.strictEqual(analysis.gap, false);
    });

    it('declining: the four most recent points, oldest first', () => {
      assert.deepStrictEqual(get('import-specialist').decliningYears.map((year) => year.value), [987, 954, 936, 917]);
      assert.deepStrictEqual(get('customs-auditor').decliningYears.map((year) => year.value), [357, 341, 330, 321]);
      assert.deepStrictEqual(get('national-import-specialist').decliningYears.map((year) => year.value), [87, 86, 83, 77]);
      assert.deepStrictEqual(get('entry-specialist').decliningYears, [], '451 → 453 is a rise');
      assert.deepStrictEqual(get('drawback-specialist').decliningYears, [], '33 → 36 is a rise');
    });

    it('Fines, Penalties and Forfeitures: optimal maximum 201 below the mandated minimum 203', () => {
      assert.deepStrictEqual(get('fines-penalties-forfeitures-specialist').optimalIssues, ['max-below-minimum']);
    });

    it('computes each position once (cached on the model object)', () => {
      assert.strictEqual(analyzePosition(staffing.positions[0]), analyses[0]);
      assert.strictEqual(analyzeStaffing(staffing)[3], analyses[3]);
    });
  });

  describe('definitions', () => {
    const position = (body: string) =>
      staffingOf(`kind: staffing\nversion: 1\nid: s\nagency: A\nas_of: 2016-09-30\npositions:\n  - id: p\n    title: P\n${body}`).positions[0];

    it('"generally" means more than half', () => {
      assert.deepStrictEqual(
        [
          [0, 0],
          [1, 1],
          [1, 2],
          [2, 4],
          [2, 5],
          [3, 5],
          [3, 4],
        ].map(([count, total]) => isGenerally(count, total)),
        [false, true, false, false, false, true, true],
      );
    });

    it('derives the fiscal year from as_of (4 Oct 2014 is FY2015; 30 Sep 2014 is FY2014), and honours the start month', () => {
      const body = '    optimal: {min: 10, max: 20, fiscal_years: {start: 2015, end: 2022}}\n    actuals:\n      - {as_of: 2014-10-04, value: 5}\n';
      assert.deepStrictEqual(analyzePosition(position(body)).coveredYears.map((y) => y.fiscalYear), [2015]);
      const septemberBody = body.replace('2014-10-04', '2014-09-30');
      const september = analyzePosition(position(septemberBody));
      assert.deepStrictEqual(september.years.map((y) => y.fiscalYear), [2014]);
      assert.deepStrictEqual(september.coveredYears, [], 'FY2014 is outside FY2015–2022');
      assert.strictEqual(september.generallyBelowOptimal, false);
      const calendar = staffingOf(`kind: staffing\nversion: 1\nid: s\nagency: A\nas_of: 2016-09-30\npositions:\n  - id: p\n    title: P\n${body}`, 1);
      assert.deepStrictEqual(analyzePosition(calendar.positions[0]).years.map((y) => y.fiscalYear), [2014], 'calendar fiscal year');
    });

    it('counts "generally below optimal" over covered years only', () => {
      const body =
        '    optimal: {min: 100, max: 200, fiscal_years: {start: 2015, end: 2016}}\n    actuals:\n' +
        [2012, 2013, 2014, 2015, 2016, 2017].map((year) => `      - {fiscal_year: ${year}, value: ${year >= 2015 && year <= 2016 ? 90 : 50}}\n`).join('');
      const analysis = analyzePosition(position(body));
      assert.deepStrictEqual(analysis.coveredYears.map((y) => y.fiscalYear), [2015, 2016]);
      assert.deepStrictEqual(analysis.yearsBelowOptimal.map((y) => y.fiscalYear), [2015, 2016]);
      assert.strictEqual(analysis.generallyBelowOptimal, true);
      assert.ok(analysis.years.filter((y) => !y.coveredByOptimal).every((y) => !y.belowOptimal), 'years outside the range are never below it');
    });

    it('declining needs four consecutive fiscal years with three strict falls', () => {
      const declining = (values: [number, number][]) =>
        analyzePosition(position(`    mandated_minimum: 1\n    actuals:\n${values.map(([year, value]) => `      - {fiscal_year: ${year}, value: ${value}}\n`).join('')}`)).declining;
      assert.strictEqual(declining([[2013, 10], [2014, 9], [2015, 8], [2016, 7]]), true);
      assert.strictEqual(declining([[2014, 9], [2015, 8], [2016, 7]]), false, 'three points are two falls');
      assert.strictEqual(declining([[2013, 10], [2014, 9], [2015, 9], [2016, 7]]), false, 'a flat year breaks the run');
      assert.strictEqual(declining([[2012, 10], [2014, 9], [2015, 8], [2016, 7]]), false, 'a missing year breaks the run');
      assert.strictEqual(declining([[2012, 5], [2013, 10], [2014, 9], [2015, 8], [2016, 7]]), true, 'only the most recent four count');
      assert.strictEqual(declining([[2012, 10], [2013, 9], [2014, 8], [2015, 7], [2016, 8]]), false, 'the latest year rose');
    });

    it('ignores actuals with no fiscal year or no numeric value; the last entry for a year wins', () => {
      const body =
        '    mandated_minimum: 10\n    actuals:\n      - {fiscal_year: 2015, value: 12}\n      - {value: 3}\n      - {fiscal_year: 2016, value: "n/a"}\n      - {fiscal_year: 2015, value: 8}\n';
      const analysis = analyzePosition(position(body));
      assert.deepStrictEqual(analysis.years.map((y) => [y.fiscalYear, y.value]), [[2015, 8]]);
      assert.strictEqual(analysis.generallyBelowMinimum, true);
    });

    it('an optimal range without fiscal years applies in every year; a missing bound leaves that side open', () => {
      const base = { node: undefined as never, min: 1, max: 2 };
      assert.strictEqual(optimalCovers({ ...base }, 1990), true);
      assert.strictEqual(optimalCovers({ ...base, startYear: 2015 }, 2014), false);
      assert.strictEqual(optimalCovers({ ...base, startYear: 2015 }, 2030), true);
      assert.strictEqual(optimalCovers({ ...base, endYear: 2022 }, 2023), false);
      assert.strictEqual(optimalCovers(undefined, 2015), false);
    });

    it('flags min > max and max < mandated minimum', () => {
      assert.deepStrictEqual(
        analyzePosition(position('    mandated_minimum: 50\n    optimal: {min: 40, max: 30, fiscal_years: {start: 2015, end: 2022}}\n    actuals: []\n')).optimalIssues,
        ['min-above-max', 'max-below-minimum'],
      );
      assert.deepStrictEqual(
        analyzePosition(position('    mandated_minimum: 30\n    optimal: {min: 20, max: 30, fiscal_years: {start: 2015, end: 2022}}\n    actuals: []\n')).optimalIssues,
        [],
        'a maximum equal to the minimum is consistent',
      );
    });

    it('formats figures as GAO prints them', () => {
      assert.deepStrictEqual([formatCount(1748), formatCount(984), formatCount(8658), formatCount(22000), formatCount(1234567)], ['1,748', '984', '8,658', '22,000', '1,234,567']);
      assert.deepStrictEqual([countYears(4, 5), countYears(5, 5), countYears(2, 2), countYears(1, 1, 'the range covers')], [
        '4 of 5 reported years',
        'all 5 reported years',
        'both reported years',
        'the only reported year the range covers',
      ]);
    });
  });
});
