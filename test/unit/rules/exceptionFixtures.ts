/**
 * For the exception rules, a fixture's `# expect:` markers of the *other* rules matter as much as its
 * own: they say which findings an exception must leave visible (a reasonless or misplaced exception
 * suppresses nothing). This checks every marker of every rule in the fixtures of `ruleId`.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { defaultAuditSettings } from '../../../server/src/core/analyze';
import { LineIndex } from '../../../server/src/core/lines';
import { checkWorkspace, expectedLines, fixturesRoot } from './ruleFixtures';

/** The text of one fixture of `ruleId`. */
export function fixtureText(ruleId: string, name: string): string {
  return fs.readFileSync(path.join(fixturesRoot, ruleId, name), 'utf8');
}

/** Audits one fixture of `ruleId` on its own, at the default review date. */
export function auditFixture(ruleId: string, name: string) {
  const file = path.join(fixturesRoot, ruleId, name);
  const results = checkWorkspace(new Map([[file, fixtureText(ruleId, name)]]), { ...defaultAuditSettings, reviewDate: '2017-02-28' });
  return results.get(pathToFileURL(file).toString())!.findings;
}

/** Registers a test per fixture: every rule named in a marker has its unsuppressed findings exactly there. */
export function describeAllMarkers(ruleId: string): void {
  const names = fs.readdirSync(path.join(fixturesRoot, ruleId)).filter((name) => name.endsWith('.yaml')).sort();
  for (const name of names) {
    it(`fixture ${name}: every rule's # expect markers hold, so exceptions leave those findings visible`, () => {
      const text = fixtureText(ruleId, name);
      const findings = auditFixture(ruleId, name);
      const index = new LineIndex(text);
      const named = new Set([...text.matchAll(/#\s*expect(?:-next-line)?:\s*(.+)$/gm)].flatMap((match) => match[1].split(',').map((part) => part.trim().split(/\s+x/)[0])));
      for (const id of named) {
        const actual = new Map<number, number>();
        for (const finding of findings.filter((f) => f.ruleId === id && !f.suppressed)) {
          const line = index.lineOf(finding.span[0]);
          actual.set(line, (actual.get(line) ?? 0) + 1);
        }
        const sorted = (lines: Map<number, number>) => [...lines].sort((a, b) => a[0] - b[0]).map(([line, count]) => `line ${line + 1} x${count}`);
        assert.deepStrictEqual(sorted(actual), sorted(expectedLines(text, id)), `${name}: unsuppressed ${id} findings`);
      }
    });
  }
}
