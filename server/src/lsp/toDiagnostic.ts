/**
 * Finding → LSP Diagnostic. The only place where offsets become positions for the editor.
 */
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Severity } from '../core/findings';

export const diagnosticSource = 'plan-audit';

const severityMap: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Converts one finding. `docsUri` gives the rule's docs page (`codeDescription`); `related` positions use `positionIn`. */
export function toDiagnostic(
  finding: Finding,
  document: Pick<TextDocument, 'positionAt'>,
  docsUri: (ruleId: string) => string | undefined,
  positionIn: (uri: string, offset: number) => { line: number; character: number } | undefined,
): Diagnostic {
  const href = docsUri(finding.ruleId);
  const related: DiagnosticRelatedInformation[] = [];
  for (const location of finding.related ?? []) {
    const start = positionIn(location.uri, location.span[0]);
    const end = positionIn(location.uri, location.span[1]);
    if (start && end) {
      related.push({ location: { uri: location.uri, range: { start, end } }, message: location.message });
    }
  }
  const diagnostic: Diagnostic = {
    range: { start: document.positionAt(finding.span[0]), end: document.positionAt(finding.span[1]) },
    severity: severityMap[finding.severity],
    code: finding.ruleId,
    source: diagnosticSource,
    message: finding.message,
    data: { ruleId: finding.ruleId, span: finding.span },
  };
  if (href) {
    diagnostic.codeDescription = { href };
  }
  if (related.length > 0) {
    diagnostic.relatedInformation = related;
  }
  if (finding.ruleId === 'exception-unused') {
    diagnostic.tags = [DiagnosticTag.Unnecessary];
  }
  return diagnostic;
}
