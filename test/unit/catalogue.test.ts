/**
 * Keeps the rule registry, the rule docs pages, the rule tests and the README catalogue in step.
 * `UPDATE_CATALOGUE=1 npm run test:unit` rewrites the README table from the registry.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { knownRuleIds } from '../../server/src/core/analyze';
import { rules } from '../../server/src/core/rules/index';

const root = path.resolve(__dirname, '../..');
const start = '<!-- rule-catalogue:start -->';
const end = '<!-- rule-catalogue:end -->';

/** The README table, generated from the registry. */
export function catalogueTable(): string {
  const rows = rules.map((rule) => `| [\`${rule.id}\`](docs/rules/${rule.id}.md) | ${rule.defaultSeverity} | ${rule.title} |`);
  return ['| Rule | Default | Flags |', '|---|---|---|', ...rows].join('\n');
}

describe('rule catalogue', () => {
  it('has unique rule ids', () => {
    const ids = rules.map((rule) => rule.id);
    assert.deepStrictEqual(ids.filter((id, index) => ids.indexOf(id) !== index), []);
  });

  for (const rule of rules) {
    it(`${rule.id}: has a docs page, a test file and fixtures`, () => {
      assert.ok(fs.existsSync(path.join(root, 'docs/rules', `${rule.id}.md`)), `docs/rules/${rule.id}.md`);
      assert.ok(fs.existsSync(path.join(root, 'test/unit/rules', `${rule.id}.test.ts`)), `test/unit/rules/${rule.id}.test.ts`);
      assert.ok(fs.existsSync(path.join(root, 'server/src/core/rules', `${rule.id}.ts`)), `server/src/core/rules/${rule.id}.ts`);
      assert.match(rule.criterion, /\S{10}/, 'the criterion names its source');
    });
  }

  it('documents every finding source and nothing else', () => {
    const pages = fs.readdirSync(path.join(root, 'docs/rules')).filter((name) => name.endsWith('.md')).map((name) => name.slice(0, -3));
    for (const id of knownRuleIds) {
      assert.ok(pages.includes(id), `docs/rules/${id}.md is missing`);
    }
    for (const page of pages) {
      assert.ok(knownRuleIds.has(page), `docs/rules/${page}.md documents no rule`);
    }
  });

  it('names every finding source in the README: rules, schema, YAML and exception checks', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const missing = [...knownRuleIds].filter((id) => !readme.includes(`\`${id}\``));
    assert.deepStrictEqual(missing, [], 'rule ids the engine can emit that README.md does not mention');
  });

  it('tests every finding source: a test/unit/rules/<id>.test.ts, or a unit test naming the id', () => {
    const folder = path.join(root, 'test/unit');
    const testFiles = fs.readdirSync(folder, { recursive: true }).map(String).filter((name) => name.endsWith('.test.ts'));
    const texts = testFiles.map((name) => fs.readFileSync(path.join(folder, name), 'utf8'));
    const untested = [...knownRuleIds].filter((id) => !testFiles.includes(path.join('rules', `${id}.test.ts`)) && !texts.some((text) => text.includes(`'${id}'`)));
    assert.deepStrictEqual(untested, [], 'finding sources no unit test names');
  });

  it('is listed in the README, generated from the registry', () => {
    const readmePath = path.join(root, 'README.md');
    const readme = fs.readFileSync(readmePath, 'utf8');
    const from = readme.indexOf(start);
    const to = readme.indexOf(end);
    assert.ok(from >= 0 && to > from, 'README.md has the rule-catalogue markers');
    const expected = catalogueTable();
    const actual = readme.slice(from + start.length, to).trim();
    if (process.env.UPDATE_CATALOGUE === '1' && actual !== expected) {
      fs.writeFileSync(readmePath, `${readme.slice(0, from + start.length)}\n${expected}\n${readme.slice(to)}`);
      return;
    }
    assert.strictEqual(actual, expected, 'run UPDATE_CATALOGUE=1 npm run test:unit to regenerate the README table');
  });
});

