/**
 * Finding fixes → LSP code actions: one quick fix per fix, linked to its diagnostic, the preferred one
 * marked, plus a `source.fixAll.planAudit` action that applies every preferred, non-overlapping fix.
 */
import type { CodeAction, Diagnostic, TextEdit as LspTextEdit } from 'vscode-languageserver/node';
import { CodeActionKind } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Fix, TextEdit } from '../core/findings';
import { fixAllEdits } from '../core/fixes';
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
    const preferred = preferredFixes(findings, options);
    if (preferred.length > 0) {
      actions.push({
        title: `Fix all auto-fixable Plan Audit problems (${preferred.length})`,
        kind: fixAllKind,
        edit: { changes: { [document.uri]: toLspEdits(document, fixAllEdits(preferred)) } },
      });
    }
  }
  return actions;
}

/** What fix-all applies besides complete fixes (the `planAudit.fixAll.*` settings). */
export interface FixAllOptions {
  /** Also fixes that insert empty values to fill in (`Fix.complete` not set). Off by default. */
  readonly insertPlaceholders?: boolean;
}

/**
 * The fixes fix-all applies: the preferred fix of each unsuppressed finding, when it is complete (a
 * rename, a replacement) or when `insertPlaceholders` is set. Fix-all often runs on every save, and
 * must not scaffold empty `targets:` or `owner:` keys into a file the auditor did not ask to change.
 */
export function preferredFixes(findings: readonly Finding[], options: FixAllOptions = {}): Fix[] {
  return findings
    .filter((finding) => !finding.suppressed)
    .flatMap((finding) => (finding.fixes ?? []).filter((fix) => fix.isPreferred && (fix.complete === true || options.insertPlaceholders === true)));
}
