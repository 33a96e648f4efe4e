/**
 * The summary panel: a single webview beside the editor that shows the server's `planAudit/summary`,
 * updates while the user types, opens the YAML at a row's node, and comes back after a window reload
 * (serializer + webview `getState`/`setState`, never `retainContextWhenHidden`). It opens only on command.
 */
import type { Disposable, ExtensionContext, TextEditor, Uri as UriType, Webview, WebviewOptions, WebviewPanel } from 'vscode';
import { CancellationTokenSource, commands as Commands, Range, TextEditorRevealType, Uri, ViewColumn, window as Window, workspace as Workspace } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { State } from 'vscode-languageclient/node';
import type { SummaryResult } from '../../server/src/protocol';
import { DidChangeSummaryNotification, SummaryRequest } from '../../server/src/protocol';
import { CommandIds } from './commands';
import { buildSummaryHtml, createNonce } from './summaryHtml';
import type { ExtensionToWebviewMessage, RevealMessage } from './webview/messages';
import { parseWebviewMessage } from './webview/messages';

/** The webview options, in one place: used on create and again on revive (so the roots are current). */
export function summaryWebviewOptions(extensionUri: UriType): WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [Uri.joinPath(extensionUri, 'dist'), Uri.joinPath(extensionUri, 'client', 'media')],
  };
}

/** The language client the panel asks; changes when the server is re-created after a failed start. */
export type ClientProvider = () => LanguageClient | undefined;

export class SummaryPanel {
  static readonly viewType = 'planAudit.summary';
  static readonly title = 'Plan Audit Summary';
  static currentPanel: SummaryPanel | undefined;

  private static clientProvider: ClientProvider = () => undefined;
  /** The plan file the user looked at last: its portfolio scope is shown first. */
  private static lastPlanEditor: { uri: string; column?: ViewColumn } | undefined;

  private readonly disposables: Disposable[] = [];
  /** Files of the summary last shown: the only ones a `reveal` message may open. */
  private allowedUris = new Set<string>();
  private dirty = true;
  private inFlight: CancellationTokenSource | undefined;
  private shownGeneration = -1;

  /** Wires the panel to the extension: the client to ask, and the active plan editor to follow. */
  static register(context: ExtensionContext, clientProvider: ClientProvider): void {
    SummaryPanel.clientProvider = clientProvider;
    const track = (editor: TextEditor | undefined) => {
      if (editor && editor.document.languageId === 'yaml') {
        SummaryPanel.lastPlanEditor = { uri: editor.document.uri.toString(), column: editor.viewColumn };
      }
    };
    track(Window.activeTextEditor);
    context.subscriptions.push(
      Window.onDidChangeActiveTextEditor(track),
      Window.registerWebviewPanelSerializer(SummaryPanel.viewType, {
        deserializeWebviewPanel: (panel: WebviewPanel) => {
          SummaryPanel.revive(panel, context.extensionUri);
          return Promise.resolve();
        },
      }),
    );
  }

  /** Listens to a (new) language client: summary changes and server state. */
  static attach(client: LanguageClient): Disposable[] {
    return [
      client.onNotification(DidChangeSummaryNotification.type, () => SummaryPanel.currentPanel?.invalidate()),
      client.onDidChangeState(() => {
        SummaryPanel.currentPanel?.postServerState();
        if (client.state === State.Running) {
          SummaryPanel.currentPanel?.invalidate();
        }
      }),
    ];
  }

  /** Shows the panel beside the editor, creating it if needed. */
  static createOrShow(extensionUri: UriType): void {
    if (SummaryPanel.currentPanel) {
      SummaryPanel.currentPanel.panel.reveal(undefined, true);
      SummaryPanel.currentPanel.invalidate();
      return;
    }
    const panel = Window.createWebviewPanel(SummaryPanel.viewType, SummaryPanel.title, { viewColumn: ViewColumn.Beside, preserveFocus: true }, summaryWebviewOptions(extensionUri));
    SummaryPanel.currentPanel = new SummaryPanel(panel, extensionUri);
  }

  /** Restores the panel after a reload; the webview restores its own view state. */
  static revive(panel: WebviewPanel, extensionUri: UriType): void {
    panel.webview.options = summaryWebviewOptions(extensionUri);
    SummaryPanel.currentPanel?.dispose();
    SummaryPanel.currentPanel = new SummaryPanel(panel, extensionUri);
  }

  private constructor(
    private readonly panel: WebviewPanel,
    private readonly extensionUri: UriType,
  ) {
    panel.webview.html = this.html(panel.webview);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.dirty) {
          void this.refresh();
        }
      }),
      panel.webview.onDidReceiveMessage((raw: unknown) => this.didReceiveMessage(raw)),
    );
  }

  private html(webview: Webview): string {
    return buildSummaryHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(Uri.joinPath(this.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(Uri.joinPath(this.extensionUri, 'client', 'media', 'summary.css')).toString(),
    });
  }

  /** The summary changed on the server: fetch it now if the panel is visible, else when it becomes visible. */
  invalidate(): void {
    this.dirty = true;
    if (this.panel.visible) {
      void this.refresh();
    }
  }

  /**
   * Asks the server for the summary. At most one request runs: a newer change cancels the one in
   * flight (the server drops cancelled work), and results older than the one shown are ignored.
   */
  private async refresh(): Promise<void> {
    const client = SummaryPanel.clientProvider();
    if (!client || client.state !== State.Running) {
      this.postServerState();
      return;
    }
    this.inFlight?.cancel();
    const source = new CancellationTokenSource();
    this.inFlight = source;
    this.dirty = false;
    try {
      const result = await client.sendRequest(SummaryRequest.type, { uri: SummaryPanel.lastPlanEditor?.uri }, source.token);
      if (source.token.isCancellationRequested || !result) {
        return;
      }
      this.show(result);
    } catch (error) {
      if (!source.token.isCancellationRequested) {
        client.outputChannel.appendLine(`Plan Audit: the summary request failed: ${error instanceof Error ? error.message : String(error)}`);
        this.dirty = true;
      }
    } finally {
      if (this.inFlight === source) {
        this.inFlight = undefined;
      }
      source.dispose();
    }
  }

  private show(result: SummaryResult): void {
    if (result.generation < this.shownGeneration) {
      return;
    }
    this.shownGeneration = result.generation;
    this.allowedUris = new Set(result.scopes.flatMap((scope) => scope.files.map((file) => file.uri)));
    this.post({ type: 'summary', result });
  }

  private postServerState(): void {
    const client = SummaryPanel.clientProvider();
    const state = client?.state;
    if (state === State.Running) {
      this.post({ type: 'serverState', state: 'running' });
    } else if (state === State.Starting) {
      this.post({ type: 'serverState', state: 'starting' });
    } else {
      this.post({ type: 'serverState', state: 'stopped', message: 'The Plan Audit server is not running. Run “Plan Audit: Restart Server” to see a current summary.' });
    }
  }

  private post(message: ExtensionToWebviewMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private didReceiveMessage(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) {
      return;
    }
    switch (message.type) {
      case 'ready':
        this.shownGeneration = -1;
        this.dirty = true;
        this.postServerState();
        void this.refresh();
        break;
      case 'reveal':
        void this.reveal(message);
        break;
      case 'export':
        void Commands.executeCommand(CommandIds.exportSummary);
        break;
    }
  }

  /** Opens the YAML at the row's node, in the editor column the user worked in (not over the panel). */
  private async reveal(message: RevealMessage): Promise<void> {
    if (!this.allowedUris.has(message.uri)) {
      return; // Only files of the summary shown; the webview cannot open anything else.
    }
    const { start, end } = message.range;
    const range = new Range(start.line, start.character, end.line, end.character);
    const column = SummaryPanel.lastPlanEditor?.column ?? (this.panel.viewColumn === ViewColumn.One ? ViewColumn.Two : ViewColumn.One);
    try {
      const document = await Workspace.openTextDocument(Uri.parse(message.uri, true));
      const editor = await Window.showTextDocument(document, { viewColumn: column, selection: range, preserveFocus: false });
      editor.revealRange(range, TextEditorRevealType.InCenterIfOutsideViewport);
    } catch (error) {
      void Window.showErrorMessage(`Plan Audit could not open ${Uri.parse(message.uri).fsPath}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  dispose(): void {
    if (SummaryPanel.currentPanel === this) {
      SummaryPanel.currentPanel = undefined;
    }
    this.inFlight?.cancel();
    this.panel.dispose();
    while (this.disposables.length > 0) {
      this.disposables.pop()?.dispose();
    }
  }
}
