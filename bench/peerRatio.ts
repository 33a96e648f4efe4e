/**
 * Peer / ours for one operation, from a bench run's samples: a ratio of medians over the same runs, or a
 * lower bound where the peer failed (crashed or timed out) while Plan Audit answered. Computed twice: with
 * the peer's fixed debounce taken off (work against work) and as measured (as the user waits).
 */
import type { DeletionCase, StyleResult, TypingResult } from './benchResult';
import { stats } from './floors';
import type { Timed } from './lspTiming';

/** One operation compared between the servers. */
export interface Comparison {
  readonly ours: readonly Timed[];
  readonly oursFailure?: string;
  readonly peer?: {
    readonly samples: readonly Timed[];
    readonly failure?: string;
    /** The peer's case failed in this operation (not in another one of the same run, or later). */
    readonly failedHere: boolean;
    /** How long the failed attempt had run (recorded since the second run of the bench). */
    readonly failedAfterMs?: number;
  };
}

export type FailureKind = 'crashed' | 'timed out' | 'failed';

export type Ratio =
  | {
      readonly value: number;
      /** The peer failed in this operation: its median is at least the one computed. */
      readonly atLeast: boolean;
      /** How the peer's case ended early, when it did. */
      readonly failure?: FailureKind;
      /** The peer's runs counted (the failed one included). */
      readonly runs: number;
    }
  | { readonly missing: string };

/** The peer's samples with `debounceMs` taken off (0: as measured). */
export function peerMs(samples: readonly Timed[], debounceMs: number): number[] {
  return samples.map((sample) => Math.max(0, sample.ms - debounceMs));
}

export const failureKind = (failure: string): FailureKind => (/timed out/.test(failure) ? 'timed out' : /exited|signal/.test(failure) ? 'crashed' : 'failed');
/** A failure before any timed run: at the warm-up, or a case skipped because it timed out at a smaller size. */
const beforeTheRuns = (failure: string) => /^(skipped|warm-up):/.test(failure);

export function peerOverOurs(comparison: Comparison, debounceMs: number, limitMs: number): Ratio {
  const ours = comparison.ours.map((sample) => sample.ms);
  if (comparison.oursFailure || ours.length === 0) {
    return { missing: 'Plan Audit failed' };
  }
  const peer = comparison.peer;
  if (!peer) {
    return { missing: 'peer not run' };
  }
  const values = peerMs(peer.samples, debounceMs);
  const bounded = peer.failure !== undefined && (peer.failedHere || peer.samples.length === 0);
  if (bounded) {
    // The failed attempt never gave diagnostics: it counts as the time the peer had used until it failed
    // (the limit for a timeout; 0 for a crash whose time was not recorded). That is a lower bound of its
    // time for that run, and the median of the runs with it is a lower bound of theirs.
    const used = failureKind(peer.failure) === 'timed out' ? limitMs : (peer.failedAfterMs ?? 0);
    values.push(Math.max(0, used - debounceMs));
  }
  const peerStats = stats(values);
  if (!peerStats) {
    return { missing: 'no peer samples' };
  }
  // Ours over the same runs as the peer's: the servers take turns within each run, the peer first.
  const runs = bounded && beforeTheRuns(peer.failure) ? ours.length : values.length;
  const oursMedian = stats(ours.slice(0, runs))!.median;
  return { value: peerStats.median / oursMedian, atLeast: bounded, runs: values.length, ...(peer.failure ? { failure: failureKind(peer.failure) } : {}) };
}

export const times = (value: number) => `${value.toFixed(value >= 10 ? 0 : 2)}×`;

/** `8.05×`, `≥ 93×`, or `peer crashed` when the peer failed before giving any bound. */
export function formatRatio(ratio: Ratio): string {
  if ('missing' in ratio) {
    return ratio.missing;
  }
  if (ratio.atLeast && ratio.value === 0) {
    return `peer ${ratio.failure}`;
  }
  return `${ratio.atLeast ? '≥ ' : ''}${times(ratio.value)}`;
}

/** For a table cell: a dash when a server failed without a figure. */
export const ratioCell = (comparison: Comparison, debounceMs: number, limitMs: number) => {
  const ratio = peerOverOurs(comparison, debounceMs, limitMs);
  return 'missing' in ratio ? '–' : formatRatio(ratio);
};

/** The open or the one-number edit of one style. Each run opens, then edits: a failed edit leaves one open more. */
export function styleComparison(style: StyleResult, operation: 'open' | 'edit'): Comparison {
  const peer = style.peer;
  const failedHere = peer ? (operation === 'edit' ? peer.open.length > peer.edit.length : peer.open.length === peer.edit.length) : false;
  return {
    ours: style.ours[operation],
    oursFailure: style.ours.failure,
    peer: peer && { samples: peer[operation], failure: peer.failure, failedHere, failedAfterMs: peer.failedAfterMs },
  };
}

/** The typing burst: a failure is always at a key (or before the first). */
export function typingComparison(typing: TypingResult): Comparison {
  const peer = typing.peer;
  return {
    ours: typing.ours.samples,
    oursFailure: typing.ours.failure,
    peer: peer && { samples: peer.samples, failure: peer.failure, failedHere: true, failedAfterMs: peer.failedAfterMs },
  };
}

/** Deleting the goal or putting it back: each run deletes, then restores; a failed restore leaves one deletion more. */
export function deletionComparison(ours: DeletionCase, peer: DeletionCase | undefined, operation: 'deletion' | 'restore'): Comparison {
  const failedHere = peer ? (operation === 'restore' ? peer.deletion.length > peer.restore.length : peer.deletion.length === peer.restore.length) : false;
  return {
    ours: ours[operation],
    oursFailure: ours.failure,
    peer: peer && { samples: peer[operation], failure: peer.failure, failedHere, failedAfterMs: peer.failedAfterMs },
  };
}
