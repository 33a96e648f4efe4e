/**
 * Extension entry: start the language client and register the commands. Everything else lives in its
 * own module (client options, commands).
 */
import type { ExtensionContext } from 'vscode';
import { commands as Commands, window as Window } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { State } from 'vscode-languageclient/node';
import { CommandIds } from './commands';
import { exportSummary } from './exportSummary';
import { createLanguageClient } from './languageClient';
import { PlanAuditStatusItem } from './statusItem';
import { SummaryPanel } from './summaryPanel';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const outputChannel = Window.createOutputChannel('Plan Audit');
  context.subscriptions.push(outputChannel);
  const statusItem = new PlanAuditStatusItem();
  context.subscriptions.push(statusItem);
  // Registered before the client starts, so a panel left open is restored at once after a reload.
  SummaryPanel.register(context, () => client);
  const wire = (created: LanguageClient): LanguageClient => {
    statusItem.attach(created);
    for (const disposable of SummaryPanel.attach(created)) {
      context.subscriptions.push(disposable);
    }
    return created;
  };
  client = wire(createLanguageClient(context, outputChannel));
  context.subscriptions.push(
    Commands.registerCommand(CommandIds.showOutput, () => outputChannel.show(true)),
    Commands.registerCommand(CommandIds.showSummary, () => SummaryPanel.createOrShow(context.extensionUri)),
    Commands.registerCommand(CommandIds.exportSummary, () => exportSummary(() => client, outputChannel)),
    Commands.registerCommand(CommandIds.restartServer, async () => {
      if (!client) {
        return;
      }
      if (client.state === State.Running) {
        await client.restart();
      } else {
        client = wire(createLanguageClient(context, outputChannel));
        await client.start();
      }
    }),
  );
  await client.start();
}

export function deactivate(): Promise<void> | undefined {
  return client?.stop();
}
