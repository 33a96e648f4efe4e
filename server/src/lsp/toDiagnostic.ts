/**
 * Finding → LSP Diagnostic. The only place where offsets become positions for the editor.
 */
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Severity } from '../core/findings';

export const diagnosticSource = 'plan-audit';

/**
 * The most diagnostics sent for one document: the first 1,000 findings (in position order) and one
 * `resource-limit` diagnostic saying how many more there are. A file with 200,000 schema errors would
 * otherwise send 200,000 diagnostics, more than an editor can show or anyone can read. The CLI's JSON
 * and SARIF output stay complete; docs/rules/resource-limit.md says so.
 */
export const maxDiagnosticsPerDocument = 1000;

/**
 * `shown` (unsuppressed findings, in position order) cut to `maxDiagnosticsPerDocument`, plus one finding
 * counting the rest, at the first one left out, as serious as the most serious of them.
 */
export function capFindings(shown: readonly Finding[], limit: number = maxDiagnosticsPerDocument): readonly Finding[] {
  if (shown.length <= limit) {
    return shown;
  }
  const kept = shown.slice(0, limit);
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (let index = limit; index < shown.length; index++) {
    counts[shown[index].severity]++;
  }
  const hidden = shown.length - limit;
  const severity = (['error', 'warning', 'information', 'hint'] as const).find((candidate) => counts[candidate] > 0) ?? 'information';
  const parts = [
    counts.error > 0 ? plural(counts.error, 'error') : '',
    counts.warning > 0 ? plural(counts.warning, 'warning') : '',
    counts.information + counts.hint > 0 ? plural(counts.information + counts.hint, 'note') : '',
  ].filter((part) => part !== '');
  const first = shown[limit];
  kept.push({
    ruleId: 'resource-limit',
    severity,
    message: `${hidden.toLocaleString('en-US')} more findings not shown (${parts.join(', ')}), from here on: the editor shows the first ${limit.toLocaleString('en-US')} of ${shown.length.toLocaleString('en-US')} findings in a file. Run \`plan-audit check\` on the file for the complete list.`,
    uri: first.uri,
    span: [first.span[0], first.span[0]],
  });
  return kept;
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

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
