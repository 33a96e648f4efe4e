/**
 * Extension entry: start the language client and register the commands. Everything else lives in its
 * own module (client options, commands).
 */
import type { ExtensionContext } from 'vscode';
import { commands as Commands, window as Window } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { State } from 'vscode-languageclient/node';
import { CommandIds } from './commands';
import { createLanguageClient } from './languageClient';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const outputChannel = Window.createOutputChannel('Plan Audit');
  context.subscriptions.push(outputChannel);
  client = createLanguageClient(context, outputChannel);
  context.subscriptions.push(
    Commands.registerCommand(CommandIds.showOutput, () => outputChannel.show(true)),
    Commands.registerCommand(CommandIds.restartServer, async () => {
      if (!client) {
        return;
      }
      if (client.state === State.Running) {
        await client.restart();
      } else {
        client = createLanguageClient(context, outputChannel);
        await client.start();
      }
    }),
  );
  await client.start();
}

export function deactivate(): Promise<void> | undefined {
  return client?.stop();
}
