/**
 * The shape of an audit rule. One rule per file in `rules/`, named by its id, exporting a `Rule`.
 * A rule is pure: it reads the typed model of one document (and, for cross-file rules, the workspace
 * view) and reports findings with offsets. It never reads the clock, the file system or settings.
 */
import type { Fix, RelatedLocation, Severity, Span } from './findings';
import type { FixTarget, Layout } from './fixes';
import type { PlanAuditModel, PlanKind } from './model';
import type { WorkspaceLookups } from './workspaceIndex';


/**
 * One analysed plan-audit document as rules see it. It is the `FixTarget` of the fixes built for it:
 * `layout` is read from the text on first use (`createAuditedDocument` in analyze.ts).
 */
export interface AuditedDocument<M extends PlanAuditModel = PlanAuditModel> extends FixTarget {
  readonly uri: string;
  readonly text: string;
  readonly kind: M['kind'];
  readonly model: M;
  readonly layout: Layout;
}

/**
 * Every plan-audit document of the workspace, for cross-file rules. Includes the document being checked.
 *
 * Its documents never change once built (`createWorkspaceView`): what cross-file rules look up
 * (`workspaceIndex.ts`) and the coverage (`coverage.ts`) are computed once per view, on first use, and
 * kept in its `lookups`, so a rule checking one document pays for that document, not for the workspace.
 * A rule reads the other documents through those look-ups, never by scanning `documents` itself, or
 * auditing N files costs N².
 */
export interface WorkspaceView {
  readonly documents: readonly AuditedDocument[];
  readonly lookups: WorkspaceLookups;
}

/** What a rule may know besides its document: the review date and fiscal-year convention, and the workspace. */
export interface AuditContext {
  /** The "as of" date of the audit, `YYYY-MM-DD` (setting, else the portfolio's `review_date`, else today). */
  readonly reviewDate: string;
  /** The fiscal year the review date falls in. */
  readonly reviewFiscalYear: number;
  /** Month (1–12) in which the fiscal year starts; 10 (October) by default. */
  readonly fiscalYearStartMonth: number;
  readonly workspace: WorkspaceView;
}

/** What a rule reports; the engine adds the rule id, the severity from configuration and the uri. */
export interface RuleReport {
  readonly span: Span;
  readonly message: string;
  /**
   * The fixes, or a function that builds them. The function runs when the finding's `fixes` are first
   * read (a code action, a hover, the CLI's output), not at every audit: a rule that reports thousands
   * of findings in a large plan, each with a rendered block of YAML, need not build what is never shown.
   * It must depend only on what the rule read (the document and its model), which never change.
   */
  readonly fixes?: readonly Fix[] | (() => readonly Fix[] | undefined);
  readonly related?: readonly RelatedLocation[];
  /** Overrides the rule's default severity for this one finding (for example information for a one-year dip). */
  readonly severity?: Severity;
}

export interface Rule<M extends PlanAuditModel = PlanAuditModel> {
  /** Stable kebab-case id: the diagnostic code and the name of the rule's file and docs page. */
  readonly id: string;
  /** One line for menus, the README catalogue and SARIF `shortDescription`. */
  readonly title: string;
  readonly defaultSeverity: Severity;
  /** The criterion and its source, shown on hover ("GAO-17-618 recommendation 1; GPRA Modernization Act …"). */
  readonly criterion: string;
  /** The kinds of document this rule checks. */
  readonly kinds: readonly PlanKind[];
  /** True when findings depend on other files; the server re-checks such documents when any file changes. */
  readonly crossFile?: boolean;
  check(document: AuditedDocument<M>, context: AuditContext, report: (finding: RuleReport) => void): void;
}

/**
 * The path of a rule's docs page relative to the package root (`docs/rules/<id>.md`). The edges make
 * it absolute: the server as a `file:` URI inside the installed extension, so links work offline.
 */
export function ruleDocsPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}
