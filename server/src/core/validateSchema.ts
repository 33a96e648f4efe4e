/**
 * Schema validation of plan-audit files, reported on the located tree.
 *
 * The JSON Schemas in `schemas/` are the single source of truth for what each kind may contain; ajv
 * checks them (`schemaValidators.ts`), ajv's errors are collapsed into one problem per cause
 * (`schemaProblems.ts`) and each problem becomes a finding at the exact YAML node, worded for an
 * auditor (`schemaErrorMapper.ts`, `schemaWording.ts`): dotted field paths such as
 * `goals[0].measures[2].unit`, what was expected, what was found. Repeated keys and ids are checked in
 * `duplicateChecks.ts`.
 *
 * Pure: no file system, no editor API, no state of its own: the compiled validators and the per-unit
 * results come in the caller's `AnalysisCache`.
 */
import type { AnalysisCache } from './analysisCache';
import { appendAll } from './arrays';
import type { Finding } from './findings';
import type { PlanKind } from './model';
import type { JsonSchema } from './schemaErrorMapper';
import { ErrorMapper } from './schemaErrorMapper';
import type { Problem } from './schemaProblems';
import { SchemaRuleIds } from './schemaRuleIds';
import { collectProblems, schemaSources } from './schemaValidators';
import type { MapNode, TreeNode } from './tree';
import { getMap, getNumber, getPair, getSeq, spanOf } from './tree';

export { SchemaRuleIds } from './schemaRuleIds';

const schemas: Readonly<Record<PlanKind, JsonSchema>> = schemaSources;

/**
 * Validates a document against the schema of `kind` and reports every violation as an error finding
 * (rule id `schema`) on the node it concerns:
 *
 * - a wrong type, value, range, pattern or enum: on the value (on the key when the value is empty);
 * - missing required keys: on the key of the map that lacks them (the `kind` key for the root map, the
 *   first key for an entry of a list), one finding per map;
 * - an unknown key: on that key, with a "Rename to …" fix when a close allowed key exists;
 * - checks JSON Schema cannot express: real calendar dates (2017-02-30 is not one) and fiscal-year
 *   ranges whose `start` is after their `end`.
 *
 * Alternatives (`anyOf`) are collapsed into one finding, and no node gets two findings for one cause.
 * The validators come from `cache.schemaValidators`; with `cache.units`, the problems of units shared with
 * the last version are reused, and so are those of units an edit only moved (`movedItems`: new node → old
 * node). Never throws.
 */
export function validateSchema(uri: string, root: TreeNode, kind: PlanKind, cache: AnalysisCache, movedItems?: ReadonlyMap<TreeNode, TreeNode>): Finding[] {
  const problems: Problem[] = [];
  collectProblems(cache.schemaValidators.forKind(kind), undefined, root, '', problems, cache.units?.schemaResults, movedItems);
  const findings: Finding[] = [];
  if (problems.length > 0) {
    const mapper = new ErrorMapper(uri, root, schemas[kind]);
    for (const problem of problems) {
      findings.push(mapper.toFinding(problem));
    }
  }
  appendAll(findings, checkRanges(uri, root, kind));
  return dedupe(findings);
}

/** Fiscal-year ranges whose `start` is after their `end`: a plan's `period`, a position's optimal years. */
function checkRanges(uri: string, root: TreeNode, kind: PlanKind): Finding[] {
  if (root.kind !== 'map') {
    return [];
  }
  const findings: Finding[] = [];
  const check = (range: MapNode | undefined, path: string) => {
    const start = getPair(range, 'start');
    const end = getPair(range, 'end');
    const startYear = getNumber(range, 'start');
    const endYear = getNumber(range, 'end');
    if (!start || !end || startYear === undefined || endYear === undefined || startYear <= endYear) {
      return;
    }
    findings.push({
      ruleId: SchemaRuleIds.schema,
      severity: 'error',
      message: `\`${path}\` ends in FY${endYear}, before it starts in FY${startYear}: \`end\` should be ${startYear} or later`,
      uri,
      span: spanOf(end.value),
      related: [{ uri, span: spanOf(start.value), message: `\`${path}\` starts in FY${startYear} here` }],
    });
  };
  if (kind === 'plan') {
    check(getMap(root, 'period'), 'period');
  } else if (kind === 'staffing') {
    getSeq(root, 'positions')?.items.forEach((position, index) => {
      if (position.kind === 'map') {
        check(getMap(getMap(position, 'optimal'), 'fiscal_years'), `positions[${index}].optimal.fiscal_years`);
      }
    });
  }
  return findings;
}

/** Drops a finding identical in span and message to an earlier one. */
function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.span[0]}:${finding.span[1]}:${finding.message}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}
