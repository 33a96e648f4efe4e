/**
 * Repeated keys and ids, which YAML and JSON Schema cannot see once the document is data:
 *
 * - `duplicate-key`: a key repeated in one map, reported on the second (and later) occurrence with the
 *   first as related location; only the first is read, everywhere in Plan Audit;
 * - `duplicate-id`: an `id` used twice within one file, reported on the later `id` value with the first
 *   as related location. Goals, objectives and measures share one id space per plan; positions, areas
 *   and recommendation items each have their own per file.
 *
 * Linear in the size of the tree. With the `units` of an `AnalysisCache`, shared units found clean and
 * the id entries of shared goals are kept by node, so an edit re-checks only the units it touched.
 * Never throws.
 */
import type { UnitCaches } from './analysisCache';
import { appendAll } from './arrays';
import type { Finding } from './findings';
import type { PlanKind } from './model';
import { SchemaRuleIds } from './schemaRuleIds';
import { quoteKey, withArticle } from './schemaWording';
import type { MapNode, ScalarNode, TreeNode } from './tree';
import { duplicatePairs, getPair, getSeq, isKnownWithoutDuplicateKeys, isSharedUnit, spanOf } from './tree';

export function checkDuplicates(uri: string, root: TreeNode, kind: PlanKind, units?: UnitCaches): Finding[] {
  const findings: Finding[] = [];
  if (!isKnownWithoutDuplicateKeys(root)) {
    collectDuplicateKeys(uri, root, findings, units);
  }
  if (root.kind === 'map') {
    collectDuplicateIds(uri, idEntries(root, kind, units), kind, findings);
  }
  return findings;
}

/** Reports repeated keys in every map under `node`; returns true when there were none. */
function collectDuplicateKeys(uri: string, node: TreeNode, findings: Finding[], units: UnitCaches | undefined): boolean {
  let clean = true;
  if (node.kind === 'map') {
    if (node.pairs.length > 1) {
      for (const [pair, earlier] of duplicatePairs(node.pairs) ?? []) {
        const key = String(pair.key.value);
        clean = false;
        findings.push({
          ruleId: SchemaRuleIds.duplicateKey,
          severity: 'error',
          message: `Duplicate key ${quoteKey(key)}: this map already has ${quoteKey(key)} above, and only the first one is read. Remove this one or merge it into the first.`,
          uri,
          span: spanOf(pair.key),
          related: [{ uri, span: spanOf(earlier.key), message: `${quoteKey(key)} first appears here` }],
        });
      }
    }
    for (const pair of node.pairs) {
      if (pair.value.kind !== 'scalar' && !collectDuplicateKeys(uri, pair.value, findings, units)) {
        clean = false;
      }
    }
  } else if (node.kind === 'seq') {
    for (const item of node.items) {
      if (item.kind === 'scalar' || units?.withoutDuplicateKeys.has(item as MapNode)) {
        continue;
      }
      if (collectDuplicateKeys(uri, item, findings, units)) {
        if (units && isSharedUnit(item)) {
          units.withoutDuplicateKeys.add(item);
        }
      } else {
        clean = false;
      }
    }
  }
  return clean;
}

/** An entry that carries an id, with what it is for messages ("measure"). */
export interface IdEntry {
  readonly id: string;
  readonly node: ScalarNode;
  readonly label: string;
}

/** The entries whose ids must be unique within one file of `kind`, in document order. */
function idEntries(root: MapNode, kind: PlanKind, units: UnitCaches | undefined): IdEntry[] {
  const entries: IdEntry[] = [];
  switch (kind) {
    case 'plan':
      for (const goal of getSeq(root, 'goals')?.items ?? []) {
        if (units && isSharedUnit(goal)) {
          appendAll(entries, goalIdEntries(goal, units.goalIdEntries));
        } else {
          addGoalIdEntries(goal, entries);
        }
      }
      break;
    case 'staffing':
      addIdEntries(getSeq(root, 'positions')?.items, 'position', entries);
      break;
    case 'portfolio':
      addIdEntries(getSeq(root, 'areas')?.items, 'area', entries);
      break;
    case 'recommendations':
      addIdEntries(getSeq(root, 'items')?.items, 'recommendation', entries);
      break;
  }
  // A goal may list `measures` before `objectives`; "first" means first in the text.
  return isSortedBySpan(entries) ? entries : entries.sort((a, b) => a.node.start - b.node.start);
}

/** The id entries of a goal, its objectives and its measures; computed once per shared goal node. */
function goalIdEntries(goal: MapNode, goalEntries: WeakMap<MapNode, readonly IdEntry[]>): readonly IdEntry[] {
  let entries = goalEntries.get(goal);
  if (!entries) {
    const collected: IdEntry[] = [];
    addGoalIdEntries(goal, collected);
    entries = collected;
    goalEntries.set(goal, entries);
  }
  return entries;
}

function addGoalIdEntries(goal: TreeNode, entries: IdEntry[]): void {
  if (goal.kind !== 'map') {
    return;
  }
  addIdEntry(goal, 'goal', entries);
  for (const objective of getSeq(goal, 'objectives')?.items ?? []) {
    if (objective.kind === 'map') {
      addIdEntry(objective, 'objective', entries);
      addIdEntries(getSeq(objective, 'measures')?.items, 'measure', entries);
    }
  }
  addIdEntries(getSeq(goal, 'measures')?.items, 'measure', entries);
}

/** Appends the id entry of each map in `items`. */
function addIdEntries(items: readonly TreeNode[] | undefined, label: string, entries: IdEntry[]): void {
  for (const item of items ?? []) {
    if (item.kind === 'map') {
      addIdEntry(item, label, entries);
    }
  }
}

/** Appends the entry's id when it has one (a scalar other than null or empty). */
function addIdEntry(item: MapNode, label: string, entries: IdEntry[]): void {
  const value = getPair(item, 'id')?.value;
  if (value?.kind === 'scalar' && value.value !== null && value.value !== '') {
    entries.push({ id: String(value.value), node: value, label });
  }
}

function isSortedBySpan(entries: readonly IdEntry[]): boolean {
  for (let index = 1; index < entries.length; index++) {
    if (entries[index].node.start < entries[index - 1].node.start) {
      return false;
    }
  }
  return true;
}

const idScopes: Readonly<Record<PlanKind, string>> = {
  plan: 'Goals, objectives and measures need distinct ids within a plan',
  staffing: 'Positions need distinct ids within a staffing file',
  portfolio: 'Areas need distinct ids within a portfolio',
  recommendations: 'Recommendations need distinct ids within a file',
};

function collectDuplicateIds(uri: string, entries: readonly IdEntry[], kind: PlanKind, findings: Finding[]): void {
  const first = new Map<string, IdEntry>();
  for (const entry of entries) {
    const earlier = first.get(entry.id);
    if (!earlier) {
      first.set(entry.id, entry);
      continue;
    }
    findings.push({
      ruleId: SchemaRuleIds.duplicateId,
      severity: 'error',
      message: `Duplicate id \`${entry.id}\`: ${withArticle(earlier.label)} above already has it. ${idScopes[kind]}, so that findings and the summary can tell them apart.`,
      uri,
      span: spanOf(entry.node),
      related: [{ uri, span: spanOf(earlier.node), message: `\`${entry.id}\` first used here, by ${withArticle(earlier.label)}` }],
    });
  }
}
