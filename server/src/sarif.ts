/**
 * `plan-audit check --format sarif`: the findings as a SARIF 2.1.0 log (OASIS Static Analysis Results
 * Interchange Format), for CI systems and code-scanning dashboards.
 *
 * - `runs[0].tool.driver.rules[]`: every finding source: each registry rule with its title
 *   (`shortDescription`), criterion (`fullDescription`, `help`), docs page (`helpUri`) and default level;
 *   then the YAML, schema and exception checks, which are not registry rules.
 * - `runs[0].results[]`: one result per finding, with `ruleId`/`ruleIndex`, `level` (error, warning, or
 *   note for information and hint), the message, the location (artifact URI relative to `%SRCROOT%`,
 *   the folder the CLI ran in, declared in `originalUriBaseIds`; 1-based lines and columns counted in
 *   UTF-16 code units, `columnKind: utf16CodeUnits`), related locations, and the quick fixes as SARIF
 *   `fixes`. Findings suppressed by a justified exception are included with
 *   `suppressions: [{kind: 'inSource', status: 'accepted', justification}]`, as SARIF intends, whatever
 *   `--show-suppressed` says: dashboards show them as suppressed.
 * - `helpUri` must be an absolute URI (SARIF §3.49.12); it is the `file:` URI of the docs page in the
 *   installed package (the same page the editor links to), unless `docsBaseUri` names another base.
 */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CheckResult } from './checkCommand';
import type { Finding, Severity, Span } from './core/findings';
import { LineIndex } from './core/lines';
import { ruleDocsPath } from './core/rule';
import { rules } from './core/rules/index';
import { version as packageVersion } from '../../package.json';

export const sarifVersion = '2.1.0';
/** The schema URI written in `$schema` (the SchemaStore copy of the OASIS SARIF 2.1.0 schema). */
export const sarifSchemaUri = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The uriBaseId artifact locations are relative to: the folder the check ran in. */
export const sourceRootId = 'SRCROOT';

// --- The subset of the SARIF object model this module writes (names and shapes as in the spec) ---------

export interface SarifMessage {
  readonly text: string;
  readonly markdown?: string;
}
export interface SarifArtifactLocation {
  readonly uri: string;
  readonly uriBaseId?: string;
}
export interface SarifRegion {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}
export interface SarifPhysicalLocation {
  readonly artifactLocation: SarifArtifactLocation;
  readonly region?: SarifRegion;
}
export interface SarifLocation {
  readonly id?: number;
  readonly physicalLocation: SarifPhysicalLocation;
  readonly message?: SarifMessage;
}
export type SarifLevel = 'none' | 'note' | 'warning' | 'error';
export interface SarifReportingDescriptor {
  readonly id: string;
  readonly name?: string;
  readonly shortDescription?: SarifMessage;
  readonly fullDescription?: SarifMessage;
  readonly help?: SarifMessage;
  readonly helpUri?: string;
  readonly defaultConfiguration?: { readonly level: SarifLevel; readonly enabled?: boolean };
  readonly properties?: Readonly<Record<string, unknown>>;
}
export interface SarifSuppression {
  readonly kind: 'inSource' | 'external';
  readonly status?: 'accepted' | 'underReview' | 'rejected';
  readonly justification?: string;
  readonly location?: SarifLocation;
}
export interface SarifReplacement {
  readonly deletedRegion: SarifRegion;
  readonly insertedContent?: { readonly text: string };
}
export interface SarifFix {
  readonly description?: SarifMessage;
  readonly artifactChanges: readonly { readonly artifactLocation: SarifArtifactLocation; readonly replacements: readonly SarifReplacement[] }[];
}
export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex?: number;
  readonly level: SarifLevel;
  readonly message: SarifMessage;
  readonly locations: readonly SarifLocation[];
  readonly relatedLocations?: readonly SarifLocation[];
  readonly suppressions?: readonly SarifSuppression[];
  readonly fixes?: readonly SarifFix[];
}
export interface SarifNotification {
  readonly level: SarifLevel;
  readonly message: SarifMessage;
}
export interface SarifRun {
  readonly tool: {
    readonly driver: {
      readonly name: string;
      readonly fullName?: string;
      readonly version: string;
      readonly semanticVersion?: string;
      readonly informationUri?: string;
      readonly rules: readonly SarifReportingDescriptor[];
    };
  };
  readonly invocations: readonly { readonly executionSuccessful: boolean; readonly toolExecutionNotifications?: readonly SarifNotification[] }[];
  readonly originalUriBaseIds: Readonly<Record<string, { readonly uri: string; readonly description?: SarifMessage }>>;
  readonly columnKind: 'utf16CodeUnits';
  readonly results: readonly SarifResult[];
  readonly properties?: Readonly<Record<string, unknown>>;
}
export interface SarifLog {
  readonly $schema: string;
  readonly version: typeof sarifVersion;
  readonly runs: readonly SarifRun[];
}

// --- Finding sources ----------------------------------------------------------------------------------

/** Finding sources that are not registry rules: YAML, schema and exception checks. */
export const builtInChecks: readonly { readonly id: string; readonly title: string; readonly level: SarifLevel; readonly criterion: string }[] = [
  { id: 'yaml-syntax', title: 'YAML syntax error', level: 'error', criterion: 'YAML 1.2: the file must be well-formed YAML.' },
  { id: 'resource-limit', title: 'Input over Plan Audit’s limits', level: 'error', criterion: 'Plan Audit bounds file size, alias expansion and nesting depth so that no input can hang or exhaust it.' },
  { id: 'duplicate-key', title: 'Key repeated in one map', level: 'error', criterion: 'YAML 1.2: keys of a mapping are unique; only the first occurrence is read.' },
  { id: 'schema', title: 'Value that does not match the plan format', level: 'error', criterion: 'The Plan Audit plan format (schemas/*.schema.json): kinds, required keys, types, enums and ranges.' },
  { id: 'exception-without-reason', title: 'Exception without a reason', level: 'warning', criterion: 'Justified exceptions: `# plan-audit-disable… <rule-id> -- <reason>` must say why the rule does not apply.' },
  { id: 'exception-unused', title: 'Exception that suppresses nothing', level: 'warning', criterion: 'Justified exceptions stay current: an exception that no longer suppresses a finding is reported.' },
];

const levelOf: Readonly<Record<Severity, SarifLevel>> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** `measure-without-target` → `MeasureWithoutTarget` (SARIF `name`: a readable identifier). */
function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/** The installed package root: the folder holding `docs/rules/` (`dist/..` when bundled, else the repo root). */
export function packageRoot(): string {
  const candidates = [path.resolve(__dirname, '..'), path.resolve(__dirname, '../..')];
  return candidates.find((candidate) => fs.existsSync(path.join(candidate, 'docs', 'rules'))) ?? candidates[0];
}

export interface SarifOptions {
  /** The folder the check ran in: `%SRCROOT%`, the base of relative artifact URIs. */
  readonly cwd: string;
  /** Absolute URI (ending in `/`) that `docs/rules/<id>.md` is resolved against; default: the package root. */
  readonly docsBaseUri?: string;
  /** Absolute URI of the tool's home page; default: the package README. */
  readonly informationUri?: string;
  readonly toolVersion?: string;
}

/** Builds the SARIF log of a check run. */
export function toSarifLog(result: Pick<CheckResult, 'documents' | 'findings' | 'problems' | 'reviewDate'>, options: SarifOptions): SarifLog {
  const root = packageRoot();
  const docsBase = options.docsBaseUri ?? withSlash(pathToFileURL(root).href);
  const informationUri = options.informationUri ?? new URL('README.md', docsBase).href;
  const toolVersion = options.toolVersion ?? packageVersion;
  const sourceRoot = withSlash(pathToFileURL(path.resolve(options.cwd)).href);

  const descriptors: SarifReportingDescriptor[] = [];
  const indexOf = new Map<string, number>();
  const addDescriptor = (descriptor: SarifReportingDescriptor) => {
    if (!indexOf.has(descriptor.id)) {
      indexOf.set(descriptor.id, descriptors.length);
      descriptors.push(descriptor);
    }
  };
  const helpUri = (id: string) => new URL(ruleDocsPath(id), docsBase).href;
  for (const rule of rules) {
    addDescriptor({
      id: rule.id,
      name: pascalCase(rule.id),
      shortDescription: { text: rule.title },
      fullDescription: { text: rule.criterion },
      help: {
        text: `${rule.title}. Criterion: ${rule.criterion} Documentation: ${ruleDocsPath(rule.id)}`,
        markdown: `**${rule.title}**\n\nCriterion: ${rule.criterion}\n\nSee [${ruleDocsPath(rule.id)}](${helpUri(rule.id)}) for an example, the fix, and how to justify an exception.`,
      },
      helpUri: helpUri(rule.id),
      defaultConfiguration: { level: levelOf[rule.defaultSeverity] },
      properties: { tags: rule.crossFile ? ['plan-audit', 'cross-file'] : ['plan-audit'] },
    });
  }
  for (const check of builtInChecks) {
    addDescriptor({
      id: check.id,
      name: pascalCase(check.id),
      shortDescription: { text: check.title },
      fullDescription: { text: check.criterion },
      help: { text: `${check.title}. ${check.criterion} Documentation: ${ruleDocsPath(check.id)}` },
      helpUri: helpUri(check.id),
      defaultConfiguration: { level: check.level },
      properties: { tags: ['plan-audit'] },
    });
  }
  // Any other source a future check may add still gets a descriptor, so every ruleIndex resolves.
  for (const finding of result.findings) {
    addDescriptor({ id: finding.ruleId, name: pascalCase(finding.ruleId), shortDescription: { text: finding.ruleId } });
  }

  const lineIndexes = new Map(result.documents.map((document) => [document.uri, new LineIndex(document.text)]));
  const locate = (uri: string, span: Span): SarifPhysicalLocation => {
    const artifactLocation = artifactFor(uri, sourceRoot);
    const index = lineIndexes.get(uri);
    return index ? { artifactLocation, region: regionOf(index, span) } : { artifactLocation };
  };

  const results = result.findings.map((finding): SarifResult => toResult(finding, indexOf.get(finding.ruleId), locate));
  const notifications: SarifNotification[] = result.problems.map((problem) => ({ level: 'error', message: { text: problem } }));
  return {
    $schema: sarifSchemaUri,
    version: sarifVersion,
    runs: [
      {
        tool: {
          driver: {
            name: 'Plan Audit',
            fullName: `Plan Audit ${toolVersion}`,
            version: toolVersion,
            semanticVersion: toolVersion,
            informationUri,
            rules: descriptors,
          },
        },
        invocations: [{ executionSuccessful: !result.problems.some((problem) => problem.endsWith('no such file or folder')), ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
        originalUriBaseIds: { [sourceRootId]: { uri: sourceRoot, description: { text: 'The folder plan-audit check ran in.' } } },
        columnKind: 'utf16CodeUnits',
        results,
        properties: { reviewDate: result.reviewDate },
      },
    ],
  };
}

/** The SARIF log as JSON text (what `--format sarif` prints). */
export function formatSarif(result: Pick<CheckResult, 'documents' | 'findings' | 'problems' | 'reviewDate'>, cwd: string, options: Omit<SarifOptions, 'cwd'> = {}): string {
  return JSON.stringify(toSarifLog(result, { ...options, cwd }), null, 2) + '\n';
}

function toResult(finding: Finding, ruleIndex: number | undefined, locate: (uri: string, span: Span) => SarifPhysicalLocation): SarifResult {
  const related = (finding.related ?? []).map((location, index): SarifLocation => ({ id: index + 1, physicalLocation: locate(location.uri, location.span), message: { text: location.message } }));
  const fixes = (finding.fixes ?? []).map(
    (fix): SarifFix => ({
      description: { text: stripBackticks(fix.title) },
      artifactChanges: [
        {
          artifactLocation: locate(finding.uri, finding.span).artifactLocation,
          replacements: fix.edits.map((edit) => ({
            deletedRegion: locate(finding.uri, [edit.offset, edit.offset + edit.deleteCount]).region ?? { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
            insertedContent: { text: edit.insertText },
          })),
        },
      ],
    }),
  );
  return {
    ruleId: finding.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: levelOf[finding.severity],
    message: { text: finding.message },
    locations: [{ physicalLocation: locate(finding.uri, finding.span) }],
    ...(related.length > 0 ? { relatedLocations: related } : {}),
    ...(finding.suppressed
      ? {
          suppressions: [
            {
              kind: 'inSource' as const,
              status: 'accepted' as const,
              justification: finding.suppressed.reason,
              location: { physicalLocation: locate(finding.uri, finding.suppressed.span) },
            },
          ],
        }
      : {}),
    ...(fixes.length > 0 ? { fixes } : {}),
  };
}

/** 1-based lines and columns; `endColumn` is the column just past the last character (SARIF §3.30). */
function regionOf(index: LineIndex, span: Span): SarifRegion {
  const start = index.position(span[0]);
  const end = index.position(Math.max(span[1], span[0]));
  return { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

/** A file URI as a location relative to `%SRCROOT%` when it lies inside it, else absolute. */
function artifactFor(uri: string, sourceRoot: string): SarifArtifactLocation {
  return uri.startsWith(sourceRoot) ? { uri: uri.slice(sourceRoot.length), uriBaseId: sourceRootId } : { uri };
}

function withSlash(uri: string): string {
  return uri.endsWith('/') ? uri : `${uri}/`;
}

function stripBackticks(text: string): string {
  return text.replace(/`/g, '');
}
