/**
 * Typed views of the four plan-audit kinds over the located tree. Building a view never fails: values
 * of the wrong type are left out (the schema reports them), so rules see only well-typed data and can
 * still point at the exact node they are about.
 */
import type { MapNode, Pair, Scalar, ScalarNode, TreeNode } from './tree';
import { getMap, getMapItems, getNode, getNumber, getPair, getString, mapItemsOf, numberOf, stringOf } from './tree';
import { fiscalYearOfDate, isIsoDate } from './dates';
import { appendAll } from './arrays';

export type PlanKind = 'plan' | 'staffing' | 'portfolio' | 'recommendations';
export const planKinds: readonly PlanKind[] = ['plan', 'staffing', 'portfolio', 'recommendations'];

/** A `{fiscal_year, value}` entry (targets, actuals, baseline). */
export interface YearValue {
  readonly node: MapNode;
  readonly fiscalYear?: number;
  /** The raw value: a number when well formed; anything else is for `target-not-numeric` to judge. */
  readonly value: Scalar | undefined;
  readonly valueNode?: TreeNode;
  readonly asOf?: string;
  readonly explanation?: string;
}

export interface Measure {
  readonly node: MapNode;
  readonly id?: string;
  readonly name?: string;
  readonly unit?: string;
  readonly direction?: string;
  readonly dataSource?: string;
  readonly baseline?: YearValue;
  /** The `targets` pair when the key is present, whatever its value. */
  readonly targetsPair?: Pair;
  readonly targets: readonly YearValue[];
  /** The `target_not_applicable` pair when present (its reason may still be empty). */
  readonly targetNotApplicablePair?: Pair;
  readonly actuals: readonly YearValue[];
}

export interface Objective {
  readonly node: MapNode;
  readonly id?: string;
  readonly title?: string;
  readonly measures: readonly Measure[];
}

export interface Goal {
  readonly node: MapNode;
  readonly id?: string;
  readonly title?: string;
  readonly owner?: string;
  readonly objectives: readonly Objective[];
  /** Measures directly on the goal (not those of its objectives). */
  readonly measures: readonly Measure[];
}

export interface Period {
  readonly node: MapNode;
  readonly start?: number;
  readonly end?: number;
}

export interface Plan {
  readonly kind: 'plan';
  readonly node: MapNode;
  readonly id?: string;
  readonly title?: string;
  readonly agency?: string;
  readonly owner?: string;
  readonly issueArea?: string;
  readonly issueAreaNode?: ScalarNode;
  readonly type?: string;
  readonly status?: string;
  readonly period?: Period;
  readonly goals: readonly Goal[];
  /** Every measure of the plan, goal-level and objective-level, in document order (`allMeasures`). */
  readonly measures: readonly Measure[];
}

export interface StaffActual {
  readonly node: MapNode;
  /** The fiscal year the figure counts for: `as_of` decides when present, else `fiscal_year`. */
  readonly fiscalYear?: number;
  readonly value?: number;
  readonly asOf?: string;
}

export interface OptimalRange {
  readonly node: MapNode;
  readonly min?: number;
  readonly max?: number;
  readonly startYear?: number;
  readonly endYear?: number;
}

export interface Position {
  readonly node: MapNode;
  readonly id?: string;
  readonly title?: string;
  readonly office?: string;
  readonly mandatedMinimum?: number;
  readonly mandate?: string;
  readonly optimal?: OptimalRange;
  /** Actuals in ascending fiscal-year order; entries with no year or no value are left out. */
  readonly actuals: readonly StaffActual[];
  readonly hiringPlanPair?: Pair;
}

export interface Staffing {
  readonly kind: 'staffing';
  readonly node: MapNode;
  readonly id?: string;
  readonly agency?: string;
  readonly asOf?: string;
  readonly positions: readonly Position[];
}

export interface Area {
  readonly node: MapNode;
  readonly id?: string;
  readonly idNode?: ScalarNode;
  readonly title?: string;
}

export interface Portfolio {
  readonly kind: 'portfolio';
  readonly node: MapNode;
  readonly id?: string;
  readonly title?: string;
  readonly reviewDate?: string;
  readonly fiscalYearStartMonth?: number;
  readonly areas: readonly Area[];
}

export interface Recommendation {
  readonly node: MapNode;
  readonly id?: string;
  readonly source?: string;
  readonly report?: string;
  readonly issued?: string;
  readonly topic?: string;
  readonly agencyResponse?: string;
  readonly status?: string;
  readonly statusAsOf?: string;
  readonly estimatedCompletion?: string;
}

export interface Recommendations {
  readonly kind: 'recommendations';
  readonly node: MapNode;
  readonly id?: string;
  readonly items: readonly Recommendation[];
}

export type PlanAuditModel = Plan | Staffing | Portfolio | Recommendations;

/** Reads the top-level `kind` of a document; undefined when it is not a plan-audit document. */
export function detectKind(root: TreeNode | undefined): PlanKind | undefined {
  if (root?.kind !== 'map') {
    return undefined;
  }
  const kind = getString(root, 'kind');
  return planKinds.find((known) => known === kind);
}

/**
 * Builds the typed view for a document of a known kind. With `measureModels` (an `AnalysisCache`'s, for
 * a document whose units are shared between versions: see `isSharedUnit`), a measure's model is built
 * once per measure node and returned again.
 */
export function buildModel(root: MapNode, kind: PlanKind, fiscalYearStartMonth: number, measureModels?: WeakMap<MapNode, Measure>): PlanAuditModel {
  switch (kind) {
    case 'plan':
      return buildPlan(root, measureModels ? (node) => cachedMeasure(node, measureModels) : readMeasure);
    case 'staffing':
      return buildStaffing(root, fiscalYearStartMonth);
    case 'portfolio':
      return buildPortfolio(root);
    case 'recommendations':
      return buildRecommendations(root);
  }
}

function buildPlan(node: MapNode, measureOf: (node: MapNode) => Measure): Plan {
  const goals = getMapItems(node, 'goals').map((goal) => buildGoal(goal, measureOf));
  const periodNode = getMap(node, 'period');
  const issueAreaNode = getNode(node, 'issue_area');
  return {
    kind: 'plan',
    node,
    id: getString(node, 'id'),
    title: getString(node, 'title'),
    agency: getString(node, 'agency'),
    owner: getString(node, 'owner'),
    issueArea: getString(node, 'issue_area'),
    issueAreaNode: issueAreaNode?.kind === 'scalar' && issueAreaNode.value !== null ? issueAreaNode : undefined,
    type: getString(node, 'type'),
    status: getString(node, 'status'),
    period: periodNode ? { node: periodNode, start: getInteger(periodNode, 'start'), end: getInteger(periodNode, 'end') } : undefined,
    goals,
    measures: measuresInOrder(goals),
  };
}

function buildGoal(node: MapNode, measureOf: (node: MapNode) => Measure): Goal {
  return {
    node,
    id: getString(node, 'id'),
    title: getString(node, 'title'),
    owner: getString(node, 'owner'),
    objectives: getMapItems(node, 'objectives').map((objective) => ({
      node: objective,
      id: getString(objective, 'id'),
      title: getString(objective, 'title'),
      measures: getMapItems(objective, 'measures').map(measureOf),
    })),
    measures: getMapItems(node, 'measures').map(measureOf),
  };
}

/** A measure's model depends on its node alone, which an edit elsewhere leaves shared. */
function cachedMeasure(node: MapNode, measureModels: WeakMap<MapNode, Measure>): Measure {
  let measure = measureModels.get(node);
  if (!measure) {
    measure = readMeasure(node);
    measureModels.set(node, measure);
  }
  return measure;
}

/**
 * Measures and their year values are most of a plan: they are read in one pass over their pairs rather
 * than a `getPair` scan per field. The first pair of a key wins, as everywhere (`getPair`).
 */
function readMeasure(node: MapNode): Measure {
  let id: TreeNode | undefined;
  let name: TreeNode | undefined;
  let unit: TreeNode | undefined;
  let direction: TreeNode | undefined;
  let dataSource: TreeNode | undefined;
  let baseline: TreeNode | undefined;
  let targetsPair: Pair | undefined;
  let targetNotApplicablePair: Pair | undefined;
  let actuals: TreeNode | undefined;
  for (const pair of node.pairs) {
    switch (pair.key.value) {
      case 'id':
        id ??= pair.value;
        break;
      case 'name':
        name ??= pair.value;
        break;
      case 'unit':
        unit ??= pair.value;
        break;
      case 'direction':
        direction ??= pair.value;
        break;
      case 'data_source':
        dataSource ??= pair.value;
        break;
      case 'baseline':
        baseline ??= pair.value;
        break;
      case 'targets':
        targetsPair ??= pair;
        break;
      case 'target_not_applicable':
        targetNotApplicablePair ??= pair;
        break;
      case 'actuals':
        actuals ??= pair.value;
        break;
    }
  }
  return {
    node,
    id: stringOf(id),
    name: stringOf(name),
    unit: stringOf(unit),
    direction: stringOf(direction),
    dataSource: stringOf(dataSource),
    baseline: baseline?.kind === 'map' ? buildYearValue(baseline) : undefined,
    targetsPair,
    targets: mapItemsOf(targetsPair?.value).map(buildYearValue),
    targetNotApplicablePair,
    actuals: mapItemsOf(actuals).map(buildYearValue),
  };
}

function buildYearValue(node: MapNode): YearValue {
  let fiscalYear: TreeNode | undefined;
  let valueNode: TreeNode | undefined;
  let asOf: TreeNode | undefined;
  let explanation: TreeNode | undefined;
  for (const pair of node.pairs) {
    switch (pair.key.value) {
      case 'fiscal_year':
        fiscalYear ??= pair.value;
        break;
      case 'value':
        valueNode ??= pair.value;
        break;
      case 'as_of':
        asOf ??= pair.value;
        break;
      case 'explanation':
        explanation ??= pair.value;
        break;
    }
  }
  const year = numberOf(fiscalYear);
  return {
    node,
    fiscalYear: year !== undefined && Number.isInteger(year) ? year : undefined,
    value: valueNode?.kind === 'scalar' ? valueNode.value : undefined,
    valueNode,
    asOf: stringOf(asOf),
    explanation: stringOf(explanation),
  };
}

function buildStaffing(node: MapNode, fiscalYearStartMonth: number): Staffing {
  return {
    kind: 'staffing',
    node,
    id: getString(node, 'id'),
    agency: getString(node, 'agency'),
    asOf: getString(node, 'as_of'),
    positions: getMapItems(node, 'positions').map((position) => buildPosition(position, fiscalYearStartMonth)),
  };
}

function buildPosition(node: MapNode, fiscalYearStartMonth: number): Position {
  const optimalNode = getMap(node, 'optimal');
  const yearsNode = getMap(optimalNode, 'fiscal_years');
  const actuals: StaffActual[] = [];
  for (const actual of getMapItems(node, 'actuals')) {
    const asOf = getString(actual, 'as_of');
    const fiscalYear = asOf !== undefined && isIsoDate(asOf) ? fiscalYearOfDate(asOf, fiscalYearStartMonth) : getInteger(actual, 'fiscal_year');
    const value = getNumber(actual, 'value');
    // A negative head count is a schema error; leaving it out keeps the staffing rules from judging it.
    actuals.push({ node: actual, fiscalYear, value: value !== undefined && value >= 0 ? value : undefined, asOf });
  }
  actuals.sort((a, b) => (a.fiscalYear ?? 0) - (b.fiscalYear ?? 0));
  return {
    node,
    id: getString(node, 'id'),
    title: getString(node, 'title'),
    office: getString(node, 'office'),
    mandatedMinimum: getNumber(node, 'mandated_minimum'),
    mandate: getString(node, 'mandate'),
    optimal: optimalNode
      ? {
          node: optimalNode,
          min: getNumber(optimalNode, 'min'),
          max: getNumber(optimalNode, 'max'),
          startYear: getInteger(yearsNode, 'start'),
          endYear: getInteger(yearsNode, 'end'),
        }
      : undefined,
    actuals,
    hiringPlanPair: getPair(node, 'hiring_plan'),
  };
}

function buildPortfolio(node: MapNode): Portfolio {
  return {
    kind: 'portfolio',
    node,
    id: getString(node, 'id'),
    title: getString(node, 'title'),
    reviewDate: getString(node, 'review_date'),
    fiscalYearStartMonth: getInteger(node, 'fiscal_year_start_month'),
    areas: getMapItems(node, 'areas').map((area) => {
      const idNode = getNode(area, 'id');
      return {
        node: area,
        id: getString(area, 'id'),
        idNode: idNode?.kind === 'scalar' ? idNode : undefined,
        title: getString(area, 'title'),
      };
    }),
  };
}

function buildRecommendations(node: MapNode): Recommendations {
  return {
    kind: 'recommendations',
    node,
    id: getString(node, 'id'),
    items: getMapItems(node, 'items').map((item) => ({
      node: item,
      id: getString(item, 'id'),
      source: getString(item, 'source'),
      report: getString(item, 'report'),
      issued: getString(item, 'issued'),
      topic: getString(item, 'topic'),
      agencyResponse: getString(item, 'agency_response'),
      status: getString(item, 'status'),
      statusAsOf: getString(item, 'status_as_of'),
      estimatedCompletion: getString(item, 'estimated_completion'),
    })),
  };
}

function getInteger(map: MapNode | undefined, key: string): number | undefined {
  const value = getNumber(map, key);
  return value !== undefined && Number.isInteger(value) ? value : undefined;
}

/**
 * All measures of a plan, goal-level and objective-level, in document order. A dozen rules ask for them
 * on every audit, so the plan model holds the list; callers must not modify it.
 */
export function allMeasures(plan: Plan): readonly Measure[] {
  return plan.measures;
}

function measuresInOrder(goals: readonly Goal[]): readonly Measure[] {
  const list: Measure[] = [];
  for (const goal of goals) {
    appendAll(list, goal.measures);
    for (const objective of goal.objectives) {
      appendAll(list, objective.measures);
    }
  }
  // Usually in order already (objectives follow their goal's own measures); sort only if not.
  if (!list.every((measure, index) => index === 0 || list[index - 1].node.start <= measure.node.start)) {
    list.sort((a, b) => a.node.start - b.node.start);
  }
  return list;
}

/** The key to underline for an entry of a list: its `name`/`title` key, else its `id` key, else its first key. */
export function entryAnchor(node: MapNode, preferred: readonly string[] = ['name', 'title', 'id']): ScalarNode | TreeNode {
  for (const key of preferred) {
    const pair = getPair(node, key);
    if (pair) {
      return pair.key;
    }
  }
  return node.pairs[0]?.key ?? node;
}

/** A short human label for an entry: "`m1` (AD/CVD-related audits)" or whatever is known. */
export function describeEntry(id: string | undefined, name: string | undefined): string {
  if (id && name) {
    return `\`${id}\` (“${name}”)`;
  }
  if (id) {
    return `\`${id}\``;
  }
  return name ? `“${name}”` : '(no id)';
}
