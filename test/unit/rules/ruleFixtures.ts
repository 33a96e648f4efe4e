/**
 * Fixture-driven rule tests, after markdownlint's scenario tests. For rule `<id>`, every
 * `test/fixtures/rules/<id>/<name>.yaml` (or folder `<name>/` of YAML files, for cross-file rules) is
 * checked, and:
 *
 * 1. the lines holding a `# expect: <id>` marker are exactly the lines where `<id>` findings start
 *    (a marker may name several ids, comma-separated; `# expect: <id> x2` expects two findings);
 *    `# expect-next-line: <id>` on a line of its own expects them on the next line, for findings on a
 *    comment line (an exception comment cannot also hold a marker);
 * 2. when `<name>.fixed.yaml` exists, applying the preferred fix of every `<id>` finding gives exactly
 *    that text, and re-checking the fixed text leaves no fixable `<id>` finding.
 *
 * A fixture may start with `# fixture: review-date=YYYY-MM-DD` (default 2017-02-28).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { AnalyzedDocument, AuditSettings } from '../../../server/src/core/analyze';
import { analyzeText, auditDocument, createAuditContext, defaultAuditSettings } from '../../../server/src/core/analyze';
import type { Finding } from '../../../server/src/core/findings';
import { fixAll } from '../../../server/src/core/fixAll';
import { applyEdits } from '../../../server/src/core/fixes';
import { LineIndex } from '../../../server/src/core/lines';
import { createAnalysisCache } from '../../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

export const fixturesRoot = path.resolve(__dirname, '../../fixtures/rules');

/** Analyses and audits a set of files as one workspace; returns findings per file. */
export function checkWorkspace(files: ReadonlyMap<string, string>, settings: AuditSettings): Map<string, { document: AnalyzedDocument; findings: Finding[] }> {
  const documents = [...files].map(([file, text]) => analyzeText(pathToFileURL(file).toString(), text, { fiscalYearStartMonth: settings.fiscalYearStartMonth, cache }));
  const context = createAuditContext(documents, settings, '2017-02-28');
  const result = new Map<string, { document: AnalyzedDocument; findings: Finding[] }>();
  for (const document of documents) {
    result.set(document.uri, { document, findings: auditDocument(document, context, settings) });
  }
  return result;
}

/** Reads `# expect:` markers: a map of 0-based line → how many findings of `ruleId` start there. */
export function expectedLines(text: string, ruleId: string): Map<number, number> {
  const expected = new Map<number, number>();
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const match = /#\s*expect(-next-line)?:\s*(.+)$/.exec(line);
    if (!match) {
      return;
    }
    const target = match[1] ? index + 1 : index;
    for (const part of match[2].split(',')) {
      const [id, times] = part.trim().split(/\s+x/);
      if (id === ruleId) {
        expected.set(target, (expected.get(target) ?? 0) + (times ? Number(times) : 1));
      }
    }
  });
  return expected;
}

function settingsFor(text: string, base: AuditSettings): AuditSettings {
  const match = /#\s*fixture:.*review-date=(\d{4}-\d{2}-\d{2})/.exec(text);
  return { ...base, reviewDate: match ? match[1] : (base.reviewDate ?? '2017-02-28') };
}

function actualLines(findings: readonly Finding[], text: string, ruleId: string): Map<number, number> {
  const index = new LineIndex(text);
  const actual = new Map<number, number>();
  for (const finding of findings) {
    if (finding.ruleId === ruleId && !finding.suppressed) {
      const line = index.lineOf(finding.span[0]);
      actual.set(line, (actual.get(line) ?? 0) + 1);
    }
  }
  return actual;
}

function describeLines(lines: Map<number, number>): string {
  return [...lines].sort((a, b) => a[0] - b[0]).map(([line, count]) => `line ${line + 1}${count > 1 ? ` x${count}` : ''}`).join(', ') || 'none';
}

/** Registers one mocha test per fixture of `ruleId`. */
export function describeRuleFixtures(ruleId: string, base: AuditSettings = defaultAuditSettings): void {
  const folder = path.join(fixturesRoot, ruleId);
  const entries = fs.existsSync(folder) ? fs.readdirSync(folder).filter((name) => !name.endsWith('.fixed.yaml')).sort() : [];
  it(`has fixtures in test/fixtures/rules/${ruleId}/`, () => {
    assert.ok(entries.length > 0, `no fixtures for ${ruleId}`);
  });
  for (const name of entries) {
    const entryPath = path.join(folder, name);
    const isFolder = fs.statSync(entryPath).isDirectory();
    if (!isFolder && !name.endsWith('.yaml')) {
      continue;
    }
    it(`fixture ${name}`, () => {
      const files = new Map<string, string>();
      if (isFolder) {
        for (const file of fs.readdirSync(entryPath).sort()) {
          if (file.endsWith('.yaml') && !file.endsWith('.fixed.yaml')) {
            files.set(path.join(entryPath, file), fs.readFileSync(path.join(entryPath, file), 'utf8'));
          }
        }
      } else {
        files.set(entryPath, fs.readFileSync(entryPath, 'utf8'));
      }
      const firstText = [...files.values()][0] ?? '';
      const settings = settingsFor(firstText, base);
      const results = checkWorkspace(files, settings);
      let markers = 0;
      for (const [file, text] of files) {
        const { findings } = results.get(pathToFileURL(file).toString())!;
        const expected = expectedLines(text, ruleId);
        markers += expected.size;
        const actual = actualLines(findings, text, ruleId);
        assert.strictEqual(
          describeLines(actual),
          describeLines(expected),
          `${path.basename(file)}: ${ruleId} findings at (actual) vs # expect markers (expected).\n${findings
            .filter((finding) => finding.ruleId === ruleId)
            .map((finding) => `  ${finding.message}`)
            .join('\n')}`,
        );
        const fixedFile = file.replace(/\.yaml$/, '.fixed.yaml');
        if (fs.existsSync(fixedFile)) {
          const { edits, candidates } = fixAll(findings, { include: (f) => f.ruleId === ruleId, insertPlaceholders: true });
          assert.ok(candidates > 0, `${path.basename(fixedFile)} exists but no ${ruleId} finding offers a preferred fix`);
          const fixedText = applyEdits(text, edits);
          assert.strictEqual(fixedText, fs.readFileSync(fixedFile, 'utf8'), `applying the fixes to ${path.basename(file)} gives ${path.basename(fixedFile)}`);
          const recheck = checkWorkspace(new Map([...files].map(([f, t]) => [f, f === file ? fixedText : t])), settings);
          const remaining = recheck.get(pathToFileURL(file).toString())!.findings.filter((f) => f.ruleId === ruleId && !f.suppressed && (f.fixes ?? []).length > 0);
          assert.deepStrictEqual(remaining.map((f) => f.message), [], 'fixable findings remain after applying the fixes');
          const schemaErrors = recheck.get(pathToFileURL(file).toString())!.findings.filter((f) => f.severity === 'error');
          assert.deepStrictEqual(schemaErrors.map((f) => f.message), [], 'the fixed text must be a valid plan');
        }
      }
      // A fixture with no marker must be a deliberate "clean" case: its name says so.
      if (markers === 0) {
        assert.match(name, /clean|valid|not-flagged|ok|suppressed|equal|exception/, `${name} has no # expect marker; name clean fixtures *-clean.yaml`);
      }
    });
  }
}
