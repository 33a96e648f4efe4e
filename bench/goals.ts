/**
 * The goals of issue 12 (and the memory and workspace goals of issue 6), evaluated from a bench run's
 * samples: ratios of medians from the same run, lower bounds where the peer was stopped at the limit.
 */
import type { BenchResult, SizeResult, StyleResult } from './benchResult';
import { stats } from './floors';
import type { Timed } from './lspTiming';

export interface GoalRow {
  readonly goal: string;
  readonly target: string;
  readonly measured: string;
  /** `unknown`: only a lower bound below the target is known (the peer was stopped). */
  readonly met: 'yes' | 'no' | '–' | 'unknown';
}

/** The peer's samples with its fixed debounce taken off. */
export function peerMs(samples: readonly Timed[], debounceMs: number): number[] {
  return samples.map((sample) => Math.max(0, sample.ms - debounceMs));
}

type Ratio = { readonly value: number; readonly atLeast: boolean } | { readonly missing: string };

const count = (n: number) => n.toLocaleString('en-US');
const times = (value: number) => `${value.toFixed(value >= 10 ? 0 : 2)}×`;
const format = (ratio: Ratio) => ('missing' in ratio ? ratio.missing : `${ratio.atLeast ? '≥ ' : ''}${times(ratio.value)}`);

/** Peer median (debounce off) over ours; a lower bound when the peer timed out. */
export function peerOverOurs(
  peer: readonly Timed[] | undefined,
  peerFailure: string | undefined,
  ours: readonly Timed[],
  oursFailure: string | undefined,
  debounceMs: number,
  limitMs: number,
): Ratio {
  const oursStats = stats(ours.map((sample) => sample.ms));
  if (oursFailure || !oursStats) {
    return { missing: 'Plan Audit failed' };
  }
  if (!peer) {
    return { missing: 'peer not run' };
  }
  const peerSamples = peerMs(peer, debounceMs);
  if (peerFailure) {
    if (!/timed out/.test(peerFailure)) {
      return { missing: 'peer failed' };
    }
    // The runs the peer did not finish took at least the limit: the median is at least the lowest sample.
    return { value: Math.min(...peerSamples, limitMs - debounceMs) / oursStats.median, atLeast: true };
  }
  const peerStats = stats(peerSamples);
  return peerStats ? { value: peerStats.median / oursStats.median, atLeast: false } : { missing: 'no peer samples' };
}

export function ratioText(peer: readonly Timed[] | undefined, peerFailure: string | undefined, ours: readonly Timed[], oursFailure: string | undefined, debounceMs: number, limitMs: number): string {
  const ratio = peerOverOurs(peer, peerFailure, ours, oursFailure, debounceMs, limitMs);
  return 'missing' in ratio ? '–' : format(ratio);
}

/** A "peer / ours ≥ target" goal over several labelled ratios: met when every one is. */
function atLeastGoal(goal: string, target: number, ratios: readonly (readonly [string, Ratio])[], plainLabel?: string): GoalRow {
  const missing = ratios.find(([, ratio]) => 'missing' in ratio);
  if (ratios.length === 0 || missing) {
    const why = missing ? `${format(missing[1])}${ratios.length > 1 ? ` (${missing[0]})` : ''}` : 'not measured';
    return { goal, target: `≥ ${target}×`, measured: why, met: missing && format(missing[1]) === 'Plan Audit failed' ? 'no' : '–' };
  }
  const known = ratios as readonly (readonly [string, { value: number; atLeast: boolean }])[];
  const [worstLabel, worst] = known.reduce((low, entry) => (entry[1].value < low[1].value ? entry : low));
  const plain = plainLabel ? known.find(([label]) => label === plainLabel) : undefined;
  const measured = ratios.length > 1 ? `lowest ${format(worst)} (${worstLabel})${plain && plain[0] !== worstLabel ? `; ${plain[0]} ${format(plain[1])}` : ''}` : format(worst);
  const met = known.every(([, ratio]) => ratio.value >= target) ? 'yes' : known.some(([, ratio]) => !ratio.atLeast && ratio.value < target) ? 'no' : 'unknown';
  return { goal, target: `≥ ${target}×`, measured, met };
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
  const perStyle = (size: SizeResult, pick: (side: StyleResult['ours']) => Timed[]) =>
    size.styles.map((style) => [style.style, peerOverOurs(style.peer && pick(style.peer), style.peer?.failure, pick(style.ours), style.ours.failure, debounce, limit)] as const);

  for (const size of result.sizes) {
    rows.push(atLeastGoal(`open, ${count(size.measures)} measures, every style (peer / ours)`, 5, perStyle(size, (side) => side.open), 'plain'));
  }
  for (const size of result.sizes) {
    rows.push(atLeastGoal(`one-number edit, ${count(size.measures)} measures, every style (peer / ours)`, editTarget(size.measures), perStyle(size, (side) => side.edit), 'plain'));
  }
  for (const size of result.sizes) {
    const { typing } = size;
    const row = atLeastGoal(`typing, each key, ${count(size.measures)} measures (peer / ours, per-key medians)`, editTarget(size.measures), [
      ['typing', peerOverOurs(typing.peer?.samples, typing.peer?.failure, typing.ours.samples, typing.ours.failure, debounce, limit)],
    ]);
    // Key by key (the servers alternate per key): the lowest of the per-key ratios, shown beside.
    const pairs = typing.peer && typing.peer.samples.length === typing.ours.samples.length ? typing.ours.samples.map((sample, key) => peerMs([typing.peer!.samples[key]], debounce)[0] / sample.ms) : [];
    const slowest = stats(typing.ours.samples.map((sample) => sample.ms))?.max;
    const detail = [pairs.length ? `lowest key ${times(Math.min(...pairs))}` : '', slowest !== undefined ? `slowest key ours ${slowest.toFixed(slowest >= 10 ? 0 : 1)} ms` : ''].filter(Boolean).join(', ');
    rows.push(detail && row.met !== '–' ? { ...row, measured: `${row.measured} (${detail})` } : row);
  }
  for (const size of result.sizes) {
    const { deletion } = size;
    rows.push(
      atLeastGoal(`deleting a goal, ${count(size.measures)} measures (peer / ours)`, editTarget(size.measures), [
        ['deletion', peerOverOurs(deletion.peer?.deletion, deletion.peer?.failure, deletion.ours.deletion, deletion.ours.failure, debounce, limit)],
      ]),
    );
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
