/**
 * Differential fuzz: the production parse path (`parseText`: the line reader, else `yaml`) against the
 * reference (`parseWithYaml`) on texts mutated character by character. Every fixture, every sample and
 * generated plans in each style (planStyles.ts) get characters inserted, deleted or replaced at random
 * positions, from the characters that make YAML's structure (`"'#:-{}[],&*!|>%@`, backtick, tab, CR, LF,
 * space). For each text the two paths must give the same parsed document (tree, spans, values, and the
 * YAML findings: rule id, severity, message, span) and the same duplicate-key findings.
 *
 * Case `i` of a run with seed `s` uses its own generator seeded `s + i`, so a failure prints one seed
 * that reproduces it alone: `PLAN_AUDIT_FUZZ_SEED=<seed> PLAN_AUDIT_FUZZ_ITERATIONS=1`.
 * Long run: `PLAN_AUDIT_FUZZ_ITERATIONS=200000 npx mocha --require tsx/cjs --timeout 0 test/unit/differential.test.ts`.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { createRandom } from '../../bench/generatePlan';
import { detectKind } from '../../server/src/core/model';
import type { ParsedDocument } from '../../server/src/core/parse';
import { parseWithYaml } from '../../server/src/core/parse';
import { parseText } from '../../server/src/core/parseText';
import { checkDuplicates } from '../../server/src/core/duplicateChecks';
import { planStyles, styledPlan } from './planStyles';

const root = path.resolve(__dirname, '../..');

/** The characters the mutations insert and replace with. */
export const fuzzCharacters = [...`"'#:-{}[],&*!|>%@`, '`', '\t', '\r', '\n', ' '];

/** Cases in the default (CI) run: about 25 s on this 2-core machine (2.3 s per 1,000 cases). */
const defaultIterations = 12_000;
const iterations = positiveInteger(process.env.PLAN_AUDIT_FUZZ_ITERATIONS) ?? defaultIterations;
const firstSeed = positiveInteger(process.env.PLAN_AUDIT_FUZZ_SEED) ?? 20_261_205;

function positiveInteger(value: string | undefined): number | undefined {
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}

function yamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? yamlFiles(path.join(dir, entry.name)) : /\.ya?ml$/.test(entry.name) ? [path.join(dir, entry.name)] : []))
    .sort();
}

interface Base {
  readonly name: string;
  readonly text: string;
}

const bases: Base[] = [
  ...[...yamlFiles(path.join(root, 'test/fixtures')), ...yamlFiles(path.join(root, 'samples'))].map((file) => ({
    name: path.relative(root, file),
    text: fs.readFileSync(file, 'utf8'),
  })),
  ...planStyles.flatMap((style) => [3, 12].map((measures) => ({ name: `generated plan of ${measures} measures, ${style} style`, text: styledPlan(measures, style, measures) }))),
];

/** One to four character edits at random positions: insert, delete (one to three characters) or replace. */
export function mutateCharacters(text: string, random: () => number): string {
  const pick = () => fuzzCharacters[Math.floor(random() * fuzzCharacters.length)];
  const edits = 1 + Math.floor(random() * 4);
  let result = text;
  for (let edit = 0; edit < edits; edit++) {
    const at = Math.floor(random() * (result.length + 1));
    const operation = Math.floor(random() * 3);
    if (operation === 0) {
      result = result.slice(0, at) + pick() + result.slice(at);
    } else if (operation === 1) {
      result = result.slice(0, at) + result.slice(at + 1 + Math.floor(random() * 3));
    } else {
      result = result.slice(0, at) + pick() + result.slice(at + 1);
    }
  }
  return result;
}

/** Where the production path and the reference differ on `text`, in words; undefined when they agree. */
export function disagreement(uri: string, text: string): string | undefined {
  const reference = parseWithYaml(uri, text);
  let production: ParsedDocument;
  try {
    production = parseText(uri, text);
  } catch (error) {
    return `parseText threw: ${error instanceof Error ? error.stack : String(error)}`;
  }
  try {
    assert.deepStrictEqual(production, reference);
    const kind = detectKind(reference.root);
    if (kind && reference.root?.kind === 'map' && production.root) {
      // A tree the line reader marks as free of repeated keys skips this check in analyzeText.
      assert.deepStrictEqual(checkDuplicates(uri, production.root, kind), checkDuplicates(uri, reference.root, kind));
    }
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return undefined;
}

/** A smaller text with the same kind of disagreement: whole lines, then single characters, removed while it persists. */
export function shrink(uri: string, text: string): string {
  let current = text;
  for (let changed = true; changed; ) {
    changed = false;
    const lines = current.split('\n');
    for (let index = lines.length - 1; index >= 0; index--) {
      const candidate = [...lines.slice(0, index), ...lines.slice(index + 1)].join('\n');
      if (candidate !== current && disagreement(uri, candidate) !== undefined) {
        lines.splice(index, 1);
        current = candidate;
        changed = true;
      }
    }
  }
  for (let index = current.length - 1; index >= 0; index--) {
    const candidate = current.slice(0, index) + current.slice(index + 1);
    if (disagreement(uri, candidate) !== undefined) {
      current = candidate;
    }
  }
  return current;
}

describe('differential fuzz: parseText against parseWithYaml', () => {
  it('the corpus holds every fixture and sample, and generated plans in every style', () => {
    assert.ok(bases.length > 150, `${bases.length} texts`);
    for (const style of planStyles) {
      assert.ok(bases.some((base) => base.name.endsWith(`${style} style`)), style);
    }
  });

  it('agrees on every unmutated text', () => {
    for (const base of bases) {
      const problem = disagreement(`file:///${base.name}`, base.text);
      assert.strictEqual(problem, undefined, `${base.name}: ${problem}`);
    }
  });

  it('agrees on the texts the fuzz found disagreements on, once fixed', () => {
    const found = [
      'a: [-]', // parseLines read `-` as a plain scalar; yaml: a block sequence inside a flow one
      'kind: plan\nperiod: {start: -, end: 2017}\n',
    ];
    for (const text of found) {
      const problem = disagreement('file:///found.plan.yaml', text);
      assert.strictEqual(problem, undefined, `${JSON.stringify(text)}: ${problem}`);
    }
  });

  it(`agrees on ${iterations} texts mutated character by character (seeds ${firstSeed}…${firstSeed + iterations - 1})`, function () {
    this.timeout(0);
    const uri = 'file:///fuzzed.plan.yaml';
    for (let index = 0; index < iterations; index++) {
      const seed = firstSeed + index;
      const random = createRandom(seed);
      // Chosen by the seed, round robin: one seed reproduces its case, and every base text is mutated in
      // any run of at least `bases.length` cases.
      const base = bases[seed % bases.length];
      const text = mutateCharacters(base.text, random);
      const problem = disagreement(uri, text);
      if (problem !== undefined) {
        const minimal = shrink(uri, text);
        assert.fail(
          [
            `parseText and parseWithYaml disagree on case ${index}: PLAN_AUDIT_FUZZ_SEED=${seed} PLAN_AUDIT_FUZZ_ITERATIONS=1 (base: ${base.name})`,
            `mutated text: ${JSON.stringify(text)}`,
            `shrunk to: ${JSON.stringify(minimal)}`,
            `on the shrunk text: ${disagreement(uri, minimal)}`,
            `on the mutated text: ${problem}`,
          ].join('\n'),
        );
      }
    }
  });
});
