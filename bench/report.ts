/**
 * BENCHMARKS.md from a bench run's measurements (benchResult.ts): the method, every table and the goals,
 * all computed here from the samples; nothing in the output is typed by hand.
 */
import type { BenchResult, SizeResult, StyleResult } from './benchResult';
import { goalRows } from './goals';
import { deletionComparison, peerMs, ratioCell, styleComparison, typingComparison } from './peerRatio';
import { maxDiagnosticsPerDocument } from '../server/src/lsp/toDiagnostic';
import type { Stats } from './floors';
import { stats } from './floors';
import { styleDescriptions } from './generatePlan';
import type { Timed } from './lspTiming';
import { serverExecArgv } from '../client/src/serverRuntime';

export const formatMs = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : value >= 10 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`);
/** `median (min–max)`, or a dash. */
export const range = (s: Stats | undefined) => (s ? `${formatMs(s.median)} (${formatMs(s.min)}–${formatMs(s.max)})` : '–');
const mib = (bytes: number | undefined) => (bytes === undefined || Number.isNaN(bytes) ? '–' : `${(bytes / (1024 * 1024)).toFixed(0)} MiB`);
const fileSize = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(0)} KiB`);
export const count = (n: number) => n.toLocaleString('en-US');
const times = (value: number) => `${value.toFixed(value >= 10 ? 0 : 2)}×`;
const msOf = (samples: readonly Timed[]) => samples.map((sample) => sample.ms);
const distinct = (samples: readonly Timed[]) => [...new Set(samples.map((sample) => sample.count))].join(', ') || '–';
const failed = (failure: string | undefined) => (failure ? ` **failed: ${failure}**` : '');

function method(result: BenchResult): string[] {
  const debounce = result.peerDebounceMs;
  return [
    '## Method',
    '',
    "Plan Audit's bundled server (`dist/server.js`, started with the extension's Node.js flags) and yaml-language-server",
    `${result.machine['yaml-language-server']}, configured with the same JSON schema (\`schemas/plan.schema.json\` through \`yaml.schemas\`), run side by`,
    'side in one process of the bench on the same generated plans (bench/generatePlan.ts: seeded; about 20% of the measures',
    'without targets; three planted schema errors, which is what the peer must report). Every style holds the same data,',
    'so the same findings; only the way the YAML is written differs:',
    '',
    ...Object.entries(styleDescriptions).map(([style, description]) => `- **${style}**: ${description}.`),
    '',
    'At each size, both servers are started once and warmed up (they open and close every style at up to 1,000 measures,',
    'twice below 10,000 measures, then a plain plan of the size, all with another seed). Then:',
    '',
    `- **Open / edit (the style matrix).** Runs: ${result.runs}. Each run takes every style in turn, and for each style both servers,`,
    '  the peer then Plan Audit: open a fresh copy of the plan → its first diagnostics; the',
    '  one-number edit (a target value in the middle of the plan changed to another of the same length) → its diagnostics;',
    '  close. Peak RSS is the server\'s `VmHWM` from the open to the close (reset before the open).',
    `- **Typing.** On an open plain plan, ${result.keys} characters are typed one at a time at the end of a measure's name`,
    '  (an incremental change per key). The servers take turns key by key, and each key is timed to its diagnostics before',
    '  the next is typed. Cells give the per-key median (min–max) over all the keys.',
    '- **Deleting a goal.** On the same plan, one edit removes a whole goal (all its lines: its objectives and measures; the',
    `  table gives how many measures), timed to its diagnostics; one edit puts it back ("restore"). Runs: ${result.runs}, the servers taking turns.`,
    '',
    '**How each server is timed.** Plan Audit is asked with `textDocument/diagnostic` (pull, with the last result id, as VS',
    "Code asks) right after each notification; the time runs from sending the notification to the answer. yaml-language-server",
    'publishes diagnostics on its own (push); the time runs from sending the notification to its next',
    '`textDocument/publishDiagnostics` for the document, and nothing else is sent until it arrives, so that publish is the',
    `one for the new text (every key of the burst is validated, as every key is pulled from Plan Audit). The peer waits a fixed`,
    `${debounce} ms after every open or change before it validates (\`validationDelayMs\`, not a setting). It is counted two ways:`,
    `- **work** (the main figures, conservative): **every peer figure in the tables, and the goal columns "measured (work)" and`,
    `  "met (work)", have those ${debounce} ms taken off**, to compare work with work (this favours the peer: its users wait them too);`,
    `- **as waited**: the goal columns "measured (as waited)" and "met (as waited)" keep them in, as the user waits from the`,
    `  keystroke to the diagnostics (how BENCHMARKS.md before the bench of issue 12, and issue 12's own figures, counted).`,
    `  Only the goals on the peer's time (open, edit, typing, deleting a goal) have them; the others say n/a.`,
    '',
    `Both come from the same samples; nothing is measured twice. The raw samples, debounce included, are in the JSON the tables come from.`,
    '',
    '**Cells** are `peer / ours`, each `median (min–max)` over the runs (or the keys). **Ratios** are peer median / ours median',
    `over the same runs (the servers interleaved within each run). Before each timed operation the bench waits until neither server has used`,
    'CPU for 100 ms (at most 3 s), so the garbage collection one operation leaves does not land in the next one\'s time.',
    'Plan Audit collects garbage on its own once idle after a large plan (≥ 256 KiB) closes: three full collections in the',
    '3 s after the close, then sample analyses that re-optimize its code (server/src/idleGarbageCollector.ts). Its next',
    'operation is timed once they are done (3.5 s after',
    'the close, mostly spent while the peer is timed), so every open is timed as in an editor after a pause. A',
    `case that passes the limit of ${result.limitMs / 1000} s per operation is stopped, the server restarted without it, and it is not run at`,
    'larger sizes. **When the peer fails** (stopped so, or crashed: Node.js aborts, `SIGABRT`, when its heap runs out of memory) while Plan',
    'Audit answered, the failed attempt counts as the time the peer had used until it failed (the limit for a timeout, and for',
    'a case skipped after a timeout at a smaller size; the time recorded up to the crash, or 0 in runs before it was recorded),',
    'a lower bound of a time it never finished; the ratio over the runs up to and including the failed one, Plan Audit\'s',
    'from the same runs, is then a lower bound (`≥`), and "peer crashed" when it bounds nothing. An operation with runs measured',
    'before the peer failed in another one (an open before a crashed edit) has its ratio over those runs only. A goal is met when',
    'every style\'s figure, lower bounds included, reaches the target; not met when a measured one falls short; **unknown** when',
    'only lower bounds fall short. The goal rows name every style where the peer failed. **ours / plain** is a style\'s median over the',
    'plain style\'s median at the same size, Plan Audit only.',
    '',
    '**Floor.** A warm `js-yaml` load of the same text in the bench process (the fastest YAML loader in the dependency tree:',
    'plain objects, no positions, no checks). It is taken right before each run of each style and again in the in-process',
    'block; **the floor is the minimum of all these warm loads** (untimed loads first). **In-process analysis** is',
    "`analyzeText` + `auditDocument` of the same text in the bench process (what the server runs for an open, without",
    'LSP), alternated with the floor\'s loads after one untimed call; its figure is the minimum. **Open / floor** divides the',
    'median LSP open by the floor.',
    '',
    '**CLI.** `node dist/cli.js check <plan> --review-date …` on the largest plan of each style, timed from spawn to exit,',
    'output read and dropped, the styles alternating within each run; median (min–max).',
    '',
    `**Memory.** A fresh Plan Audit server opens one plan of the largest size alone, edits it (the one-number edit three times,`,
    'five typed keys, a goal deleted and put back) and closes it: its peak RSS is the **single-document peak**. Then it opens',
    '10 other plans of that size together, edits each the same way (round robin), and closes them all; **after** is the',
    `lowest RSS within 10 s of the last close. The server runs with \`${serverExecArgv.join(' ')}\`, as the extension starts it.`,
    '',
  ];
}

/** Which runs a failed peer case has figures from: its ratios use Plan Audit's samples from the same runs. */
function peerRuns(opens: number, edits: number, runs: number): string {
  if (opens === 0 && edits === 0) {
    return '';
  }
  const failedIn = opens > edits ? `the edit of run ${opens}` : `run ${opens + 1}`;
  return ` (in ${failedIn} of ${runs}; its figures are from the ${opens} open${opens === 1 ? '' : 's'} and ${edits} edit${edits === 1 ? '' : 's'} before, its ratios over Plan Audit's in the same runs, the failed one included as a lower bound)`;
}

function styleTable(size: SizeResult, debounce: number, limitMs: number, runs: number): string[] {
  const plain = size.styles.find((style) => style.style === 'plain')!;
  const lines = [
    `### ${count(size.measures)} measures`,
    '',
    '| style | file | diagnostics ours / peer | open: peer / ours | open peer/ours | edit: peer / ours | edit peer/ours | ours / plain: open, edit | peak RSS ours / peer |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const style of size.styles) {
    const ours = style.ours;
    const peer = style.peer;
    const cliff = (pick: (s: StyleResult) => Timed[]) => {
      const here = stats(msOf(pick(style)));
      const base = stats(msOf(pick(plain)));
      return here && base && !style.ours.failure ? times(here.median / base.median) : '–';
    };
    lines.push(
      `| ${style.style} | ${fileSize(style.bytes)} | ${distinct([...ours.open, ...ours.edit])} / ${peer ? distinct([...peer.open, ...peer.edit]) : '–'} | ` +
        `${peer ? range(stats(peerMs(peer.open, debounce))) : '–'} / ${range(stats(msOf(ours.open)))} | ${ratioCell(styleComparison(style, 'open'), debounce, limitMs)} | ` +
        `${peer ? range(stats(peerMs(peer.edit, debounce))) : '–'} / ${range(stats(msOf(ours.edit)))} | ${ratioCell(styleComparison(style, 'edit'), debounce, limitMs)} | ` +
        `${cliff((s) => s.ours.open)}, ${cliff((s) => s.ours.edit)} | ${mib(stats(ours.peakRss)?.median)} / ${peer ? mib(stats(peer.peakRss)?.median) : '–'} |`,
    );
  }
  const failures = size.styles.flatMap((style) => [
    style.ours.failure ? `- ${style.style}, Plan Audit:${failed(style.ours.failure)}` : '',
    style.peer?.failure ? `- ${style.style}, yaml-language-server:${failed(style.peer.failure)}${peerRuns(style.peer.open.length, style.peer.edit.length, runs)}` : '',
  ]);
  return [...lines, '', ...failures.filter(Boolean), ...(failures.some(Boolean) ? [''] : [])];
}

function editTables(result: BenchResult): string[] {
  const debounce = result.peerDebounceMs;
  const lines = [
    '## Typing and deleting a goal',
    '',
    `Typing: ${result.keys} keys, one sample per key. Deleting a goal: ${result.runs} deletions and as many restores.`,
    '',
    '| measures | typing, per key: peer / ours | ratio | ours, slowest key | diagnostics after the last key ours / peer | measures in the goal | delete a goal: peer / ours | ratio | restore it: peer / ours | ratio |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const size of result.sizes) {
    const typing = size.typing;
    const deletion = size.deletion;
    const slowest = stats(msOf(typing.ours.samples));
    lines.push(
      `| ${count(size.measures)} | ${typing.peer ? range(stats(peerMs(typing.peer.samples, debounce))) : '–'} / ${range(stats(msOf(typing.ours.samples)))} | ` +
        `${ratioCell(typingComparison(typing), debounce, result.limitMs)} | ${slowest ? formatMs(slowest.max) : '–'} | ` +
        `${typing.ours.samples.at(-1)?.count ?? '–'} / ${typing.peer?.samples.at(-1)?.count ?? '–'} | ${deletion.measuresRemoved} | ` +
        `${deletion.peer ? range(stats(peerMs(deletion.peer.deletion, debounce))) : '–'} / ${range(stats(msOf(deletion.ours.deletion)))} | ` +
        `${ratioCell(deletionComparison(deletion.ours, deletion.peer, 'deletion'), debounce, result.limitMs)} | ` +
        `${deletion.peer ? range(stats(peerMs(deletion.peer.restore, debounce))) : '–'} / ${range(stats(msOf(deletion.ours.restore)))} | ` +
        `${ratioCell(deletionComparison(deletion.ours, deletion.peer, 'restore'), debounce, result.limitMs)} |`,
    );
  }
  const failures = result.sizes.flatMap((size) =>
    [
      [size.typing.ours.failure, 'typing, Plan Audit'],
      [size.typing.peer?.failure, 'typing, yaml-language-server'],
      [size.deletion.ours.failure, 'deleting a goal, Plan Audit'],
      [size.deletion.peer?.failure, 'deleting a goal, yaml-language-server'],
    ]
      .filter(([failure]) => failure)
      .map(([failure, what]) => `- ${count(size.measures)} measures, ${what}:${failed(failure)}`),
  );
  return [...lines, '', ...failures, ...(failures.length ? [''] : [])];
}

function floorTable(result: BenchResult): string[] {
  const lines = [
    '## Against the floor',
    '',
    '| measures | style | `js-yaml` floor (min of n) | in-process analysis (min of n) | analysis / floor | LSP open, ours (median) | open / floor |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const size of result.sizes) {
    for (const style of size.styles) {
      const floor = stats(style.jsYaml);
      const analysis = stats(style.analysis);
      const open = stats(msOf(style.ours.open));
      lines.push(
        `| ${count(size.measures)} | ${style.style} | ${floor ? `${formatMs(floor.min)} (${floor.count})` : '–'} | ${analysis ? `${formatMs(analysis.min)} (${analysis.count})` : style.analysisSkipped ? 'skipped' : '–'} | ` +
          `${floor && analysis ? times(analysis.min / floor.min) : '–'} | ${open ? formatMs(open.median) : '–'} | ${floor && open && !style.ours.failure ? times(open.median / floor.min) : '–'} |`,
      );
    }
  }
  return [...lines, ''];
}

function cliTable(result: BenchResult): string[] {
  const cli = result.cli;
  if (!cli) {
    return [];
  }
  const plain = stats(cli.styles.find((style) => style.style === 'plain')?.samples ?? []);
  const lines = [`## Command line, ${count(cli.measures)} measures`, '', '| style | `plan-audit check`: median (min–max) | / plain |', '|---|---|---|'];
  for (const style of cli.styles) {
    const here = stats(style.samples);
    lines.push(`| ${style.style} | ${range(here)}${failed(style.failure)} | ${here && plain && !style.failure ? times(here.median / plain.median) : '–'} |`);
  }
  return [...lines, ''];
}

function memoryTables(result: BenchResult): string[] {
  const lines: string[] = [];
  const session = result.editSessionMemory;
  if (session) {
    lines.push(
      `## Memory: edit session on ${session.documents} documents`,
      '',
      `Plans of ${count(session.measures)} measures (${fileSize(session.documentBytes)} each), ${session.operationsPerDocument} operations per document.${failed(session.failure)}`,
      '',
      '| cold (after initialize) | single-document peak | session peak | after closing all | after / single-document peak |',
      '|---|---|---|---|---|',
      `| ${mib(session.coldRss)} | ${mib(session.singleDocumentPeak)} | ${mib(session.sessionPeak)} | ${mib(session.afterRss)} | ${session.failure ? '–' : times(session.afterRss / session.singleDocumentPeak)} |`,
      '',
    );
  }
  const openClose = result.openCloseMemory;
  if (openClose) {
    lines.push(
      `## Memory: open and close ${openClose.documents} documents`,
      '',
      `Plans of 1,000 measures (${fileSize(openClose.documentBytes)} each), opened, diagnosed and closed one after another. Warm: after the first closed.`,
      '',
      '| cold | warm | peak | after the last close | after / warm |',
      '|---|---|---|---|---|',
      `| ${mib(openClose.coldRss)} | ${mib(openClose.warmRss)} | ${mib(openClose.peakRss)} | ${mib(openClose.afterRss)} | ${times(openClose.afterRss / openClose.warmRss)} |`,
      '',
    );
  }
  const workspace = result.workspace;
  if (workspace) {
    lines.push(
      '## Workspace summary (in-process core)',
      '',
      `${count(workspace.files)} plan files of 100 measures (${fileSize(workspace.totalBytes)} in all): \`analyzeText\` on each and \`auditWorkspace\`, against a bare \`js-yaml\` load of every file; the two alternate.`,
      '',
      '| `js-yaml` load of all | analyse + audit all | ratio of medians |',
      '|---|---|---|',
      `| ${range(stats(workspace.jsYamlAll))} | ${range(stats(workspace.summaryAll))} | ${times(stats(workspace.summaryAll)!.median / stats(workspace.jsYamlAll)!.median)} |`,
      '',
    );
  }
  return lines;
}

/**
 * What Plan Audit's server must report for `findings` findings: at most `maxDiagnosticsPerDocument` of them,
 * plus one `resource-limit` diagnostic naming how many more there are.
 */
export const expectedDiagnostics = (findings: number) => Math.min(findings, maxDiagnosticsPerDocument) + (findings > maxDiagnosticsPerDocument ? 1 : 0);

/** Diagnostics counts that differ from what they must be: each could be a wrong finding or a wrong measurement. */
export function countChecks(result: BenchResult): string[] {
  const problems: string[] = [];
  const cap = maxDiagnosticsPerDocument;
  /** Plan Audit's samples whose count (or the hidden findings its "more" diagnostic names) is not what `findings` give. */
  const oursWrong = (samples: readonly Timed[], findings: number | undefined) =>
    findings === undefined
      ? []
      : samples.filter((sample) => {
          const hiddenWrong = findings > cap ? (sample.hidden ?? (result.recordsHidden ? -1 : findings - cap)) !== findings - cap : sample.hidden !== undefined;
          return sample.count !== expectedDiagnostics(findings) || hiddenWrong;
        });
  const expectation = (findings: number | undefined) =>
    findings === undefined ? '' : findings > cap ? `${expectedDiagnostics(findings)} (${findings} findings: the first ${count(cap)}, and one naming the ${count(findings - cap)} more)` : `${findings}`;
  const reported = (samples: readonly Timed[]) => distinct(samples) + (samples.some((sample) => sample.hidden !== undefined) ? ` (naming ${[...new Set(samples.map((sample) => sample.hidden ?? 'none'))].join(', ')} more)` : '');
  for (const size of result.sizes) {
    const where = `${count(size.measures)} measures`;
    const plainCount = size.styles.find((style) => style.style === 'plain')?.analysisCount;
    for (const style of size.styles) {
      const expected = style.analysisCount;
      if (expected !== undefined && plainCount !== undefined && expected !== plainCount) {
        problems.push(`${where}, ${style.style}: the in-process analysis finds ${expected}, the plain style ${plainCount} (same data)`);
      }
      const ours = oursWrong([...style.ours.open, ...style.ours.edit], expected);
      if (ours.length > 0) {
        problems.push(`${where}, ${style.style}: Plan Audit's server reported ${reported(ours)} where ${expectation(expected)} are expected (in-process analysis)`);
      }
      const peer = [...(style.peer?.open ?? []), ...(style.peer?.edit ?? [])].filter((sample) => sample.count !== size.expectedPeer);
      if (peer.length > 0) {
        problems.push(`${where}, ${style.style}: yaml-language-server reported ${distinct(peer)} where ${size.expectedPeer} schema errors are planted`);
      }
    }
    const { typing, deletion } = size;
    const checkOurs = (samples: readonly Timed[], findings: number | undefined, what: string) => {
      const wrong = oursWrong(samples, findings);
      if (wrong.length > 0) {
        problems.push(`${where}, ${what}: reported ${reported(wrong)} where ${expectation(findings)} are expected`);
      }
    };
    const checkPeer = (samples: readonly Timed[] | undefined, expected: number, what: string) => {
      const wrong = (samples ?? []).filter((sample) => sample.count !== expected);
      if (wrong.length > 0) {
        problems.push(`${where}, ${what}: reported ${distinct(wrong)} where ${expected} is expected`);
      }
    };
    checkOurs(typing.ours.samples.slice(-1), typing.expectedOurs, 'last typed key, Plan Audit');
    checkPeer(typing.peer?.samples, size.expectedPeer, 'typing, yaml-language-server');
    checkOurs(deletion.ours.deletion, deletion.expectedOurs, 'goal deleted, Plan Audit');
    checkOurs(deletion.ours.restore, typing.expectedOurs, 'goal restored, Plan Audit');
    checkPeer(deletion.peer?.deletion, deletion.expectedPeer, 'goal deleted, yaml-language-server');
    checkPeer(deletion.peer?.restore, size.expectedPeer, 'goal restored, yaml-language-server');
  }
  return problems;
}

/**
 * The goals, each judged on the peer's work (its debounce off) and, for the goals on its time, as the user
 * waits (debounce counted).
 */
export function goalTable(result: BenchResult): string[] {
  return [
    `| goal | target | measured (work: peer's ${result.peerDebounceMs} ms debounce off) | met (work) | measured (as waited: debounce included) | met (as waited) |`,
    '|---|---|---|---|---|---|',
    ...goalRows(result).map((row) => `| ${row.goal} | ${row.target} | ${row.measured} | ${row.met} | ${row.waited?.measured ?? 'n/a (no peer time)'} | ${row.waited?.met ?? 'n/a'} |`),
  ];
}

export function markdown(result: BenchResult, source: string): string {
  const lines: string[] = [
    '# Benchmarks',
    '',
    `Produced by \`npm run bench\` (bench/run.ts) from the measurements in \`${source}\`; do not edit by hand.`,
    `Run on ${result.date.slice(0, 10)} in ${Math.round(result.seconds / 60)} min${result.quick ? ' (**quick mode**: small sizes, few runs; not a measurement)' : ''}.`,
    '',
    ...method(result),
    '| machine / version | |',
    '|---|---|',
    ...Object.entries(result.machine).map(([key, value]) => `| ${key} | ${value} |`),
    '',
    '## Goals (issue 12)',
    '',
    ...goalTable(result),
    '',
    'Equality with `yaml` (tree and errors) is a goal of issue 12 too; it is checked by the differential fuzz in the tests,',
    'not timed here.',
    '',
  ];
  const problems = countChecks(result);
  const capNote = `Plan Audit's server sends at most ${count(maxDiagnosticsPerDocument)} diagnostics per document and one \`resource-limit\` diagnostic naming how many more findings there are (\`maxDiagnosticsPerDocument\`, server/src/lsp/toDiagnostic.ts); its expected count is that of the in-process analysis capped so${result.recordsHidden ? ', and the number its "more" diagnostic names is checked' : ' (this run did not record the number the "more" diagnostic names)'}.`;
  lines.push('## Checks', '', capNote, '', problems.length === 0 ? 'Every diagnostics count matched: each server reported what the in-process analysis (Plan Audit) or the planted errors (the peer) say, in every style, and every style gave the same findings as the plain one.' : 'Diagnostics counts that differ from what they must be:', '');
  lines.push(...problems.map((problem) => `- ${problem}`), ...(problems.length ? [''] : []));
  lines.push('## Open and one-number edit, every style', '');
  for (const size of result.sizes) {
    lines.push(...styleTable(size, result.peerDebounceMs, result.limitMs, result.runs));
  }
  lines.push(...editTables(result), ...floorTable(result), ...cliTable(result), ...memoryTables(result));
  return lines.join('\n');
}
