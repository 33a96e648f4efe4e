/**
 * The goals of issue 12 (and the memory and workspace goals of issue 6), evaluated from a bench run's
 * samples: ratios of medians over the same runs, lower bounds where the peer crashed or was stopped at the
 * limit (peerRatio.ts). Goals on the peer's time are judged twice: its debounce off, and as the user waits.
 */
import type { BenchResult, SizeResult, StyleResult } from './benchResult';
import { stats } from './floors';
import type { Timed } from './lspTiming';
import type { Comparison, Ratio } from './peerRatio';
import { deletionComparison, formatRatio, peerMs, peerOverOurs, styleComparison, times, typingComparison } from './peerRatio';

/** A goal's measured figure and whether it is met (`unknown`: only lower bounds below the target are known). */
export interface Verdict {
  readonly measured: string;
  readonly met: 'yes' | 'no' | '–' | 'unknown' | 'n/a';
}

export interface GoalRow extends Verdict {
  readonly goal: string;
  readonly target: string;
  /** Goals on the peer's time: the same with its debounce counted (as the user waits). */
  readonly waited?: Verdict;
}

const count = (n: number) => n.toLocaleString('en-US');

/** "peer / ours ≥ target" over several labelled ratios: met when every one is, lower bounds included. */
function atLeastVerdict(target: number, ratios: readonly (readonly [string, Ratio])[], plainLabel?: string): Verdict {
  const missing = ratios.find(([, ratio]) => 'missing' in ratio);
  if (ratios.length === 0 || missing) {
    const why = missing ? `${formatRatio(missing[1])}${ratios.length > 1 ? ` (${missing[0]})` : ''}` : 'not measured';
    return { measured: why, met: missing && formatRatio(missing[1]) === 'Plan Audit failed' ? 'no' : '–' };
  }
  const known = ratios as readonly (readonly [string, Exclude<Ratio, { missing: string }>])[];
  // The lowest figure that says something: a crash without a recorded time bounds nothing.
  const informative = known.filter(([, ratio]) => !ratio.atLeast || ratio.value > 0);
  const [worstLabel, worst] = (informative.length ? informative : known).reduce((low, entry) => (entry[1].value < low[1].value ? entry : low));
  const plain = plainLabel ? known.find(([label]) => label === plainLabel) : undefined;
  const head = ratios.length > 1 ? `lowest ${formatRatio(worst)} (${worstLabel})${plain && plain[0] !== worstLabel ? `; ${plain[0]} ${formatRatio(plain[1])}` : ''}` : formatRatio(worst);
  // Every case where the peer failed is named, with the figure it gives (a lower bound, or fewer runs).
  const failures = known
    .filter(([, ratio]) => ratio.failure)
    .map(([label, ratio]) => {
      const figure = ratio.atLeast && ratio.value === 0 ? 'no bound' : formatRatio(ratio);
      const how = ratio.atLeast ? `peer ${ratio.failure}` : `${ratio.runs} run${ratio.runs === 1 ? '' : 's'}, then the peer ${ratio.failure}`;
      return ratios.length > 1 ? `${label} ${figure} (${how})` : how;
    });
  const measured = failures.length ? `${head}; ${ratios.length > 1 ? 'peer failed: ' : ''}${failures.join(', ')}` : head;
  const met = known.every(([, ratio]) => ratio.value >= target) ? 'yes' : known.some(([, ratio]) => !ratio.atLeast && ratio.value < target) ? 'no' : 'unknown';
  return { measured, met };
}

/** A peer-time goal, with the debounce off (the row) and counted (`waited`). */
function peerGoal(goal: string, target: number, debounceMs: number, limitMs: number, comparisons: readonly (readonly [string, Comparison])[], plainLabel?: string, detail?: (debounceMs: number) => string): GoalRow {
  const verdict = (debounce: number): Verdict => {
    const found = atLeastVerdict(
      target,
      comparisons.map(([label, comparison]) => [label, peerOverOurs(comparison, debounce, limitMs)] as const),
      plainLabel,
    );
    const extra = detail?.(debounce);
    return extra && found.met !== '–' ? { ...found, measured: `${found.measured} (${extra})` } : found;
  };
  return { goal, target: `≥ ${target}×`, ...verdict(debounceMs), waited: verdict(0) };
}

/** A "value ≤ target" goal over several labelled values (undefined: that case failed). */
function atMostGoal(goal: string, target: number, values: readonly (readonly [string, number | undefined])[], plainLabel?: string): GoalRow {
  if (values.length === 0) {
    return { goal, target: `≤ ${target}×`, measured: 'not measured', met: '–' };
  }
  const failedCase = values.find(([, value]) => value === undefined);
  if (failedCase) {
    return { goal, target: `≤ ${target}×`, measured: `Plan Audit failed (${failedCase[0]})`, met: 'no' };
  }
  const known = values as readonly (readonly [string, number])[];
  const [worstLabel, worst] = known.reduce((high, entry) => (entry[1] > high[1] ? entry : high));
  const plain = plainLabel ? known.find(([label]) => label === plainLabel) : undefined;
  const measured = values.length > 1 ? `highest ${times(worst)} (${worstLabel})${plain && plain[0] !== worstLabel ? `; ${plain[0]} ${times(plain[1])}` : ''}` : times(worst);
  return { goal, target: `≤ ${target}×`, measured, met: worst <= target ? 'yes' : 'no' };
}

const medianMs = (samples: readonly Timed[]) => stats(samples.map((sample) => sample.ms))?.median;

/** A style's median over the plain style's, Plan Audit's server; undefined when the style failed. */
function overPlain(size: SizeResult, style: StyleResult, pick: (style: StyleResult) => Timed[]): number | undefined {
  const plain = size.styles.find((candidate) => candidate.style === 'plain')!;
  const here = medianMs(pick(style));
  const base = medianMs(pick(plain));
  return style.ours.failure || plain.ours.failure || here === undefined || base === undefined ? undefined : here / base;
}

export function goalRows(result: BenchResult): GoalRow[] {
  const debounce = result.peerDebounceMs;
  const limit = result.limitMs;
  const rows: GoalRow[] = [];
  const editTarget = (measures: number) => (measures >= 10_000 ? 50 : 10);
  const perStyle = (size: SizeResult, operation: 'open' | 'edit') => size.styles.map((style) => [style.style, styleComparison(style, operation)] as const);

  for (const size of result.sizes) {
    rows.push(peerGoal(`open, ${count(size.measures)} measures, every style (peer / ours)`, 5, debounce, limit, perStyle(size, 'open'), 'plain'));
  }
  for (const size of result.sizes) {
    rows.push(peerGoal(`one-number edit, ${count(size.measures)} measures, every style (peer / ours)`, editTarget(size.measures), debounce, limit, perStyle(size, 'edit'), 'plain'));
  }
  for (const size of result.sizes) {
    const { typing } = size;
    // Key by key (the servers alternate per key): the lowest of the per-key ratios, shown beside.
    const detail = (debounceMs: number) => {
      const pairs = typing.peer && typing.peer.samples.length === typing.ours.samples.length ? typing.ours.samples.map((sample, key) => peerMs([typing.peer!.samples[key]], debounceMs)[0] / sample.ms) : [];
      const slowest = stats(typing.ours.samples.map((sample) => sample.ms))?.max;
      return [pairs.length ? `lowest key ${times(Math.min(...pairs))}` : '', slowest !== undefined ? `slowest key ours ${slowest.toFixed(slowest >= 10 ? 0 : 1)} ms` : ''].filter(Boolean).join(', ');
    };
    rows.push(peerGoal(`typing, each key, ${count(size.measures)} measures (peer / ours, per-key medians)`, editTarget(size.measures), debounce, limit, [['typing', typingComparison(typing)]], undefined, detail));
  }
  for (const size of result.sizes) {
    const { deletion } = size;
    rows.push(peerGoal(`deleting a goal, ${count(size.measures)} measures (peer / ours)`, editTarget(size.measures), debounce, limit, [['deletion', deletionComparison(deletion.ours, deletion.peer, 'deletion')]]));
  }
  for (const [what, pick] of [
    ['open', (style: StyleResult) => style.ours.open],
    ['edit', (style: StyleResult) => style.ours.edit],
  ] as const) {
    for (const size of result.sizes) {
      const values = size.styles.filter((style) => style.style !== 'plain').map((style) => [style.style, overPlain(size, style, pick)] as const);
      rows.push(atMostGoal(`no style cliff over LSP, ${what}, ${count(size.measures)} measures (style / plain, Plan Audit)`, 1.5, values));
    }
  }
  const cli = result.cli;
  if (cli) {
    const plain = stats(cli.styles.find((style) => style.style === 'plain')?.samples ?? []);
    const values = cli.styles
      .filter((style) => style.style !== 'plain')
      .map((style) => [style.style, style.failure || !plain ? undefined : stats(style.samples)!.median / plain.median] as const);
    rows.push(atMostGoal(`no style cliff in the CLI, ${count(cli.measures)} measures (style / plain)`, 1.5, values));
  }
  // The floor goals are set at 10,000 measures; a quick run shows its largest size instead.
  const largest = result.sizes.find((size) => size.measures >= 10_000) ?? result.sizes.at(-1);
  if (largest) {
    const label = `${count(largest.measures)} measures`;
    const openOverFloor = largest.styles.map((style) => {
      const open = medianMs(style.ours.open);
      const floor = stats(style.jsYaml)?.min;
      return [style.style, style.ours.failure || open === undefined || floor === undefined ? undefined : open / floor] as const;
    });
    rows.push(atMostGoal(`open over LSP, ${label}, every style (ours median / js-yaml floor)`, 2.5, openOverFloor, 'plain'));
    const analysisOverFloor = largest.styles.map((style) => {
      const analysis = stats(style.analysis)?.min;
      const floor = stats(style.jsYaml)?.min;
      return [style.style, analysis === undefined || floor === undefined ? undefined : analysis / floor] as const;
    });
    rows.push(atMostGoal(`in-process analysis, ${label}, every style (min / js-yaml floor)`, 1.5, analysisOverFloor, 'plain'));
  }
  const session = result.editSessionMemory;
  if (session) {
    rows.push(
      atMostGoal(`memory after the edit session on ${session.documents} documents of ${count(session.measures)} measures (RSS after closing / single-document peak)`, 1.2, [
        ['memory', session.failure ? undefined : session.afterRss / session.singleDocumentPeak],
      ]),
    );
  }
  // Issue 6's goals that issue 12 does not restate.
  const tenThousand = result.sizes.find((size) => size.measures >= 10_000);
  const plainAtTenThousand = tenThousand?.styles.find((style) => style.style === 'plain');
  if (plainAtTenThousand?.peer) {
    const ours = stats(plainAtTenThousand.ours.peakRss)?.median;
    const peer = stats(plainAtTenThousand.peer.peakRss)?.median;
    rows.push(atMostGoal('(issue 6) peak RSS, 10,000 measures, plain (ours / peer)', 0.5, [['peak', ours !== undefined && peer !== undefined ? ours / peer : undefined]]));
  }
  if (result.openCloseMemory) {
    const memory = result.openCloseMemory;
    rows.push(atMostGoal(`(issue 6) RSS after opening and closing ${memory.documents} documents (after / warm)`, 1.2, [['memory', memory.afterRss / memory.warmRss]]));
  }
  if (result.workspace) {
    const summary = stats(result.workspace.summaryAll)!.median;
    const load = stats(result.workspace.jsYamlAll)!.median;
    rows.push(atMostGoal('(issue 6) workspace summary (ours / js-yaml load of all)', 2, [['workspace', summary / load]]));
  }
  return rows;
}
