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

/**
 * The positions `toDiagnostic` gives `findings` (range, then each related location's), flattened as
 * line, character pairs. With `sameDiagnosticContent` it tells whether a diagnostic report would
 * change without building the diagnostics.
 */
export function diagnosticPositions(
  findings: readonly Finding[],
  document: Pick<TextDocument, 'positionAt'>,
  positionIn: (uri: string, offset: number) => { line: number; character: number } | undefined,
): number[] {
  const positions: number[] = [];
  const add = (position: { line: number; character: number } | undefined) => {
    positions.push(position ? position.line : -1, position ? position.character : -1);
  };
  for (const finding of findings) {
    add(document.positionAt(finding.span[0]));
    add(document.positionAt(finding.span[1]));
    for (const location of finding.related ?? []) {
      add(positionIn(location.uri, location.span[0]));
      add(positionIn(location.uri, location.span[1]));
    }
  }
  return positions;
}

/**
 * True when `toDiagnostic` makes the same diagnostics of `a` and `b` apart from positions (compare
 * `diagnosticPositions` for those): every field it reads is compared, spans included since they travel
 * in `data` for code actions. Keep in step with `toDiagnostic`.
 */
export function sameDiagnosticContent(a: readonly Finding[], b: readonly Finding[]): boolean {
  if (a.length !== b.length) {
    return false;
  }
  for (let index = 0; index < a.length; index++) {
    const x = a[index];
    const y = b[index];
    if (x.ruleId !== y.ruleId || x.severity !== y.severity || x.message !== y.message || x.span[0] !== y.span[0] || x.span[1] !== y.span[1]) {
      return false;
    }
    const relatedX = x.related ?? [];
    const relatedY = y.related ?? [];
    if (relatedX.length !== relatedY.length) {
      return false;
    }
    for (let at = 0; at < relatedX.length; at++) {
      const p = relatedX[at];
      const q = relatedY[at];
      if (p.uri !== q.uri || p.message !== q.message || p.span[0] !== q.span[0] || p.span[1] !== q.span[1]) {
        return false;
      }
    }
  }
  return true;
}

/** Two `diagnosticPositions` results are equal. */
export function samePositions(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) {
    return false;
  }
  for (let index = 0; index < a.length; index++) {
    if (a[index] !== b[index]) {
      return false;
    }
  }
  return true;
}
