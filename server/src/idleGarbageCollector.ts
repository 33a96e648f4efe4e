/**
 * V8 collects an idle process's garbage only when the process next allocates, so the hundreds of
 * megabytes a large plan's analysis used would stay with the server after the plan closes. When the
 * server runs with `--expose-gc` (the extension starts it so), full collections run once the server has
 * been idle for a second after a large document closed: three of them a second apart, as V8's own
 * memory reducer does (each one returns more of the freed pages). Any document activity (opening,
 * typing, a diagnostics pull) postpones them, so a collection never delays what the user waits for;
 * closing many documents in a row costs one round.
 */

/** Documents smaller than this leave too little behind to be worth a full collection. */
export const largeDocumentLength = 256 * 1024;
const idleBeforeCollectionMs = 1000;

export class IdleGarbageCollector {
  /** The pending collection and how many rounds are left; activity restarts the countdown. */
  private timer: NodeJS.Timeout | undefined;
  private rounds = 0;

  /** `collect` is `globalThis.gc` when the server runs with `--expose-gc`; without it nothing is scheduled. */
  constructor(private readonly collect: (() => void) | undefined = (globalThis as { gc?: () => void }).gc) {}

  /** Schedules `rounds` full collections, the first after the next idle second. */
  collectWhenIdle(rounds = 3): void {
    if (!this.collect) {
      return;
    }
    this.rounds = Math.max(this.rounds, rounds);
    this.arm();
  }

  /** Called on document activity: a pending collection waits for the next idle second. */
  postpone(): void {
    if (this.timer) {
      this.arm();
    }
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.collect?.();
      this.rounds--;
      if (this.rounds > 0) {
        this.arm();
      }
    }, idleBeforeCollectionMs);
    this.timer.unref();
  }
}
