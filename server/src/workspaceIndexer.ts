/**
 * Indexing the workspace's plan-audit files on disk for the cross-file rules (workspaceState.ts holds
 * the index): all of them off the typing path after the server starts (and again when the index's
 * budget changes), then file by file as they change on disk or close in the editor. Tells the client
 * what the index holds, and the user once when files were left out (indexBudget.ts).
 */
import type { Connection } from 'vscode-languageserver/node';
import { MessageType, ShowMessageNotification } from 'vscode-languageserver/node';
import type { AuditSettings } from './core/analyze';
import { IndexBudget, indexBudgetMessage } from './indexBudget';
import { IndexStatusNotification } from './protocol';
import { collectYamlFiles } from './workspaceFiles';
import type { WorkspaceState } from './workspaceState';

export class WorkspaceIndexer {
  /**
   * Settles once the first index of the workspace is built. The first diagnostics of a document wait for
   * it so cross-file rules never report an area as uncovered because its plan was not read yet; after
   * that it is settled and nothing on the typing path waits on indexing.
   */
  initialIndex: Promise<void> = Promise.resolve();
  /** The accounting of the disk index; replaced, with the index, when the budget changes. */
  private budget: IndexBudget;
  /** Counts runs of `indexWorkspace`, so a run that a newer one replaced stops. */
  private runs = 0;
  /** False while `indexWorkspace` runs: the status of a half-built index is not reported. */
  private complete = false;
  /** The user is told once that files were left out (again only after the budget changes). */
  private budgetMessageShown = false;

  constructor(
    private readonly connection: Connection,
    private readonly workspace: WorkspaceState,
    private readonly settings: { get(): Promise<AuditSettings>; readonly maxIndexedBytes: number },
    private readonly folders: () => readonly string[],
    /** Called when a whole index is built: what it holds changed. */
    private readonly indexed: () => void,
  ) {
    this.budget = new IndexBudget(settings.maxIndexedBytes);
  }

  /** Indexes the workspace off the typing path. */
  start(): void {
    this.initialIndex = this.indexWorkspace().catch((error: unknown) => {
      this.connection.console.error(`Plan Audit: indexing the workspace failed: ${error instanceof Error ? error.stack : String(error)}`);
    });
  }

  /** The settings were read again: a new budget indexes the workspace afresh (files left out may fit now). */
  budgetMayHaveChanged(): void {
    if (this.settings.maxIndexedBytes !== this.budget.maxBytes) {
      // Tell the user again if some files still do not fit.
      this.budgetMessageShown = false;
      this.start();
    }
  }

  /** Reads one file into the index (or drops it when it is not a plan-audit file). */
  indexFile(file: string, settings: AuditSettings): void {
    const warning = this.workspace.indexFile(file, settings, this.budget);
    if (warning) {
      this.connection.console.warn(`Plan Audit: ${warning}`);
    }
  }

  /** A file was deleted from disk. */
  forgetFile(uri: string): void {
    this.workspace.forgetFile(uri, this.budget);
  }

  /** Tells the client what the index holds; the first time files are left out, tells the user too. */
  reportStatus(): void {
    if (!this.complete) {
      return;
    }
    const status = this.budget.status();
    void this.connection.sendNotification(IndexStatusNotification.type, status);
    const message = indexBudgetMessage(status);
    if (message && !this.budgetMessageShown) {
      this.budgetMessageShown = true;
      this.connection.console.warn(message);
      // A notification, not `showWarningMessage` (a request): there is no answer to wait for.
      void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
    }
  }

  private async indexWorkspace(): Promise<void> {
    const run = ++this.runs;
    this.complete = false;
    const { files, skipped } = collectYamlFiles(this.folders());
    for (const entry of skipped) {
      this.connection.console.warn(`Plan Audit: ${entry.path}: ${entry.reason}`);
    }
    const settings = await this.settings.get();
    this.workspace.clearDiskIndex();
    this.budget = new IndexBudget(this.settings.maxIndexedBytes);
    for (const file of files) {
      // Yield to pending requests between files; stop when a newer run replaced this one.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (run !== this.runs) {
        return;
      }
      this.indexFile(file, settings);
    }
    this.complete = true;
    this.indexed();
    this.reportStatus();
  }
}
