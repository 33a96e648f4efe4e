/**
 * The Plan Audit language status item for plan files: the findings in the active file and the state of
 * the server, shown in the `{}` language status hover, never as a popup. Clicking it opens the summary;
 * when the server stopped, it restarts it; when the workspace index left files out (over
 * `planAudit.maxIndexedMegabytes`), it opens that setting.
 */
import type { Disposable, LanguageStatusItem } from 'vscode';
import { DiagnosticSeverity, languages as Languages, LanguageStatusSeverity, window as Window } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { State } from 'vscode-languageclient/node';
import { maxIndexedMegabytesSetting } from '../../server/src/indexBudget';
import { IndexStatusNotification, type IndexStatusParams } from '../../server/src/protocol';
import { CommandIds } from './commands';

/** The files the item shows for: the plan-audit suffixes (content-detected YAML files are not matched). */
export const planFileSelector = [{ language: 'yaml', pattern: '**/*.{plan,staffing,portfolio,recommendations}.{yaml,yml}' }];

/** The `source` of Plan Audit's diagnostics (`server/src/lsp/toDiagnostic.ts`). */
const diagnosticSource = 'plan-audit';

export class PlanAuditStatusItem implements Disposable {
  private readonly item: LanguageStatusItem;
  private readonly disposables: Disposable[] = [];
  private clientDisposables: Disposable[] = [];
  private client: LanguageClient | undefined;
  /** What the server's workspace index left out, as it last said. */
  private indexStatus: IndexStatusParams | undefined;

  constructor() {
    this.item = Languages.createLanguageStatusItem('planAudit.status', planFileSelector);
    this.item.name = 'Plan Audit';
    this.item.command = showSummaryCommand;
    this.disposables.push(
      this.item,
      Window.onDidChangeActiveTextEditor(() => this.update()),
      Languages.onDidChangeDiagnostics((event) => {
        const active = Window.activeTextEditor?.document.uri.toString();
        if (active && event.uris.some((uri) => uri.toString() === active)) {
          this.update();
        }
      }),
    );
    this.update();
  }

  /** Follows a (new) language client's state. */
  attach(client: LanguageClient): void {
    disposeAll(this.clientDisposables);
    this.client = client;
    this.indexStatus = undefined;
    this.clientDisposables = [
      client.onDidChangeState(() => this.update()),
      client.onNotification(IndexStatusNotification.type, (status) => {
        this.indexStatus = status;
        this.update();
      }),
    ];
    this.update();
  }

  private update(): void {
    const state = this.client?.state;
    const running = state === State.Running;
    this.item.busy = state === State.Starting;
    const skipped = running && this.indexStatus && this.indexStatus.skippedFiles > 0 ? this.indexStatus : undefined;
    this.item.severity = !(running || state === State.Starting) ? LanguageStatusSeverity.Error : skipped ? LanguageStatusSeverity.Warning : LanguageStatusSeverity.Information;
    const document = Window.activeTextEditor?.document;
    const counts = { error: 0, warning: 0, other: 0 };
    if (document) {
      for (const diagnostic of Languages.getDiagnostics(document.uri)) {
        if (diagnostic.source !== diagnosticSource) {
          continue;
        }
        if (diagnostic.severity === DiagnosticSeverity.Error) {
          counts.error++;
        } else if (diagnostic.severity === DiagnosticSeverity.Warning) {
          counts.warning++;
        } else {
          counts.other++;
        }
      }
    }
    const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning'), plural(counts.other, 'note')].filter((part) => !part.startsWith('0 '));
    const icon = counts.error > 0 ? '$(error)' : counts.warning > 0 ? '$(warning)' : '$(pass)';
    this.item.text = running ? `${icon} Plan Audit: ${parts.length > 0 ? parts.join(', ') : 'no findings'}` : state === State.Starting ? 'Plan Audit: starting' : '$(error) Plan Audit: server stopped';
    this.item.detail = skipped
      ? `${plural(skipped.skippedFiles, 'plan file')} (${megabytes(skipped.skippedBytes)}) not indexed: over the ${megabytes(skipped.maxBytes)} index budget`
      : running
        ? 'Server running'
        : state === State.Starting
          ? 'Server starting'
          : 'Run “Plan Audit: Restart Server”';
    this.item.command = skipped
      ? { title: 'Raise Index Budget', command: 'workbench.action.openSettings', arguments: [maxIndexedMegabytesSetting], tooltip: `Open the setting ${maxIndexedMegabytesSetting}` }
      : running || state === State.Starting
        ? showSummaryCommand
        : { title: 'Restart Server', command: CommandIds.restartServer, tooltip: 'Plan Audit: Restart Server' };
    this.item.accessibilityInformation = { label: `${this.item.text.replace(/^\$\([\w-]+\) /, '')}. ${this.item.detail}.` };
  }

  dispose(): void {
    disposeAll(this.clientDisposables);
    disposeAll(this.disposables);
  }
}

function disposeAll(disposables: readonly Disposable[]): void {
  for (const disposable of disposables) {
    disposable.dispose();
  }
}

const showSummaryCommand = { title: 'Show Summary', command: CommandIds.showSummary, tooltip: 'Plan Audit: Show Summary' };

function plural(count: number, one: string): string {
  return `${count} ${one}${count === 1 ? '' : 's'}`;
}

function megabytes(bytes: number): string {
  const value = bytes / (1024 * 1024);
  return `${value >= 10 ? Math.round(value) : value.toFixed(1).replace(/\.0$/, '')} MB`;
}
