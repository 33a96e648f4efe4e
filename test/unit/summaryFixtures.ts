/**
 * The GAO-17-618 figures the summary must reproduce (Tables 5, 6 and 11), and helpers that summarise a
 * folder of samples the way the CLI does. Shared by the summary, formatter and webview tests.
 */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { AnalyzedDocument, AuditSettings } from '../../server/src/core/analyze';
import { analyzeText, auditWorkspace, defaultAuditSettings } from '../../server/src/core/analyze';
import { LineIndex } from '../../server/src/core/lines';
import type { PlanAuditSummary, PlanAuditSummaryReport } from '../../server/src/core/summary';
import { resolveSummaryLocations, summarizeWorkspace } from '../../server/src/core/summary';
import { createAnalysisCache } from '../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

export const samplesRoot = path.resolve(__dirname, '../../samples');
export const gaoFolder = path.join(samplesRoot, 'gao-17-618');

/** Reads and analyses every YAML file under `folder` (sorted). */
export function loadFolder(folder: string, fiscalYearStartMonth = 10): AnalyzedDocument[] {
  const files: string[] = [];
  const visit = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) {
        visit(full);
      } else if (/\.ya?ml$/.test(name)) {
        files.push(full);
      }
    }
  };
  visit(folder);
  return files.map((file) => analyzeText(pathToFileURL(file).toString(), fs.readFileSync(file, 'utf8'), { fiscalYearStartMonth, cache }));
}

/** Summarises in-memory documents like the CLI: findings counted, ranges resolved. */
export function summarize(documents: readonly AnalyzedDocument[], settings: AuditSettings = defaultAuditSettings, today = '2020-01-01'): PlanAuditSummaryReport {
  const findingsByUri = auditWorkspace(documents, settings, today);
  const report = summarizeWorkspace(documents, settings, today, { findingsByUri });
  const indexes = new Map(documents.map((document) => [document.uri, new LineIndex(document.text)]));
  return resolveSummaryLocations(report, (uri, offset) => indexes.get(uri)?.position(offset));
}

/** The one scope of the GAO-17-618 samples (review date from the portfolio: 2017-02-28 unless overridden). */
export function gaoSummary(settings: AuditSettings = defaultAuditSettings): PlanAuditSummary {
  const report = summarize(loadFolder(gaoFolder), settings);
  if (report.scopes.length !== 1) {
    throw new Error(`expected one scope, got ${report.scopes.length}`);
  }
  return report.scopes[0];
}

/** Table 11 (App. IV, p. 68), in the portfolio's (Table 1) order: status and the plans of each issue. */
export const table11: readonly { areaId: string; title: string; status: 'current' | 'outdated' | 'missing'; plans: string[] }[] = [
  { areaId: 'agriculture', title: 'Agriculture Programs', status: 'missing', plans: ['annual FY2017 draft'] },
  { areaId: 'adcvd', title: 'Antidumping and Countervailing Duties (AD/CVD)', status: 'current', plans: ['strategic FY2013–FY2018 current', 'annual FY2017 current'] },
  { areaId: 'import-safety', title: 'Import Safety', status: 'missing', plans: ['annual FY2017 draft'] },
  { areaId: 'ipr', title: 'Intellectual Property Rights (IPR)', status: 'outdated', plans: ['strategic FY2017–FY2019 draft', 'strategic FY2010–FY2014 outdated'] },
  { areaId: 'textiles', title: 'Textiles and Wearing Apparel', status: 'outdated', plans: ['annual FY2011 outdated'] },
  { areaId: 'trade-agreements', title: 'Trade Agreements and Preference Programs', status: 'outdated', plans: ['annual FY2011 outdated'] },
  { areaId: 'revenue', title: 'Revenue', status: 'outdated', plans: ['annual FY2009 outdated'] },
];

export interface Table5Row {
  readonly id: string;
  readonly title: string;
  readonly min: number;
  readonly optimal: [number, number];
  /** FY2012–FY2016. */
  readonly actuals: number[];
  readonly belowMin: number[];
  readonly belowOptimal: number[];
  /** Bold in Table 5 (note c). */
  readonly generallyBelow: boolean;
}

/** Table 5 (p. 37), as printed; below-years from the report's arithmetic (strict: equal is not below). */
export const table5: readonly Table5Row[] = [
  { id: 'import-specialist', title: 'Import specialist', min: 984, optimal: [984, 1748], actuals: [983, 987, 954, 936, 917], belowMin: [2012, 2014, 2015, 2016], belowOptimal: [2015, 2016], generallyBelow: true },
  { id: 'entry-specialist', title: 'Entry specialist', min: 409, optimal: [433, 463], actuals: [455, 451, 453, 441, 431], belowMin: [], belowOptimal: [2016], generallyBelow: false },
  { id: 'customs-auditor', title: 'Customs auditor', min: 364, optimal: [397, 699], actuals: [376, 357, 341, 330, 321], belowMin: [2013, 2014, 2015, 2016], belowOptimal: [2015, 2016], generallyBelow: true },
  { id: 'fines-penalties-forfeitures-specialist', title: 'Fines, Penalties and Forfeitures specialist', min: 203, optimal: [101, 201], actuals: [296, 299, 299, 295, 286], belowMin: [], belowOptimal: [], generallyBelow: false },
  { id: 'national-import-specialist', title: 'National import specialist', min: 97, optimal: [94, 135], actuals: [94, 87, 86, 83, 77], belowMin: [2012, 2013, 2014, 2015, 2016], belowOptimal: [2015, 2016], generallyBelow: true },
  { id: 'regulations-rulings-attorney', title: 'Regulations and Rulings attorney', min: 90, optimal: [103, 158], actuals: [112, 107, 106, 106, 105], belowMin: [], belowOptimal: [], generallyBelow: false },
  { id: 'international-trade-specialist', title: 'International trade specialist', min: 74, optimal: [125, 199], actuals: [144, 132, 126, 130, 135], belowMin: [], belowOptimal: [], generallyBelow: false },
  { id: 'drawback-specialist', title: 'Drawback specialist', min: 37, optimal: [38, 48], actuals: [38, 37, 35, 33, 36], belowMin: [2014, 2015, 2016], belowOptimal: [2015, 2016], generallyBelow: true },
  { id: 'financial-systems-specialist', title: 'Financial systems specialist', min: 5, optimal: [6, 12], actuals: [5, 5, 2, 5, 4], belowMin: [2014, 2016], belowOptimal: [2015, 2016], generallyBelow: false },
];

/** Table 6 (p. 38): optimal range and the actual as of October 4, 2014 (counts as FY2015); bold = below (note d). */
export const table6: readonly { id: string; title: string; optimal: [number, number]; actual: number; below: boolean }[] = [
  { id: 'agriculture-specialist', title: 'Agriculture specialist', optimal: [1167, 1365], actual: 862, below: true },
  { id: 'cbp-officer', title: 'CBP officer', optimal: [8658, 9682], actual: 6889, below: true },
  { id: 'chemist', title: 'Chemist', optimal: [162, 222], actual: 148, below: true },
  { id: 'national-account-manager', title: 'National account manager', optimal: [30, 50], actual: 28, below: true },
  { id: 'paralegal-specialist', title: 'Paralegal specialist', optimal: [11, 13], actual: 12, below: false },
  { id: 'seized-property-specialist', title: 'Seized property specialist', optimal: [121, 162], actual: 117, below: true },
];

/** Strings that would run script or make links if they were ever parsed as markup. */
export const hostile = {
  img: '<img src=x onerror="window.__pwned=1">',
  script: '</script><script>window.__pwned=2</script>',
  link: '[click](javascript:alert(1))',
  formula: '=HYPERLINK("http://example.invalid","x")',
  attribute: '"><svg onload="window.__pwned=4">',
  jsUrl: 'javascript:window.__pwned=5',
};

/** A small workspace whose every user string is hostile. */
export function hostileDocuments() {
  const portfolio = `kind: portfolio
version: 1
id: hostile
title: '${hostile.img}'
review_date: 2017-02-28
areas:
  - id: area-1
    title: '${hostile.script}'
`;
  const plan = `kind: plan
version: 1
id: 'javascript:alert(1)'
title: '${hostile.link}'
issue_area: area-1
type: annual
status: final
period: {start: 2017, end: 2017}
goals:
  - id: g
    title: '${hostile.img}'
    measures:
      - id: m
        name: '${hostile.formula}'
`;
  const staffing = `kind: staffing
version: 1
id: s
positions:
  - id: p
    title: '${hostile.script}'
    office: '${hostile.formula}'
    mandated_minimum: 10
    actuals:
      - {fiscal_year: 2016, value: 9}
`;
  const recommendations = `kind: recommendations
version: 1
id: r
items:
  - id: '${hostile.jsUrl}'
    source: gao
    report: '${hostile.attribute}'
    issued: 2010-01-01
    topic: '${hostile.img}'
    status: open
`;
  return [
    analyzeText('file:///ws/hostile.recommendations.yaml', recommendations, { cache }),
    analyzeText('file:///ws/hostile.portfolio.yaml', portfolio, { cache }),
    analyzeText('file:///ws/hostile.plan.yaml', plan, { cache }),
    analyzeText('file:///ws/hostile.staffing.yaml', staffing, { cache }),
  ];
}

/** A generated portfolio with `planCount` plans (one area each) and a staffing file with `positionCount` positions. */
export function largeDocuments(positionCount = 500, planCount = 200): AnalyzedDocument[] {
  const areas = Array.from({ length: planCount }, (_, index) => `  - id: area-${index}\n    title: Issue area ${index}\n`).join('');
  const documents = [analyzeText('file:///big/big.portfolio.yaml', `kind: portfolio\nversion: 1\nid: big\ntitle: Generated portfolio\nreview_date: 2017-02-28\nareas:\n${areas}`, { cache })];
  for (let index = 0; index < planCount; index++) {
    const end = 2012 + (index % 8);
    documents.push(
      analyzeText(
        `file:///big/plan-${String(index).padStart(3, '0')}.plan.yaml`,
        `kind: plan\nversion: 1\nid: plan-${index}\ntitle: Plan ${index}\nissue_area: area-${index}\ntype: annual\nstatus: ${index % 5 === 0 ? 'draft' : 'final'}\nperiod: {start: ${end}, end: ${end}}\ngoals:\n  - id: g\n    title: Goal\n    measures:\n      - id: m1\n        name: Measure one\n        targets:\n          - {fiscal_year: ${end}, value: 1}\n      - id: m2\n        name: Measure two\n`, { cache }),
    );
  }
  const positions = Array.from({ length: positionCount }, (_, index) => {
    const minimum = 100 + (index % 50);
    const actuals = [2012, 2013, 2014, 2015, 2016].map((year, offset) => `      - {fiscal_year: ${year}, value: ${minimum - 10 + ((index + offset * 7) % 25)}}\n`).join('');
    return `  - id: position-${index}\n    title: Position ${index}\n    mandated_minimum: ${minimum}\n    optimal: {min: ${minimum + 5}, max: ${minimum + 40}, fiscal_years: {start: 2015, end: 2022}}\n    actuals:\n${actuals}`;
  }).join('');
  documents.push(analyzeText('file:///big/big.staffing.yaml', `kind: staffing\nversion: 1\nid: big-staffing\npositions:\n${positions}`, { cache }));
  return documents;
}
