/**
 * Issue 3, "Bad input": each case ends in a clear finding, nothing crashes, and a cross-file finding
 * never goes stale after a file is deleted.
 *
 * - a portfolio that references itself;
 * - two portfolios;
 * - a staffing file with no actuals;
 * - dates in the wrong format;
 * - negative head counts;
 * - a 1,000-file workspace (generated in a temporary folder; the findings are checked, not the time);
 * - deleting a file: the cross-file findings are recomputed from the remaining files.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCheck } from '../../server/src/checkCommand';
import type { AnalyzedDocument } from '../../server/src/core/analyze';
import { analyzeText, auditDocument, auditWorkspace, createAuditContext, defaultAuditSettings } from '../../server/src/core/analyze';
import { computeCoverage } from '../../server/src/core/coverage';
import type { Finding } from '../../server/src/core/findings';
import { planText, portfolioText } from './rules/workspaceHelpers';
import { createAnalysisCache } from '../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

const settings = { ...defaultAuditSettings, reviewDate: '2017-02-28' };

function analyze(files: Record<string, string>): AnalyzedDocument[] {
  return Object.entries(files).map(([name, text]) => analyzeText(`file:///ws/${name}`, text, { cache }));
}

/** Audits the documents as one workspace, the way the server does after any file changes. */
function audit(documents: readonly AnalyzedDocument[]): (Finding & { file: string })[] {
  const context = createAuditContext(documents, settings, '2017-02-28');
  return documents.flatMap((document) => auditDocument(document, context, settings).map((finding) => ({ ...finding, file: document.uri.slice('file:///ws/'.length) })));
}

function summary(findings: readonly (Finding & { file: string })[], ruleId: string): string[] {
  return findings
    .filter((finding) => finding.ruleId === ruleId && !finding.suppressed)
    .map((finding) => finding.file)
    .sort();
}

const staffing = (positions: string) => `kind: staffing
version: 1
id: trade-positions
agency: U.S. Customs and Border Protection
as_of: 2016-09-30
positions:
${positions}`;

describe('bad input (issue 3)', () => {
  it('a portfolio that references itself: the self-area and a plan naming the portfolio are each reported', () => {
    const portfolio = portfolioText('cbp-trade', { adcvd: 'AD/CVD', 'cbp-trade': 'All of CBP trade' });
    const findings = audit(
      analyze({
        'cbp-trade.portfolio.yaml': portfolio,
        'adcvd.plan.yaml': planText('adcvd-fy2017-annual', 'adcvd'),
        'umbrella.plan.yaml': planText('umbrella-fy2017-annual', 'cbp-trade'),
      }),
    );
    const conflict = findings.filter((finding) => finding.ruleId === 'portfolio-conflict');
    assert.strictEqual(conflict.length, 1);
    assert.match(conflict[0].message, /has the id of the portfolio itself/);

    // Without the self-area, the plan that names the portfolio is reported as such.
    const withoutSelfArea = audit(
      analyze({ 'cbp-trade.portfolio.yaml': portfolioText('cbp-trade', { adcvd: 'AD/CVD' }), 'umbrella.plan.yaml': planText('umbrella-fy2017-annual', 'cbp-trade') }),
    );
    const unknown = withoutSelfArea.filter((finding) => finding.ruleId === 'plan-unknown-area');
    assert.deepStrictEqual(unknown.map((finding) => finding.file), ['umbrella.plan.yaml']);
    assert.match(unknown[0].message, /is the id of the portfolio itself/);
  });

  it('two portfolios in one folder: each is reported, naming the other; in separate folders they are separate scopes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-audit-two-portfolios-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.portfolio.yaml'), portfolioText('a', { adcvd: 'AD/CVD' }));
      fs.writeFileSync(path.join(dir, 'b.portfolio.yaml'), portfolioText('b', { revenue: 'Revenue' }, '2018-02-28'));
      fs.writeFileSync(path.join(dir, 'adcvd.plan.yaml'), planText('adcvd-fy2017-annual', 'adcvd'));
      const together = runCheck({ command: 'check', paths: [dir], format: 'text', showSuppressed: false }, dir);
      const conflicts = together.findings.filter((finding) => finding.ruleId === 'portfolio-conflict');
      assert.deepStrictEqual(conflicts.map((finding) => path.basename(finding.uri)).sort(), ['a.portfolio.yaml', 'b.portfolio.yaml']);
      assert.match(conflicts.find((finding) => finding.uri.endsWith('a.portfolio.yaml'))!.message, /`b` in b\.portfolio\.yaml.*review dates differ \(2017-02-28, 2018-02-28\)/);

      fs.mkdirSync(path.join(dir, 'other'));
      fs.renameSync(path.join(dir, 'b.portfolio.yaml'), path.join(dir, 'other', 'b.portfolio.yaml'));
      const apart = runCheck({ command: 'check', paths: [dir], format: 'text', showSuppressed: false }, dir);
      assert.deepStrictEqual(apart.findings.filter((finding) => finding.ruleId === 'portfolio-conflict'), []);
      assert.deepStrictEqual(apart.reviewDate, '2017-02-28, 2018-02-28', 'each scope keeps its own review date');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a staffing file with no actuals: a clear finding on the position, and no staffing comparison is invented', () => {
    const findings = audit(
      analyze({
        's.staffing.yaml': staffing(`  - id: import-specialist
    title: Import specialist
    mandated_minimum: 984
    mandate: Homeland Security Act of 2002, sec. 412(b)
    optimal: {min: 984, max: 1748, fiscal_years: {start: 2015, end: 2022}}
`),
      }),
    );
    const about = findings.filter((finding) => !finding.suppressed).map((finding) => finding.ruleId);
    assert.ok(about.includes('staffing-without-actuals') || about.includes('schema'), `a finding says the actuals are missing: ${about.join(', ')}`);
    assert.ok(!about.includes('staffing-below-mandated-minimum') && !about.includes('staffing-below-optimal-range'));
  });

  it('dates in the wrong format: a schema error on the value; date rules skip it instead of guessing', () => {
    const documents = analyze({
      'p.portfolio.yaml': portfolioText('p', { adcvd: 'AD/CVD' }).replace('review_date: 2017-02-28', 'review_date: 02/28/2017'),
      'r.recommendations.yaml': `kind: recommendations
version: 1
id: r
title: Recommendations
agency: CBP
items:
  - id: gao-13-268-1
    source: gao
    report: GAO-13-268
    issued: 2013-3-1
    topic: Fees
    text: Align fee revenues with costs.
    agency_response: concur
    status: open
    status_as_of: 2016-10-31
`,
    });
    const context = createAuditContext(documents, { ...defaultAuditSettings }, '2030-01-01');
    assert.strictEqual(context.reviewDate, '2030-01-01', 'an unreadable review_date is not used; the fallback applies');
    const findings = documents.flatMap((document) => auditDocument(document, context, defaultAuditSettings));
    const dateErrors = findings.filter((finding) => finding.ruleId === 'schema' && /YYYY-MM-DD/.test(finding.message));
    assert.strictEqual(dateErrors.length, 2, findings.map((finding) => finding.message).join('\n'));
    for (const finding of dateErrors) {
      assert.strictEqual(finding.severity, 'error');
      const text = documents.find((document) => document.uri === finding.uri)!.text;
      assert.match(text.slice(finding.span[0], finding.span[1]), /^(02\/28\/2017|2013-3-1)$/, 'underlines the bad value');
    }
    assert.deepStrictEqual(findings.filter((finding) => finding.ruleId === 'recommendation-open-too-long'), [], 'no age is computed from an unreadable date');
  });

  it('a pasted paragraph as a key (unknown, then repeated): the messages name it shortened, with its length', () => {
    const longKey = 'k'.repeat(500);
    const text = `kind: plan\n${longKey}: 1\n${longKey}: 2\n`;
    const findings = audit(analyze({ 'p.plan.yaml': text }));
    const aboutKey = findings.filter((finding) => finding.message.includes('kkkk'));
    assert.deepStrictEqual(aboutKey.map((finding) => finding.ruleId).sort(), ['duplicate-key', 'schema']);
    for (const finding of aboutKey) {
      assert.ok(finding.message.length < 400, finding.message);
      assert.match(finding.message, /`k{60}…` \(500 characters\)/);
    }
  });

  it('negative head counts: a schema error on the value', () => {
    const text = staffing(`  - id: chemist
    title: Chemist
    optimal: {min: 162, max: 222, fiscal_years: {start: 2015, end: 2022}}
    actuals:
      - {fiscal_year: 2016, value: -5}
`);
    const findings = audit(analyze({ 's.staffing.yaml': text }));
    const negative = findings.filter((finding) => finding.ruleId === 'schema' && finding.severity === 'error' && text.slice(finding.span[0], finding.span[1]) === '-5');
    assert.strictEqual(negative.length, 1, findings.map((finding) => `${finding.ruleId}: ${finding.message}`).join('\n'));
    assert.match(negative[0].message, /negative/);
  });

  it('a 1,000-file workspace: completes, and every cross-file finding is right', function () {
    this.timeout(120_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-audit-1000-'));
    try {
      // 1 portfolio with 200 areas; 999 plans: areas 0–149 have a current final plan, 150–179 only an
      // outdated one, 180–189 only a draft, 190–199 nothing; the rest are extra current plans, plus one
      // plan with a misspelt area and one copy of an existing plan id.
      const areaIds = Array.from({ length: 200 }, (_, index) => `area-${String(index).padStart(3, '0')}`);
      fs.writeFileSync(path.join(dir, 'portfolio.portfolio.yaml'), portfolioText('big', Object.fromEntries(areaIds.map((id) => [id, `Area ${id}`]))));
      let count = 1;
      const write = (name: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
        count++;
      };
      for (let index = 0; index < 150; index++) {
        write(`current/${areaIds[index]}.plan.yaml`, planText(`${areaIds[index]}-fy2017`, areaIds[index]));
      }
      for (let index = 150; index < 180; index++) {
        write(`outdated/${areaIds[index]}.plan.yaml`, planText(`${areaIds[index]}-fy2011`, areaIds[index], { start: 2011 }));
      }
      for (let index = 180; index < 190; index++) {
        write(`drafts/${areaIds[index]}.plan.yaml`, planText(`${areaIds[index]}-fy2017-draft`, areaIds[index], { status: 'draft' }));
      }
      write('misc/typo.plan.yaml', planText('typo-fy2017', 'AREA_150'));
      write('misc/copy.plan.yaml', planText(`${areaIds[0]}-fy2017`, areaIds[0]));
      let extra = 0;
      while (count < 1000) {
        const area = areaIds[extra % 150];
        write(`extra/${String(extra).padStart(4, '0')}.plan.yaml`, planText(`extra-${extra}-fy2016-2018`, area, { start: 2016, end: 2018 }));
        extra++;
      }
      const result = runCheck({ command: 'check', paths: [dir], format: 'text', reviewDate: '2017-02-28', showSuppressed: false }, dir);
      assert.deepStrictEqual(result.problems, []);
      assert.strictEqual(result.documents.length, 1000);
      const rel = (finding: Finding) => path.relative(dir, new URL(finding.uri).pathname);
      const by = (ruleId: string) => result.findings.filter((finding) => finding.ruleId === ruleId && !finding.suppressed);
      assert.strictEqual(by('area-without-plan').length, 20, 'areas 180–199');
      assert.strictEqual(by('area-without-plan').filter((finding) => /A draft exists/.test(finding.message)).length, 10);
      assert.deepStrictEqual(
        by('plan-outdated')
          .map(rel)
          .sort(),
        areaIds.slice(150, 180).map((id) => `outdated/${id}.plan.yaml`),
      );
      assert.deepStrictEqual(by('plan-unknown-area').map(rel), ['misc/typo.plan.yaml']);
      assert.strictEqual(by('plan-unknown-area')[0].fixes?.find((fix) => fix.isPreferred)?.edits[0].insertText, 'area-150');
      assert.deepStrictEqual(by('duplicate-id').map(rel), ['misc/copy.plan.yaml'], 'current/area-000 comes first in path order');
      assert.deepStrictEqual(by('portfolio-conflict'), []);
      const errors = result.findings.filter((finding) => finding.severity === 'error' && finding.ruleId !== 'duplicate-id');
      assert.deepStrictEqual(errors.map((finding) => `${rel(finding)}: ${finding.message}`), [], 'the generated plans are valid');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('a cross-file finding never goes stale after a file is deleted', () => {
    const files = {
      'p.portfolio.yaml': portfolioText('p', { adcvd: 'AD/CVD', ipr: 'IPR' }),
      'adcvd-fy2017.plan.yaml': planText('adcvd-fy2017-annual', 'adcvd'),
      'ipr-fy2010-2014.plan.yaml': planText('ipr-fy2010-2014-strategic', 'ipr', { start: 2010, end: 2014 }),
      'ipr-fy2017-2019.plan.yaml': planText('ipr-fy2017-2019-strategic', 'ipr', { start: 2017, end: 2019 }),
      'adcvd-copy.plan.yaml': planText('adcvd-fy2017-annual', 'adcvd'),
    };
    const all = analyze(files);
    const without = (name: string) => all.filter((document) => document.uri !== `file:///ws/${name}`);

    it('area-without-plan appears when the area’s only final plans are deleted, and disappears when one is restored', () => {
      assert.deepStrictEqual(summary(audit(all), 'area-without-plan'), []);
      const deleted = all.filter((document) => !/adcvd/.test(document.uri) || document.uri.endsWith('.portfolio.yaml'));
      assert.deepStrictEqual(summary(audit(deleted), 'area-without-plan'), ['p.portfolio.yaml']);
      assert.deepStrictEqual(summary(audit([...deleted, all[1]]), 'area-without-plan'), []);
    });

    it('plan-outdated appears on the old plan when the newer final plan is deleted', () => {
      assert.deepStrictEqual(summary(audit(all), 'plan-outdated'), []);
      assert.deepStrictEqual(summary(audit(without('ipr-fy2017-2019.plan.yaml')), 'plan-outdated'), ['ipr-fy2010-2014.plan.yaml']);
    });

    it('duplicate-id disappears from the copy when the first file is deleted', () => {
      assert.deepStrictEqual(summary(audit(all), 'duplicate-id'), ['adcvd-fy2017.plan.yaml'], 'adcvd-copy sorts first, so the later file carries the error');
      assert.deepStrictEqual(summary(audit(without('adcvd-copy.plan.yaml')), 'duplicate-id'), []);
    });

    it('the coverage summary follows too (fresh workspace view, no cache carried over)', () => {
      const before = createAuditContext(all, settings, '2017-02-28');
      assert.deepStrictEqual(computeCoverage(before.workspace, before).counts, { current: 2, outdated: 0, missing: 0 });
      const after = createAuditContext(without('ipr-fy2017-2019.plan.yaml'), settings, '2017-02-28');
      assert.deepStrictEqual(computeCoverage(after.workspace, after).counts, { current: 1, outdated: 1, missing: 0 });
      const gone = auditWorkspace(without('p.portfolio.yaml'), settings, '2017-02-28');
      assert.ok(![...gone.values()].flat().some((finding) => finding.ruleId === 'area-without-plan'), 'no portfolio, no area findings');
      assert.ok(!gone.has('file:///ws/p.portfolio.yaml'));
    });
  });
});
