/**
 * The memory budget of the workspace index: how many bytes of plan files that are not open the server
 * analyses and keeps for the cross-file rules and the summary. Pure accounting (no `fs`): the server
 * asks before it reads a file, and says which files were left out.
 *
 * Why a budget: an indexed plan keeps its tree, model and text, about 9 bytes of memory per byte of YAML
 * (a 28 MB generated plan: 236 MB of heap). Ten 30 MB plans took the server past V8's ~4 GB heap limit;
 * it died of "JavaScript heap out of memory" and, restarted, died again. The default, 128 MB of plan
 * text, keeps the index near 1.2 GB. Open documents are analysed whatever the budget: the user sees
 * findings in every file they open.
 */

/** The setting that sets the budget, in megabytes of plan text (MB = 2^20 bytes). */
export const maxIndexedMegabytesSetting = 'planAudit.maxIndexedMegabytes';
export const defaultMaxIndexedMegabytes = 128;

const megabyte = 1024 * 1024;

/**
 * The budget in bytes from the raw setting: a number of megabytes, 0 or more (0: index no file that is
 * not open); anything else gives the default and a problem for the log.
 */
export function indexBudgetBytes(raw: unknown): { bytes: number; problem?: string } {
  if (raw === undefined || raw === null) {
    return { bytes: defaultMaxIndexedMegabytes * megabyte };
  }
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0) {
    return {
      bytes: defaultMaxIndexedMegabytes * megabyte,
      problem: `${maxIndexedMegabytesSetting} must be a number of megabytes, 0 or more; using ${defaultMaxIndexedMegabytes}.`,
    };
  }
  return { bytes: Math.floor(raw * megabyte) };
}

/** What the index holds and left out; sent to the client for its status item (`planAudit/indexStatus`). */
export interface IndexBudgetStatus {
  readonly indexedFiles: number;
  readonly indexedBytes: number;
  /** Plan-audit files not indexed because they did not fit. */
  readonly skippedFiles: number;
  readonly skippedBytes: number;
  readonly maxBytes: number;
}

export class IndexBudget {
  /** Sizes of the files in the index, by URI. */
  private readonly indexed = new Map<string, number>();
  /** Sizes of the plan-audit files left out, by URI. */
  private readonly skipped = new Map<string, number>();
  private used = 0;

  constructor(readonly maxBytes: number) {}

  /**
   * Asks to index (or re-index, at its new size) the plan-audit file `uri` of `bytes`. True when it
   * fits beside the files already indexed; otherwise it is recorded as skipped (and dropped from the
   * index if it was in it: it grew past what is left).
   */
  admit(uri: string, bytes: number): boolean {
    const previous = this.indexed.get(uri) ?? 0;
    const usedWithout = this.used - previous;
    this.indexed.delete(uri);
    this.used = usedWithout;
    if (usedWithout + bytes <= this.maxBytes) {
      this.indexed.set(uri, bytes);
      this.used += bytes;
      this.skipped.delete(uri);
      return true;
    }
    this.skipped.set(uri, bytes);
    return false;
  }

  /** True when the file `uri` of `bytes` would fit (replacing its previous size, if indexed). */
  fits(uri: string, bytes: number): boolean {
    return this.used - (this.indexed.get(uri) ?? 0) + bytes <= this.maxBytes;
  }

  /** `uri` is no longer a plan-audit file on disk (deleted, or no longer declares a kind). */
  forget(uri: string): void {
    this.used -= this.indexed.get(uri) ?? 0;
    this.indexed.delete(uri);
    this.skipped.delete(uri);
  }

  status(): IndexBudgetStatus {
    let skippedBytes = 0;
    for (const bytes of this.skipped.values()) {
      skippedBytes += bytes;
    }
    return { indexedFiles: this.indexed.size, indexedBytes: this.used, skippedFiles: this.skipped.size, skippedBytes, maxBytes: this.maxBytes };
  }
}

/** "56.1 MB", "740 KB", "12 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= megabyte) {
    return `${(bytes / megabyte).toFixed(1).replace(/\.0$/, '')} MB`;
  }
  if (bytes >= 1024) {
    return `${Math.round(bytes / 1024)} KB`;
  }
  return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}

/** The one message the user gets when files were left out, naming what and the setting to raise; else undefined. */
export function indexBudgetMessage(status: IndexBudgetStatus): string | undefined {
  if (status.skippedFiles === 0) {
    return undefined;
  }
  const total = status.indexedFiles + status.skippedFiles;
  const files = `${status.skippedFiles} of ${total} plan file${total === 1 ? '' : 's'}`;
  return (
    `Plan Audit did not index ${files} (${formatBytes(status.skippedBytes)}): the workspace index is limited to ` +
    `${formatBytes(status.maxBytes)} of plan text, so cross-file rules and the summary do not see those files ` +
    `unless they are open. Open files are always checked. To index them, raise the setting ${maxIndexedMegabytesSetting}.`
  );
}
