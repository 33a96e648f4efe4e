/**
 * The plan-audit kind a file's name implies. A file named `*.plan.yaml` (or `.staffing`, `.portfolio`,
 * `.recommendations`, `.yaml` or `.yml`) is a plan-audit file whatever its content: it is always
 * checked, and a missing or mistyped `kind` is reported rather than making the file invisible.
 * Pure string logic on a path or URI, shared by the core, the CLI and the server.
 */
import type { Finding, Span } from './findings';
import type { PlanKind } from './model';
import type { TreeNode } from './tree';
import { SchemaRuleIds } from './validateSchema';

const suffixKinds: readonly (readonly [suffix: string, kind: PlanKind])[] = [
  ['.plan.yaml', 'plan'],
  ['.plan.yml', 'plan'],
  ['.staffing.yaml', 'staffing'],
  ['.staffing.yml', 'staffing'],
  ['.portfolio.yaml', 'portfolio'],
  ['.portfolio.yml', 'portfolio'],
  ['.recommendations.yaml', 'recommendations'],
  ['.recommendations.yml', 'recommendations'],
];

/** File name endings that make a file a plan-audit file whatever its content. */
export const planFileSuffixes: readonly string[] = suffixKinds.map(([suffix]) => suffix);

/** The kind a file name (or URI) implies, e.g. `plan` for `adcvd.plan.yaml`; undefined for other names. */
export function kindFromFileName(fileName: string): PlanKind | undefined {
  const lower = fileName.toLowerCase();
  return suffixKinds.find(([suffix]) => lower.endsWith(suffix))?.[1];
}

/** Where the entries of each kind go, for the hint when a file is a bare list. */
const listKeys: Readonly<Record<PlanKind, string>> = { plan: 'goals', staffing: 'positions', portfolio: 'areas', recommendations: 'items' };

/**
 * The finding for a file whose name makes it a plan-audit file of `kind` but whose top level is not a
 * map: empty (or only comments), a single value, or a list. At the start of the file, as an error of
 * the `schema` check; undefined when the top level is a map.
 */
export function rootShapeFinding(uri: string, text: string, root: TreeNode | undefined, kind: PlanKind): Finding | undefined {
  if (root?.kind === 'map') {
    return undefined;
  }
  const start = `A ${kind} file is a map of keys that starts with \`kind: ${kind}\` and \`version: 1\` (see docs/plan-format.md).`;
  const firstLine = (node: TreeNode): Span => {
    const lineBreak = text.slice(node.start, node.end).search(/\r?\n/);
    return [node.start, lineBreak < 0 ? node.end : node.start + lineBreak];
  };
  const finding = (span: Span, message: string): Finding => ({ ruleId: SchemaRuleIds.schema, severity: 'error', message, uri, span });
  if (root === undefined || (root.kind === 'scalar' && root.value === null && root.start === root.end)) {
    return finding([0, 0], `This file is empty, so there is nothing to check. ${start}`);
  }
  if (root.kind === 'seq') {
    return finding(firstLine(root), `This file holds a list at the top, not a ${kind}. ${start} A list of entries goes under \`${listKeys[kind]}:\`.`);
  }
  return finding(firstLine(root), `This file holds a single value, not a ${kind}. ${start}`);
}
