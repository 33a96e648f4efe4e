/**
 * The fast parse path (`parseLines`) against the reference path (`parseWithYaml`, yaml): whenever
 * the fast path answers, it gives the very same parsed document (tree, spans, `quoted` flags, values,
 * no findings) and therefore the same findings and ranges; when it cannot be sure it answers `undefined`
 * and the caller uses `parseWithYaml`. Checked on every fixture and sample, on generated plans and on
 * seeded random mutations of them.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { createRandom, generatePlan, planStyles } from '../../bench/generatePlan';
import type { AnalyzedDocument } from '../../server/src/core/analyze';
import { analyzeText, auditDocument, createAuditContext, defaultAuditSettings } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/findings';
import { buildModel, detectKind } from '../../server/src/core/model';
import type { ParsedDocument } from '../../server/src/core/parse';
import { defaultParseLimits, parseWithYaml } from '../../server/src/core/parse';
import { parseLines } from '../../server/src/core/parseLines';
import { resolvePlain } from '../../server/src/core/coreSchema';
import type { MapNode } from '../../server/src/core/tree';
import { isKnownWithoutDuplicateKeys } from '../../server/src/core/tree';
import { checkDuplicates } from '../../server/src/core/duplicateChecks';
import { validateSchema } from '../../server/src/core/validateSchema';
import { createAnalysisCache } from '../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

const root = path.resolve(__dirname, '../..');
const settings = { ...defaultAuditSettings, reviewDate: '2017-02-28' };

function yamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? yamlFiles(path.join(dir, entry.name)) : /\.ya?ml$/.test(entry.name) ? [path.join(dir, entry.name)] : []))
    .sort();
}

const corpus = [...yamlFiles(path.join(root, 'test/fixtures')), ...yamlFiles(path.join(root, 'samples'))].map((file) => ({
  name: path.relative(root, file),
  uri: `file:///${path.relative(root, file)}`,
  text: fs.readFileSync(file, 'utf8'),
}));

/** What `analyzeText` does after parsing, for a given parse result (so each path can be run alone). */
function analyzeParsed(parsed: ParsedDocument): AnalyzedDocument {
  const { uri, text } = parsed;
  const tree = parsed.root;
  const kind = detectKind(tree);
  const baseFindings: Finding[] = [...parsed.findings];
  if (!kind || tree?.kind !== 'map') {
    return { uri, text, parsed, kind: undefined, model: undefined, baseFindings };
  }
  baseFindings.push(...checkDuplicates(uri, tree, kind), ...validateSchema(uri, tree, kind, cache));
  return { uri, text, parsed, kind, model: buildModel(tree, kind, settings.fiscalYearStartMonth), baseFindings };
}

function findingsOf(parsed: ParsedDocument): Finding[] {
  const document = analyzeParsed(parsed);
  return auditDocument(document, createAuditContext([document], settings, settings.reviewDate), settings);
}

type FastParser = (uri: string, text: string) => ParsedDocument | undefined;

/**
 * Asserts the fast path (`parse`) is equivalent on `text`: same parsed document and same findings when it answers.
 * Returns whether it answered.
 */
function assertEquivalent(name: string, uri: string, text: string, compareFindings = true, parse: FastParser = parseLines): boolean {
  const fast = parse(uri, text);
  if (!fast) {
    return false;
  }
  const reference = parseWithYaml(uri, text);
  assert.deepStrictEqual(fast, reference, `${name}: the fast path built a different parsed document`);
  if (compareFindings) {
    assert.deepStrictEqual(findingsOf(fast), findingsOf(reference), `${name}: different findings`);
  }
  return true;
}

const fuzzTokens = [
  '~', 'null', 'NULL', 'true', 'False', 'yes', 'no', 'on', '0x1F', '-0x1F', '0o17', '017', '1_000', '+12', '-0', '1e3', '1.5e-3', '.5', '5.',
  '-.inf', '.NaN', '2017-02-28', '12:30', '"quoted"', "'single'", "'it''s'", '"esc\\"aped\\n"', '[]', '{}', '[1, 2]', '{a: 1}', '&anchor',
  '*anchor', '!!str', '!tag', '|', '>-', '|+', '# comment', ' #c', '#', ':', ': ', '- ', '-', '?', ',', '[', '{', '}', ']', '"', "'", '%',
  '@', '`', '\t', '\r\n', '---', '...', 'a: b', 'x y', '  ', 'é', '😀', '<<', 'key: value', '- item',
];

/** One to three random edits of a YAML text: lines removed, moved, re-indented, commented, values swapped. */
function mutate(text: string, random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  let lines = text.split('\n');
  const edits = 1 + Math.floor(random() * 3);
  for (let edit = 0; edit < edits; edit++) {
    const index = Math.floor(random() * lines.length);
    const line = lines[index] ?? '';
    const indent = line.length - line.trimStart().length;
    const colon = line.indexOf(': ');
    switch (Math.floor(random() * 14)) {
      case 0:
        lines.splice(index, 1);
        break;
      case 1:
        lines.splice(index, 0, line);
        break;
      case 2:
        lines.splice(index, 0, `${' '.repeat(Math.floor(random() * 12))}# inserted comment`);
        break;
      case 3:
        lines[index] = ' '.repeat(Math.max(0, indent + pick([-2, -1, 1, 2, 4]))) + line.trimStart();
        break;
      case 4: {
        const at = Math.floor(random() * (line.length + 1));
        lines[index] = line.slice(0, at) + pick(fuzzTokens) + line.slice(at);
        break;
      }
      case 5:
        if (colon > 0) lines[index] = line.slice(0, colon + 2) + pick(fuzzTokens);
        break;
      case 6:
        lines[index] = line + pick(['  # trailing', '   ', ' #x', '#x']);
        break;
      case 7: {
        const other = Math.floor(random() * lines.length);
        [lines[index], lines[other]] = [lines[other], lines[index]];
        break;
      }
      case 8:
        lines.splice(index, 0, '');
        break;
      case 9:
        if (colon > 0) lines[index] = line.slice(0, colon + 1);
        break;
      case 10:
        if (colon > 0) {
          lines[index] = `${line.slice(0, colon + 1)} ${pick(['|', '>-', '>', '|-'])}`;
          lines.splice(index + 1, 0, `${' '.repeat(indent + 2)}block text`, `${' '.repeat(indent + 2)}more: text`, '');
        }
        break;
      case 11:
        if (colon > 0) lines[index] = line.slice(0, colon + 2) + pick(['[a, b]', '{x: 1, y: 2}', '[]', '{}', '[1,2 ]', '{ a: [1, {b: 2}] }', '[a, b]  # c', '"x"  # c', "'y'"]);
        break;
      case 12:
        if (colon > 0) {
          lines[index] = `${line.slice(0, colon + 2)}first part`;
          lines.splice(index + 1, 0, `${' '.repeat(indent + pick([1, 2, 4]))}continued text`);
        }
        break;
      case 13:
        lines = lines.slice(0, Math.max(1, index));
        break;
    }
  }
  let result = lines.join('\n');
  if (random() < 0.05) result = result.replace(/\n/g, '\r\n');
  if (random() < 0.05) result = result.replace(/\n$/, '');
  return result;
}

/**
 * The fast path, held to `parseWithYaml`: the line reader (`parseLines`). `minShare` is the share of
 * fixture and sample files it must answer for.
 */
const fastPaths: { name: string; parse: FastParser; minShare: number }[] = [{ name: 'parseLines', parse: parseLines, minShare: 0.7 }];

for (const { name: pathName, parse, minShare } of fastPaths) describe(pathName, () => {
  it('builds the same document and findings as parseWithYaml on every fixture and sample', function () {
    this.timeout(60_000);
    let answered = 0;
    for (const file of corpus) {
      if (assertEquivalent(file.name, file.uri, file.text, true, parse)) {
        answered++;
      }
    }
    // The fast path is only worth having if real files take it.
    assert.ok(answered >= corpus.length * minShare, `the fast path answered for ${answered} of ${corpus.length} files`);
  });

  it('agrees with analyzeText, whichever path analyze.ts takes', () => {
    for (const file of corpus.slice(0, 40)) {
      assert.deepStrictEqual(analyzeText(file.uri, file.text, { cache }), analyzeParsed(parseWithYaml(file.uri, file.text)), file.name);
    }
  });

  it('takes the fast path on generated plans in every style, with the same document and findings', function () {
    this.timeout(120_000);
    for (const style of planStyles) {
      for (const measures of [100, 1000]) {
        for (const seed of [1, 2]) {
          const { text } = generatePlan(measures, { seed, style });
          const name = `${style} plan of ${measures} measures (seed ${seed})`;
          assert.ok(assertEquivalent(name, 'file:///generated.plan.yaml', text, measures === 100, parse), `fell back on the ${name}`);
        }
      }
    }
  });

  it('is equivalent or falls back on 1,000 fuzzed documents', function () {
    this.timeout(120_000);
    const random = createRandom(20_240_601);
    const bases = [...corpus.map((file) => file.text), generatePlan(20, { seed: 7 }).text];
    let answered = 0;
    const total = 1000;
    for (let index = 0; index < total; index++) {
      const text = mutate(bases[Math.floor(random() * bases.length)], random);
      if (assertEquivalent(`fuzzed document ${index}: ${JSON.stringify(text.slice(0, 80))}…`, 'file:///fuzzed.plan.yaml', text, true, parse)) {
        answered++;
      }
    }
    // Both paths are exercised: most mutations stay valid YAML, many do not.
    assert.ok(answered > total * 0.3 && answered < total, `the fast path answered ${answered} of ${total}`);
  });

  it('falls back on what it cannot represent or check', () => {
    const cases: Record<string, string> = {
      'syntax error': 'kind: plan\nperiod: {start: 2017, end: 2017\n',
      'duplicate key': 'kind: plan\nid: a\nid: b\n',
      'alias to an unknown anchor': 'kind: plan\nb: *x\n',
      'unknown tag': 'kind: plan\nid: !local 12\n',
      'two documents': 'kind: plan\n---\nkind: plan\n',
      'YAML 1.1 directive': '%YAML 1.1\n---\nkind: plan\n',
      'tab': 'kind: plan\nid:\tx\n',
      'explicit key': 'kind: plan\n? id\n: x\n',
      'pair in a flow sequence': 'kind: plan\nitems: [a: 1]\n',
      'flow collection continued at its key’s column': 'kind: plan\nperiod: {start: 2017,\nend: 2017}\n',
    };
    // `yaml` keeps both pairs of a duplicate key (the schema check reports it).
    const answeredAlike = ['duplicate key'];
    for (const [name, text] of Object.entries(cases)) {
      if (answeredAlike.includes(name)) {
        assert.ok(assertEquivalent(name, 'file:///case.plan.yaml', text, true, parse), name);
      } else {
        assert.strictEqual(parse('file:///case.plan.yaml', text), undefined, name);
      }
    }
  });

  it('resolves plain scalars with the YAML 1.2 core schema, as yaml does', () => {
    const samples = ['yes', 'no', 'on', '0x1F', '-0x1F', '0o17', '017', '1_000', '+12', '-0', '1e3', '.5', '5.', '-.inf', '.NaN', '~', 'Null', 'TRUE', 'True', 'tRue', '2017-02-28', '12:30', '0b101', '1.0'];
    for (const sample of samples) {
      const reference = parseWithYaml('u', `v: ${sample}\n`).root as MapNode;
      assert.deepStrictEqual(resolvePlain(sample), reference.pairs[0].value.kind === 'scalar' ? reference.pairs[0].value.value : undefined, sample);
      assertEquivalent(sample, 'u', `v: ${sample}\n`, false, parse);
    }
    assert.strictEqual(resolvePlain('yes'), 'yes');
    assert.strictEqual(resolvePlain('0x1F'), 31);
    assert.strictEqual(resolvePlain('1_000'), '1_000');
  });

  it('keeps the spans of collections as yaml does around trailing comments', () => {
    const texts = [
      'x:\n  a: 1  # c\ny: 2\n',
      'x:\n  a: 1\n      # deeper\ny: 2\n',
      'x:\n  - a: 1\n    # c4\n  # c2\n# c0\ny: 2\n',
      'x:\n  - a: 1\n  # c2\ny: 2\n',
      'x:\n  - a:\n      b: 1\n      # c6\n    # c4\n  # c2\ny: 2\n',
      'x:\n  a: 1\n  b:  # c\n    # deeper\n  # same\ny: 2\n',
      'x:\n  d: |\n    text\n\n  # after a block scalar\ny: [1, 2]  # flow\n  # deeper after flow\n',
    ];
    for (const text of texts) {
      assert.ok(assertEquivalent(JSON.stringify(text), 'u', text, false, parse), `fell back on ${JSON.stringify(text)}`);
    }
  });
});

describe('parseLines on what plans are written in', () => {
  it('answers, equal to yaml, for each construct it reads', () => {
    const texts: Record<string, string> = {
      'sequence at its key’s indentation': 'kind: plan\ngoals:\n- id: g1\n  measures:\n  - id: m1\n    unit: percent\nowner: x\n',
      'quoted keys and values': "kind: plan\n\"id\": 'it''s'\n'title': \"a: b # not a comment\"\n",
      'flow collections in sequence items': 'kind: plan\ntargets:\n  - {fiscal_year: 2017, value: 12}\n  - {fiscal_year: 2018, value: [1, "two", {a: b}]}\n',
      'folded block scalar with blank lines': 'kind: plan\ndescription: >\n  first line\n  same paragraph\n\n\n  new paragraph\n\nid: x\n',
      'literal block scalar, strip, more-indented lines': 'kind: plan\nnote: |-\n  a\n    indented\n  b\nid: x\n',
      'CRLF line breaks': 'kind: plan\r\nperiod:\r\n  start: 2017  # c\r\n  end: 2020\r\n',
      'comments everywhere': '# head\nkind: plan  # k\n# between\ngoals:  # g\n  # inside\n  - id: g1  # i\n    # deeper\n  # back\n# end\n',
      'empty values and core-schema scalars': 'kind: plan\nowner:\nstatus: ~\nflag: true\ncount: 0x1F\nratio: -.5\nyear: 2017\nword: yes\n',
      'a key with spaces and punctuation': 'kind: plan\nstaff (FY2016) / 1.0: 12\n',
      // Keys are shared by hash: `Aa`/`BB` and `AaAa`/`BBBB` have the same one, and each must stay itself.
      'keys whose hashes collide': 'kind: plan\nAa: 1\nBB: 2\nrows:\n  - BBBB: 3\n    AaAa: 4\n    AaBB: 5\n  - AaBB: 6\n    BB: 7\n',
      'keys the core schema resolves': 'kind: plan\nnull: a\nNull: b\nTrue: c\nfalse: d\nname: e\ntitle: f\n',
      'a space before the colon': 'kind: plan\nid : a\nrows:\n  - unit  : b\n    unit: c\n',
      'directive, start and end markers': '%YAML 1.2\n---\nkind: plan\nid: x\n...\n',
      'start marker with a comment, comments around': '# head\n--- # start\nkind: plan\nid: x  # c\n# tail\n...\n# after\n',
      'byte-order mark': '\ufeffkind: plan\nid: x\n',
      'byte-order mark before a start marker': '\ufeff---\nkind: plan\n',
      'anchor and alias of a scalar': 'kind: plan\na: &x 1\nb: *x  # c\nc: [*x, *x]\n',
      'anchor on a block mapping, alias as a sequence item': 'kind: plan\nbase: &base\n  fiscal_year: 2016\n  value: 12\nrows:\n  - *base\n  - &y {a: 1}\n  - *y\n',
      'the latest anchor of a name wins': 'kind: plan\na: &x 1\nb: &x 2\nc: *x\n',
      'merge key (an ordinary key in YAML 1.2)': 'kind: plan\nbase: &b {x: 1}\nrow:\n  <<: *b\n  y: 2\n',
      'core tags': 'kind: plan\na: !!str 12\nb: !!int "12"\nc: !!null ""\nd: !!float 1.5\ne: !!bool true\nf: !!int 0x1F\ng: !!map\n  k: 1\nh: !!seq [1]\ni: &t !!str 7\nj: !!str &u 8\n',
      'multi-line plain scalars': 'kind: plan\ntitle: first\n  second\n\n  third  # c\nrows:\n  - one\n    two\n  - a: x\n     y\n',
      'quoted scalars over several lines': 'kind: plan\na: "one\n  two\n\n  three \\\n  four"\nb: \'it\'\'s\n  here\'\n',
      'every double-quote escape': 'kind: plan\na: "\\0\\a\\b\\e\\f\\n\\r\\t\\v\\N\\_\\L\\P\\ \\"\\/\\\\\\x41\\u00e9\\U0001F600"\n"k\\u0065y": 1\n',
      'keep chomping, indentation indicators, leading blank lines, more-indented folded lines': 'kind: plan\na: |+\n  x\n\nb: |2-\n   x\n  y\nc: >\n  x\n    y\n  z\n\n  w\nd: |\n\n  x\ne: >+\n  x\n\n\nf: 1\n',
      'indentation indicators in sequence items': 'kind: plan\nrows:\n  - |1\n    x\n  - - >2-\n       y\n  - a: |2\n       z\n',
      'anchor and tag before a sequence at the key’s column': 'kind: plan\nrows: &r\n- 1\ncols: !!seq\n- *r\n',
      'flow collections over several lines, with comments': 'kind: plan\na: [1, # c\n  2 # d\n  , 3]\nb: {x: 1,\n\n  y: [2,\n    3]}  # e\n  # f\nc: 1\n',
      'items with nothing on the dash line, empty items, nested sequences': 'kind: plan\nrows:\n  -\n    a: 1\n  -  # c\n    b: 2\n  -\n  - - 1\n    - 2\n  - - a: 1\n      b: 2\n',
      'digit values of every length': `kind: plan\n${Array.from({ length: 20 }, (_, index) => `n${index}: ${'9876543210'.repeat(2).slice(0, index + 1)}`).join('\n')}\nlead: 007\nzero: 0\nsign: -12\nmixed: 12a\nyear: 2017 # c\n`,
    };
    for (const [name, text] of Object.entries(texts)) {
      assert.ok(assertEquivalent(name, 'file:///case.plan.yaml', text, true, parseLines), `parseLines fell back on ${name}`);
    }
  });

  it('charges aliases to the expansion budget exactly as parseWithYaml does, nested aliases included', () => {
    const texts = [
      'kind: plan\na: &x 1\nb: &y {k: *x, l: [*x]}\nc: *y\nd: [*y, *y]\ne: &z\n  p: *y\n  q: *x\nf: *z\n',
      'kind: plan\na: &a [1, 2]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: &d [*c, *c]\ne: [*d, *d]\n',
    ];
    for (const text of texts) {
      let answered = 0;
      let declined = 0;
      for (let budget = 0; budget <= 500; budget++) {
        const limits = { ...defaultParseLimits, maxAliasExpansion: budget, aliasExpansionPerKiB: 0 };
        const fast = parseLines('file:///case.plan.yaml', text, limits);
        if (fast) {
          answered++;
          assert.deepStrictEqual(fast, parseWithYaml('file:///case.plan.yaml', text, limits), `budget ${budget}`);
        } else {
          declined++;
          // Declined only where `yaml`'s path flags the budget.
          assert.ok(parseWithYaml('file:///case.plan.yaml', text, limits).findings.some((finding) => finding.ruleId === 'resource-limit'), `budget ${budget}`);
        }
      }
      assert.ok(answered > 0 && declined > 0, `${answered} answered, ${declined} declined`);
    }
  });

  it('notes repeated keys while reading, so checkDuplicates skips only trees it knows are clean', () => {
    const uri = 'file:///case.plan.yaml';
    const repeated: Record<string, string> = {
      'at the top': 'kind: plan\nid: a\nid: b\n',
      'in a measure deep down': 'kind: plan\ngoals:\n  - id: g1\n    measures:\n      - id: m1\n        unit: a\n        unit: b\n',
      'in a flow mapping': 'kind: plan\ntargets:\n  - {fiscal_year: 2017, fiscal_year: 2018}\n',
      'as a number and a string': 'kind: plan\nrows:\n  2017: a\n  "2017": b\n',
    };
    for (const [name, text] of Object.entries(repeated)) {
      const parsed = parseLines(uri, text);
      assert.ok(parsed?.root, name);
      assert.ok(!isKnownWithoutDuplicateKeys(parsed.root), name);
      const findings = checkDuplicates(uri, parsed.root, 'plan');
      assert.deepStrictEqual(findings.map((finding) => finding.ruleId), ['duplicate-key'], name);
      assert.deepStrictEqual(findings, checkDuplicates(uri, parseWithYaml(uri, text).root!, 'plan'), name);
    }
    const clean = parseLines(uri, generatePlan(30).text);
    assert.ok(clean?.root && isKnownWithoutDuplicateKeys(clean.root));
    assert.ok(!isKnownWithoutDuplicateKeys(parseWithYaml(uri, generatePlan(30).text).root!), 'other paths leave the check to checkDuplicates');
  });

  it('declines what only yaml can judge, and the fallback paths answer alike', () => {
    const texts: Record<string, string> = {
      // The two false cleans of issue 12: syntax errors for `yaml`.
      'quoted title continued at its key’s column': 'kind: plan\ngoals:\n  - id: g1\n    title: "Enforce antidumping and countervailing\n    duty requirements"\n',
      'start marker glued to a comment': '---# comment\nkind: plan\n',
      'content on the start marker’s line': '--- kind: plan\n',
      'directive without a start marker': '%YAML 1.2\nkind: plan\n',
      'two YAML directives': '%YAML 1.2\n%YAML 1.2\n---\nkind: plan\n',
      'TAG directive': '%TAG !e! tag:example.com,2000:\n---\nkind: plan\n',
      'content after the end marker': 'kind: plan\n...\nid: x\n',
      'a tag that does not fit its scalar': 'kind: plan\nd: !!float 1\n',
      'a tag that does not fit its collection': 'kind: plan\nd: !!map [1]\n',
      'anchor on an empty value': 'kind: plan\na: &x\nb: *x\n',
      'alias to the collection that holds it': 'kind: plan\na: &x [*x]\n',
      'anchor on a key': 'kind: plan\n&k a: 1\n',
      'anchor on an alias': 'kind: plan\na: &y 1\nb: &x *y\n',
      'tag on an alias': 'kind: plan\na: &y 1\nrows:\n  - !!str *y\n',
      'plain scalar continued after a comment': 'kind: plan\ntitle: first # c\n  second\n',
      'plain scalar continued at its key’s column': 'kind: plan\nrows:\n  - a: x\n    y\n',
      'bad double-quote escape': 'kind: plan\ntitle: "a\\qb"\n',
      'quote closed past the parent’s column': 'kind: plan\ntitle: "a\n"\n',
      'block scalar less indented than its first line': 'kind: plan\nnote: |\n    a\n   b\n',
      'keep-chomped block scalar before a comment': 'kind: plan\nnote: |+\n  a\n\n# c\nid: x\n',
      'deeply nested flow collections': `kind: plan\nx: ${'['.repeat(300)}${']'.repeat(300)}\n`,
      'key with a comma': 'kind: plan\na,b: 1\n',
      'a dash alone in a flow sequence (an error for yaml)': 'kind: plan\nitems: [-]\n',
      'a dash alone as a flow mapping value': 'kind: plan\nperiod: {start: -, end: 2017}\n',
    };
    for (const [name, text] of Object.entries(texts)) {
      assert.strictEqual(parseLines('file:///case.plan.yaml', text), undefined, name);
      // analyzeText then gives yaml's own result.
      assert.deepStrictEqual(analyzeText('file:///case.plan.yaml', text, { cache }).parsed, parseWithYaml('file:///case.plan.yaml', text), name);
    }
  });
});
