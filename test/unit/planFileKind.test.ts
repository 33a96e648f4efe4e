/**
 * Issue 13, defect 1 ("silent skip"): a file whose name makes it a plan-audit file is always checked.
 * A missing or mistyped `kind` is a schema error at the value with a did-you-mean; an empty file, a
 * single value and a list at the top each get a finding of their own; a file saved as UTF-16 or UTF-32
 * gets "save it as UTF-8" instead of garbage. A file that only looks like YAML of another kind, with no
 * plan-audit name, is still not checked.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main, runCheck } from '../../server/src/checkCommand';
import { analyzeText } from '../../server/src/core/analyze';
import { wideEncodingOfBytes, wideEncodingOfText } from '../../server/src/core/encoding';
import { applyFix } from '../../server/src/core/fixes';
import { analyzeFile } from '../../server/src/workspaceFiles';
import { createAnalysisCache } from '../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

const planBody = `version: 1
id: adcvd-fy2017-annual
title: AD/CVD annual plan, FY2017
agency: U.S. Customs and Border Protection
owner: Director, AD/CVD Division
issue_area: adcvd
type: annual
status: final
period: {start: 2017, end: 2017}
goals:
  - id: g1
    title: Enforce AD/CVD requirements
    measures:
      - id: m1
        name: AD/CVD-related audits conducted
        unit: audits
        data_source: Regulatory Audit case management system
`;

function schemaFindings(uri: string, text: string) {
  return analyzeText(uri, text, { cache }).baseFindings.filter((finding) => finding.ruleId === 'schema');
}

/** Runs the CLI's check on `files` (name → bytes or text) in a fresh folder. */
function check(files: Record<string, string | Buffer>) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-audit-kind-'));
  try {
    for (const [name, content] of Object.entries(files)) {
      fs.writeFileSync(path.join(folder, name), content);
    }
    const result = runCheck({ command: 'check', paths: ['.'], format: 'json', showSuppressed: false, reviewDate: '2017-02-28' }, folder);
    let out = '';
    const exitCode = main(['check', '.', '--review-date', '2017-02-28'], folder, (text) => (out += text), () => undefined);
    return { result, exitCode, out, byFile: (name: string) => result.findings.filter((finding) => finding.uri.endsWith(`/${name}`)) };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

describe('plan-audit files by name (issue 13, defect 1)', () => {
  it('checks a plan-named file whose `kind` is mistyped as a plan, with a did-you-mean and a fix at the value', () => {
    const text = `kind: plans\n${planBody}`;
    const document = analyzeText('file:///ws/adcvd.plan.yaml', text, { cache });
    assert.strictEqual(document.kind, 'plan');
    assert.ok(document.model, 'the plan model is built, so the rules run');
    const [finding, ...rest] = document.baseFindings.filter((f) => f.ruleId === 'schema');
    assert.deepStrictEqual(rest, []);
    assert.strictEqual(text.slice(finding.span[0], finding.span[1]), 'plans');
    assert.strictEqual(finding.severity, 'error');
    assert.strictEqual(finding.message, '`kind` `plans` is not a plan-audit kind — did you mean `plan`? The file name makes this a plan file, so it is checked as one.');
    const [fix] = finding.fixes ?? [];
    assert.strictEqual(fix.title, 'Change to `plan`');
    assert.strictEqual(fix.isPreferred, true);
    assert.deepStrictEqual(schemaFindings('file:///ws/adcvd.plan.yaml', applyFix(text, fix)), []);
  });

  it('suggests the nearest kind, and says which kind the name implies', () => {
    const [finding] = schemaFindings('file:///ws/cbp.staffing.yml', 'kind: portfolios\nversion: 1\n').filter((f) => /kind/.test(f.message) && !/missing/.test(f.message));
    assert.strictEqual(finding.message, '`kind` `portfolios` is not a plan-audit kind — did you mean `portfolio` (or `staffing`, as the file name says)? The file name makes this a staffing file, so it is checked as one.');
    assert.strictEqual(finding.fixes?.[0].isPreferred, undefined);
  });

  it('takes the kind from each plan-audit suffix when `kind` is missing, and reports the missing `kind`', () => {
    for (const [name, kind] of [
      ['a.plan.yaml', 'plan'],
      ['a.PLAN.YML', 'plan'],
      ['a.staffing.yaml', 'staffing'],
      ['a.portfolio.yml', 'portfolio'],
      ['a.recommendations.yaml', 'recommendations'],
    ]) {
      const document = analyzeText(`file:///ws/${name}`, 'version: 1\nid: x\n', { cache });
      assert.strictEqual(document.kind, kind, name);
      assert.ok(
        document.baseFindings.some((f) => f.ruleId === 'schema' && /missing required keys: `kind`/.test(f.message)),
        `${name}: ${document.baseFindings.map((f) => f.message).join('\n')}`,
      );
    }
  });

  it('lets a known `kind` decide over the name', () => {
    const document = analyzeText('file:///ws/a.plan.yaml', 'kind: portfolio\nversion: 1\nid: p\ntitle: P\nagency: A\nareas: []\n', { cache });
    assert.strictEqual(document.kind, 'portfolio');
  });

  it('gives an empty file, a single value and a list at the top a finding of their own at the start', () => {
    const cases: [string, string, string][] = [
      ['', '', 'This file is empty, so there is nothing to check. A plan file is a map of keys that starts with `kind: plan` and `version: 1` (see docs/plan-format.md).'],
      ['# only a comment\n', '', 'This file is empty'],
      ['---\n', '', 'This file is empty'],
      ['hello\n', 'hello', 'This file holds a single value, not a plan.'],
      ['"plan"\n', '"plan"', 'This file holds a single value, not a plan.'],
      ['- id: g1\n  title: G\n', '- id: g1', 'This file holds a list at the top, not a plan. A plan file is a map of keys that starts with `kind: plan` and `version: 1` (see docs/plan-format.md). A list of entries goes under `goals:`.'],
    ];
    for (const [text, underlined, message] of cases) {
      const findings = analyzeText('file:///ws/a.plan.yaml', text, { cache }).baseFindings;
      assert.strictEqual(findings.length, 1, JSON.stringify(text));
      const [finding] = findings;
      assert.strictEqual(finding.ruleId, 'schema');
      assert.strictEqual(finding.severity, 'error');
      assert.strictEqual(finding.span[0], 0, JSON.stringify(text));
      assert.strictEqual(text.slice(finding.span[0], finding.span[1]), underlined, JSON.stringify(text));
      assert.ok(finding.message.startsWith(message), finding.message);
    }
    assert.match(analyzeText('file:///ws/a.recommendations.yaml', '- a\n', { cache }).baseFindings[0].message, /goes under `items:`/);
  });

  it('leaves a YAML file with no plan-audit name and an unknown `kind` alone', () => {
    for (const text of ['kind: foo\nversion: 1\n', 'kind: plans\nversion: 1\n', '', '- a\n']) {
      const document = analyzeText('file:///ws/other.yaml', text, { cache });
      assert.strictEqual(document.kind, undefined);
      assert.deepStrictEqual(document.baseFindings, []);
    }
    const { result } = check({ 'other.yaml': 'kind: foo\nversion: 1\n', 'ci.yml': 'jobs: []\n' });
    assert.strictEqual(result.documents.length, 0);
  });

  it('the command line reports them and exits 1, instead of exit 0 with nothing checked', () => {
    const { result, exitCode, out, byFile } = check({
      'mistyped.plan.yaml': `kind: plans\n${planBody}`,
      'empty.plan.yaml': '',
      'list.staffing.yaml': '- id: p1\n',
      'scalar.portfolio.yaml': 'portfolio\n',
    });
    assert.strictEqual(result.documents.length, 4);
    assert.strictEqual(exitCode, 1);
    assert.deepStrictEqual(byFile('mistyped.plan.yaml').filter((f) => f.ruleId === 'schema').map((f) => f.message.slice(0, 33)), ['`kind` `plans` is not a plan-audi']);
    assert.ok(byFile('mistyped.plan.yaml').some((f) => f.ruleId === 'measure-without-target'), 'the rules run on the mistyped plan');
    assert.match(byFile('empty.plan.yaml')[0].message, /^This file is empty/);
    assert.match(byFile('list.staffing.yaml')[0].message, /^This file holds a list at the top, not a staffing\b.*under `positions:`/);
    assert.match(byFile('scalar.portfolio.yaml')[0].message, /^This file holds a single value, not a portfolio/);
    assert.match(out, /mistyped\.plan\.yaml:1:7 error schema `kind` `plans` is not a plan-audit kind/);
  });
});

describe('files saved as UTF-16 or UTF-32 (issue 13, defect 1)', () => {
  const yaml = `kind: plan\n${planBody}`;
  const utf16le = Buffer.from(yaml, 'utf16le');
  const utf16be = Buffer.from(utf16le).swap16();
  const utf32 = (littleEndian: boolean) => {
    const buffer = Buffer.alloc(yaml.length * 4);
    [...yaml].forEach((char, index) => (littleEndian ? buffer.writeUInt32LE(char.codePointAt(0)!, index * 4) : buffer.writeUInt32BE(char.codePointAt(0)!, index * 4)));
    return buffer;
  };
  const withBom = (bom: number[], body: Buffer) => Buffer.concat([Buffer.from(bom), body]);

  it('tells the encoding from a byte order mark or from the NUL pattern', () => {
    assert.strictEqual(wideEncodingOfBytes(withBom([0xff, 0xfe], utf16le)), 'UTF-16LE');
    assert.strictEqual(wideEncodingOfBytes(utf16le), 'UTF-16LE');
    assert.strictEqual(wideEncodingOfBytes(withBom([0xfe, 0xff], utf16be)), 'UTF-16BE');
    assert.strictEqual(wideEncodingOfBytes(utf16be), 'UTF-16BE');
    assert.strictEqual(wideEncodingOfBytes(withBom([0xff, 0xfe, 0, 0], utf32(true))), 'UTF-32LE');
    assert.strictEqual(wideEncodingOfBytes(utf32(true)), 'UTF-32LE');
    assert.strictEqual(wideEncodingOfBytes(withBom([0, 0, 0xfe, 0xff], utf32(false))), 'UTF-32BE');
    assert.strictEqual(wideEncodingOfBytes(Buffer.from(yaml)), undefined);
    assert.strictEqual(wideEncodingOfBytes(Buffer.from(`\ufeff${yaml}`)), undefined, 'UTF-8 with a BOM is UTF-8');
    assert.strictEqual(wideEncodingOfText(`${yaml}title: a\0b\n`), undefined, 'one NUL is not a wide encoding');
  });

  it('the command line gives each one finding, "save it as UTF-8", and exits 1', () => {
    const { result, exitCode, byFile } = check({
      'le.plan.yaml': withBom([0xff, 0xfe], utf16le),
      'le-no-bom.plan.yaml': utf16le,
      'be.plan.yaml': withBom([0xfe, 0xff], utf16be),
      'le32.plan.yaml': withBom([0xff, 0xfe, 0, 0], utf32(true)),
      // No plan-audit name: the `kind: plan` line is read from the decoded text.
      'declared.yaml': withBom([0xff, 0xfe], utf16le),
    });
    assert.strictEqual(result.documents.length, 5);
    assert.strictEqual(exitCode, 1);
    for (const [name, encoding] of [
      ['le.plan.yaml', 'UTF-16 (little-endian)'],
      ['le-no-bom.plan.yaml', 'UTF-16 (little-endian)'],
      ['be.plan.yaml', 'UTF-16 (big-endian)'],
      ['le32.plan.yaml', 'UTF-32 (little-endian)'],
      ['declared.yaml', 'UTF-16 (little-endian)'],
    ]) {
      const findings = byFile(name);
      assert.deepStrictEqual(
        findings.map((f) => [f.ruleId, f.severity, f.span]),
        [['yaml-syntax', 'error', [0, 0]]],
        name,
      );
      assert.ok(findings[0].message.startsWith(`This file is saved as ${encoding}, so it cannot be read as a plan: save it as UTF-8.`), findings[0].message);
    }
  });

  it('the workspace reader (the server’s disk index) does the same', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-audit-utf16-'));
    try {
      const file = path.join(folder, 'a.plan.yaml');
      fs.writeFileSync(file, withBom([0xff, 0xfe], utf16le));
      const document = analyzeFile(file, { fiscalYearStartMonth: 10, cache });
      assert.deepStrictEqual(document?.baseFindings.map((f) => f.message.slice(0, 47)), ['This file is saved as UTF-16 (little-endian), s']);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('text that arrives with the NUL pattern (an editor that decoded UTF-16 as UTF-8) gets the same finding', () => {
    const asUtf8 = withBom([0xff, 0xfe], utf16le).toString('utf8');
    const document = analyzeText('file:///ws/a.plan.yaml', asUtf8, { cache });
    assert.deepStrictEqual(document.baseFindings.map((f) => f.message.slice(0, 47)), ['This file is saved as UTF-16 (little-endian), s']);
    assert.strictEqual(document.model, undefined);
    assert.deepStrictEqual(analyzeText('file:///ws/a.plan.yaml', utf16be.toString('utf8'), { cache }).baseFindings.map((f) => f.message.slice(0, 44)), ['This file is saved as UTF-16 (big-endian), s']);
  });
});
