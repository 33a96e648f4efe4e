/**
 * ACCEPTANCE (issue 3): the check over `samples/gao-17-618/` at the review date 2017-02-28 reproduces
 * GAO-17-618's conclusions exactly, and nothing beyond them.
 *
 * - Plans (App. IV, Table 11): 1 Priority Trade Issue current (AD/CVD), 4 outdated (IPR, Textiles and
 *   Wearing Apparel, Trade Agreements and Preference Programs, Revenue), 2 with no plan (Import Safety,
 *   Agriculture Programs) — from `coverage.ts` and from the findings.
 * - Mandated positions generally below their minimum (Table 5, bold): import specialist, customs
 *   auditor, national import specialist, drawback specialist; not financial systems specialist (2 of 5).
 * - Below the optimal range: Table 6 — agriculture specialist, CBP officer, chemist, national account
 *   manager, seized property specialist (not paralegal specialist); Table 5, over FY2015–2016 — the four
 *   above plus financial systems specialist, as GAO's text says (domain take-away 6); not entry
 *   specialist (1 of 2 years).
 * - The AD/CVD FY2017 annual plan: every measure lacks a target.
 * - "Nothing beyond": the complete list of unsuppressed warning- and error-level findings, as
 *   (file, rule, subject), equals the list below. A new rule or a changed sample that adds a finding GAO did
 *   not make breaks this test. `staffing-gap-without-hiring-plan` is in the list: it is GAO's
 *   recommendation 2 (a long-term hiring plan to reach the staffing targets) on each position GAO found
 *   below its minimum or optimum, none of which has a hiring plan in the report.
 *
 * What GAO-17-618 does not report (plans' goals, owners and data sources) is recorded in the samples as
 * justified exceptions; they appear only as suppressed findings.
 */
import * as assert from 'assert';
import * as child_process from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import type { CheckResult } from '../../server/src/checkCommand';
import { runCheck } from '../../server/src/checkCommand';
import { createAuditContext, defaultAuditSettings } from '../../server/src/core/analyze';
import { computeCoverage } from '../../server/src/core/coverage';
import type { Finding } from '../../server/src/core/findings';
import { LineIndex } from '../../server/src/core/lines';
import type { PlanAuditModel } from '../../server/src/core/model';
import { allMeasures } from '../../server/src/core/model';
import { findRule } from '../../server/src/core/rules/index';

const root = path.resolve(__dirname, '../..');
const sampleFolder = 'samples/gao-17-618';
const reviewDate = '2017-02-28';

/** The rules the acceptance criteria depend on; each must be registered. */
const requiredRules = [
  'measure-without-target',
  'plan-outdated',
  'area-without-plan',
  'staffing-below-mandated-minimum',
  'staffing-below-optimal-range',
  'staffing-gap-without-hiring-plan',
  'recommendation-open-too-long',
];

const gaoGenerallyBelowMinimum = ['customs-auditor', 'drawback-specialist', 'import-specialist', 'national-import-specialist'];
const gaoTable6BelowOptimal = ['agriculture-specialist', 'cbp-officer', 'chemist', 'national-account-manager', 'seized-property-specialist'];
const gaoTable5BelowOptimal = [...gaoGenerallyBelowMinimum, 'financial-systems-specialist'];
const adcvdMeasures = ['adcvd-audits', 'adcvd-nonaudit-services', 'adcvd-surveys', 'importers-removed-from-targeting-rule'];

/**
 * Every unsuppressed warning or error GAO-17-618's samples may produce: `file | rule | subject`, where the
 * subject is the plan id, area id, position id, measure id or recommendation id the finding is about.
 */
const expectedWarnings: readonly string[] = [
  // Table 11: the two Priority Trade Issues with no plan (each has a draft, which does not count).
  'cbp-trade.portfolio.yaml | area-without-plan | agriculture',
  'cbp-trade.portfolio.yaml | area-without-plan | import-safety',
  // Table 11: the four outdated plans.
  'ipr-fy2010-2014-strategic.plan.yaml | plan-outdated | ipr-fy2010-2014-strategic',
  'revenue-fy2009-annual.plan.yaml | plan-outdated | revenue-fy2009-annual',
  'textiles-fy2011-annual.plan.yaml | plan-outdated | textiles-fy2011-annual',
  'trade-agreements-fy2011-annual.plan.yaml | plan-outdated | trade-agreements-fy2011-annual',
  // Text at fn 54: the AD/CVD FY2017 annual plan's measures have no target level.
  ...adcvdMeasures.map((measure) => `adcvd-fy2017-annual.plan.yaml | measure-without-target | ${measure}`),
  // Table 5 (bold): generally below the mandated minimum.
  ...gaoGenerallyBelowMinimum.map((position) => `trade-positions.staffing.yaml | staffing-below-mandated-minimum | ${position}`),
  // Table 5 (text: below optimal in FY2015 and FY2016) and Table 6: below the optimal range.
  ...[...gaoTable5BelowOptimal, ...gaoTable6BelowOptimal].map((position) => `trade-positions.staffing.yaml | staffing-below-optimal-range | ${position}`),
  // Recommendation 2: a long-term hiring plan for the positions below their targets.
  ...[...gaoTable5BelowOptimal, ...gaoTable6BelowOptimal].map((position) => `trade-positions.staffing.yaml | staffing-gap-without-hiring-plan | ${position}`),
].sort();

/** Names the entry a finding is about: the innermost list entry with an `id` whose node holds the finding. */
function subjectOf(finding: Finding, model: PlanAuditModel | undefined): string {
  if (!model) {
    return '?';
  }
  const inside = (node: { start: number; end: number }) => node.start <= finding.span[0] && finding.span[0] < Math.max(node.end, node.start + 1);
  switch (model.kind) {
    case 'plan': {
      const measure = allMeasures(model).find((candidate) => inside(candidate.node));
      return measure?.id ?? model.id ?? '?';
    }
    case 'staffing':
      return model.positions.find((position) => inside(position.node))?.id ?? model.id ?? '?';
    case 'portfolio':
      return model.areas.find((area) => inside(area.node))?.id ?? model.id ?? '?';
    case 'recommendations':
      return model.items.find((item) => inside(item.node))?.id ?? model.id ?? '?';
  }
}

function describe3(result: CheckResult, finding: Finding): string {
  const document = result.documents.find((candidate) => candidate.uri === finding.uri);
  return `${path.basename(fileURLToPath(finding.uri))} | ${finding.ruleId} | ${subjectOf(finding, document?.model)}`;
}

function check(date: string): CheckResult {
  return runCheck({ command: 'check', paths: [sampleFolder], format: 'text', reviewDate: date, showSuppressed: false }, root);
}

function shown(result: CheckResult, severities: readonly string[] = ['error', 'warning']): Finding[] {
  return result.findings.filter((finding) => !finding.suppressed && severities.includes(finding.severity));
}

function subjects(result: CheckResult, ruleId: string, severities: readonly string[] = ['error', 'warning']): string[] {
  return shown(result, severities)
    .filter((finding) => finding.ruleId === ruleId)
    .map((finding) => describe3(result, finding).split(' | ')[2])
    .sort();
}

describe('ACCEPTANCE: GAO-17-618 reproduced from samples/gao-17-618 at 2017-02-28', () => {
  const result = check(reviewDate);

  it('every rule the acceptance criteria need is registered', () => {
    const missing = requiredRules.filter((id) => !findRule(id));
    assert.deepStrictEqual(missing, [], `rules not registered yet: ${missing.join(', ')}`);
  });

  it('reads all 12 sample files without problems, at the review date 2017-02-28 (FY2017)', () => {
    assert.deepStrictEqual(result.problems, []);
    assert.strictEqual(result.documents.length, 12);
    assert.strictEqual(result.reviewDate, reviewDate);
    assert.deepStrictEqual(
      shown(result, ['error']).map((finding) => describe3(result, finding)),
      [],
      'no schema or YAML error in the samples',
    );
  });

  it('Table 11 via coverage.ts: current AD/CVD; outdated IPR, Textiles, Trade Agreements, Revenue; missing Import Safety, Agriculture', () => {
    const context = createAuditContext(result.documents, { ...defaultAuditSettings, reviewDate }, reviewDate);
    assert.strictEqual(context.reviewFiscalYear, 2017);
    const coverage = computeCoverage(context.workspace, context);
    const byStatus = (status: string) =>
      coverage.areas
        .filter((area) => area.status === status)
        .map((area) => area.areaId)
        .sort();
    assert.deepStrictEqual(byStatus('current'), ['adcvd']);
    assert.deepStrictEqual(byStatus('outdated'), ['ipr', 'revenue', 'textiles', 'trade-agreements']);
    assert.deepStrictEqual(byStatus('missing'), ['agriculture', 'import-safety']);
    assert.deepStrictEqual(coverage.counts, { current: 1, outdated: 4, missing: 2 });
    assert.deepStrictEqual(coverage.unknownAreaPlans, []);
    // The drafts are listed but never count (take-away 4).
    const area = (id: string) => coverage.areas.find((candidate) => candidate.areaId === id)!;
    assert.deepStrictEqual(area('ipr').drafts.map((plan) => plan.id), ['ipr-fy2017-2019-strategic']);
    assert.deepStrictEqual(area('ipr').governingPlans.map((plan) => plan.id), ['ipr-fy2010-2014-strategic']);
    assert.deepStrictEqual(area('import-safety').drafts.map((plan) => plan.id), ['import-safety-fy2017-annual']);
    assert.deepStrictEqual(area('agriculture').drafts.map((plan) => plan.id), ['agriculture-fy2017-annual']);
    assert.deepStrictEqual(
      area('adcvd')
        .governingPlans.map((plan) => plan.id)
        .sort(),
      ['adcvd-fy2013-2018-strategic', 'adcvd-fy2017-annual'],
    );
  });

  it('Table 11 via the findings: area-without-plan on Import Safety and Agriculture, plan-outdated on the four outdated plans', () => {
    assert.deepStrictEqual(subjects(result, 'area-without-plan'), ['agriculture', 'import-safety']);
    for (const finding of shown(result).filter((candidate) => candidate.ruleId === 'area-without-plan')) {
      assert.match(finding.message, /A draft exists, .* but drafts do not count until they are final\./);
    }
    assert.deepStrictEqual(subjects(result, 'plan-outdated'), ['ipr-fy2010-2014-strategic', 'revenue-fy2009-annual', 'textiles-fy2011-annual', 'trade-agreements-fy2011-annual']);
    const outdatedAreas = new Set(
      shown(result)
        .filter((finding) => finding.ruleId === 'plan-outdated')
        .map((finding) => {
          const model = result.documents.find((document) => document.uri === finding.uri)?.model;
          return model?.kind === 'plan' ? model.issueArea : undefined;
        }),
    );
    const missingAreas = new Set(subjects(result, 'area-without-plan'));
    const allAreas = result.documents.flatMap((document) => (document.model?.kind === 'portfolio' ? document.model.areas.map((a) => a.id ?? '?') : []));
    assert.deepStrictEqual(
      allAreas.filter((id) => !outdatedAreas.has(id) && !missingAreas.has(id)),
      ['adcvd'],
      'the one current Priority Trade Issue, by elimination',
    );
  });

  it('Table 5: generally below the mandated minimum — import specialist, customs auditor, national import specialist, drawback specialist (one warning each, years listed)', () => {
    assert.deepStrictEqual(subjects(result, 'staffing-below-mandated-minimum'), gaoGenerallyBelowMinimum);
    for (const finding of shown(result).filter((candidate) => candidate.ruleId === 'staffing-below-mandated-minimum')) {
      assert.match(finding.message, /generally below/);
      assert.match(finding.message, /FY20\d\d/);
    }
    assert.ok(!subjects(result, 'staffing-below-mandated-minimum').includes('financial-systems-specialist'), 'financial systems specialist: 2 of 5 years is not "generally below"');
  });

  it('Tables 5 and 6: below the optimal range — the five non-mandated positions, and the Table 5 positions GAO names for FY2015–2016', () => {
    const below = subjects(result, 'staffing-below-optimal-range');
    assert.deepStrictEqual(below.filter((id) => gaoTable6BelowOptimal.includes(id)), gaoTable6BelowOptimal);
    assert.deepStrictEqual(below, [...gaoTable5BelowOptimal, ...gaoTable6BelowOptimal].sort());
    assert.ok(!below.includes('paralegal-specialist'), 'paralegal specialist is within its range');
    assert.ok(!below.includes('entry-specialist'), 'entry specialist: 1 of 2 covered years is not "generally below"');
  });

  it('the AD/CVD FY2017 annual plan: every measure is reported as lacking a target', () => {
    const plan = result.documents.find((document) => document.model?.kind === 'plan' && document.model.id === 'adcvd-fy2017-annual');
    assert.ok(plan?.model?.kind === 'plan');
    assert.deepStrictEqual(allMeasures(plan.model).map((measure) => measure.id).sort(), [...adcvdMeasures].sort());
    const flagged = shown(result)
      .filter((finding) => finding.ruleId === 'measure-without-target' && finding.uri === plan.uri)
      .map((finding) => subjectOf(finding, plan.model))
      .sort();
    assert.deepStrictEqual(flagged, [...adcvdMeasures].sort());
  });

  it('NOTHING BEYOND: the complete list of warnings and errors is exactly GAO’s conclusions', () => {
    const actual = shown(result)
      .map((finding) => describe3(result, finding))
      .sort();
    const extra = actual.filter((line) => !expectedWarnings.includes(line));
    const missing = expectedWarnings.filter((line) => !actual.includes(line));
    assert.deepStrictEqual({ extra, missing }, { extra: [], missing: [] }, 'findings beyond GAO-17-618 (extra) or GAO conclusions not reproduced (missing)');
    assert.deepStrictEqual(actual, expectedWarnings, 'each conclusion exactly once');
  });

  it('adds no information-level finding from the coverage and recommendation rules either', () => {
    const quiet = ['area-only-draft-plan', 'recommendation-without-timeline', 'recommendation-open-too-long', 'plan-unknown-area', 'portfolio-conflict', 'duplicate-id'];
    assert.deepStrictEqual(
      result.findings.filter((finding) => quiet.includes(finding.ruleId)).map((finding) => describe3(result, finding)),
      [],
    );
  });

  it('every exception in the samples is justified and used (none reported)', () => {
    assert.deepStrictEqual(
      result.findings.filter((finding) => finding.ruleId.startsWith('exception-')).map((finding) => `${describe3(result, finding)}: ${finding.message}`),
      [],
    );
    for (const finding of result.findings.filter((candidate) => candidate.suppressed)) {
      assert.match(finding.suppressed!.reason, /GAO-17-618/);
    }
  });

  it('Table 8 boundary: GAO-13-268 (issued 2013-03-01) is open too long from 2017-03-02, never the OIG items', () => {
    const later = check('2017-03-02');
    assert.deepStrictEqual(subjects(later, 'recommendation-open-too-long'), ['gao-13-268-1', 'gao-13-268-2']);
  });

  it('the bundled CLI (dist/cli.js) reports the same findings', function () {
    const cli = path.join(root, 'dist/cli.js');
    if (!fs.existsSync(cli)) {
      this.skip(); // built by `npm run compile`, which `npm test` runs first
    }
    const newestSource = newestMtime(path.join(root, 'server/src'));
    if (fs.statSync(cli).mtimeMs < newestSource) {
      this.skip(); // a stale bundle from before the last source change: `npm run compile` rebuilds it
    }
    const run = child_process.spawnSync(process.execPath, [cli, 'check', sampleFolder, '--review-date', reviewDate, '--format', 'json'], { cwd: root, encoding: 'utf8' });
    assert.strictEqual(run.status, 0, run.stderr);
    const json = JSON.parse(run.stdout) as { reviewDate: string; findings: { file: string; line: number; column: number; ruleId: string; severity: string }[] };
    assert.strictEqual(json.reviewDate, reviewDate);
    const fromCli = json.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.severity} ${finding.ruleId}`).sort();
    const texts = new Map(result.documents.map((document) => [document.uri, new LineIndex(document.text)]));
    const fromCore = result.findings
      .filter((finding) => !finding.suppressed)
      .map((finding) => {
        const position = texts.get(finding.uri)!.position(finding.span[0]);
        return `${path.relative(root, fileURLToPath(finding.uri))}:${position.line + 1}:${position.character + 1} ${finding.severity} ${finding.ruleId}`;
      })
      .sort();
    assert.deepStrictEqual(fromCli, fromCore);
  });
});

function newestMtime(folder: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}
