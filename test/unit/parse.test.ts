/**
 * The located tree and the engine on bad input (issue 2's list): each case ends in a clear finding or is
 * ignored, within bounded time, without throwing.
 */
import * as assert from 'assert';
import { analyzeText } from '../../server/src/core/analyze';
import { Alias, parseDocument, visit } from 'yaml';
import { aliasExpansionBudget, defaultParseLimits, parseWithYaml } from '../../server/src/core/parse';
import { indexAliases } from '../../server/src/core/treeBuilder';
import { getSeq, getString } from '../../server/src/core/tree';
import type { MapNode, SeqNode } from '../../server/src/core/tree';
import { spanOf } from '../../server/src/core/tree';
import { styledPlan } from './planStyles';
import { createAnalysisCache } from '../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

const slice = (text: string, span: readonly [number, number]) => text.slice(span[0], span[1]);

describe('parseWithYaml', () => {
  it('keeps exact spans for keys, values and collections (trailing line breaks dropped)', () => {
    const text = 'kind: plan  # a comment\ngoals:\n  - id: g1\n    title: "2017"\n\n# trailing\n';
    const root = parseWithYaml('u', text).root as MapNode;
    assert.strictEqual(slice(text, spanOf(root.pairs[0].key)), 'kind');
    assert.strictEqual(slice(text, spanOf(root.pairs[0].value)), 'plan');
    const goals = root.pairs[1].value as SeqNode;
    assert.strictEqual(slice(text, spanOf(goals)), '- id: g1\n    title: "2017"');
    const goal = goals.items[0] as MapNode;
    assert.deepStrictEqual(goal.pairs[1].value, { kind: 'scalar', value: '2017', start: 53, end: 59, quoted: true });
  });

  it('gives an empty key (`key:`) a null value with an empty span after the colon', () => {
    const text = 'kind: plan\nowner:\n';
    const root = parseWithYaml('u', text).root as MapNode;
    const owner = root.pairs[1].value;
    assert.strictEqual(owner.kind, 'scalar');
    assert.strictEqual(owner.kind === 'scalar' && owner.value, null);
  });
});

describe('bad input', () => {
  it('broken YAML: a syntax error at its position, and the rest of the file still analysed', () => {
    const text = 'kind: plan\nversion: 1\nperiod: {start: 2017, end: 2017\ngoals: []\n';
    const document = analyzeText('file:///broken.plan.yaml', text, { cache });
    const syntax = document.baseFindings.filter((finding) => finding.ruleId === 'yaml-syntax');
    assert.ok(syntax.length > 0);
    assert.strictEqual(syntax[0].severity, 'error');
    assert.match(syntax[0].message, /^YAML syntax error: /);
    assert.ok(syntax[0].span[0] >= text.indexOf('{'), 'at or after the unclosed flow map');
    assert.strictEqual(document.kind, 'plan', 'the kind is still recognised from the recovered tree');
  });

  it('nesting deep enough to overflow the parser: one resource-limit finding, no crash', () => {
    for (const text of [`kind: plan\nx: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`, `kind: plan\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k${i}:\n`).join('')}`]) {
      const document = analyzeText('file:///deep.plan.yaml', text, { cache });
      assert.deepStrictEqual(
        document.baseFindings.map((finding) => [finding.ruleId, finding.message]),
        [['resource-limit', 'Nesting far deeper than 200 levels: the file is not analysed.']],
      );
    }
  });

  it('an empty file: no tree, no kind, no crash; a plan-named one says it is empty (issue 13)', () => {
    const document = analyzeText('file:///empty.plan.yaml', '', { cache });
    assert.strictEqual(document.kind, undefined);
    assert.deepStrictEqual(
      document.baseFindings.map((finding) => [finding.ruleId, finding.span]),
      [['schema', [0, 0]]],
    );
    assert.deepStrictEqual(analyzeText('file:///empty.yaml', '', { cache }).baseFindings, []);
  });

  it('a file that is a list, not a map: not a plan-audit document by content', () => {
    const document = analyzeText('file:///list.yaml', '- kind: plan\n- 2\n', { cache });
    assert.strictEqual(document.kind, undefined);
    assert.deepStrictEqual(document.baseFindings, []);
  });

  it('a non-plan YAML file (a compose file) is ignored', () => {
    const document = analyzeText('file:///docker-compose.yaml', 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n', { cache });
    assert.strictEqual(document.kind, undefined);
    assert.deepStrictEqual(document.baseFindings, []);
  });

  it('an alias bomb ends in one resource-limit finding, quickly and without expanding', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 10; level++) {
      const name = String.fromCharCode(97 + level);
      const previous = String.fromCharCode(96 + level);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const text = `kind: plan\nversion: 1\n${levels.join('\n')}\n`;
    const document = analyzeText('file:///bomb.plan.yaml', text, { cache });
    const limits = document.baseFindings.filter((finding) => finding.ruleId === 'resource-limit');
    assert.strictEqual(limits.length, 1);
    assert.match(limits[0].message, /alias bomb/);
  });

  it('resolves each alias to the node yaml resolves it to, from one walk of the document', () => {
    const texts = [
      'a: &x 1\nb: *x\nc: &x 2\nd: *x\n', // an anchor redefined: the latest before the alias
      'a: *x\nb: &x 1\n', // an alias before its anchor resolves to nothing
      'a: &x [1, *x]\n', // inside its own anchor: the enclosing node (the builder refuses the cycle)
      '? &k key\n: *k\n&v other: [*k, *v]\n', // anchors on keys, met before their values
      '- &m {a: &x 1, b: *x}\n- *x\n- &x 3\n- *x\n- *m\n',
      '[&a 1, *a, &a 2, *a, *b]',
    ];
    for (const text of texts) {
      const doc = parseDocument(text, { uniqueKeys: false });
      const index = indexAliases(doc.contents);
      let aliases = 0;
      visit(doc, {
        Alias(_key, alias) {
          aliases++;
          assert.strictEqual(index.get(alias), alias.resolve(doc), `${JSON.stringify(text)}: *${alias.source}`);
        },
      });
      assert.strictEqual(index.size, aliases, JSON.stringify(text));
    }
  });

  it('a plan sharing its data sources through 10,000 aliases: every alias expanded, no limit, no walk of the document per alias', function () {
    this.timeout(120_000);
    const text = styledPlan(10_010, 'anchors');
    const aliases = text.match(/data_source: \*/g)?.length ?? 0;
    assert.ok(aliases >= 10_000, `${aliases} aliases`);
    // `Alias.resolve` walks the whole document each time it is called: 10,000 calls made this plan
    // take minutes to open. The parse must resolve aliases without it.
    let resolveCalls = 0;
    const resolve = Object.getOwnPropertyDescriptor(Alias.prototype, 'resolve')!;
    Object.defineProperty(Alias.prototype, 'resolve', {
      ...resolve,
      value: function (this: Alias, ...args: unknown[]) {
        resolveCalls++;
        return (resolve.value as (...rest: unknown[]) => unknown).apply(this, args);
      },
    });
    let document;
    try {
      document = analyzeText('file:///shared-sources.plan.yaml', text, { cache });
    } finally {
      Object.defineProperty(Alias.prototype, 'resolve', resolve);
    }
    assert.strictEqual(resolveCalls, 0);
    assert.deepStrictEqual(document.parsed.findings, []);
    assert.deepStrictEqual(document.baseFindings.filter((finding) => finding.ruleId === 'resource-limit'), []);
    // Every alias became its anchor's text.
    const sources = new Set<string | undefined>();
    for (const goal of getSeq(document.parsed.root as MapNode, 'goals')!.items) {
      for (const objective of getSeq(goal as MapNode, 'objectives')!.items) {
        for (const measure of getSeq(objective as MapNode, 'measures')!.items) {
          sources.add(getString(measure as MapNode, 'data_source'));
        }
      }
    }
    assert.ok(!sources.has(undefined) && sources.size > 1, [...sources].join(', '));
  });

  it('the alias budget grows with the text: 256 nodes per KiB beyond 10,000', () => {
    assert.strictEqual(aliasExpansionBudget(0, defaultParseLimits), 10_000);
    assert.strictEqual(aliasExpansionBudget(4096, defaultParseLimits), 11_024);
    // 20,000 aliases of a scalar, in the tightest layout there is (`*a,`): all expanded.
    const text = `[&a x, ${Array(20_000).fill('*a').join(',')}]`;
    const parsed = parseWithYaml('file:///aliases.yaml', text);
    assert.deepStrictEqual(parsed.findings, []);
    assert.strictEqual((parsed.root as SeqNode).items.filter((item) => item.kind === 'scalar' && item.value === 'x').length, 20_001);
  });

  it('an alias bomb inside a large plan still ends in one resource-limit finding', function () {
    this.timeout(60_000);
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 10; level++) {
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${String.fromCharCode(96 + level)}`).join(',')}]`);
    }
    const text = `${styledPlan(1_000, 'anchors')}bomb:\n${levels.map((line) => `  ${line}`).join('\n')}\n`;
    const parsed = parseWithYaml('file:///bomb.plan.yaml', text);
    const limits = parsed.findings.filter((finding) => finding.ruleId === 'resource-limit');
    assert.strictEqual(limits.length, 1);
    assert.match(limits[0].message, new RegExp(`more than ${aliasExpansionBudget(text.length, defaultParseLimits)} nodes`));
  });

  it('a file over the size limit is refused with one finding on the first line', () => {
    const text = `kind: plan\n${'#'.repeat(64)}\n`;
    const document = parseWithYaml('file:///huge.plan.yaml', text, { ...defaultParseLimits, maxLength: 32 });
    assert.strictEqual(document.root, undefined);
    assert.strictEqual(document.findings.length, 1);
    assert.strictEqual(document.findings[0].ruleId, 'resource-limit');
    assert.deepStrictEqual(document.findings[0].span, [0, 10]);
    assert.match(document.findings[0].message, /was not checked/);
  });

  it('a 10 MB plan is analysed (the default limit is 32 MiB)', function () {
    this.timeout(120_000);
    const measure = (index: number) => `      - id: m${index}\n        name: Measure number ${index} with a realistic, longer name\n        unit: cases\n        data_source: Case management system export\n`;
    let body = 'kind: plan\nversion: 1\nid: big\ntitle: Big plan\nagency: A\nowner: O\nissue_area: x\ntype: annual\nstatus: final\nperiod: {start: 2017, end: 2017}\ngoals:\n  - id: g1\n    title: G\n    measures:\n';
    let index = 0;
    const chunks: string[] = [body];
    let length = body.length;
    while (length < 10 * 1024 * 1024) {
      const chunk = measure(index++);
      chunks.push(chunk);
      length += chunk.length;
    }
    body = chunks.join('');
    const document = analyzeText('file:///big.plan.yaml', body, { cache });
    assert.strictEqual(document.kind, 'plan');
    assert.strictEqual(document.model?.kind === 'plan' && document.model.goals[0].measures.length, index);
  });

  it('deep nesting is cut off with a finding instead of overflowing the stack', () => {
    const depth = 5000;
    const text = `kind: plan\nversion: 1\nx: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
    const document = analyzeText('file:///deep.plan.yaml', text, { cache });
    assert.ok(document.baseFindings.some((finding) => finding.ruleId === 'resource-limit' || finding.ruleId === 'yaml-syntax'));
  });
});
