/**
 * `parseText`, the core's one parse entry point, never answers "clean" for a text `yaml` rejects: the
 * two false cleans of issue 12 (the retired js-yaml path accepted them) get `yaml-syntax` findings,
 * through `analyzeText` and through the CLI, which then exits 1.
 */
import * as assert from 'assert';
import * as child_process from 'child_process';
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyzeText } from '../../server/src/core/analyze';
import { parseWithYaml } from '../../server/src/core/parse';
import { parseText } from '../../server/src/core/parseText';
import { createAnalysisCache } from '../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

const root = path.resolve(__dirname, '../..');

/** A plan with no error-level finding at the review date 2017-02-28. */
const cleanPlan = [
  'kind: plan',
  'version: 1',
  'id: adcvd-fy2017-annual',
  'title: AD/CVD annual plan, FY2017',
  'agency: U.S. Customs and Border Protection',
  'owner: Director, AD/CVD Division',
  'issue_area: adcvd',
  'type: annual',
  'status: final',
  'period: {start: 2017, end: 2017}',
  'goals:',
  '  - id: g1',
  '    title: Enforce AD/CVD requirements',
  '',
].join('\n');

/** The texts of issue 12 that `yaml` rejects and the js-yaml path read as clean. */
const rejectedByYaml: Record<string, string> = {
  'a quoted title wrapped at its key’s column': cleanPlan.replace(
    '    title: Enforce AD/CVD requirements\n',
    '    title: "Enforce antidumping and countervailing\n    duty requirements"\n',
  ),
  'a document marker glued to a comment': `---# comment\n${cleanPlan}`,
};

describe('parseText', () => {
  it('the clean plan is clean, so the texts below differ from it only by their syntax error', () => {
    const analyzed = analyzeText('file:///clean.plan.yaml', cleanPlan, { cache });
    assert.deepStrictEqual(analyzed.baseFindings, []);
    assert.strictEqual(analyzed.kind, 'plan');
  });

  for (const [name, text] of Object.entries(rejectedByYaml)) {
    it(`reports yaml's syntax errors for ${name}, through analyzeText`, () => {
      const uri = 'file:///rejected.plan.yaml';
      const reference = parseWithYaml(uri, text);
      assert.ok(reference.hasSyntaxErrors, 'yaml rejects the text');
      assert.deepStrictEqual(parseText(uri, text), reference);
      const syntax = analyzeText(uri, text, { cache }).baseFindings.filter((finding) => finding.ruleId === 'yaml-syntax' && finding.severity === 'error');
      assert.ok(syntax.length > 0, 'a yaml-syntax error finding');
      assert.deepStrictEqual(syntax, reference.findings.filter((finding) => finding.ruleId === 'yaml-syntax' && finding.severity === 'error'));
    });
  }

  it('the CLI, bundled from the current source, reports them and exits 1', function () {
    this.timeout(60_000);
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-audit-parse-text-'));
    try {
      // Bundled here as esbuild.js bundles dist/cli.js, so the test runs today's code, never a stale dist/.
      const cli = path.join(folder, 'cli.js');
      esbuild.buildSync({ entryPoints: [path.join(root, 'server/src/cli.ts')], outfile: cli, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
      const check = (text: string) => {
        const file = path.join(folder, 'case.plan.yaml');
        fs.writeFileSync(file, text);
        return child_process.spawnSync(process.execPath, [cli, 'check', file, '--review-date', '2017-02-28'], { cwd: folder, encoding: 'utf8' });
      };
      const clean = check(cleanPlan);
      assert.strictEqual(clean.status, 0, clean.stdout + clean.stderr);
      for (const [name, text] of Object.entries(rejectedByYaml)) {
        const run = check(text);
        assert.strictEqual(run.status, 1, `${name}: ${run.stdout}${run.stderr}`);
        assert.match(run.stdout, / error yaml-syntax /, name);
      }
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
