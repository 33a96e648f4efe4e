/**
 * Diagnostics for the workspace's `.plan-audit.yaml`: the problems in it (bad values, unknown keys,
 * tags, binary bytes) shown in Problems whether the file is open or not. They are pushed
 * (`textDocument/publishDiagnostics`), since the editor pulls only the documents it has open, and
 * cleared once the file is fixed or gone.
 */
import type { Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalyzedDocument, AuditSettings } from './core/analyze';
import { auditDocument, createAuditContext } from './core/analyze';
import { capFindings, toDiagnostic } from './lsp/toDiagnostic';

export class ConfigDiagnostics {
  /** The config file that has diagnostics in the editor now, if any. */
  private shownUri: string | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly docsUri: (ruleId: string) => string | undefined,
  ) {}

  /** Shows the findings of `document` (the config file, present only when it has findings), audited with `settings`. */
  publish(document: AnalyzedDocument | undefined, settings: AuditSettings): void {
    if (this.shownUri !== undefined && this.shownUri !== document?.uri) {
      void this.connection.sendDiagnostics({ uri: this.shownUri, diagnostics: [] });
      this.shownUri = undefined;
    }
    if (!document) {
      return;
    }
    // Audited like any file: severities from the settings apply, and an exception comment can suppress.
    const findings = auditDocument(document, createAuditContext([document], settings), settings).filter((finding) => !finding.suppressed);
    const lines = TextDocument.create(document.uri, 'yaml', 0, document.text);
    const diagnostics = capFindings(findings).map((finding) => toDiagnostic(finding, lines, this.docsUri, () => undefined));
    void this.connection.sendDiagnostics({ uri: document.uri, diagnostics });
    this.shownUri = document.uri;
  }
}
