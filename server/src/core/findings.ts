/**
 * The vocabulary every layer shares: findings and fixes as plain data with text offsets.
 * Nothing here knows about VS Code or LSP; the LSP layer converts offsets to positions.
 */

/** How serious a finding is. `off` exists only in configuration and never appears on a finding. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A half-open `[start, end)` span of UTF-16 offsets into a document's text. */
export type Span = readonly [start: number, end: number];

/**
 * One edit of a fix: delete `deleteCount` characters at `offset`, then insert `insertText` there.
 * Fixes in this project are insert-only (`deleteCount === 0`) except where a rule's docs say otherwise
 * (`plan-unknown-area` replaces a misspelt id with the nearest one).
 */
export interface TextEdit {
  readonly offset: number;
  readonly deleteCount: number;
  readonly insertText: string;
}

/** A quick fix as data: a title for the light-bulb menu and the minimal edits that make it. */
export interface Fix {
  readonly title: string;
  /** The single obvious fix, applied by "Auto Fix" / Ctrl+. Enter. At most one per finding. */
  readonly isPreferred?: boolean;
  /**
   * True when applying the fix leaves nothing to fill in: a rename or a replacement. Fixes that insert
   * keys with empty values (a `targets:` skeleton, `owner:`) are left out of fix-all unless the
   * `planAudit.fixAll.insertPlaceholders` setting asks for them: fix-all often runs on every save.
   */
  readonly complete?: boolean;
  readonly edits: readonly TextEdit[];
}

/** Another place that explains a finding, possibly in another file (cross-file rules). */
export interface RelatedLocation {
  readonly uri: string;
  readonly span: Span;
  readonly message: string;
}

/** An exception comment that suppressed a finding. */
export interface Suppression {
  readonly reason: string;
  /** Where the `# plan-audit-disable…` comment stands. */
  readonly span: Span;
}

/**
 * One problem found in one document. `span` is where the underline goes: the exact YAML node the
 * problem is about (a key for a missing child, the value for a wrong value).
 */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly uri: string;
  readonly span: Span;
  readonly fixes?: readonly Fix[];
  readonly related?: readonly RelatedLocation[];
  /** Set when an exception comment suppressed this finding; such findings are not shown in the editor. */
  readonly suppressed?: Suppression;
}

/** The order of severities, most serious first; used for sorting and for the CLI's exit code. */
export const severityRank: Readonly<Record<Severity, number>> = { error: 0, warning: 1, information: 2, hint: 3 };

/** Sorts findings by position, then by rule id, so output is stable. Returns a new array. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => a.uri.localeCompare(b.uri) || a.span[0] - b.span[0] || a.span[1] - b.span[1] || a.ruleId.localeCompare(b.ruleId),
  );
}
