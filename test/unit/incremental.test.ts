/**
 * Incremental re-parse (issue 6, part 3): `reparseIncrementally` must give exactly what a full
 * `parseWithYaml` gives, or `undefined`. Unit cases for the fast path and for each fallback, then a
 * seeded fuzz: hundreds of random small edits on the samples, every rule fixture and a generated
 * 300-measure plan, each checked against a full parse.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { TextChange } from '../../server/src/core/incremental';
import { composeChanges, reparseIncrementally } from '../../server/src/core/incremental';
import { analyzeText, auditDocument, createAuditContext, defaultAuditSettings } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/findings';
import type { ParsedDocument } from '../../server/src/core/parse';
import { parseWithYaml } from '../../server/src/core/parse';
import type { MapNode, TreeNode } from '../../server/src/core/tree';
import { getMapItems, getSeq, isKnownWithoutDuplicateKeys, spanOf, walk } from '../../server/src/core/tree';
import { parseLines } from '../../server/src/core/parseLines';
import { checkDuplicates } from '../../server/src/core/duplicateChecks';
import { createAnalysisCache } from '../../server/src/core/analysisCache';
import { planStyles, styledPlan } from './planStyles';
import { generatePlan } from '../../bench/generatePlan';

/** Per-unit results shared by every analysis of this file's documents, as the server keeps them for an open document. */
const unitCache = createAnalysisCache({ reuseUnits: true });

const root = path.resolve(__dirname, '../..');
const uri = 'file:///plan.plan.yaml';

function apply(text: string, change: TextChange): string {
  return text.slice(0, change.offset) + change.insertText + text.slice(change.offset + change.deleteCount);
}

/** A change that replaces the first occurrence of `find` (after `from`) with `replace`. */
function replaceIn(text: string, find: string, replace: string, from = 0): TextChange {
  const offset = text.indexOf(find, from);
  assert.ok(offset >= 0, `${JSON.stringify(find)} is in the text`);
  return { offset, deleteCount: find.length, insertText: replace };
}

/** Edits `previous` and returns the incremental result, after checking it equals a full parse. */
function edit(previous: ParsedDocument, change: TextChange): { full: ParsedDocument; incremental: ParsedDocument | undefined } {
  const text = apply(previous.text, change);
  const full = parseWithYaml(previous.uri, text);
  const incremental = reparseIncrementally(previous, text, change);
  if (incremental) {
    assertSameDocument(incremental, full, change);
  }
  return { full, incremental };
}

/** The first path at which two values differ (Object.is on leaves, same own keys), or undefined. */
function firstDifference(a: unknown, b: unknown, at = '$'): string | undefined {
  if (Object.is(a, b)) {
    return undefined;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${at}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) {
    return `${at}: keys ${keysA.join(',')} ≠ ${keysB.join(',')}`;
  }
  for (const key of keysA) {
    if (!Object.prototype.hasOwnProperty.call(b, key)) {
      return `${at}: key ${key} missing`;
    }
    const difference = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}.${key}`);
    if (difference) {
      return difference;
    }
  }
  return undefined;
}

/**
 * The findings of a parsed document (schema, duplicates and rules). Analysing an incremental re-parse
 * reuses what per-unit caches hold for its shared units (plain data, schema problems, measures); a full
 * parse has no shared units, so comparing the two checks those caches.
 */
function findingsOf(parsed: ParsedDocument, movedItems?: ReadonlyMap<TreeNode, TreeNode>): Finding[] {
  const settings = { ...defaultAuditSettings, reviewDate: '2017-09-01' };
  const analysis = analyzeText(parsed.uri, parsed.text, { fiscalYearStartMonth: settings.fiscalYearStartMonth, reparsed: parsed, movedItems, cache: unitCache });
  return auditDocument(analysis, createAuditContext([analysis], settings), settings);
}

function assertSameDocument(incremental: ParsedDocument, full: ParsedDocument, change: TextChange, previousText?: string): void {
  const difference = firstDifference(incremental, full);
  if (difference) {
    const around = (text: string, at: number) => text.slice(Math.max(0, at - 400), at + 400);
    const before = previousText === undefined ? '' : `\n--- before, around the change ---\n${around(previousText, change.offset)}`;
    assert.fail(`incremental ≠ full after ${JSON.stringify(change)}: ${difference}${before}\n--- after ---\n${around(full.text, change.offset)}`);
  }
}

// ---------------------------------------------------------------------------------------------------

const plan = `# A plan, as the samples write them.
kind: plan
version: 1
id: adcvd-fy2017-annual
title: AD/CVD annual plan
period:
  start: 2017
  end: 2018
goals:
  - id: enforce-adcvd
    title: Enforce antidumping and countervailing duty requirements
    measures:
      # The measures GAO names.
      - id: adcvd-audits
        name: Number of AD/CVD-related audits
        unit: audits
        targets:
          - fiscal_year: 2017
            value: 120
          - fiscal_year: 2018
            value: 130
      - id: adcvd-surveys
        name: "Number of surveys: conducted"
        unit: surveys
        definition: >-
          Surveys of importers, as CBP counts them,
          reported each quarter.
      - id: importers-removed
        name: Number of importers removed from a targeting rule
        unit: importers
  - id: second-goal
    title: Second goal
    measures: []
owner: Director, AD/CVD Division
`;

describe('reparseIncrementally', () => {
  const base = parseWithYaml(uri, plan);

  it('starts from a clean document', () => {
    assert.deepStrictEqual(base.findings, []);
  });

  it('edits a measure name in place, sharing the subtrees before it and moving those after it', () => {
    const { incremental } = edit(base, replaceIn(plan, 'AD/CVD-related audits', 'AD/CVD-related audits completed'));
    assert.ok(incremental, 'fast path taken');
    const goals = getSeq(incremental.root as MapNode, 'goals')!;
    const oldGoals = getSeq(base.root as MapNode, 'goals')!;
    assert.strictEqual((incremental.root as MapNode).pairs[0], (base.root as MapNode).pairs[0], 'pairs before the edit are shared');
    assert.notStrictEqual(goals.items[1], oldGoals.items[1], 'items after the edit are moved copies');
    const measure = getMapItems(goals.items[0] as MapNode, 'measures')[0];
    const name = measure.pairs[1].value;
    assert.strictEqual(incremental.text.slice(spanOf(name)[0], spanOf(name)[1]), 'Number of AD/CVD-related audits completed');
  });

  it('edits a target value (number → number, number → text)', () => {
    assert.ok(edit(base, replaceIn(plan, '130', '145')).incremental);
    const { incremental } = edit(base, replaceIn(plan, '120', 'TBD'));
    assert.ok(incremental);
    const measure = getMapItems(getSeq(incremental.root as MapNode, 'goals')!.items[0] as MapNode, 'measures')[0];
    const target = getMapItems(measure, 'targets')[0];
    assert.strictEqual((target.pairs[1].value as { value: unknown }).value, 'TBD');
  });

  it('adds a line inside a measure, and a new target item (re-parsing the measure that holds it)', () => {
    const addLine = replaceIn(plan, '        unit: audits\n', '        unit: audits\n        data_source: ACE reports\n');
    assert.ok(edit(base, addLine).incremental);
    const atEnd = plan.indexOf('value: 130') + 'value: 130'.length;
    const newTarget = { offset: atEnd, deleteCount: 0, insertText: '\n          - fiscal_year: 2019\n            value: 140' };
    assert.ok(edit(base, newTarget).incremental, 'the target list grows: the measure is the unit');
  });

  it('deletes a character, and types a key character by character', () => {
    const offset = plan.indexOf('surveys: conducted') + 3;
    assert.ok(edit(base, { offset, deleteCount: 1, insertText: '' }).incremental);
    let current = base;
    const start = plan.indexOf('        unit: importers') + '        unit: importers'.length;
    const typed = '\n        data_source: ACE';
    const fastAt: number[] = [];
    const cleanAt: number[] = [];
    for (let i = 0; i < typed.length; i++) {
      const { full, incremental } = edit(current, { offset: start + i, deleteCount: 0, insertText: typed[i] });
      if (incremental) {
        fastAt.push(i);
      }
      if (full.findings.length === 0) {
        cleanAt.push(i);
      }
      current = incremental ?? full;
    }
    // `        data_sou` is a key without a colon (a syntax error) until the `:` is typed; every keystroke
    // that leaves the file clean, and that follows a clean state, takes the fast path.
    const expected = cleanAt.filter((i) => i === 0 || cleanAt.includes(i - 1));
    assert.deepStrictEqual(fastAt, expected);
    assert.ok(fastAt.length >= 6, `${fastAt.length}/${typed.length} keystrokes on the fast path`);
  });

  it('edits a comment and the blank lines inside an item', () => {
    assert.ok(edit(base, replaceIn(plan, 'as CBP counts them', 'as CBP reports them')).incremental, 'inside a folded scalar');
    // The comment stands before the first measure, inside the goal: the goal is re-parsed.
    assert.ok(edit(base, replaceIn(plan, '# The measures GAO names.', '# The measures GAO lists.')).incremental);
    assert.ok(edit(base, replaceIn(plan, '        unit: surveys\n', '        unit: surveys\n\n        # reported quarterly\n')).incremental);
  });

  it('edits the header comments before the first key (everything moves, nothing else changes)', () => {
    assert.ok(edit(base, replaceIn(plan, 'as the samples', 'as the GAO samples')).incremental);
    assert.ok(edit(base, { offset: 0, deleteCount: 0, insertText: '# Reviewed 2017-03-01.\n' }).incremental);
    assert.strictEqual(edit(base, { offset: 0, deleteCount: 1, insertText: '' }).incremental, undefined, 'no longer a comment');
    assert.strictEqual(edit(base, { offset: plan.indexOf('\nkind'), deleteCount: 1, insertText: '' }).incremental, undefined, 'joins the first key');
  });

  it('works on items of a top-level sequence and of flush (unindented) sequences', () => {
    const flush = 'kind: plan\ngoals:\n- id: g1\n  measures:\n  - id: m1\n    name: One\n  - id: m2\n    name: Two\nowner: X\n';
    const document = parseWithYaml(uri, flush);
    assert.ok(edit(document, replaceIn(flush, 'One', 'Uno')).incremental);
    assert.ok(edit(document, replaceIn(flush, 'Two', 'Dos')).incremental);
    const list = '- id: a\n  n: 1\n- id: b\n  n: 2\n';
    assert.ok(edit(parseWithYaml(uri, list), replaceIn(list, '2', '3')).incremental);
  });

  it('falls back when the change touches the item’s first line indentation or adds a line at its indentation', () => {
    const dash = plan.indexOf('      - id: adcvd-surveys');
    assert.strictEqual(edit(base, { offset: dash, deleteCount: 1, insertText: '' }).incremental, undefined, 'indentation of the dash');
    assert.strictEqual(edit(base, { offset: dash + 6, deleteCount: 1, insertText: '' }).incremental, undefined, 'the dash itself');
    const dedent = replaceIn(plan, '        unit: surveys', '      unit: surveys');
    const { incremental, full } = edit(base, dedent);
    assert.strictEqual(incremental, undefined, 'a line at the item’s indentation');
    assert.ok(full.findings.length > 0);
    const newMeasure = replaceIn(plan, '        unit: audits\n', '        unit: audits\n      - id: new\n');
    assert.ok(edit(base, newMeasure).incremental, 'a new measure: the goal that holds the list is re-parsed');
    const newGoal = replaceIn(plan, '        unit: audits\n', '        unit: audits\n  - id: new\n');
    assert.strictEqual(edit(base, newGoal).incremental, undefined, 'a new goal: no item holds the change');
  });

  it('knows the new tree repeats no key when the old one did not and the edit adds none', () => {
    const clean = parseLines(uri, plan)!;
    assert.ok(isKnownWithoutDuplicateKeys(clean.root!));
    const known = (change: TextChange) => {
      const { incremental } = edit(clean, change);
      assert.ok(incremental, JSON.stringify(change));
      return isKnownWithoutDuplicateKeys(incremental.root!);
    };
    assert.ok(known(replaceIn(plan, 'value: 120', 'value: 125')), 'a value');
    assert.ok(known(replaceIn(plan, '        unit: surveys\n', '        unit: surveys\n        note: x\n')), 'a new key');
    assert.ok(known({ offset: 0, deleteCount: 0, insertText: '# Reviewed.\n' }), 'the header comments');
    assert.ok(!known(replaceIn(plan, 'name: "Number of surveys: conducted"', 'unit: "Number of surveys: conducted"')), 'a key renamed to its neighbour');
    assert.ok(!known(replaceIn(plan, '- fiscal_year: 2017\n            value: 120', '- fiscal_year: 2017\n            value: 120\n            value: 121')), 'a key repeated inside the unit');
    // Whatever is known, the duplicate-key findings are those of a full parse.
    const renamed = replaceIn(plan, 'name: "Number of surveys: conducted"', 'unit: "Number of surveys: conducted"');
    const { full, incremental } = edit(clean, renamed);
    assert.deepStrictEqual(checkDuplicates(uri, incremental!.root!, 'plan').map((f) => f.ruleId), ['duplicate-key']);
    assert.deepStrictEqual(checkDuplicates(uri, incremental!.root!, 'plan'), checkDuplicates(uri, full.root!, 'plan'));
  });

  it('splices an anchor in a document without aliases; falls back on aliases and tags', () => {
    // Without aliases an anchor changes nothing: the unit is spliced (edit() compares it with a full parse).
    assert.ok(edit(base, replaceIn(plan, 'unit: audits', 'unit: &u audits')).incremental, 'an anchor');
    assert.strictEqual(edit(base, replaceIn(plan, 'unit: surveys', 'unit: *u')).incremental, undefined, 'an alias');
    assert.strictEqual(edit(base, replaceIn(plan, 'value: 120', 'value: !!str 120')).incremental, undefined, 'a tag');
    // An alias elsewhere in the file: its copy keeps its anchor's offsets and is shared as it is.
    const aliased = plan.replace('owner: Director, AD/CVD Division', 'owner: &o Director\nagency: *o');
    const document = parseWithYaml(uri, aliased);
    assert.deepStrictEqual(document.findings, []);
    assert.ok(edit(document, replaceIn(aliased, '120', '125')).incremental);
    // `*` in plain text is no alias: the fast path stays open.
    const starred = plan.replace('Second goal', 'Second goal *see note*');
    assert.ok(edit(parseWithYaml(uri, starred), replaceIn(starred, '120', '125')).incremental);
  });

  it('re-parses documents with anchors and aliases, re-resolving the copies of an edited anchored scalar', () => {
    // A unit shared by alias with a later measure; an anchored empty list copied at the end.
    const text = `${plan
      .replace('unit: audits', 'unit: &u audits')
      .replace('unit: importers', 'unit: importers\n        data_source: *u')
      .replace('measures: []', 'measures: &none []')}extra: *none\n`;
    const document = parseWithYaml(uri, text);
    assert.deepStrictEqual(document.findings, []);
    assert.ok(document.traits?.hasAliases && document.traits.aliasExpansion === 2 && document.traits.spliceable);
    // Elsewhere: between anchor and alias, after the alias, before the last copy; any length change.
    for (const [find, replace] of [['Director, AD/CVD Division', 'Director'], ['120', '125'], ['unit: importers', 'unit: importers and exporters'], ['surveys', 'polls']] as const) {
      assert.ok(edit(document, replaceIn(text, find, replace)).incremental, `${find} → ${replace}`);
    }
    // The anchored scalar: its copies are re-resolved, whatever the length change (none included).
    for (const replacement of ['&u reviews', '&u Audits', '&u completed audits', '&u "quoted: audits"', '&u']) {
      const { incremental, full } = edit(document, replaceIn(text, '&u audits', replacement));
      assert.ok(incremental, replacement);
      assert.deepStrictEqual(incremental.traits, full.traits, replacement);
    }
    // An alias, a new anchor or alias, a renamed anchor, an anchored collection: a full parse re-resolves them.
    assert.strictEqual(edit(document, replaceIn(text, 'data_source: *u', 'data_source: *none')).incremental, undefined, 'an alias');
    assert.strictEqual(edit(document, replaceIn(text, 'unit: surveys', 'unit: *u')).incremental, undefined, 'a new alias');
    assert.strictEqual(edit(document, replaceIn(text, '&u audits', '&v audits')).incremental, undefined, 'a renamed anchor');
    assert.strictEqual(edit(document, replaceIn(text, 'unit: surveys', 'unit: &u surveys')).incremental, undefined, 'a second anchor of the name');
    assert.strictEqual(edit(document, replaceIn(text, '&u audits', '&u [audits]')).incremental, undefined, 'an anchored collection');
    // An anchor on a whole goal and an alias after it: an edit inside the goal changes the copy.
    const goalText = `${plan.replace('goals:\n  - id:', 'goals:\n  - &goal\n    id:')}copy: *goal\n`;
    const goalDocument = parseWithYaml(uri, goalText);
    assert.deepStrictEqual(goalDocument.findings, []);
    assert.strictEqual(edit(goalDocument, replaceIn(goalText, 'unit: surveys', 'unit: reviews')).incremental, undefined, 'inside an aliased goal');
    assert.ok(edit(goalDocument, replaceIn(goalText, 'Second goal', 'Second')).incremental, 'after the goal, before its copy');
  });

  it('typing into anchored data sources that 20 measures share by alias: each re-parse equals a full one', () => {
    const random = createRandom(12);
    let document = parseWithYaml(uri, styledPlan(20, 'anchors', 3));
    assert.deepStrictEqual(document.findings, []);
    let taken = 0;
    for (let keystroke = 0; keystroke < 200; keystroke++) {
      const anchors = [...document.text.matchAll(/&src\d+ ([^\n]*)/g)];
      const target = anchors[Math.floor(random() * anchors.length)];
      const valueStart = target.index + target[0].length - target[1].length;
      const offset = valueStart + Math.floor(random() * (target[1].length + 1));
      const change: TextChange =
        random() < 0.3 && offset > valueStart ? { offset: offset - 1, deleteCount: 1, insertText: '' } : { offset, deleteCount: 0, insertText: 'ab c:#"'[Math.floor(random() * 7)] };
      const { incremental, full } = edit(document, change);
      taken += incremental ? 1 : 0;
      if (full.findings.length === 0) {
        document = incremental ?? full;
      }
    }
    assert.ok(taken > 100, `${taken} of 200 keystrokes re-parsed incrementally`);
  });

  it('falls back on broken syntax, and on a previous document with findings', () => {
    const broken = edit(base, replaceIn(plan, 'name: "Number of surveys: conducted"', 'name: "Number of surveys: conducted'));
    assert.strictEqual(broken.incremental, undefined);
    assert.ok(broken.full.hasSyntaxErrors);
    const flow = edit(base, replaceIn(plan, 'unit: importers', 'unit: [importers'));
    assert.strictEqual(flow.incremental, undefined, 'an unclosed flow collection');
    assert.strictEqual(edit(broken.full, replaceIn(broken.full.text, '120', '121')).incremental, undefined, 'previous had errors');
  });

  it('re-parses documents behind a directive, under their YAML version; falls back on multi-document files', () => {
    for (const version of ['1.1', '1.2']) {
      const text = `%YAML ${version}\n---\n${plan}...\n`;
      const document = parseWithYaml(uri, text);
      assert.deepStrictEqual(document.findings, []);
      assert.deepStrictEqual(document.traits, { yamlVersion: version, spliceable: true, hasAliases: false, aliasExpansion: 0, aliasedSpans: [] });
      // `yes` is a boolean in YAML 1.1 only: the unit must be read under the document's version.
      const { incremental, full } = edit(document, replaceIn(text, 'unit: audits', 'unit: yes'));
      assert.ok(incremental, version);
      const unit = incremental.text.indexOf('yes');
      assert.ok(JSON.stringify(full.root).includes(`"value":${version === '1.1' ? 'true' : '"yes"'},"start":${unit}`), version);
      assert.ok(edit(incremental, replaceIn(incremental.text, '120', '125')).incremental, version);
    }
    const twoDocs = `${plan}---\nkind: plan\n`;
    assert.strictEqual(edit(parseWithYaml(uri, twoDocs), replaceIn(twoDocs, '120', '121')).incremental, undefined);
  });

  it('handles comments after the last item (`yaml` extends the enclosing collections over them)', () => {
    const last = plan.indexOf('unit: importers') + 'unit: importers'.length;
    assert.ok(edit(base, { offset: last, deleteCount: 0, insertText: '\n        # reviewed' }).incremental);
    assert.ok(edit(base, { offset: last, deleteCount: 0, insertText: '  # reviewed' }).incremental);
  });

  it('falls back when a value is emptied right before a comment line (the empty value takes the comment in)', () => {
    const text = plan.replace('        unit: audits\n', '        unit: audits\n# a comment at column 0\n');
    const document = parseWithYaml(uri, text);
    assert.deepStrictEqual(document.findings, []);
    const { incremental, full } = edit(document, replaceIn(text, 'audits\n#', '\n#'));
    assert.strictEqual(incremental, undefined);
    assert.deepStrictEqual(full.findings, []);
  });

  it('composes consecutive changes into one (several keystrokes between two analyses)', () => {
    const random = createRandom(42);
    const int = (max: number) => Math.floor(random() * (max + 1));
    const randomChange = (text: string): TextChange => {
      const offset = int(text.length);
      return { offset, deleteCount: Math.min(int(5), text.length - offset), insertText: 'xyz\n'.slice(0, int(4)) };
    };
    for (let i = 0; i < 500; i++) {
      const text0 = plan.slice(0, 40 + int(40));
      const first = randomChange(text0);
      const text1 = apply(text0, first);
      const second = randomChange(text1);
      const text2 = apply(text1, second);
      assert.strictEqual(apply(text0, composeChanges(first, second, text2)), text2, JSON.stringify({ text0, first, second }));
    }
    // Typing a word in a measure name, one keystroke at a time, then one re-parse.
    let change: TextChange | undefined;
    let text = plan;
    const at = plan.indexOf('AD/CVD-related audits') + 'AD/CVD-related'.length;
    for (const [i, character] of [...' AD/CVD'].entries()) {
      const keystroke = { offset: at + i, deleteCount: 0, insertText: character };
      text = apply(text, keystroke);
      change = change ? composeChanges(change, keystroke, text) : keystroke;
    }
    assert.deepStrictEqual(change, { offset: at, deleteCount: 0, insertText: ' AD/CVD' });
    assert.ok(edit(base, change).incremental);
  });

  it('rejects a change that does not match the texts', () => {
    const change = replaceIn(plan, '120', '125');
    assert.strictEqual(reparseIncrementally(base, plan, change), undefined);
    assert.strictEqual(reparseIncrementally(base, apply(plan, change), { ...change, offset: plan.length + 5 }), undefined);
  });
});

// ---------------------------------------------------------------------------------------------------
// Fuzz.

/** mulberry32: deterministic, seeded. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A plan with `count` measures written like the AD/CVD sample's, with targets, comments and block scalars. */
function generateMeasuresPlan(count: number, seed = 7): string {
  const random = createRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const things = ['audits', 'nonaudit services', 'surveys conducted', 'importers removed from a targeting rule', 'seizures', 'entries reviewed'];
  const lines = [
    '# Generated for the incremental-parse tests: measures written like the AD/CVD sample.',
    'kind: plan',
    'version: 1',
    'id: generated-annual',
    'title: Generated annual plan',
    'agency: U.S. Customs and Border Protection',
    'issue_area: adcvd',
    'type: annual',
    'status: final',
    'period:',
    '  start: 2017',
    '  end: 2019',
    'goals:',
  ];
  let goal = 0;
  for (let index = 0; index < count; index++) {
    if (index % 100 === 0) {
      goal++;
      lines.push(`  - id: goal-${goal}`, `    title: Enforce requirements, part ${goal}`, '    measures:');
    }
    const thing = pick(things);
    if (random() < 0.1) {
      lines.push(`      # Measure ${index + 1}: from the annual performance report.`);
    }
    lines.push(`      - id: measure-${index + 1}`);
    lines.push(random() < 0.1 ? `        name: "Ratio: AD/CVD-related ${thing}"` : `        name: Number of AD/CVD-related ${thing}`);
    lines.push(`        unit: ${thing.split(' ')[0]}`);
    if (random() < 0.2) {
      lines.push('        definition: >-', `          Counts ${thing} that CBP completed in the fiscal year,`, '          as its offices report them.');
    }
    const roll = random();
    if (roll < 0.4) {
      lines.push('        targets:');
      for (let year = 2017; year <= 2019; year++) {
        lines.push(`          - fiscal_year: ${year}`, `            value: ${100 + Math.floor(random() * 900)}`);
      }
    } else if (roll < 0.8) {
      lines.push(`        targets: [{fiscal_year: 2017, value: ${Math.floor(random() * 500)}}]`);
    } else if (roll < 0.9) {
      lines.push("        target_not_applicable: 'New measure: no baseline yet'");
    }
  }
  return `${lines.join('\n')}\n`;
}

function yamlFiles(folder: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      files.push(...yamlFiles(file));
    } else if (entry.name.endsWith('.yaml')) {
      files.push(file);
    }
  }
  return files.sort();
}

const plainChars = 'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ0123456789  ';
const specialPieces = [':', ': ', '-', '- ', ' ', '\n', '\n  ', '\n      ', '\n        ', '\n      - ', '#', ' #', '"', "'", '&a ', '*a', '!!str ', '[', ']', '{', '}', ', ', '|', '>-', '\t', '%', '? ', '---', '\r\n', '~', 'null', 'true', '.5'];

interface FuzzEdit {
  readonly change: TextChange;
  /** Plain text typed or deleted inside one scalar: the edits an auditor makes most. */
  readonly inScalar: boolean;
}

/**
 * One random edit: 40% at an offset inside a scalar or key, 10% clearing or retyping a whole value,
 * 25% at a line start (before or after its indentation), 25% anywhere. Then an insertion, a deletion
 * or a replacement of 1–20 characters: plain text 70% of the time, else with YAML indicators, line
 * breaks, comments, quotes, anchors, tags, tabs and CRs mixed in.
 */
function randomEdit(document: ParsedDocument, random: () => number): FuzzEdit {
  const text = document.text;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const mode = random();
  const plain = random() < 0.7;
  const piece = () => {
    let s = '';
    const length = int(1, 20);
    while (s.length < length) {
      s += plain || random() < 0.5 ? plainChars[int(0, plainChars.length - 1)] : specialPieces[int(0, specialPieces.length - 1)];
    }
    return s;
  };
  const scalarSpans = () => {
    const spans: (readonly [number, number])[] = [];
    if (document.root) {
      walk(document.root, (node) => {
        if (node.kind === 'scalar' && spanOf(node)[1] > spanOf(node)[0]) {
          spans.push(spanOf(node));
        }
      });
    }
    return spans;
  };
  if (mode >= 0.4 && mode < 0.5) {
    const spans = scalarSpans();
    if (spans.length > 0) {
      const span = spans[int(0, spans.length - 1)];
      return { change: { offset: span[0], deleteCount: span[1] - span[0], insertText: random() < 0.5 ? '' : piece() }, inScalar: false };
    }
  }
  let offset: number;
  let scalarEnd = -1;
  if (mode < 0.4 && document.root) {
    const spans = [...scalarSpans(), ...collectKeys(document.root)];
    const span = spans[int(0, spans.length - 1)];
    offset = int(span[0], span[1]);
    scalarEnd = span[1];
  } else if (mode < 0.75) {
    const lineStarts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      lineStarts.push(i + 1);
    }
    offset = lineStarts[int(0, lineStarts.length - 1)];
    if (random() < 0.5) {
      while (text[offset] === ' ') {
        offset++;
      }
    }
  } else {
    offset = int(0, text.length);
  }
  const kind = random();
  const deleteCount = kind < 0.4 ? 0 : Math.min(int(1, 20), text.length - offset);
  const insertText = kind >= 0.4 && kind < 0.7 ? '' : piece();
  const inScalar = scalarEnd >= 0 && plain && offset + deleteCount <= scalarEnd;
  return { change: { offset, deleteCount, insertText }, inScalar };
}

function collectKeys(root: TreeNode): (readonly [number, number])[] {
  const keys: (readonly [number, number])[] = [];
  walk(root, (node) => {
    if (node.kind === 'map') {
      for (const pair of node.pairs) {
        keys.push(spanOf(pair.key));
      }
    }
  });
  return keys;
}

interface FuzzStats {
  /** Documents with YAML findings to start with: no fast path to test. */
  skipped: string[];
  edits: number;
  fast: number;
  /** Edits after which the file is still valid YAML (no findings): the ones the fast path could take. */
  valid: number;
  validFast: number;
  inScalar: number;
  inScalarFast: number;
}

/**
 * Applies `count` random edits in a chain (each edit to the last clean document, incremental results
 * included, so they are bases too) and checks each against a full parse.
 */
function fuzzDocument(name: string, text: string, count: number, random: () => number, stats: FuzzStats): void {
  // parseLines first, as analyzeText does: its trees carry what it knows (no repeated keys) into edits.
  const original = parseLines(`file:///${name}`, text) ?? parseWithYaml(`file:///${name}`, text);
  if (original.findings.length > 0) {
    stats.skipped.push(name);
    return;
  }
  let current = original;
  for (let step = 0; step < count; step++) {
    if (step % 25 === 0) {
      current = original;
    }
    const first = randomEdit(current, random);
    let change = first.change;
    let inScalar = first.inScalar;
    let next = apply(current.text, change);
    if (random() < 0.1) {
      // Two keystrokes before the next analysis: one composed change.
      const second: TextChange = { offset: Math.min(next.length, change.offset + change.insertText.length), deleteCount: 0, insertText: 'e' };
      next = apply(next, second);
      change = composeChanges(change, second, next);
      inScalar = false;
    }
    const full = parseWithYaml(current.uri, next);
    // The units the edit only moved carry their schema problems over from the last version's nodes.
    const movedItems = new Map<TreeNode, TreeNode>();
    const incremental = reparseIncrementally(current, next, change, undefined, movedItems);
    stats.edits++;
    stats.inScalar += inScalar ? 1 : 0;
    stats.valid += full.findings.length === 0 ? 1 : 0;
    stats.validFast += full.findings.length === 0 && incremental ? 1 : 0;
    if (incremental) {
      stats.fast++;
      stats.inScalarFast += inScalar ? 1 : 0;
      assertSameDocument(incremental, full, change, current.text);
      // The incremental document first, so its shared units are looked up in caches the last one filled.
      const incrementalFindings = findingsOf(incremental, movedItems);
      assert.deepStrictEqual(incrementalFindings, findingsOf(full), `findings after ${JSON.stringify(change)}`);
    }
    if (full.findings.length === 0) {
      current = incremental ?? full;
      if (!incremental) {
        findingsOf(full);
      }
    }
  }
}

/**
 * Deterministic by default. To explore further: `PLAN_AUDIT_FUZZ_SEED=<n>` picks another seed and
 * `PLAN_AUDIT_FUZZ_SCALE=<k>` multiplies the number of edits.
 */
const fuzzSeed = Number(process.env.PLAN_AUDIT_FUZZ_SEED ?? 20170228);
const fuzzScale = Number(process.env.PLAN_AUDIT_FUZZ_SCALE ?? 1);

describe('reparseIncrementally, fuzzed against full parses', function () {
  this.timeout(60_000 * fuzzScale);
  const random = createRandom(fuzzSeed);

  const report = (label: string, stats: FuzzStats) => {
    const percent = (a: number, b: number) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)}%`);
    // Reported, not asserted exactly: the rate documents how often typing stays on the fast path.
    console.log(
      `      ${label}: ${stats.edits} edits${stats.skipped.length ? ` (${stats.skipped.length} documents skipped: YAML findings)` : ''}, fast path ${stats.fast} (${percent(stats.fast, stats.edits)}); leaving valid YAML: ${stats.valid}, fast ${percent(stats.validFast, stats.valid)}; plain edits inside one scalar: ${stats.inScalar}, fast ${percent(stats.inScalarFast, stats.inScalar)}`,
    );
  };

  it('samples (gao-17-618): 150 random edits each', () => {
    const stats: FuzzStats = { skipped: [], edits: 0, fast: 0, valid: 0, validFast: 0, inScalar: 0, inScalarFast: 0 };
    for (const file of yamlFiles(path.join(root, 'samples/gao-17-618'))) {
      fuzzDocument(path.basename(file), fs.readFileSync(file, 'utf8'), 150 * fuzzScale, random, stats);
    }
    report('samples', stats);
    assert.deepStrictEqual(stats.skipped, []);
    assert.ok(stats.inScalarFast / stats.inScalar > 0.8, 'plain edits inside scalars mostly take the fast path');
  });

  it('rule fixtures: 40 random edits each', () => {
    const stats: FuzzStats = { skipped: [], edits: 0, fast: 0, valid: 0, validFast: 0, inScalar: 0, inScalarFast: 0 };
    for (const file of yamlFiles(path.join(root, 'test/fixtures/rules'))) {
      fuzzDocument(path.relative(root, file), fs.readFileSync(file, 'utf8'), 40 * fuzzScale, random, stats);
    }
    report('fixtures', stats);
    assert.ok(stats.fast > 0);
  });

  it('variants: CRLF line endings, directives, aliases, flush sequences, block scalars and flow items: 150 random edits each', () => {
    const stats: FuzzStats = { skipped: [], edits: 0, fast: 0, valid: 0, validFast: 0, inScalar: 0, inScalarFast: 0 };
    const sample = (name: string) => fs.readFileSync(path.join(root, 'samples/gao-17-618', name), 'utf8');
    const variants: Record<string, string> = {
      'crlf.plan.yaml': sample('adcvd-fy2017-annual.plan.yaml').replace(/\n/g, '\r\n'),
      'crlf.staffing.yaml': sample('trade-positions.staffing.yaml').replace(/\n/g, '\r\n').slice(0, 6000),
      'aliases.plan.yaml': plan.replace('owner: Director, AD/CVD Division', 'owner: &o Director\nagency: *o\nnote: see *this* & that'),
      'anchors.plan.yaml': styledPlan(8, 'anchors', 7),
      'anchored-goal.plan.yaml': `${generateMeasuresPlan(6, 9).replace('goals:\n  - id:', 'goals:\n  - &first\n    id:')}extra: *first\n`,
      'directive-1.1.plan.yaml': `%YAML 1.1\n---\n${plan.replace('unit: audits', 'unit: yes')}`,
      'directive.plan.yaml': `# header\n%YAML 1.2\n--- # the plan\n${generateMeasuresPlan(12, 5)}...\n`,
      'flush.plan.yaml': 'kind: plan\ngoals:\n- id: g1\n  measures:\n  - id: m1\n    name: One\n    targets:\n    - {fiscal_year: 2017, value: 1}\n  - id: m2\n    definition: |+\n      kept\n\n  - id: m3\n    name: Three\nowner: X',
      'generated-20.plan.yaml': generateMeasuresPlan(20, 3),
    };
    for (const [name, text] of Object.entries(variants)) {
      fuzzDocument(name, text, 150 * fuzzScale, random, stats);
    }
    report('variants', stats);
    assert.deepStrictEqual(stats.skipped, []);
    assert.ok(stats.fast > 0);
  });

  it('typing sessions: keystrokes, Enter with indentation and Backspace at random places, 400 per document', () => {
    const stats: FuzzStats = { skipped: [], edits: 0, fast: 0, valid: 0, validFast: 0, inScalar: 0, inScalarFast: 0 };
    const documents = [
      fs.readFileSync(path.join(root, 'samples/gao-17-618/adcvd-fy2017-annual.plan.yaml'), 'utf8'),
      fs.readFileSync(path.join(root, 'samples/gao-17-618/trade-positions.staffing.yaml'), 'utf8').slice(0, 5500),
      generateMeasuresPlan(15, 11),
    ];
    const keys = 'abcdefghijklmnopqrstuvwxyz0123456789    ';
    const rareKeys = ':-#"\'[]{},.';
    for (const text of documents) {
      const original = parseWithYaml(uri, text);
      assert.deepStrictEqual(original.findings, []);
      let current = original;
      let lastValid = original;
      let invalidFor = 0;
      let cursor = 0;
      for (let keystroke = 0; keystroke < 400 * fuzzScale; keystroke++) {
        if (invalidFor > 5) {
          // The auditor undoes the broken part.
          current = lastValid;
          invalidFor = 0;
          cursor = 0;
        }
        if (keystroke % 100 === 0) {
          // A new session on the original text, so one odd state (say, an empty key) does not last.
          current = lastValid = original;
          cursor = 0;
        }
        if (keystroke % 20 === 0 || cursor === 0) {
          // Move the cursor: to the end of a random line, or into a random scalar.
          const lineEnds = [...current.text.matchAll(/\n/g)].map((match) => match.index);
          cursor = lineEnds[Math.floor(random() * lineEnds.length)] ?? 0;
        }
        const roll = random();
        let change: TextChange;
        if (roll < 0.1 && cursor > 0) {
          change = { offset: cursor - 1, deleteCount: 1, insertText: '' };
        } else if (roll < 0.17) {
          const lineStart = current.text.lastIndexOf('\n', cursor - 1) + 1;
          const indent = /^ */.exec(current.text.slice(lineStart))![0];
          change = { offset: cursor, deleteCount: 0, insertText: `\n${indent}${random() < 0.3 ? '  ' : ''}` };
        } else {
          const from = random() < 0.05 ? rareKeys : keys;
          change = { offset: cursor, deleteCount: 0, insertText: from[Math.floor(random() * from.length)] };
        }
        const next = apply(current.text, change);
        const full = parseWithYaml(uri, next);
        const incremental = reparseIncrementally(current, next, change);
        stats.edits++;
        stats.valid += full.findings.length === 0 ? 1 : 0;
        if (incremental) {
          stats.fast++;
          stats.validFast++;
          assertSameDocument(incremental, full, change, current.text);
        }
        // Keep typing through syntax errors for a few keystrokes, as an auditor does.
        current = incremental ?? full;
        cursor = change.offset + change.insertText.length;
        if (full.findings.length === 0) {
          lastValid = current;
          invalidFor = 0;
        } else {
          invalidFor++;
        }
      }
    }
    report('typing', stats);
    assert.ok(stats.validFast / stats.valid > 0.5);
  });

  it('a generated 300-measure plan: 200 random edits', () => {
    const stats: FuzzStats = { skipped: [], edits: 0, fast: 0, valid: 0, validFast: 0, inScalar: 0, inScalarFast: 0 };
    const text = generateMeasuresPlan(300);
    const document = parseWithYaml(uri, text);
    assert.deepStrictEqual(document.findings, []);
    assert.strictEqual(getMapItems(getSeq(document.root as MapNode, 'goals')!.items[0] as MapNode, 'measures').length, 100);
    // Its own stream: adding a rule fixture (which the fixtures test walks first) must not change these edits.
    fuzzDocument('generated.plan.yaml', text, 200 * fuzzScale, createRandom(fuzzSeed), stats);
    report('generated 300 measures', stats);
    assert.ok(stats.inScalarFast / stats.inScalar > 0.8, 'plain edits inside scalars mostly take the fast path');
  });
});

describe('reparseIncrementally, whole items deleted (incrementalItems.ts)', function () {
  this.timeout(120_000);

  /** Block sequences of a tree with at least three items. */
  function sequencesOf(document: ParsedDocument): TreeNode[][] {
    const found: TreeNode[][] = [];
    if (document.root) {
      walk(document.root, (node) => {
        if (node.kind === 'seq' && !node.flow && node.items.length >= 3) {
          found.push([...node.items]);
        }
      });
    }
    return found;
  }

  const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;

  /**
   * Deletes items `a..b-1` of random sequences (from the line of one item to the line of another; now
   * and then a line more or less, which must decline or stay exact) and checks every incremental result,
   * tree and findings, against a full parse. Returns how many took the fast path.
   */
  function fuzzDeletions(text: string, count: number, random: () => number): number {
    const document = parseLines(uri, text) ?? parseWithYaml(uri, text);
    if (document.findings.length > 0) {
      return 0;
    }
    findingsOf(document);
    const sequences = sequencesOf(document);
    let fast = 0;
    for (let n = 0; n < count && sequences.length > 0; n++) {
      const items = sequences[Math.floor(random() * sequences.length)];
      const a = Math.floor(random() * items.length);
      const b = a + 1 + Math.floor(random() * (items.length - a));
      let offset = lineStart(text, items[a].start);
      let end = b < items.length ? lineStart(text, items[b].start) : items[items.length - 1].end;
      const roll = random();
      if (roll < 0.1) {
        offset = lineStart(text, Math.max(0, offset - 1));
      } else if (roll < 0.2) {
        end = Math.min(text.length, text.indexOf('\n', end) + 1 || text.length);
      }
      if (end <= offset) {
        continue;
      }
      const change: TextChange = { offset, deleteCount: end - offset, insertText: '' };
      const next = apply(text, change);
      const full = parseWithYaml(uri, next);
      const movedItems = new Map<TreeNode, TreeNode>();
      const incremental = reparseIncrementally(document, next, change, undefined, movedItems);
      if (incremental) {
        fast++;
        assertSameDocument(incremental, full, change, text);
        assert.deepStrictEqual(findingsOf(incremental, movedItems), findingsOf(full), `findings after ${JSON.stringify(change)}`);
      }
    }
    return fast;
  }

  it('samples and rule fixtures: 20 random deletions each', () => {
    const random = createRandom(fuzzSeed + 1);
    let fast = 0;
    for (const file of [...yamlFiles(path.join(root, 'samples/gao-17-618')), ...yamlFiles(path.join(root, 'test/fixtures/rules'))]) {
      fast += fuzzDeletions(fs.readFileSync(file, 'utf8'), 20 * fuzzScale, random);
    }
    console.log(`      samples and fixtures: ${fast} deletions on the fast path`);
    assert.ok(fast > 0);
  });

  it('generated plans in every style: 30 random deletions each, and the bench goal deletion without a re-parse', () => {
    const random = createRandom(fuzzSeed + 2);
    for (const style of planStyles) {
      const generated = generatePlan({ measures: 60, seed: 3, style });
      fuzzDeletions(generated.text, 30 * fuzzScale, random);
      const { offset, length } = generated.goalDeletion;
      const document = parseLines(uri, generated.text) ?? parseWithYaml(uri, generated.text);
      findingsOf(document);
      const change: TextChange = { offset, deleteCount: length, insertText: '' };
      const next = apply(generated.text, change);
      const full = parseWithYaml(uri, next);
      const movedItems = new Map<TreeNode, TreeNode>();
      const incremental = reparseIncrementally(document, next, change, undefined, movedItems);
      if (style !== 'anchors') {
        // Anchors: a document with aliases is left to a full parse.
        assert.ok(incremental, `${style}: the goal deletion takes the fast path`);
      }
      if (incremental) {
        assertSameDocument(incremental, full, change, generated.text);
        assert.deepStrictEqual(findingsOf(incremental, movedItems), findingsOf(full), `${style}: findings after the goal deletion`);
      }
    }
  });
});
