/**
 * Every fix of every rule fixture, applied alone and all preferred fixes at once (fix-all), must leave
 * a file that parses and passes the schema as well as before: no new `yaml-syntax`, `schema` or
 * `duplicate-key` finding. And the finding a fix was offered for must be gone afterwards (a fix that
 * leaves its own finding in place, or breaks the file, is a broken fix).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { AuditSettings } from '../../server/src/core/analyze';
import { defaultAuditSettings } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/findings';
import { fixAll } from '../../server/src/core/fixAll';
import { applyEdits, applyFix } from '../../server/src/core/fixes';
import { checkWorkspace, fixturesRoot } from './rules/ruleFixtures';

/** Findings a fix must never add: the file no longer parses, or no longer fits the schema. */
const breakageRuleIds = new Set(['yaml-syntax', 'schema', 'duplicate-key']);

interface Fixture {
  readonly name: string;
  /** File path → text: one file, or every YAML file of a cross-file fixture folder. */
  readonly files: ReadonlyMap<string, string>;
}

function fixtures(): Fixture[] {
  const result: Fixture[] = [];
  for (const ruleId of fs.readdirSync(fixturesRoot).sort()) {
    const folder = path.join(fixturesRoot, ruleId);
    if (!fs.statSync(folder).isDirectory()) {
      continue;
    }
    for (const name of fs.readdirSync(folder).sort()) {
      const entry = path.join(folder, name);
      const isYaml = (file: string) => file.endsWith('.yaml') && !file.endsWith('.fixed.yaml');
      if (fs.statSync(entry).isDirectory()) {
        const files = fs.readdirSync(entry).filter(isYaml).sort().map((file): [string, string] => [path.join(entry, file), fs.readFileSync(path.join(entry, file), 'utf8')]);
        result.push({ name: `${ruleId}/${name}`, files: new Map(files) });
      } else if (isYaml(name)) {
        result.push({ name: `${ruleId}/${name}`, files: new Map([[entry, fs.readFileSync(entry, 'utf8')]]) });
      }
    }
  }
  return result;
}

function settingsFor(text: string): AuditSettings {
  const match = /#\s*fixture:.*review-date=(\d{4}-\d{2}-\d{2})/.exec(text);
  return { ...defaultAuditSettings, reviewDate: match ? match[1] : '2017-02-28' };
}

/** How many times each `ruleId: message` occurs among `findings` (unsuppressed only). */
function tally(findings: readonly Finding[], keep: (finding: Finding) => boolean = () => true): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of findings) {
    if (!finding.suppressed && keep(finding)) {
      const key = `${finding.ruleId}: ${finding.message}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

/** The `ruleId: message` lines that occur more often in `after` than in `before`. */
function added(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...after].filter(([key, count]) => count > (before.get(key) ?? 0)).map(([key]) => key);
}

/** Re-checks the fixture with `file` replaced by `fixedText`; returns the findings of that file. */
function recheck(fixture: Fixture, file: string, fixedText: string): Finding[] {
  const files = new Map([...fixture.files].map(([name, text]): [string, string] => [name, name === file ? fixedText : text]));
  const settings = settingsFor([...fixture.files.values()][0] ?? '');
  return checkWorkspace(files, settings).get(pathToFileURL(file).toString())!.findings;
}

const isBreakage = (finding: Finding) => breakageRuleIds.has(finding.ruleId);

describe('every fix of every rule fixture', () => {
  let fixCount = 0;
  after(() => {
    // The walk below must have exercised fixes, or it proves nothing.
    assert.ok(fixCount > 30, `only ${fixCount} fixes were applied`);
  });

  for (const fixture of fixtures()) {
    it(`${fixture.name}: each fix alone, then fix-all, keeps the file valid and removes its finding`, () => {
      const settings = settingsFor([...fixture.files.values()][0] ?? '');
      const results = checkWorkspace(fixture.files, settings);
      for (const [file, text] of fixture.files) {
        const findings = results.get(pathToFileURL(file).toString())!.findings;
        const breakageBefore = tally(findings, isBreakage);
        const before = tally(findings);
        for (const finding of findings.filter((candidate) => !candidate.suppressed)) {
          const key = `${finding.ruleId}: ${finding.message}`;
          for (const fix of finding.fixes ?? []) {
            fixCount++;
            const fixedText = applyFix(text, fix);
            const fixed = recheck(fixture, file, fixedText);
            const where = `${path.basename(file)}: fix "${fix.title}" for ${key}`;
            assert.deepStrictEqual(added(breakageBefore, tally(fixed, isBreakage)), [], `${where} breaks the file:\n${fixedText}`);
            assert.ok((tally(fixed).get(key) ?? 0) < (before.get(key) ?? 0), `${where} leaves its finding in place:\n${fixedText}`);
          }
        }
        const { edits, candidates } = fixAll(findings, { insertPlaceholders: true });
        if (candidates > 0) {
          const fixedText = applyEdits(text, edits);
          const fixed = recheck(fixture, file, fixedText);
          assert.deepStrictEqual(added(breakageBefore, tally(fixed, isBreakage)), [], `${path.basename(file)}: fix-all breaks the file:\n${fixedText}`);
        }
      }
    });
  }
});
