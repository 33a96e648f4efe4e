/**
 * The one engine the language server and the CLI share:
 *
 *     text ──parse──▶ located tree ──schema──▶ typed model ──rules──▶ findings ──exceptions──▶ result
 *
 * `analyzeText` does the per-document work that depends only on the text (cacheable by version);
 * `auditDocument` runs the rules, which may also look at the rest of the workspace.
 */
import type { AnalysisCache } from './analysisCache';
import { createAnalysisCache } from './analysisCache';
import type { Finding, Fix, Severity } from './findings';
import { sortFindings } from './findings';
import { detectLayout } from './fixes';
import type { Layout } from './fixes';
import type { ParseLimits, ParsedDocument } from './parse';
import { defaultParseLimits, YamlRuleIds } from './parse';
import { parseText } from './parseText';
import type { WideEncoding } from './encoding';
import { wideEncodingFinding, wideEncodingOfText } from './encoding';
import { kindFromFileName, rootShapeFinding } from './fileKind';
import type { PlanAuditModel, PlanKind, Portfolio } from './model';
import { buildModel, detectKind } from './model';
import type { AuditContext, AuditedDocument, RuleReport, WorkspaceView } from './rule';
import { rules } from './rules/index';
import { applySuppressions, SuppressionRuleIds } from './suppressions';
import { checkDuplicates } from './duplicateChecks';
import { SchemaRuleIds, validateSchema } from './validateSchema';
import { fiscalYearOfDate, isIsoDate, todayIso } from './dates';
import { createWorkspaceView } from './workspaceIndex';
import { appendAll } from './arrays';
import type { TreeNode } from './tree';

/** Settings that change findings; the server reads them per workspace, the CLI from `.plan-audit.yaml`. */
export interface AuditSettings {
  /** Overrides every portfolio's `review_date` when set (`YYYY-MM-DD`). */
  readonly reviewDate?: string;
  /** Month (1–12) in which the fiscal year starts. */
  readonly fiscalYearStartMonth: number;
  /** Per-rule severity; `off` disables a rule. Rules not listed keep their default. */
  readonly rules: Readonly<Record<string, Severity | 'off'>>;
  /**
   * Whether fix-all (`source.fixAll.planAudit`, often run on save) also applies fixes that insert
   * empty values to fill in (`planAudit.fixAll.insertPlaceholders`; off unless set). Quick fixes
   * offer them either way.
   */
  readonly fixAllInsertsPlaceholders?: boolean;
}

export const defaultAuditSettings: AuditSettings = { fiscalYearStartMonth: 10, rules: {} };

/** A document after parsing, kind detection, schema validation and model building. */
export interface AnalyzedDocument {
  readonly uri: string;
  readonly text: string;
  readonly parsed: ParsedDocument;
  /** Undefined when the document declares no known `kind` (then it is not a plan-audit document by content). */
  readonly kind?: PlanKind;
  readonly model?: PlanAuditModel;
  /** YAML and schema findings, independent of other files and of settings. */
  readonly baseFindings: readonly Finding[];
}

/** How `analyzeText` analyses a document. */
export interface AnalyzeOptions {
  /** Month (1–12) in which the fiscal year starts; 10 (October) by default. */
  readonly fiscalYearStartMonth?: number;
  readonly limits?: ParseLimits;
  /**
   * An incremental re-parse of the text (incremental.ts), which shares the unchanged units of the last
   * version: with a `cache` that has `units`, their results are looked up rather than computed again.
   */
  readonly reparsed?: ParsedDocument;
  /**
   * With `reparsed`: the sequence items it moved unchanged, new node → old node (`reparseIncrementally`'s
   * `moved`). A moved unit's schema problems are those kept for its old node, which a length-changing
   * edit would otherwise have every unit after it validated again for.
   */
  readonly movedItems?: ReadonlyMap<TreeNode, TreeNode>;
  /**
   * The caller's analysis state (analysisCache.ts): the compiled schema validators and, for a document
   * open in the editor, its per-unit results. A new one when absent, which compiles the validators:
   * callers analysing more than one document pass theirs.
   */
  readonly cache?: AnalysisCache;
}

/** Parses and validates one document. Never throws; bad input becomes findings. */
export function analyzeText(uri: string, text: string, options: AnalyzeOptions = {}): AnalyzedDocument {
  const { fiscalYearStartMonth = 10, limits = defaultParseLimits, reparsed, movedItems, cache = createAnalysisCache() } = options;
  // An incremental re-parse when the server has one (incremental.ts), else a full parse (parseText.ts).
  const encoding = wideEncodingOfText(text);
  if (encoding) {
    return wideEncodedDocument(uri, text, encoding);
  }
  const parsed = reparsed ?? parseText(uri, text, limits);
  const root = parsed.root;
  // `kind:` decides when it names a known kind; else a plan-audit file name does (`*.plan.yaml` is a
  // plan), so a mistyped or missing `kind` is a schema error at the value, not an unchecked file.
  const named = kindFromFileName(uri);
  const kind = detectKind(root) ?? named;
  const baseFindings: Finding[] = [...parsed.findings];
  if (!kind || root?.kind !== 'map') {
    // An empty file, a single value or a list where a plan-named file needs a map: say so, unless the
    // YAML is already reported broken (the tree is then only `yaml`'s recovery).
    const shape = named && !parsed.findings.some((finding) => finding.severity === 'error') ? rootShapeFinding(uri, text, root, named) : undefined;
    if (shape) {
      baseFindings.push(shape);
    }
    return { uri, text, parsed, kind: undefined, model: undefined, baseFindings };
  }
  appendAll(appendAll(baseFindings, checkDuplicates(uri, root, kind, cache.units)), validateSchema(uri, root, kind, cache, reparsed ? movedItems : undefined));
  const model = buildModel(root, kind, fiscalYearStartMonth, cache.units?.measureModels);
  return { uri, text, parsed, kind, model, baseFindings };
}

/** A document saved as UTF-16 or UTF-32: one finding saying so, and nothing parsed from the garbage. */
export function wideEncodedDocument(uri: string, text: string, encoding: WideEncoding): AnalyzedDocument {
  const finding = wideEncodingFinding(uri, encoding);
  return { uri, text, parsed: { uri, text, root: undefined, findings: [finding], hasSyntaxErrors: true }, kind: undefined, model: undefined, baseFindings: [finding] };
}

/**
 * Makes `finding.fixes` a property that calls `build` when first read and then holds its result. It
 * stays an own enumerable property, so copies (`{ ...finding }`), JSON and comparisons see the fixes.
 */
function buildFixesOnFirstRead(finding: Finding, build: () => readonly Fix[] | undefined): void {
  Object.defineProperty(finding, 'fixes', {
    get(this: Finding) {
      const value = build();
      Object.defineProperty(this, 'fixes', { value, enumerable: true, writable: false, configurable: true });
      return value;
    },
    enumerable: true,
    configurable: true,
  });
}

/**
 * A document as rules see it. Its layout (what fixes copy) is read from the text when a fix first asks
 * for it and then kept on this object, so the fixes of one audit read it once.
 */
export function createAuditedDocument<M extends PlanAuditModel>(uri: string, text: string, model: M): AuditedDocument<M> {
  let layout: Layout | undefined;
  return {
    uri,
    text,
    kind: model.kind,
    model,
    get layout() {
      return (layout ??= detectLayout(text));
    },
  };
}

/** The id of every finding source: rules, schema and YAML checks, exception meta-findings. */
export const knownRuleIds: ReadonlySet<string> = new Set([
  ...rules.map((rule) => rule.id),
  ...Object.values(SchemaRuleIds),
  ...Object.values(YamlRuleIds),
  ...Object.values(SuppressionRuleIds),
]);

/**
 * Resolves the review date: the setting, else the first portfolio's valid `review_date`, else today.
 * `today` is injected so tests and the CLI decide what "today" is.
 */
export function createAuditContext(documents: readonly AnalyzedDocument[], settings: AuditSettings, today: string = todayIso()): AuditContext {
  const audited = documents.filter((document): document is AnalyzedDocument & { model: PlanAuditModel } => document.model !== undefined);
  const portfolio = audited.map((document) => document.model).find((model): model is Portfolio => model.kind === 'portfolio');
  const fiscalYearStartMonth = settings.fiscalYearStartMonth;
  const reviewDate =
    settings.reviewDate && isIsoDate(settings.reviewDate)
      ? settings.reviewDate
      : portfolio?.reviewDate && isIsoDate(portfolio.reviewDate)
        ? portfolio.reviewDate
        : today;
  const workspace: WorkspaceView = createWorkspaceView(audited.map((document) => createAuditedDocument(document.uri, document.text, document.model)));
  return { reviewDate, reviewFiscalYear: fiscalYearOfDate(reviewDate, fiscalYearStartMonth), fiscalYearStartMonth, workspace };
}

/** The folder part of a URI (`file:///a/b/c.yaml` → `file:///a/b/`); empty when it has none. */
function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}

/**
 * Splits a workspace into portfolio scopes. A portfolio governs the plan-audit files in its folder and
 * below; a file belongs to the nearest portfolio above it, so a folder of samples from two agencies is
 * audited as two workspaces, each with its own portfolio and review date. Files under no portfolio form
 * one scope of their own. Portfolios in the same folder share a scope (and are reported as a conflict).
 */
export function groupByPortfolioScope(documents: readonly AnalyzedDocument[]): AnalyzedDocument[][] {
  const portfolioFolders = new Set(documents.filter((document) => document.kind === 'portfolio').map((document) => folderOf(document.uri)));
  portfolioFolders.delete('');
  const groups = new Map<string, AnalyzedDocument[]>();
  for (const document of documents) {
    // The longest portfolio folder that is a prefix of the uri. A folder ends with `/`, so it can only be
    // the uri up to one of its slashes: trying those, nearest first, costs the uri's depth, not the
    // number of portfolios.
    let scope = '';
    let slash = portfolioFolders.size > 0 ? document.uri.lastIndexOf('/') : -1;
    while (slash >= 0) {
      const folder = document.uri.slice(0, slash + 1);
      if (portfolioFolders.has(folder)) {
        scope = folder;
        break;
      }
      slash = slash > 0 ? document.uri.lastIndexOf('/', slash - 1) : -1;
    }
    const group = groups.get(scope);
    if (group) {
      group.push(document);
    } else {
      groups.set(scope, [document]);
    }
  }
  return [...groups.values()];
}

/** The documents in the same portfolio scope as `uri` (see `groupByPortfolioScope`), `uri`'s own included. */
export function scopeOf(uri: string, documents: readonly AnalyzedDocument[]): AnalyzedDocument[] {
  return groupByPortfolioScope(documents).find((group) => group.some((document) => document.uri === uri)) ?? documents.filter((d) => d.uri === uri);
}

/** Audits every document of a workspace, each in its portfolio scope. Returns findings per URI. */
export function auditWorkspace(documents: readonly AnalyzedDocument[], settings: AuditSettings, today: string = todayIso()): Map<string, Finding[]> {
  const result = new Map<string, Finding[]>();
  for (const group of groupByPortfolioScope(documents)) {
    const context = createAuditContext(group, settings, today);
    for (const document of group) {
      result.set(document.uri, auditDocument(document, context, settings));
    }
  }
  return result;
}

/**
 * Runs the rules on one analysed document and applies severities and exceptions. Suppressed findings
 * are kept (marked `suppressed`) so the CLI can list them; the editor hides them.
 */
export function auditDocument(document: AnalyzedDocument, context: AuditContext, settings: AuditSettings): Finding[] {
  const findings: Finding[] = [...document.baseFindings];
  if (document.model && document.kind) {
    const audited = createAuditedDocument(document.uri, document.text, document.model);
    for (const rule of rules) {
      if (!rule.kinds.includes(document.kind) || settings.rules[rule.id] === 'off') {
        continue;
      }
      const report = (finding: RuleReport) => {
        const fixes = finding.fixes;
        const reported: Finding = {
          ruleId: rule.id,
          severity: finding.severity ?? rule.defaultSeverity,
          message: finding.message,
          uri: document.uri,
          span: finding.span,
          fixes: typeof fixes === 'function' ? undefined : fixes,
          related: finding.related,
        };
        if (typeof fixes === 'function') {
          buildFixesOnFirstRead(reported, fixes);
        }
        findings.push(reported);
      };
      try {
        rule.check(audited, context, report);
      } catch (error) {
        // A rule bug must not hide the other findings; report it where the user will see it.
        findings.push({
          ruleId: rule.id,
          severity: 'error',
          message: `Plan Audit could not run rule \`${rule.id}\` on this file (${error instanceof Error ? error.message : String(error)}). Please report this.`,
          uri: document.uri,
          span: [0, 0],
        });
      }
    }
  }
  const configured = findings.filter((finding) => settings.rules[finding.ruleId] !== 'off');
  const withOverrides = configured.map((finding) => {
    const override = settings.rules[finding.ruleId];
    return override && override !== 'off' && override !== finding.severity ? { ...finding, severity: override } : finding;
  });
  return sortFindings(applySuppressions(document.uri, document.text, withOverrides, knownRuleIds));
}
