/**
 * The last full diagnostics report sent per open document: its result id, the findings it showed and
 * their positions. When the client pulls with that id and the new findings would make the same
 * diagnostics (an edit inside a value that changes no finding, typing in a line no finding is on), the
 * answer is "unchanged": the editor keeps what it shows and thousands of diagnostics are neither built,
 * sent nor rendered again. At most `maxDiagnosticsPerDocument` findings are shown (`capFindings`).
 */
import type { DocumentDiagnosticReport } from 'vscode-languageserver/node';
import { DocumentDiagnosticReportKind } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from './core/findings';
import { capFindings, diagnosticPositions, sameDiagnosticContent, samePositions, toDiagnostic } from './lsp/toDiagnostic';

type PositionIn = (uri: string, offset: number) => { line: number; character: number } | undefined;

export class DiagnosticReports {
  private readonly lastReports = new Map<string, { resultId: string; shown: readonly Finding[]; positions: readonly number[] }>();
  private nextResultId = 1;

  /** The report for `findings`: "unchanged" when the client already shows the same diagnostics. */
  report(
    document: TextDocument,
    findings: readonly Finding[],
    previousResultId: string | undefined,
    docsUri: (ruleId: string) => string | undefined,
    positionIn: PositionIn,
  ): DocumentDiagnosticReport {
    const shown = capFindings(findings.filter((finding) => !finding.suppressed));
    const positions = diagnosticPositions(shown, document, positionIn);
    const last = this.lastReports.get(document.uri);
    if (last && previousResultId === last.resultId && sameDiagnosticContent(last.shown, shown) && samePositions(last.positions, positions)) {
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId };
    }
    const resultId = String(this.nextResultId++);
    this.lastReports.set(document.uri, { resultId, shown, positions });
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: shown.map((finding) => toDiagnostic(finding, document, docsUri, positionIn)) };
  }

  delete(uri: string): void {
    this.lastReports.delete(uri);
  }
}
