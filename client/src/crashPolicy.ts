/**
 * When the language client restarts a crashed server, and when it tells the user. Pure (no `vscode`):
 * the clock is injected, so the policy is unit-tested without waiting minutes.
 *
 * A server that crashes at start (say it runs out of memory indexing the workspace) would otherwise be
 * restarted forever, each restart re-reading the same files and crashing again. Like vscode-eslint, the
 * client gives up after `maxCrashes` crashes within `windowMs` and leaves the restart to the user.
 */

/** What to do about one crash. */
export type CrashDecision =
  /** Restart the server; `notify` is true for the first crash of a quiet period (tell the user once). */
  | { readonly action: 'restart'; readonly notify: boolean }
  /** Do not restart: too many crashes within the window (`crashes` of them). */
  | { readonly action: 'stop'; readonly crashes: number };

export interface CrashPolicyOptions {
  /** Crashes within `windowMs` at which the server is no longer restarted (default 5). */
  readonly maxCrashes?: number;
  /** The window, in milliseconds (default 3 minutes). */
  readonly windowMs?: number;
  /** The clock, in milliseconds (default `Date.now`). */
  readonly now?: () => number;
}

export const defaultMaxCrashes = 5;
export const defaultCrashWindowMs = 3 * 60 * 1000;

export class CrashPolicy {
  readonly maxCrashes: number;
  readonly windowMs: number;
  private readonly now: () => number;
  /** Times of the crashes still inside the window, oldest first. */
  private crashTimes: number[] = [];

  constructor(options: CrashPolicyOptions = {}) {
    this.maxCrashes = Math.max(1, options.maxCrashes ?? defaultMaxCrashes);
    this.windowMs = options.windowMs ?? defaultCrashWindowMs;
    this.now = options.now ?? Date.now;
  }

  /** Records a crash (the connection to the server closed while the client was running) and decides. */
  onCrash(): CrashDecision {
    const now = this.now();
    this.crashTimes = this.crashTimes.filter((time) => now - time < this.windowMs);
    this.crashTimes.push(now);
    if (this.crashTimes.length >= this.maxCrashes) {
      const crashes = this.crashTimes.length;
      // The user restarts by hand from here; that restart starts a fresh count.
      this.crashTimes = [];
      return { action: 'stop', crashes };
    }
    // Tell the user about the first crash only: later ones in the window are in the log, and the
    // last one (the stop) has a message of its own.
    return { action: 'restart', notify: this.crashTimes.length === 1 };
  }

  /** Forgets past crashes: the user restarted the server. */
  reset(): void {
    this.crashTimes = [];
  }

  /** The window in words, for messages: "3 minutes". */
  describeWindow(): string {
    const minutes = this.windowMs / 60_000;
    if (Number.isInteger(minutes)) {
      return `${minutes} minute${minutes === 1 ? '' : 's'}`;
    }
    const seconds = Math.round(this.windowMs / 1000);
    return `${seconds} second${seconds === 1 ? '' : 's'}`;
  }
}
