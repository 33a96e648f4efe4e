/**
 * Finding fixes → LSP code actions: one quick fix per fix, linked to its diagnostic, the preferred one
 * marked, plus a `source.fixAll.planAudit` action with the core's fix-all (`core/fixAll.ts`).
 */
import type { CodeAction, Diagnostic, TextEdit as LspTextEdit } from 'vscode-languageserver/node';
import { CodeActionKind } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, TextEdit } from '../core/findings';
import type { FixAllOptions } from '../core/fixAll';
import { fixAll } from '../core/fixAll';
import { diagnosticSource } from './toDiagnostic';

export const fixAllKind = `${CodeActionKind.SourceFixAll}.planAudit`;

/** The kinds this server provides, for the `codeActionProvider` capability. */
export const providedCodeActionKinds = [CodeActionKind.QuickFix, fixAllKind];

function toLspEdits(document: TextDocument, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((edit) => ({
    range: { start: document.positionAt(edit.offset), end: document.positionAt(edit.offset + edit.deleteCount) },
    newText: edit.insertText,
  }));
}

/** True when the span of a finding matches a diagnostic the client sent back (same rule and range). */
function matches(finding: Finding, diagnostic: Diagnostic, document: TextDocument): boolean {
  if (diagnostic.source !== diagnosticSource || diagnostic.code !== finding.ruleId) {
    return false;
  }
  const start = document.offsetAt(diagnostic.range.start);
  const end = document.offsetAt(diagnostic.range.end);
  return start === finding.span[0] && end === finding.span[1];
}

/**
 * Builds the code actions for the diagnostics in the request's context. `only` filters by kind, as the
 * client asks (e.g. only `source.fixAll` on save).
 */
export function toCodeActions(
  document: TextDocument,
  findings: readonly Finding[],
  diagnostics: readonly Diagnostic[],
  only: readonly string[] | undefined,
  options: FixAllOptions = {},
): CodeAction[] {
  const wants = (kind: string) => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of diagnostics) {
      const finding = findings.find((candidate) => !candidate.suppressed && matches(candidate, diagnostic, document));
      for (const fix of finding?.fixes ?? []) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.isPreferred === true,
          edit: { changes: { [document.uri]: toLspEdits(document, fix.edits) } },
        });
      }
    }
  }
  if (wants(fixAllKind)) {
    // The core's one fix-all policy (fixAll.ts): the same edits the tests apply.
    const { edits, candidates } = fixAll(findings, options);
    if (candidates > 0) {
      actions.push({
        title: `Fix all auto-fixable Plan Audit problems (${candidates})`,
        kind: fixAllKind,
        edit: { changes: { [document.uri]: toLspEdits(document, edits) } },
      });
    }
  }
  return actions;
}
