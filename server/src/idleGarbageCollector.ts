/**
 * V8 collects an idle process's garbage only when the process next allocates, so the hundreds of
 * megabytes a large plan's analysis used would stay with the server after the plan closes. When the
 * server runs with `--expose-gc` (the extension starts it so), full collections run once the server has
 * been idle for a second after a large document closed: three of them a second apart, as V8's own
 * memory reducer does (each one returns more of the freed pages). Any document activity (opening,
 * typing, a diagnostics pull) postpones them, so a collection never delays what the user waits for;
 * closing many documents in a row costs one round.
 *
 * A full collection with no plan open also throws away most of the analysis's optimized code: V8's
 * optimized code holds the hidden classes (maps) and objects it was specialised for weakly, and when
 * they die with the closed plan's objects, the code is deoptimized and the type feedback it was built
 * from is cleared (`--trace-deopt`: "marking dependent code … reason: weak objects", then "wrong map"
 * and "insufficient type feedback" bailouts in the parser, the schema validators and the rules). The
 * next open then runs interpreted and re-optimizes on the way. Measured in-process (a 1,000-measure
 * plan analysed and audited, 7 runs each, on the shared 2-core machine): 27–52 ms without collections,
 * 59–519 ms (median 136) right after three `gc()` calls; one `gc()` was as slow (73–133 ms), and neither
 * `--retain-maps-for-n-gc=8`, `--no-flush-bytecode` nor keeping a small plan's analysis alive helped.
 * Over LSP (the bundled server, an open timed after the close of another 1,000-measure plan and a
 * pause): 87–188 ms, median 109, against 17–48 ms, median 44, without `--expose-gc` — but then RSS after
 * opening and closing 100 such plans is 1.44× the warm RSS instead of ≤ 1.2× (issue 6).
 *
 * So after its last collection the collector rehearses: it runs a sample analysis (the closed plan's
 * first 64 KiB, about 100 measures, see `rehearsalText`) several times, one run per event-loop turn, so
 * that V8 collects feedback and optimizes the code again while the server is idle (40 runs: about
 * 150 ms of CPU, done about 3.2 s after the close). Activity stops the rehearsal: the user's own
 * document then warms the code. Over LSP, opens timed 3.5 s after the close of another 1,000-measure
 * plan, two alternating rounds of 8 (min–max, median):
 *   - no rehearsal: 1,000 measures 47–103 ms (median 57, 59); 100 measures 6.9–20 ms (11, 13);
 *   - 20 runs:      1,000 measures 20–60 ms (38, 32);         100 measures 3.2–56 ms (5.5, 4.8);
 *   - 40 runs:      1,000 measures 23–39 ms (30, 32);         100 measures 3.2–13 ms (3.4, 4.6);
 * and at 10,000 measures (5 opens each) 404–2,329 ms (median 577) without, 267–322 ms (290) with 40.
 * RSS is unchanged: after opening and closing 100 plans of 1,000 measures, 0.98× the warm RSS; after
 * the 10-document edit session at 10,000 measures, 0.30× the single-document peak (bench/memory.ts).
 */

/** Documents smaller than this leave too little behind to be worth a full collection. */
export const largeDocumentLength = 256 * 1024;
const idleBeforeCollectionMs = 1000;
/** How many sample analyses run after the last collection (see the module comment). */
export const rehearsalRuns = 40;
/** The sample's length: about 100 measures of a plain plan (each run takes a few milliseconds). */
const rehearsalLength = 64 * 1024;

/**
 * The first lines of `text`, at most `rehearsalLength` characters, as a string of its own: a slice would
 * keep the whole closed document alive until the rehearsal.
 */
export function rehearsalText(text: string): string {
  const end = text.length <= rehearsalLength ? text.length : text.lastIndexOf('\n', rehearsalLength) + 1;
  return Buffer.from(text.slice(0, end), 'utf8').toString('utf8');
}

export class IdleGarbageCollector {
  /** The pending collection or rehearsal run and how many are left; activity restarts the countdown. */
  private timer: NodeJS.Timeout | undefined;
  private rounds = 0;
  private rehearsal: (() => void) | undefined;
  private rehearsalsLeft = 0;

  /**
   * `collect` is `globalThis.gc` when the server runs with `--expose-gc`; without it nothing is scheduled.
   * `runs` and `idleMs` are the rehearsal runs and the idle time before each collection (tests shorten it).
   */
  constructor(
    private readonly collect: (() => void) | undefined = (globalThis as { gc?: () => void }).gc,
    private readonly runs = rehearsalRuns,
    private readonly idleMs = idleBeforeCollectionMs,
  ) {}

  /**
   * Schedules `rounds` full collections, the first after the next idle second, then `rehearse` (if
   * given; the latest given wins) once per event-loop turn, `runs` times unless activity stops it.
   */
  collectWhenIdle(rounds = 3, rehearse?: () => void): void {
    if (!this.collect) {
      return;
    }
    this.rounds = Math.max(this.rounds, rounds);
    this.rehearsal = rehearse ?? this.rehearsal;
    this.rehearsalsLeft = 0;
    this.arm();
  }

  /** Called on document activity: a pending collection waits for the next idle second; a rehearsal stops. */
  postpone(): void {
    if (this.rehearsalsLeft > 0) {
      this.stopRehearsal();
    } else if (this.timer) {
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
      } else if (this.rehearsal) {
        this.rehearsalsLeft = this.runs;
        this.rehearse();
      }
    }, this.idleMs);
    this.timer.unref();
  }

  /** One sample analysis per event-loop turn, so a message that arrives meanwhile waits one run at most. */
  private rehearse(): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const run = this.rehearsal;
      this.rehearsalsLeft--;
      if (this.rehearsalsLeft <= 0) {
        this.stopRehearsal();
      } else {
        this.rehearse();
      }
      try {
        run?.();
      } catch {
        // Only a warm-up: the next open analyses its document anyway, and reports what fails there.
        // A sample that fails is not run again (unless a later close gives it anew).
        if (this.rehearsal === run) {
          if (this.rehearsalsLeft > 0) {
            this.stopRehearsal();
          } else {
            this.rehearsal = undefined;
          }
        }
      }
    }, 0);
    this.timer.unref();
  }

  private stopRehearsal(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.rehearsalsLeft = 0;
    // The sample text goes with the rehearsal.
    this.rehearsal = undefined;
  }
}
