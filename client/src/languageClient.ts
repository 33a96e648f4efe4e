/**
 * Creates the language client: the server module (`dist/server.js`) over IPC, the documents it
 * serves (YAML files), and error handling that restarts a crashed server, tells the user once, and gives
 * up after too many crashes (`crashPolicy.ts`), offering to restart by hand.
 */
import * as path from 'path';
import type { ExtensionContext, OutputChannel } from 'vscode';
import { commands as Commands, Uri, window as Window, workspace as Workspace } from 'vscode';
import type { CloseHandlerResult, ErrorHandler, ErrorHandlerResult, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { CloseAction, ErrorAction, LanguageClient, RevealOutputChannelOn, TransportKind } from 'vscode-languageclient/node';
import { CommandIds } from './commands';
import { CrashPolicy } from './crashPolicy';
import { explicitSettings } from './explicitSettings';
import { serverExecArgv } from './serverRuntime';

/** The client id equals the settings prefix, so `planAudit.trace.server` turns on protocol tracing. */
export const clientId = 'planAudit';

/** Files the server is told about; it then checks those with a plan-audit name or a known `kind`. */
export const documentSelector = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'untitled', language: 'yaml' },
];

export function createLanguageClient(context: ExtensionContext, outputChannel: OutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...serverExecArgv] } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019', ...serverExecArgv] } },
  };
  const crashPolicy = new CrashPolicy();
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    synchronize: {
      // Cross-file rules need to know when plan files change on disk, open or not.
      fileEvents: [Workspace.createFileSystemWatcher('**/*.{yaml,yml}'), Workspace.createFileSystemWatcher('**/.plan-audit.yaml')],
    },
    middleware: {
      workspace: {
        // Only what the user set: a default must not hide the workspace's `.plan-audit.yaml`.
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) {
            return answers;
          }
          return answers.map((answer: unknown, index) => {
            const item = params.items[index];
            if (item?.section !== clientId) {
              return answer;
            }
            const configuration = Workspace.getConfiguration(clientId, item.scopeUri ? Uri.parse(item.scopeUri) : undefined);
            return explicitSettings((key) => {
              const inspected = configuration.inspect(key);
              const isSet = inspected !== undefined && [inspected.globalValue, inspected.workspaceValue, inspected.workspaceFolderValue].some((value) => value !== undefined);
              return { isSet, value: configuration.get(key) };
            });
          });
        },
      },
    },
    errorHandler: crashErrorHandler(crashPolicy, outputChannel),
    initializationFailedHandler: (error) => {
      outputChannel.appendLine(`Plan Audit server failed to start: ${error instanceof Error ? error.stack : String(error)}`);
      void Window.showErrorMessage('The Plan Audit server failed to start.', 'Show Output').then((choice) => {
        if (choice === 'Show Output') {
          outputChannel.show(true);
        }
      });
      return false;
    },
  };
  return new LanguageClient(clientId, 'Plan Audit', serverOptions, clientOptions);
}

/**
 * Restarts a crashed server as `CrashPolicy` decides. Every result is `handled: true`: the library then
 * only logs, and the user sees the one message shown here (without it, a write to the dead server's
 * pipe would pop up "connection to server is erroring" too).
 */
function crashErrorHandler(policy: CrashPolicy, outputChannel: OutputChannel): ErrorHandler {
  return {
    error: (error, _message, count): ErrorHandlerResult => {
      outputChannel.appendLine(`Plan Audit: connection to the server failed (${count ?? 1}): ${error.message}`);
      return { action: ErrorAction.Continue, handled: true };
    },
    closed: (): CloseHandlerResult => {
      const decision = policy.onCrash();
      if (decision.action === 'stop') {
        const message = `The Plan Audit server crashed ${decision.crashes} times in ${policy.describeWindow()} and will not be restarted.`;
        outputChannel.appendLine(`Plan Audit: ${message}`);
        void Window.showErrorMessage(message, 'Restart Server', 'Show Output').then((choice) => {
          if (choice === 'Restart Server') {
            void Commands.executeCommand(CommandIds.restartServer);
          } else if (choice === 'Show Output') {
            outputChannel.show(true);
          }
        });
        return { action: CloseAction.DoNotRestart, handled: true };
      }
      outputChannel.appendLine('Plan Audit: the server stopped unexpectedly; restarting it.');
      if (decision.notify) {
        void Window.showWarningMessage('The Plan Audit server stopped unexpectedly and was restarted.', 'Show Output').then((choice) => {
          if (choice === 'Show Output') {
            outputChannel.show(true);
          }
        });
      }
      return { action: CloseAction.Restart, handled: true };
    },
  };
}
