/**
 * A hostile corpus, generated at run time (nothing big is committed), checked by the command line as a
 * child process (issue 13): alias bombs, a 50 MB file, deep block and flow nesting, NUL, invalid UTF-8,
 * UTF-16, merge-conflict markers, `__proto__` / `constructor` keys and ids, tags, multi-document
 * files, a symbolic-link loop and a FIFO. Every file must end in a finding or a clear message; the CLI
 * must not crash (exit 3) or hang (a timeout), and its peak memory (RSS, reported by the child itself at
 * exit) must stay under a generous bound. The peak is printed, for the record.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');

/** Generous: the CLI reads the 50 MB file whole before refusing it; everything else is small. */
const maxPeakRssMegabytes = 1024;

const planHead = `kind: plan
version: 1
id: hostile
title: Hostile plan
agency: A
owner: O
issue_area: x
type: annual
status: final
period: {start: 2017, end: 2017}
goals:
  - id: g1
    title: G
    measures:
      - id: m1
        name: Audits
        unit: audits
        data_source: Case system
        targets: [{fiscal_year: 2017, value: 4}]
`;

/** Corpus file name → its bytes (or a marker for what is not a regular file). */
function corpusFiles(): Map<string, Buffer | 'fifo' | { link: string }> {
  const files = new Map<string, Buffer | 'fifo' | { link: string }>();
  const text = (name: string, content: string) => files.set(name, Buffer.from(content, 'utf8'));

  // Alias bombs: nine aliases a level, nine levels (387 million nodes if expanded), in a plan and in flow.
  const levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let level = 1; level < 9; level++) {
    const previous = String.fromCharCode(96 + level);
    const name = String.fromCharCode(97 + level);
    levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
  }
  text('alias-bomb.plan.yaml', `${planHead}${levels.map((line) => `        # ${line}`).join('\n')}\n${levels.join('\n')}\n`);
  text('alias-bomb-in-value.plan.yaml', `${planHead.replace('title: Hostile plan', 'title: &t Hostile plan')}${levels.join('\n').replace(/^/gm, 'x')}\nnotes: [*t, *t]\n`);

  // 50 MB: past the 32 MiB limit; refused with one finding, not parsed.
  const measure = '      - {id: m, name: Measure, unit: audits, data_source: Case system, targets: [{fiscal_year: 2017, value: 4}]}\n';
  files.set('fifty-megabytes.plan.yaml', Buffer.from(planHead + measure.repeat(Math.ceil((50 * 1024 * 1024) / measure.length)), 'utf8'));

  // Deep nesting: block sequences on one line, block maps by indentation, flow sequences and maps.
  text('deep-block-sequences.plan.yaml', `${planHead}extra: ${'- '.repeat(20_000)}x\n`);
  text('deep-block-maps.plan.yaml', `${planHead}extra:\n${Array.from({ length: 1_500 }, (_, depth) => `${' '.repeat(2 * depth + 2)}k${depth}:`).join('\n')} x\n`);
  text('deep-flow-sequences.plan.yaml', `${planHead}extra: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
  text('deep-flow-maps.plan.yaml', `${planHead}extra: ${'{a: '.repeat(50_000)}1${'}'.repeat(50_000)}\n`);
  text('deep-unclosed-flow.plan.yaml', `${planHead}extra: ${'[{'.repeat(60_000)}\n`);

  // Bytes that are not text.
  text('nul.plan.yaml', planHead.replace('title: Hostile plan', 'title: Hostile\u0000plan'));
  files.set('invalid-utf8.plan.yaml', Buffer.concat([Buffer.from(planHead.replace('title: Hostile plan', 'title: Hostile '), 'utf8'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('\n', 'utf8')]));
  files.set('utf16le.plan.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(planHead, 'utf16le')]));
  files.set('utf16be.plan.yaml', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(planHead, 'utf16le').swap16()]));
  files.set('binary.plan.yaml', Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 73) % 256)));

  // What editors and tools leave behind.
  text('merge-conflict.plan.yaml', planHead.replace('owner: O\n', '<<<<<<< HEAD\nowner: O\n=======\nowner: P\n>>>>>>> branch\n'));
  text('multi-document.plan.yaml', `${planHead}---\n${planHead}---\nkind: portfolio\n`);
  text('empty.plan.yaml', '');

  // Keys and ids that are special to JavaScript objects.
  text(
    'proto.plan.yaml',
    planHead.replace('id: hostile', 'id: __proto__').replace('issue_area: x', 'issue_area: constructor').replace('      - id: m1\n', '      - id: constructor\n        __proto__: {polluted: true}\n        constructor: {prototype: {polluted: true}}\n') +
      '__proto__:\n  polluted: true\nhasOwnProperty: 1\n',
  );
  text('proto.portfolio.yaml', 'kind: portfolio\nversion: 1\nid: constructor\ntitle: P\nagency: A\nreview_date: 2017-02-28\nareas:\n  - id: __proto__\n    title: Proto\n  - id: constructor\n    title: Constructor\n  - id: toString\n    title: To string\n');

  // Tags, known and unknown.
  text('tags.plan.yaml', planHead.replace('title: Hostile plan', 'title: !!binary aGVsbG8=').replace('owner: O', 'owner: !custom O').replace('data_source: Case system', 'data_source: !!python/object:os.system rm'));

  // Not regular files.
  files.set('pipe.plan.yaml', 'fifo');
  files.set('loop-a.plan.yaml', { link: 'loop-b.plan.yaml' });
  files.set('loop-b.plan.yaml', { link: 'loop-a.plan.yaml' });
  files.set('self', { link: '.' });
  return files;
}

describe('hostile corpus through the command line', function () {
  this.timeout(180_000);
  let folder: string;
  before(function () {
    if (process.platform === 'win32') {
      this.skip(); // FIFOs and symbolic links as a user cannot make them there
    }
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-audit-hostile-'));
  });
  after(() => {
    if (folder) {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('ends every file in a finding or a message, without a crash or a hang, in bounded memory', () => {
    const corpus = corpusFiles();
    for (const [name, content] of corpus) {
      const file = path.join(folder, 'corpus', name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      if (content === 'fifo') {
        assert.strictEqual(spawnSync('mkfifo', [file]).status, 0, 'mkfifo');
      } else if (Buffer.isBuffer(content)) {
        fs.writeFileSync(file, content);
      } else {
        fs.symlinkSync(content.link, file);
      }
    }
    // The child reports its own peak RSS at exit (the same figure `/usr/bin/time -v` prints).
    const rssFile = path.join(folder, 'peak-rss');
    const preload = path.join(folder, 'report-peak-rss.js');
    fs.writeFileSync(preload, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);
    const started = Date.now();
    const result = spawnSync(
      process.execPath,
      ['--require', preload, '--require', require.resolve('tsx/cjs'), path.join(root, 'server/src/cli.ts'), 'check', 'corpus', '--format', 'json', '--review-date', '2017-02-28'],
      { cwd: folder, encoding: 'utf8', timeout: 150_000, maxBuffer: 256 * 1024 * 1024 },
    );
    const seconds = (Date.now() - started) / 1000;
    assert.strictEqual(result.error, undefined, `the CLI did not finish: ${String(result.error)}`);
    assert.strictEqual(result.signal, null, `the CLI was killed: ${result.signal}\n${result.stderr}`);
    assert.strictEqual(result.status, 1, `exit code ${result.status} (1: error findings; 3 would be a crash)\n${result.stderr}`);
    const report = JSON.parse(result.stdout) as { findings: { file: string; ruleId: string; message: string }[]; problems: string[] };
    const peakMegabytes = Number(fs.readFileSync(rssFile, 'utf8')) / 1024;
    console.log(`      hostile corpus: ${corpus.size} entries, ${seconds.toFixed(1)} s, peak RSS ${peakMegabytes.toFixed(0)} MB, ${report.findings.length} findings, ${report.problems.length} messages`);

    // PLAN_AUDIT_CORPUS_DEBUG=1 lists every finding and message, to see what each file got.
    if (process.env.PLAN_AUDIT_CORPUS_DEBUG) {
      for (const finding of report.findings) {
        console.log(`${finding.file} ${finding.ruleId} ${finding.message.slice(0, 140)}`);
      }
      console.log(report.problems.join("\n"));
    }
    const findingsOf = (name: string) => report.findings.filter((finding) => finding.file === path.join('corpus', name));
    const messagesOf = (name: string) => report.problems.filter((problem) => problem.startsWith(`${path.join('corpus', name)}:`));
    for (const name of corpus.keys()) {
      if (name === 'self') {
        continue; // a link to a folder, not a YAML file: not followed, nothing to say
      }
      assert.ok(findingsOf(name).length + messagesOf(name).length > 0, `${name}: no finding and no message`);
    }
    const ruleIdsOf = (name: string) => new Set(findingsOf(name).map((finding) => finding.ruleId));
    const expectRule = (name: string, ruleId: string) => assert.ok(ruleIdsOf(name).has(ruleId), `${name}: expected ${ruleId}, got ${[...ruleIdsOf(name)].join(', ')}`);
    expectRule('alias-bomb.plan.yaml', 'resource-limit');
    expectRule('alias-bomb-in-value.plan.yaml', 'resource-limit');
    expectRule('fifty-megabytes.plan.yaml', 'resource-limit');
    expectRule('deep-block-sequences.plan.yaml', 'resource-limit');
    expectRule('deep-block-maps.plan.yaml', 'resource-limit');
    expectRule('deep-flow-sequences.plan.yaml', 'resource-limit');
    expectRule('deep-flow-maps.plan.yaml', 'resource-limit');
    expectRule('merge-conflict.plan.yaml', 'yaml-syntax');
    expectRule('multi-document.plan.yaml', 'yaml-syntax');
    expectRule('tags.plan.yaml', 'yaml-syntax');
    expectRule('proto.plan.yaml', 'schema');
    for (const name of ['utf16le.plan.yaml', 'utf16be.plan.yaml']) {
      assert.ok(findingsOf(name).some((finding) => /UTF-16/.test(finding.message)), `${name}: a finding naming UTF-16`);
    }
    assert.ok(findingsOf('nul.plan.yaml').some((finding) => finding.message.startsWith('Control character U+0000 here')), 'nul.plan.yaml: the NUL is named');
    assert.ok(findingsOf('invalid-utf8.plan.yaml').some((finding) => finding.message.startsWith('Bytes here are not valid UTF-8')), 'invalid-utf8.plan.yaml: the bad bytes are named');
    for (const name of ['binary.plan.yaml', 'empty.plan.yaml']) {
      assert.ok(findingsOf(name).some((finding) => finding.ruleId === 'yaml-syntax' || finding.ruleId === 'schema'), `${name}: a yaml-syntax or schema finding, got ${[...ruleIdsOf(name)].join(', ')}`);
    }
    assert.deepStrictEqual(messagesOf('pipe.plan.yaml'), ['corpus/pipe.plan.yaml: not a regular file (a FIFO); skipped']);
    assert.match(messagesOf('loop-a.plan.yaml')[0] ?? '', /symbolic link/);
    // No object of the engine was polluted, and no message leaks a JavaScript error.
    assert.ok(!report.findings.some((finding) => /TypeError|RangeError|could not run rule|is not a function|Maximum call stack/.test(finding.message)), 'an internal error surfaced as a finding');
    assert.ok(peakMegabytes < maxPeakRssMegabytes, `peak RSS ${peakMegabytes.toFixed(0)} MB is over ${maxPeakRssMegabytes} MB`);
  });
});
