/**
 * "Plan Audit: Export Summary": asks for a format (Markdown, HTML, CSV) and a file, gets the summary from
 * the server and writes it with the shared formatters (`server/src/summaryFormats.ts`, also used by
 * the CLI). Only failures the user can act on are shown as messages.
 */
import type { OutputChannel, QuickPickItem } from 'vscode';
import { commands as Commands, Uri, window as Window, workspace as Workspace } from 'vscode';
import { State } from 'vscode-languageclient/node';
import { SummaryRequest } from '../../server/src/protocol';
import type { SummaryFormat } from '../../server/src/summaryFormats';
import { formatSummary } from '../../server/src/summaryFormats';
import { CommandIds } from './commands';
import type { ClientProvider } from './summaryPanel';

interface FormatItem extends QuickPickItem {
  readonly format: SummaryFormat;
  readonly extension: string;
  readonly filterName: string;
}

const formatItems: readonly FormatItem[] = [
  { label: 'Markdown', description: '.md', detail: 'Coverage, targets, staffing and recommendations tables for the workpapers.', format: 'markdown', extension: 'md', filterName: 'Markdown' },
  { label: 'HTML', description: '.html', detail: 'One self-contained, printable page with the staffing charts.', format: 'html', extension: 'html', filterName: 'HTML' },
  { label: 'CSV', description: '.csv', detail: 'The staffing and targets tables, one row per plan and per position and fiscal year.', format: 'csv', extension: 'csv', filterName: 'CSV' },
];

/** Runs the export. `activeUri` chooses nothing here (every scope is exported) but names the default folder. */
export async function exportSummary(clientProvider: ClientProvider, outputChannel: OutputChannel): Promise<void> {
  const client = clientProvider();
  if (!client || client.state !== State.Running) {
    const choice = await Window.showErrorMessage('Plan Audit cannot export the summary: its server is not running.', 'Restart Server', 'Show Output');
    if (choice === 'Restart Server') {
      void Commands.executeCommand(CommandIds.restartServer);
    } else if (choice === 'Show Output') {
      outputChannel.show(true);
    }
    return;
  }
  const picked = await Window.showQuickPick(formatItems, { title: 'Export Plan Audit Summary', placeHolder: 'Choose a format' });
  if (!picked) {
    return;
  }
  const result = await client.sendRequest(SummaryRequest.type, { uri: Window.activeTextEditor?.document.uri.toString() });
  if (!result || result.scopes.length === 0) {
    const choice = await Window.showErrorMessage(
      result ? 'Plan Audit found no plan-audit files to summarise in this workspace.' : 'Plan Audit could not compute the summary (see the output for details).',
      'Show Output',
    );
    if (choice === 'Show Output') {
      outputChannel.show(true);
    }
    return;
  }
  const folder = Workspace.workspaceFolders?.[0]?.uri;
  const name = `plan-audit-summary.${picked.extension}`;
  const target = await Window.showSaveDialog({
    title: 'Export Plan Audit Summary',
    defaultUri: folder ? Uri.joinPath(folder, name) : undefined,
    filters: { [picked.filterName]: [picked.extension] },
  });
  if (!target) {
    return;
  }
  const text = formatSummary(result, picked.format, { displayPath: (uri) => Workspace.asRelativePath(Uri.parse(uri), Workspace.workspaceFolders !== undefined && Workspace.workspaceFolders.length > 1) });
  try {
    await Workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
    Window.setStatusBarMessage(`Plan Audit: summary exported to ${Workspace.asRelativePath(target)}`, 5000);
  } catch (error) {
    void Window.showErrorMessage(`Plan Audit could not write ${target.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
