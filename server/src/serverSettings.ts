/**
 * The server's settings: `.plan-audit.yaml` in the first workspace folder under the editor's
 * `planAudit.*` settings, read once and kept until either changes (`invalidate`). Reading them logs
 * their problems, publishes the config file's findings (configDiagnostics.ts) and reads the disk
 * index's budget (`planAudit.maxIndexedMegabytes`).
 */
import type { Connection } from 'vscode-languageserver/node';
import type { AuditSettings } from './core/analyze';
import { defaultAuditSettings } from './core/analyze';
import type { ConfigDiagnostics } from './configDiagnostics';
import { indexBudgetBytes } from './indexBudget';
import { resolveSettings, type RawPlanAuditSettings } from './settings';
import { readConfigFile } from './workspaceFiles';

export class ServerSettings {
  private settingsPromise: Promise<AuditSettings> | undefined;
  /** The budget of the disk index (`planAudit.maxIndexedMegabytes`), read with the settings. */
  private indexBytes = indexBudgetBytes(undefined).bytes;

  constructor(
    private readonly connection: Connection,
    private readonly configDiagnostics: ConfigDiagnostics,
    /** The workspace folders (the first one holds `.plan-audit.yaml`) and whether the client answers `workspace/configuration`. */
    private readonly client: () => { readonly folders: readonly string[]; readonly hasConfigurationCapability: boolean },
  ) {}

  /** The settings, read on first use after each `invalidate`. */
  get(): Promise<AuditSettings> {
    this.settingsPromise ??= this.read();
    return this.settingsPromise;
  }

  /** The editor's settings or `.plan-audit.yaml` changed: the next `get` reads them again. */
  invalidate(): void {
    this.settingsPromise = undefined;
  }

  /** The disk index's budget in bytes, as of the last read. */
  get maxIndexedBytes(): number {
    return this.indexBytes;
  }

  private async read(): Promise<AuditSettings> {
    const { folders, hasConfigurationCapability } = this.client();
    const folder = folders[0];
    const fromFile = folder ? readConfigFile(folder, defaultAuditSettings) : { settings: defaultAuditSettings, problems: [] };
    let raw: RawPlanAuditSettings | null = null;
    if (hasConfigurationCapability) {
      raw = (await this.connection.workspace.getConfiguration('planAudit')) as RawPlanAuditSettings | null;
    }
    const { settings, problems } = resolveSettings(fromFile.settings, raw);
    const budget = indexBudgetBytes((raw as { maxIndexedMegabytes?: unknown } | null)?.maxIndexedMegabytes);
    this.indexBytes = budget.bytes;
    if (budget.problem) {
      problems.push(budget.problem);
    }
    for (const problem of [...fromFile.problems, ...problems]) {
      this.connection.console.warn(`Plan Audit: ${problem}`);
    }
    this.configDiagnostics.publish('document' in fromFile ? fromFile.document : undefined, settings);
    return settings;
  }
}
