/**
 * Deterministic generator of plan files (`kind: plan`, see docs/plan-format.md and schemas/plan.schema.json)
 * for the benchmark and for the parse-path equivalence tests.
 *
 * The same `(measures, seed)` always gives the same content: a seeded PRNG (mulberry32) drives every
 * choice. The plans look like real ones: goals with objectives and measures, realistic names, units, data
 * sources, baselines, targets and actuals. About 20% of the measures have no targets (so
 * `measure-without-target` fires), and exactly three schema errors are planted far apart (an unknown key, a
 * wrong type, a value outside an enum), which is what a schema-only validator such as yaml-language-server
 * should report.
 *
 * The content is drawn first, then written in one of several YAML styles (planStyles.ts). Every style
 * gives the same data (`yaml.parse` of each equals that of `plain`; test/unit/generatePlan.test.ts), so
 * the same findings: only the way the YAML is written differs. `plain` is the text this generator has
 * always produced, byte for byte.
 */
import type { PlanStyle } from './planStyles';
import { dataSources, renderPlan } from './planStyles';

export type { PlanStyle } from './planStyles';
export { dataSources, planStyles, styleDescriptions } from './planStyles';

/** A replacement of `length` characters at `offset` by `newText`. */
export interface TextEdit {
  readonly offset: number;
  readonly length: number;
  readonly newText: string;
}

/** One generated plan and what a benchmark needs to know about it. */
export interface GeneratedPlan {
  readonly text: string;
  readonly measures: number;
  readonly style: PlanStyle;
  /** Measures generated without `targets` (and without `target_not_applicable`). */
  readonly measuresWithoutTargets: number;
  /** Schema violations planted: the diagnostics a schema-only validator must report. */
  readonly schemaErrors: number;
  /**
   * A one-value edit that changes no finding: a target value in the middle of the file replaced by
   * another number of the same length.
   */
  readonly edit: TextEdit;
  /**
   * Where typing goes: right after the last character of the name of the measure that `edit` is in
   * (inside the quotes when the name is quoted). Text typed there without `:`, `#` or quotes keeps the
   * plan valid and changes no finding.
   */
  readonly typingOffset: number;
  /**
   * One edit that removes a whole goal (its lines, from its first to the next goal's first): a goal about
   * a third of the way in, holding neither the edited measure nor the first use of a data source (an
   * anchor in the `anchors` style). `schemaErrorsRemoved` planted errors go with it.
   */
  readonly goalDeletion: TextEdit & { readonly schemaErrorsRemoved: number; readonly measuresRemoved: number };
}

export interface GenerateOptions {
  readonly seed?: number;
  /** Plant the three schema errors (default true). */
  readonly schemaErrors?: boolean;
  /** How the YAML is written (default `plain`); see `styleDescriptions`. */
  readonly style?: PlanStyle;
}

export interface PlanRequest extends GenerateOptions {
  readonly measures: number;
}

/** mulberry32: a small, fast, well-distributed 32-bit PRNG; returns floats in [0, 1). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const agencies = [
  'U.S. Customs and Border Protection',
  'Bureau of Alcohol, Tobacco, Firearms and Explosives',
  'Food Safety and Inspection Service',
  'Office of the Inspector General',
  'Transportation Security Administration',
];
const offices = ['Office of Trade', 'Office of Field Operations', 'Office of Strategic Planning', 'Enforcement and Compliance', 'Regulatory Programs'];
const officials = ['Director, Trade Policy and Programs', 'Executive Director, Field Operations', 'Assistant Commissioner, Office of Trade', 'Chief Performance Officer'];
const verbs = ['Strengthen', 'Expand', 'Improve', 'Reduce', 'Modernize', 'Enforce', 'Protect', 'Streamline', 'Increase', 'Target'];
const objects = [
  'enforcement of trade laws',
  'targeting of high-risk shipments',
  'detection of counterfeit goods',
  'collection of duties owed',
  'inspection of imported food',
  'screening of outbound cargo',
  'coordination with partner agencies',
  'training of import specialists',
  'audits of importers',
  'tracing of recovered firearms',
];
const counted = [
  'audits completed',
  'seizures of counterfeit goods',
  'entries reviewed',
  'importers removed from a targeting rule',
  'shipments examined',
  'penalty cases closed',
  'firearms traced',
  'defendants charged',
  'labs accredited',
  'inspections performed',
  'nonaudit services delivered',
  'surveys conducted',
];
const qualifiers = ['AD/CVD-related', 'high-risk', 'priority', 'outbound', 'inbound', 'textile', 'agricultural', 'intellectual-property'];
const units = ['audits', 'seizures', 'entries', 'importers', 'shipments', 'cases', 'firearms', 'percent', 'days', 'dollars (millions)'];
const directions = ['increase', 'decrease', 'maintain'];

/** One measure's drawn content, before it is written in a style. */
export interface MeasureContent {
  /** 0-based; the measure's id is `m${index + 1}`. */
  readonly index: number;
  /** Preceded by a comment line (in every style). */
  readonly comment: boolean;
  readonly name: string;
  /** The name holds `: `, so it must be quoted. */
  readonly nameNeedsQuotes: boolean;
  readonly unit: string;
  readonly direction: string;
  /** Index into `dataSources`. */
  readonly source: number;
  /** Carries the planted unknown key. */
  readonly unknownKey: boolean;
  readonly baselineYear: number;
  /** The baseline's fiscal year is written as a quoted string (the planted wrong type). */
  readonly baselineYearAsText: boolean;
  readonly baseline: number;
  readonly targets?: readonly { readonly year: number; readonly value: string }[];
  readonly actuals?: readonly { readonly year: number; readonly value: number; readonly explanation?: string }[];
  /** Planted schema errors in this measure (0 or 1). */
  readonly schemaErrors: number;
}

export interface GoalContent {
  /** 1-based; the goal's id is `g${index}`. */
  readonly index: number;
  readonly title: string;
  /** Two lines of text, folded into one value with a space. */
  readonly description?: readonly [string, string];
  readonly objectives: readonly { readonly id: string; readonly title: string; readonly measures: readonly MeasureContent[] }[];
}

/** A plan's drawn content: what every style writes. */
export interface PlanContent {
  readonly measureCount: number;
  readonly planId: string;
  readonly title: string;
  readonly agency: string;
  readonly office: string;
  readonly owner: string;
  readonly issueArea: string;
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly goals: readonly GoalContent[];
  /** The measure whose first target `edit` changes and whose name typing extends. */
  readonly editMeasure: number;
  /** The goal that `goalDeletion` removes (1-based index), or undefined when no goal qualifies. */
  readonly deletedGoal?: number;
  readonly schemaErrors: number;
  readonly measuresWithoutTargets: number;
}

/**
 * Draws a plan's content. The order of the draws is that of the original single-style generator, so
 * `plain` keeps its bytes for every `(measures, seed)`.
 */
export function drawPlanContent(measureCount: number, seed: number, plantErrors: boolean): PlanContent {
  const random = createRandom(seed * 1_000_003 + measureCount);
  const pickIndex = (length: number) => Math.floor(random() * length);
  const pick = <T>(items: readonly T[]): T => items[pickIndex(items.length)];
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const start = int(2016, 2021);
  const end = start + int(1, 4);
  // Where the planted errors go: measures far apart, so each is reported on its own.
  const errorAt = new Map<number, 'unknown-key' | 'wrong-type' | 'enum'>();
  if (plantErrors && measureCount >= 3) {
    errorAt.set(Math.floor(measureCount * 0.1), 'unknown-key');
    errorAt.set(Math.floor(measureCount * 0.5) + 1, 'wrong-type');
    errorAt.set(Math.floor(measureCount * 0.9), 'enum');
  }
  const editMeasure = Math.floor(measureCount * 0.5);
  const planId = `plan-${measureCount}-${int(100, 999)}`;
  const title = `${pick(verbs)} ${pick(objects)}, fiscal years ${start}-${end}`;
  const agency = pick(agencies);
  const office = pick(offices);
  const owner = pick(officials);
  const issueArea = `area-${int(1, 7)}`;
  const goals: GoalContent[] = [];
  let withoutTargets = 0;
  let measureIndex = 0;
  while (measureIndex < measureCount) {
    const goalTitle = `${pick(verbs)} ${pick(objects)}`;
    const description: [string, string] | undefined =
      random() < 0.3 ? [`This goal covers the ${pick(objects)} and the ${pick(objects)}, as the agency's`, 'strategic plan describes them; progress is reported each fiscal year.'] : undefined;
    const objectives: GoalContent['objectives'][number][] = [];
    const objectiveCount = int(2, 4);
    for (let objectiveIndex = 1; objectiveIndex <= objectiveCount && measureIndex < measureCount; objectiveIndex++) {
      const objectiveTitle = `${pick(verbs)} ${pick(objects)}`;
      const measures: MeasureContent[] = [];
      const perObjective = int(3, 6);
      for (let k = 0; k < perObjective && measureIndex < measureCount; k++) {
        const index = measureIndex++;
        const planted = errorAt.get(index);
        const comment = random() < 0.15;
        const thing = pick(counted);
        const qualifier = pick(qualifiers);
        // Names with ": " must be quoted; real plans have them.
        const nameNeedsQuotes = random() < 0.1;
        const name = nameNeedsQuotes ? `Ratio: ${qualifier} ${thing} to those planned` : `Number of ${qualifier} ${thing}`;
        const unit = pick(units);
        const direction = planted === 'enum' ? 'sideways' : pick(directions);
        const source = pickIndex(dataSources.length);
        const base = int(50, 900);
        const hasTargets = index === editMeasure || random() >= 0.2;
        let targets: { year: number; value: string }[] | undefined;
        if (hasTargets) {
          targets = [];
          for (let year = start; year <= end; year++) {
            targets.push({ year, value: String(base + (year - start + 1) * int(5, 40)) });
          }
        } else {
          withoutTargets++;
        }
        let actuals: { year: number; value: number; explanation?: string }[] | undefined;
        if (random() < 0.6) {
          actuals = [];
          for (let year = start; year <= Math.min(end, start + 1); year++) {
            const value = base + int(-20, 60);
            actuals.push(random() < 0.1 ? { year, value, explanation: `Staffing shortfalls in the ${pick(offices)} delayed reviews.` } : { year, value });
          }
        }
        measures.push({
          index,
          comment,
          name,
          nameNeedsQuotes,
          unit,
          direction,
          source,
          unknownKey: planted === 'unknown-key',
          baselineYear: start - 1,
          baselineYearAsText: planted === 'wrong-type',
          baseline: base,
          targets,
          actuals,
          schemaErrors: planted ? 1 : 0,
        });
      }
      objectives.push({ id: `g${goals.length + 1}-o${objectiveIndex}`, title: objectiveTitle, measures });
    }
    goals.push({ index: goals.length + 1, title: goalTitle, description, objectives });
  }
  return {
    measureCount,
    planId,
    title,
    agency,
    office,
    owner,
    issueArea,
    type: end - start >= 3 ? 'strategic' : 'annual',
    start,
    end,
    goals,
    editMeasure,
    deletedGoal: goalToDelete(goals, measureCount, editMeasure),
    schemaErrors: errorAt.size,
    measuresWithoutTargets: withoutTargets,
  };
}

const measuresOf = (goal: GoalContent) => goal.objectives.flatMap((objective) => objective.measures);

/**
 * The goal that holds the measure a third of the way in, or the next one that holds neither the edited
 * measure nor the first use of a data source (which the `anchors` style anchors), and is not the only goal.
 */
function goalToDelete(goals: readonly GoalContent[], measureCount: number, editMeasure: number): number | undefined {
  if (goals.length < 2) {
    return undefined;
  }
  const firstUses = new Set<number>();
  const seen = new Set<number>();
  for (const measure of goals.flatMap(measuresOf)) {
    if (!seen.has(measure.source)) {
      seen.add(measure.source);
      firstUses.add(measure.index);
    }
  }
  const third = Math.floor(measureCount / 3);
  const startAt = goals.findIndex((goal) => measuresOf(goal).some((measure) => measure.index >= third));
  for (let index = Math.max(startAt, 0); index < goals.length; index++) {
    if (!measuresOf(goals[index]).some((measure) => measure.index === editMeasure || firstUses.has(measure.index))) {
      return goals[index].index;
    }
  }
  return undefined;
}

/** Generates a plan: `generatePlan({ measures, seed, style })`, or `generatePlan(measures, { seed, style })`. */
export function generatePlan(request: PlanRequest): GeneratedPlan;
export function generatePlan(measureCount: number, options?: GenerateOptions): GeneratedPlan;
export function generatePlan(requestOrCount: PlanRequest | number, options: GenerateOptions = {}): GeneratedPlan {
  const request: PlanRequest = typeof requestOrCount === 'number' ? { ...options, measures: requestOrCount } : requestOrCount;
  const style = request.style ?? 'plain';
  const content = drawPlanContent(request.measures, request.seed ?? 1, request.schemaErrors ?? true);
  const rendered = renderPlan(content, style);
  const deleted = content.goals.find((goal) => goal.index === content.deletedGoal);
  const deletedMeasures = deleted ? measuresOf(deleted) : [];
  return {
    text: rendered.text,
    measures: request.measures,
    style,
    measuresWithoutTargets: content.measuresWithoutTargets,
    schemaErrors: content.schemaErrors,
    edit: rendered.edit,
    typingOffset: rendered.typingOffset,
    goalDeletion: {
      ...rendered.goalDeletion,
      schemaErrorsRemoved: deletedMeasures.reduce((sum, measure) => sum + measure.schemaErrors, 0),
      measuresRemoved: deletedMeasures.length,
    },
  };
}

/** Applies an edit (by default the plan's one-value edit) to the plan's text. */
export function applyEdit(plan: GeneratedPlan, edit: TextEdit = plan.edit): string {
  return plan.text.slice(0, edit.offset) + edit.newText + plan.text.slice(edit.offset + edit.length);
}
