/**
 * What one bench run measured: every sample, as taken. Written as JSON to bench/results/ and turned into
 * BENCHMARKS.md by report.ts, so the tables and the goals are computed from these and nothing else.
 * Times are milliseconds; the peer's are as measured (its 200 ms debounce included; report.ts takes it off).
 */
import type { PlanStyle } from './generatePlan';
import type { Timed } from './lspTiming';

/** One server's samples for one case; `failure` says why the case stopped early (its samples stay). */
export interface ServerCase {
  readonly samples: Timed[];
  failure?: string;
  /** How long the failed operation had run when it failed (a crash or a timeout; absent in older runs). */
  failedAfterMs?: number;
}

/** Open and one-number edit of one style at one size, on one server. */
export interface StyleServerResult {
  readonly open: Timed[];
  readonly edit: Timed[];
  /** Peak RSS while the plan was open and edited (`VmHWM` reset before the open), bytes, per run. */
  readonly peakRss: number[];
  failure?: string;
  /** How long the failed open or edit had run when it failed (absent in older runs). */
  failedAfterMs?: number;
}

export interface StyleResult {
  readonly style: PlanStyle;
  readonly bytes: number;
  readonly ours: StyleServerResult;
  readonly peer?: StyleServerResult;
  /** Warm `js-yaml` loads of the plan's text in the bench process (beside each run, then in-process). */
  readonly jsYaml: number[];
  /** `analyzeText` + audit of the same text in the bench process, warm. */
  readonly analysis: number[];
  /** Findings shown (not suppressed) by the in-process analysis: what the server must report. */
  analysisCount?: number;
  /** Why the in-process analysis was not run. */
  analysisSkipped?: string;
}

/** The typing burst: one sample per key, the servers alternating key by key. */
export interface TypingResult {
  readonly text: string;
  readonly ours: ServerCase;
  readonly peer?: ServerCase;
  /** Findings after the last key, by the in-process analysis. */
  expectedOurs?: number;
}

export interface DeletionCase {
  readonly deletion: Timed[];
  readonly restore: Timed[];
  failure?: string;
  /** How long the failed deletion or restore had run when it failed (absent in older runs). */
  failedAfterMs?: number;
}

/** Deleting a goal (one edit), then putting it back (one edit), alternately. */
export interface DeletionResult {
  readonly measuresRemoved: number;
  readonly ours: DeletionCase;
  readonly peer?: DeletionCase;
  /** Findings once the goal is gone, by the in-process analysis; the peer's are the planted errors left. */
  expectedOurs?: number;
  readonly expectedPeer: number;
}

export interface SizeResult {
  readonly measures: number;
  readonly styles: StyleResult[];
  readonly typing: TypingResult;
  readonly deletion: DeletionResult;
  /** Schema errors planted (what the peer must report) in the unedited plan. */
  readonly expectedPeer: number;
}

export interface CliResult {
  readonly measures: number;
  readonly styles: { readonly style: PlanStyle; readonly samples: number[]; failure?: string }[];
}

/** RSS of Plan Audit's server through the edit session on 10 documents. */
export interface EditSessionMemory {
  readonly documents: number;
  readonly measures: number;
  readonly documentBytes: number;
  /** Operations per document: opens, one-number edits, typed keys, goal deletions and restores. */
  readonly operationsPerDocument: number;
  coldRss: number;
  /** Peak while one document was open and edited the same way, before the session. */
  singleDocumentPeak: number;
  sessionPeak: number;
  /** Lowest RSS within `settleMs` after the last close. */
  afterRss: number;
  readonly settleMs: number;
  failure?: string;
}

/** Opening and closing many documents one after another (the check of issue 6). */
export interface OpenCloseMemory {
  readonly documents: number;
  readonly documentBytes: number;
  readonly coldRss: number;
  readonly warmRss: number;
  readonly peakRss: number;
  readonly afterRss: number;
  readonly settleMs: number;
}

export interface WorkspaceResult {
  readonly files: number;
  readonly totalBytes: number;
  readonly jsYamlAll: number[];
  readonly summaryAll: number[];
}

export interface BenchResult {
  readonly format: 'plan-audit-bench/1';
  readonly date: string;
  seconds: number;
  readonly quick: boolean;
  readonly runs: number;
  readonly keys: number;
  readonly limitMs: number;
  readonly peerDebounceMs: number;
  /** Plan Audit's samples record the number its `resource-limit` diagnostic names (`Timed.hidden`); absent in older runs. */
  readonly recordsHidden?: boolean;
  readonly machine: Record<string, string>;
  readonly sizes: SizeResult[];
  cli?: CliResult;
  editSessionMemory?: EditSessionMemory;
  openCloseMemory?: OpenCloseMemory;
  workspace?: WorkspaceResult;
}
