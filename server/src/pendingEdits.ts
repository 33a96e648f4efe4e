/**
 * Edit composition for incremental analysis: per open document, the edits since `fromVersion` composed
 * into one change of that version's text (`broken` after a full-text replacement), so the next analysis
 * can re-parse only the unit that changed. Recorded as `TextDocuments` applies each `didChange`; taken
 * when the document is analysed, dropped when it closes.
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { TextChange } from './core/incremental';
import { composeChanges } from './core/incremental';
import type { PlanDocument } from './lsp/planDocument';

export interface PendingEdit {
  /** The version of the text `change` applies to. */
  readonly fromVersion: number;
  change?: TextChange;
  /** True once a change replaced the whole text: no single change describes the edits any more. */
  broken?: boolean;
}

export class PendingEdits {
  private readonly byUri = new Map<string, PendingEdit>();

  /** The `update` hook of `TextDocuments`: applies `changes` to `document` and records them. */
  readonly update = (document: PlanDocument, changes: TextDocumentContentChangeEvent[], version: number): PlanDocument => {
    const pending = this.byUri.get(document.uri) ?? { fromVersion: document.version };
    for (const change of changes) {
      if (pending.broken || !('range' in change)) {
        pending.broken = true;
        document.update([change], version);
        continue;
      }
      // Offsets in the text before this change; `update` then edits the document in place.
      const offset = document.offsetAt(change.range.start);
      const edit: TextChange = { offset, deleteCount: document.offsetAt(change.range.end) - offset, insertText: change.text };
      document.update([change], version);
      pending.change = pending.change ? composeChanges(pending.change, edit, document.getText()) : edit;
    }
    this.byUri.set(document.uri, pending);
    return document;
  };

  /** The edits recorded for `uri` since it was last analysed, removed from the record. */
  take(uri: string): PendingEdit | undefined {
    const pending = this.byUri.get(uri);
    this.byUri.delete(uri);
    return pending;
  }

  delete(uri: string): void {
    this.byUri.delete(uri);
  }
}
